#pragma once

// A large model parsed on several cores. toml++ parses one document on one thread, and a
// model of many thousand flows is mostly a long run of [[orgs]], [[nodes]] and [[flows]]
// tables that do not depend on each other. The text is cut before top-level [[name]]
// headers, each part is parsed alone (with the lines before it kept as empty lines, so
// every position is the whole file's), and the parts' arrays of tables are joined.
//
// The parts give the tree the whole text would, or nothing: a cut inside a string or an
// array leaves its part unterminated, which toml++ refuses, and a top-level key two parts
// both define is joined only when both are arrays of [[tables]]. On any doubt, and on any
// error, the whole text is parsed as one, so a diagnostic is always the one-document one.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nagare/diagnostics.h"
#include "toml_library.h"

namespace nagare::load {

/// Parts smaller than this are not worth a thread: about 10 ms of parsing.
inline constexpr std::size_t kMinPartBytes = 256u * 1024u;

/// How many parts a text of `bytes` is cut into on a machine of `cores`.
std::size_t parts_for(std::size_t bytes, std::size_t cores);

/// Offsets where the text may be cut into about `parts` parts of equal size: each the start
/// of a line that is a top-level [[name]] header with a bare name. The first is always 0;
/// fewer come back when the text has fewer such lines.
std::vector<std::size_t> part_starts(std::string_view text, std::size_t parts);

/// parse_toml (toml_reader.h) in up to `parts` parts, one thread each.
std::optional<toml::table> parse_toml_in_parts(std::string_view text, const std::string& path,
                                               Diagnostics& diagnostics, std::size_t parts);

/// Whether two trees are the same to the loader: the same keys, types and values (a NaN
/// equal to a NaN), every node and key beginning at the same place, the same tables inline. What
/// parse_toml_in_parts promises against parse_toml, for its tests and its fuzzer.
bool same_tree(const toml::node& a, const toml::node& b);

}  // namespace nagare::load
