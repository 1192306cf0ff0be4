#pragma once

// A scan of TOML text before toml++ sees it, for the inputs Debian's toml++ 3.3 cannot take
// safely: at a place where whitespace may stand, some non-ASCII characters (、。 and the
// hiragana up to し, Latin-1 to Cyrillic, some presentation forms) reach an unreachable
// branch of its Unicode tables (upstream issues #190 and #295), which is undefined behaviour.
// Outside strings and comments such a character is a syntax error anyway; the scan reports
// it first, at its line and column. A quote counts as outside a string where toml++ reads
// it as part of a bare value (2"…, 2[…, 2{…, and in a value 2=…, 2.…). It also refuses dotted keys
// more than kMaxKeyDepth deep: toml++ builds and frees nested tables recursively, and [a.a.a…]
// 100,000 deep overflows the stack (its own limit, 256, covers only nested arrays and inline
// tables).

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
