#include "access.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <system_error>

namespace nagare::serve {

namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& root, const fs::path& path) {
  auto r = root.begin();
  auto p = path.begin();
  for (; r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace

std::optional<fs::path> model_path_within(const fs::path& root, std::string_view name) {
  if (name.empty() || name.size() > 4096 || name.find('\0') != std::string_view::npos) {
    return std::nullopt;
  }
  const fs::path relative{std::string(name)};
  if (relative.is_absolute() || relative.has_root_name() || relative.extension() != ".toml") {
    return std::nullopt;
  }
  for (const fs::path& part : relative) {
    if (part == "..") return std::nullopt;
  }
  std::error_code error;
  const fs::path real = fs::weakly_canonical(root / relative, error);
  if (error || !inside(root, real) || real.extension() != ".toml") return std::nullopt;
  if (!fs::is_regular_file(real, error) || error) return std::nullopt;
  return real;
}

std::vector<std::string> model_files_within(const fs::path& root) {
  std::vector<std::string> out;
  std::error_code error;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it.depth() > 8) it.disable_recursion_pending();
    if (it->path().extension() != ".toml") continue;
    const std::string relative = it->path().lexically_relative(root).generic_string();
    if (model_path_within(root, relative)) out.push_back(relative);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string new_token() {
  std::random_device device;
  static const char digits[] = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < 4; ++i) {
    std::uint32_t word = device();
    for (int j = 0; j < 8; ++j, word >>= 4) token += digits[word & 0xf];
  }
  return token;
}

bool same_secret(std::string_view a, std::string_view b) {
  unsigned char differ = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    differ |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return differ == 0;
}

std::string cookie_value(std::string_view header, std::string_view name) {
  std::size_t start = 0;
  while (start < header.size()) {
    std::size_t end = header.find(';', start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view pair = header.substr(start, end - start);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
      return std::string(pair.substr(equals + 1));
    }
    start = end + 1;
  }
  return {};
}

bool write_allowed(std::string_view token_header, std::string_view origin, std::string_view host,
                   std::string_view token) {
  if (!same_secret(token_header, token)) return false;
  if (origin.empty()) return true;
  return origin == "http://" + std::string(host);
}

std::string version_of(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  static const char digits[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) out[static_cast<std::size_t>(i)] = digits[hash & 0xf];
  return out;
}

}  // namespace nagare::serve
