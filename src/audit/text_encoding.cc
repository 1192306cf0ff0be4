// Decoding with glibc's iconv: its CP932 converter is Microsoft's table (the one Excel
// writes), and it refuses what is not in it rather than guessing.

#include "nagare/text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace nagare {
namespace {

using namespace std::literals;

constexpr const char* kNulProblem =
    "NUL 文字があります (BOM のない UTF-16 などは読めません。UTF-8 で保存してください)";
constexpr const char* kNulProblemEn =
    "a NUL character (UTF-16 without a byte-order mark cannot be read; save the file as UTF-8)";

struct Conversion {
  std::string out;  // converted so far (all of it on success)
  bool ok = false;
  std::size_t consumed = 0;  // input bytes converted
};

/// `bytes` from `from` to UTF-8, stopping at the first byte that is not valid in `from`.
Conversion convert(std::string_view bytes, const char* from) {
  iconv_t cd = ::iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    throw std::runtime_error(std::string("文字コード ") + from +
                             " の変換を使えません (glibc の gconv): " + std::strerror(errno));
  }
  Conversion result;
  result.out.resize(bytes.size() * 3 / 2 + 16);
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write
  std::size_t in_left = bytes.size();
  std::size_t done = 0;
  for (;;) {
    char* out = result.out.data() + done;
    std::size_t out_left = result.out.size() - done;
    const std::size_t rc = ::iconv(cd, &in, &in_left, &out, &out_left);
    done = result.out.size() - out_left;
    if (rc != static_cast<std::size_t>(-1)) {
      result.ok = in_left == 0;
      break;
    }
    if (errno != E2BIG) break;  // EILSEQ (an invalid byte) or EINVAL (cut short at the end)
    result.out.resize(result.out.size() * 2);
  }
  ::iconv_close(cd);
  result.out.resize(done);
  result.consumed = bytes.size() - in_left;
  return result;
}

/// Line and column (in characters) just after `text`.
void position_after(std::string_view text, std::uint32_t& line, std::uint32_t& column) {
  line = 1;
  column = 1;
  for (const char c : text) {
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;
    }
  }
}

}  // namespace

std::string encoding_name(TextEncoding encoding, bool bom) {
  std::string name = std::string(encoding_id(encoding));
  if (encoding == TextEncoding::cp932) name += " (Shift_JIS)";
  if (bom) name += " (BOM)";
  return name;
}

std::string_view encoding_id(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::utf8:
      return "UTF-8";
    case TextEncoding::utf16le:
      return "UTF-16LE";
    case TextEncoding::utf16be:
      return "UTF-16BE";
    case TextEncoding::cp932:
      return "CP932";
  }
  return "UTF-8";
}

DecodedText decode_text(std::string_view bytes) {
  DecodedText decoded;
  auto fail = [&](std::string_view prefix, std::string problem, std::string problem_en) {
    position_after(prefix, decoded.line, decoded.column);
    decoded.problem = std::move(problem);
    decoded.problem_en = std::move(problem_en);
    return decoded;
  };
  const char* from = nullptr;
  if (bytes.starts_with("\xFF\xFE\0\0"sv) || bytes.starts_with("\0\0\xFE\xFF"sv)) {
    return fail({}, "UTF-32 には対応していません。UTF-8 で保存してください",
                "UTF-32 is not supported; save the file as UTF-8");
  }
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    decoded.bom = true;
    bytes.remove_prefix(3);
    from = "UTF-8";
  } else if (bytes.starts_with("\xFF\xFE")) {
    decoded.bom = true;
    decoded.encoding = TextEncoding::utf16le;
    bytes.remove_prefix(2);
    from = "UTF-16LE";
  } else if (bytes.starts_with("\xFE\xFF")) {
    decoded.bom = true;
    decoded.encoding = TextEncoding::utf16be;
    bytes.remove_prefix(2);
    from = "UTF-16BE";
  }
  Conversion conversion;
  if (from != nullptr) {
    conversion = convert(bytes, from);
    if (!conversion.ok) {
      const std::string name = encoding_name(decoded.encoding, decoded.bom);
      return fail(conversion.out, name + " として読めない文字があります",
                  "a character that is not valid " + name);
    }
  } else {
    // NUL is valid UTF-8 and CP932, but no text file has it: UTF-16 without its BOM does.
    if (const std::size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
      return fail(bytes.substr(0, nul), kNulProblem, kNulProblemEn);
    }
    conversion = convert(bytes, "UTF-8");
    if (!conversion.ok) {
      Conversion cp932 = convert(bytes, "CP932");
      if (!cp932.ok) {
        // Point where the likelier reading (the one that got further) stops.
        const Conversion& further = cp932.consumed > conversion.consumed ? cp932 : conversion;
        return fail(further.out,
                    "文字コードを判別できません: UTF-8 としても CP932 (Shift_JIS) としても読めない"
                    "文字があります。UTF-8 で保存してください",
                    "unknown encoding: a character is valid neither as UTF-8 nor as CP932 "
                    "(Shift_JIS); save the file as UTF-8");
      }
      conversion = std::move(cp932);
      decoded.encoding = TextEncoding::cp932;
    }
  }
  if (const std::size_t nul = conversion.out.find('\0'); nul != std::string::npos) {
    return fail(std::string_view(conversion.out).substr(0, nul), kNulProblem, kNulProblemEn);
  }
  decoded.utf8 = std::move(conversion.out);
  return decoded;
}

}  // namespace nagare
