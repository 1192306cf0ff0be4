#include "ledger_text.h"

namespace nagare::ledger_text {
namespace {

bool is_space_at(std::string_view text, std::size_t i, std::size_t& width) {
  if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') {
    width = 1;
    return true;
  }
  if (text.substr(i, 3) == "\u3000") {
    width = 3;
    return true;
  }
  return false;
}

}  // namespace

std::string narrow(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xEF && i + 2 < text.size()) {
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      const auto b2 = static_cast<unsigned char>(text[i + 2]);
      if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {  // U+FF01..U+FF3F
        out += static_cast<char>(b2 - 0x81 + 0x21);
        i += 2;
        continue;
      }
      if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {  // U+FF40..U+FF5E
        out += static_cast<char>(b2 - 0x80 + 0x60);
        i += 2;
        continue;
      }
    }
    if (text.substr(i, 3) == "\u3000") {
      out += ' ';
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

std::string trim(std::string_view text) {
  std::size_t width = 0;
  while (!text.empty() && is_space_at(text, 0, width)) text.remove_prefix(width);
  while (!text.empty()) {
    if (is_space_at(text, text.size() - 1, width)) {
      text.remove_suffix(1);
    } else if (text.size() >= 3 && text.substr(text.size() - 3) == "\u3000") {
      text.remove_suffix(3);
    } else {
      break;
    }
  }
  return std::string(text);
}

}  // namespace nagare::ledger_text
