#pragma once

#include <string>
#include <string_view>

namespace nagare {

/// Writes `content` to `path` through a temporary file in the same directory and a rename,
/// so that a reader never sees half a file and a failed write leaves the old file intact.
/// Throws std::runtime_error with the reason on failure. "-" writes to standard output.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace nagare
