#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nagare {

/// Writes `content` to `path` through a temporary file in the same directory and a rename,
/// so that a reader never sees half a file and a failed write leaves the old file intact.
/// Throws std::runtime_error with the reason on failure. "-" writes to standard output.
void write_file_atomically(const std::string& path, std::string_view content);

/// Writes several files together: every one goes to its temporary file first, and the
/// renames follow only when all were written, so that a failure replaces none of them.
void write_files_atomically(const std::vector<std::pair<std::string, std::string_view>>& files);

}  // namespace nagare
