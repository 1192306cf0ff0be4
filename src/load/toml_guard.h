#pragma once

// A scan of TOML text before toml++ sees it. Outside strings and comments, a non-ASCII
// character (、。 and kana typed in a key or after a value, most often) is reported at its
// line and column in words a user can act on, where toml++ would name the code point. The
// characters of the blocks Debian's toml++ 3.3 cannot classify (upstream issues #190 and
// #295; toml_library.h makes them safe) are reported, with the same words after a backslash
// in """…""". A quote counts as outside a string where toml++ reads it as part of a bare
// value (2"…, 2[…, 2{…, and in a value 2=…, 2.…, control characters included). The scan also
// refuses dotted keys more than kMaxKeyDepth deep: toml++ builds and frees nested tables
// recursively, and [a.a.a…] 100,000 deep overflows the stack (its own limit, 256, covers only
// nested arrays and inline tables).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nagare::load {

inline constexpr std::uint32_t kMaxKeyDepth = 64;

/// Where the text must not go to toml++, and why (for the diagnostic, in both languages).
struct UnsafeInput {
  std::uint32_t line = 0;
  std::uint32_t column = 0;  // in characters, as toml++ counts
  std::string message;
  std::string message_en;
};

std::optional<UnsafeInput> find_unsafe_input(std::string_view text);

}  // namespace nagare::load
