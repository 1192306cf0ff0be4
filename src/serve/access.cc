#include "access.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <sys/random.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "nagare/diagnostics.h"

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

std::string random_hex(std::size_t bytes) {
  std::string raw(bytes, '\0');
  std::size_t done = 0;
  while (done < bytes) {
    const ssize_t got = getrandom(raw.data() + done, bytes - done, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("getrandom failed");
    }
    done += static_cast<std::size_t>(got);
  }
  static const char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 0xf];
  }
  return out;
}

std::string new_token() { return random_hex(16); }

namespace {

// scrypt with N = 2^14, r = 8, p = 1: 16 MiB and some tens of milliseconds an attempt.
std::string scrypt(std::string_view password, std::string_view salt) {
  std::string key(32, '\0');
  if (EVP_PBE_scrypt(password.data(), password.size(),
                     reinterpret_cast<const unsigned char*>(salt.data()), salt.size(), 1u << 14, 8,
                     1, 64u * 1024u * 1024u, reinterpret_cast<unsigned char*>(key.data()),
                     key.size()) != 1) {
    throw std::runtime_error("scrypt failed");
  }
  return key;
}

}  // namespace

PasswordHash hash_password(std::string_view password) {
  PasswordHash out;
  out.salt = random_hex(16);
  out.hash = scrypt(password, out.salt);
  return out;
}

bool password_matches(const PasswordHash& stored, std::string_view attempt) {
  if (stored.hash.empty() || attempt.size() > 4096) return false;
  const std::string key = scrypt(attempt, stored.salt);
  return key.size() == stored.hash.size() &&
         CRYPTO_memcmp(key.data(), stored.hash.data(), key.size()) == 0;
}

std::string read_password_file(const fs::path& path, std::string& warning) {
  std::ifstream in(path, std::ios::binary);
  const std::string name = path.string();
  if (!in) {
    throw EnvironmentError("パスワードファイル \"" + name + "\" を読めません",
                           "cannot read the password file \"" + name + "\"");
  }
  std::string password;
  std::getline(in, password);
  if (!password.empty() && password.back() == '\r') password.pop_back();
  std::size_t characters = 0;
  for (unsigned char c : password) characters += (c & 0xc0) != 0x80;
  if (characters < 8) {
    OPENSSL_cleanse(password.data(), password.size());
    throw EnvironmentError(
        "パスワードファイル \"" + name + "\" の1行目に 8 文字以上のパスワードを書いてください",
        "the first line of the password file \"" + name + "\" must hold 8 characters or more");
  }
  struct stat status {};
  if (stat(name.c_str(), &status) == 0 && (status.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    warning = "パスワードファイル \"" + name + "\" はほかの利用者も読めます (chmod 600 " + name +
              " で自分だけにしてください)";
  }
  return password;
}

LoginGuard::Clock::duration LoginGuard::wait(const std::string& address,
                                             Clock::time_point now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = records_.find(address);
  if (it == records_.end() || it->second.next <= now) return Clock::duration::zero();
  return it->second.next - now;
}

void LoginGuard::failed(const std::string& address, Clock::time_point now) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (records_.size() >= 10000 && records_.count(address) == 0) {
    // Many addresses: forget the ones that may already try again.
    std::erase_if(records_, [now](const auto& entry) { return entry.second.next <= now; });
  }
  Record& record = records_[address];
  ++record.failures;
  if (record.failures >= kFreeAttempts) {
    const int doublings = std::min(record.failures - kFreeAttempts, 9);
    const auto delay =
        std::min<Clock::duration>(std::chrono::seconds(1 << doublings), std::chrono::minutes(5));
    record.next = now + delay;
  }
}

void LoginGuard::succeeded(const std::string& address) {
  std::lock_guard<std::mutex> lock(mutex_);
  records_.erase(address);
}

Sessions::Session Sessions::create(Clock::time_point now) {
  Session session{random_hex(32), random_hex(16)};
  std::lock_guard<std::mutex> lock(mutex_);
  if (sessions_.size() >= 256) {
    auto oldest = std::min_element(
        sessions_.begin(), sessions_.end(),
        [](const auto& a, const auto& b) { return a.second.last < b.second.last; });
    sessions_.erase(oldest);
  }
  sessions_[session.id] = {session.csrf, now};
  return session;
}

std::optional<std::string> Sessions::find(std::string_view id, Clock::time_point now) {
  if (id.empty()) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (now - it->second.last > std::chrono::hours(12)) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last = now;
  return it->second.csrf;
}

void Sessions::end(std::string_view id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sessions_.find(id);
  if (it != sessions_.end()) sessions_.erase(it);
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
