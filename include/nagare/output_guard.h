#pragma once

#include <optional>
#include <string>
#include <vector>

namespace nagare {

/// The input that writing to `output` would replace: `output` names it, resolves to it
/// through `..`, `.` or symbolic links, or is the same file by another name (a hard link).
/// nullopt when the output replaces no input; "-" (standard output) and special files
/// such as /dev/stdout never do.
std::optional<std::string> output_replacing_input(const std::string& output,
                                                  const std::vector<std::string>& inputs);

}  // namespace nagare
