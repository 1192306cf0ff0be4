#pragma once

// Output written piece by piece and handed on in large blocks, so that a long report goes
// out as it is formatted instead of being held whole in memory first.

#include <charconv>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

namespace nagare {

class TextOutput {
 public:
  /// Receives each full block, and the rest on flush().
  using Drain = std::function<void(std::string_view)>;

  explicit TextOutput(Drain drain) : drain_(std::move(drain)) { buffer_.reserve(kBlock); }
  TextOutput(const TextOutput&) = delete;
  TextOutput& operator=(const TextOutput&) = delete;

  TextOutput& operator<<(std::string_view text) {
    buffer_.append(text);
    if (buffer_.size() >= kBlock) flush();
    return *this;
  }
  TextOutput& operator<<(char c) {
    buffer_.push_back(c);
    if (buffer_.size() >= kBlock) flush();
    return *this;
  }
  /// Decimal, as std::to_string writes it, without a temporary string.
  template <typename Integer>
  TextOutput& number(Integer value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    return *this << std::string_view(digits, static_cast<std::size_t>(end - digits));
  }

  /// Hands on what is buffered. Not done by the destructor: a drain may throw.
  void flush() {
    if (buffer_.empty()) return;
    drain_(buffer_);
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kBlock = std::size_t{1} << 16;
  Drain drain_;
  std::string buffer_;
};

/// Everything `write` writes to a TextOutput, as one string (for tests and small outputs).
template <typename Write>
std::string collected_text(Write&& write) {
  std::string text;
  TextOutput out([&text](std::string_view block) { text.append(block); });
  std::forward<Write>(write)(out);
  out.flush();
  return text;
}

}  // namespace nagare
