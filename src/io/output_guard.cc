#include "nagare/output_guard.h"

#include <filesystem>

namespace nagare {
namespace {

namespace fs = std::filesystem;

/// The path with `.`, `..` and the symbolic links of its existing part resolved.
std::optional<fs::path> resolved(const std::string& path) {
  std::error_code error;
  fs::path absolute = fs::absolute(path, error);
  if (error) return std::nullopt;
  fs::path canonical = fs::weakly_canonical(absolute, error);
  if (error) return std::nullopt;
  return canonical;
}

bool is_special(const std::string& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  return !error && fs::exists(status) && !fs::is_regular_file(status);
}

}  // namespace

std::optional<std::string> output_replacing_input(const std::string& output,
                                                  const std::vector<std::string>& inputs) {
  // Writing a terminal, a pipe or /dev/null replaces no file (even when an input was read
  // from /dev/stdin on the same terminal).
  if (output.empty() || output == "-" || is_special(output)) return std::nullopt;
  const auto target = resolved(output);
  for (const std::string& input : inputs) {
    if (input.empty() || input == "-") continue;
    if (target && resolved(input) == target) return input;
    std::error_code error;
    if (fs::equivalent(output, input, error) && !error) return input;
  }
  return std::nullopt;
}

}  // namespace nagare
