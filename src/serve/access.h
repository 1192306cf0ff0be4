#pragma once

// Who may read and write through `nagare serve`, as pure functions of the request, so that
// each rule is tested without a socket.

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <mutex>
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

/// A random token of 32 hexadecimal digits (from the kernel's CSPRNG, getrandom).
std::string new_token();

/// `bytes` random bytes from the kernel's CSPRNG (getrandom), as hexadecimal digits.
std::string random_hex(std::size_t bytes);

/// A password as kept in memory: scrypt of it under a random salt; the password itself is
/// not kept.
struct PasswordHash {
  std::string salt;
  std::string hash;
};
PasswordHash hash_password(std::string_view password);
/// Whether `attempt` is the password, compared in constant time (CRYPTO_memcmp).
bool password_matches(const PasswordHash& stored, std::string_view attempt);

/// The password in `path`: its first line, without the line end. Throws EnvironmentError
/// (in Japanese and English) when the file cannot be read or holds fewer than 8 characters.
/// `warning` receives a sentence when others may read the file.
std::string read_password_file(const std::filesystem::path& path, std::string& warning);

/// Failed logins by client address: after kFreeAttempts failures, each further attempt must
/// wait, 1 s doubling up to 5 minutes, until a login succeeds. Thread-safe.
class LoginGuard {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kFreeAttempts = 3;
  /// How long `address` must still wait before its next attempt (zero: it may try now).
  Clock::duration wait(const std::string& address, Clock::time_point now) const;
  void failed(const std::string& address, Clock::time_point now);
  void succeeded(const std::string& address);

 private:
  struct Record {
    int failures = 0;
    Clock::time_point next;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Record> records_;
};

/// Logged-in browsers: a session id (the HttpOnly cookie) and the CSRF token the page sends
/// in X-Nagare-Token. Sessions end 12 hours after their last request; at most 256 are kept
/// (the oldest goes). Thread-safe.
class Sessions {
 public:
  using Clock = std::chrono::steady_clock;
  struct Session {
    std::string id;
    std::string csrf;
  };
  Session create(Clock::time_point now);
  /// The session's CSRF token when `id` is a live session (and its time is renewed).
  std::optional<std::string> find(std::string_view id, Clock::time_point now);
  void end(std::string_view id);

 private:
  struct Entry {
    std::string csrf;
    Clock::time_point last;
  };
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> sessions_;
};

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
