#pragma once

// Who may read and write through `nagare serve`, as pure functions of the request, so that
// each rule is tested without a socket.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nagare::serve {

/// The model file `name` names inside `root` (a canonical directory): a relative path to an
/// existing regular *.toml file whose real location, links resolved, is inside `root`.
/// nullopt for anything else (absolute paths, "..", links out, other extensions).
std::optional<std::filesystem::path> model_path_within(const std::filesystem::path& root,
                                                       std::string_view name);

/// The *.toml files in `root` and its subdirectories (links out of it left out), as relative
/// paths with '/' separators, sorted.
std::vector<std::string> model_files_within(const std::filesystem::path& root);

/// A random token of 32 hexadecimal digits (from std::random_device).
std::string new_token();

/// Compares in time independent of where the strings differ.
bool same_secret(std::string_view a, std::string_view b);

/// The value of cookie `name` in a Cookie header, or empty.
std::string cookie_value(std::string_view header, std::string_view name);

/// Whether a state-changing request may go on: it carries the token in X-Nagare-Token (a
/// header a page of another origin cannot set without the server's CORS consent), and its
/// Origin, when sent, is the server's own (`host` as the browser addressed it).
bool write_allowed(std::string_view token_header, std::string_view origin, std::string_view host,
                   std::string_view token);

/// FNV-1a of the bytes, as 16 hexadecimal digits: a file's version for edit conflicts.
std::string version_of(std::string_view bytes);

}  // namespace nagare::serve
