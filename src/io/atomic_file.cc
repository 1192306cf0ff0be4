#include "nagare/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace nagare {
namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what, int error) {
  throw std::runtime_error(path + ": " + what + ": " + std::strerror(error));
}

bool write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    const ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    content.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

/// The descriptor `path` names when it is standard output or error under another name.
int standard_stream(const std::string& path) {
  if (path == "-" || path == "/dev/stdout" || path == "/dev/fd/1" || path == "/proc/self/fd/1") {
    return STDOUT_FILENO;
  }
  if (path == "/dev/stderr" || path == "/dev/fd/2" || path == "/proc/self/fd/2") {
    return STDERR_FILENO;
  }
  return -1;
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view content) {
  // /dev/stdout is a link to the descriptor: when that is a file, renaming over the link
  // would replace /dev/stdout itself (as root) instead of writing the file.
  if (const int stream = standard_stream(path); stream >= 0) {
    if (!write_all(stream, content)) fail(path == "-" ? "標準出力" : path, "書き込めません", errno);
    return;
  }
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) {
    if (S_ISDIR(existing.st_mode)) fail(path, "ディレクトリには書き込めません", EISDIR);
    // Special files (/dev/null, a pipe), and anything under /dev or /proc, cannot be
    // renamed over: write them.
    if (!S_ISREG(existing.st_mode) || path.starts_with("/dev/") || path.starts_with("/proc/")) {
      const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
      if (fd < 0) fail(path, "開けません", errno);
      const bool ok = write_all(fd, content);
      const int error = errno;
      if (::close(fd) != 0 && ok) fail(path, "書き込めません", errno);
      if (!ok) fail(path, "書き込めません", error);
      return;
    }
  }
  const std::filesystem::path target(path);
  const std::filesystem::path directory =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  std::string temporary = (directory / ("." + target.filename().string() + ".XXXXXX")).string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) fail(path, "一時ファイルを作れません", errno);
  auto abandon = [&](const std::string& what, int error) {
    ::close(fd);
    ::unlink(temporary.c_str());
    fail(path, what, error);
  };
  if (!write_all(fd, content)) abandon("書き込めません", errno);
  if (::fsync(fd) != 0) abandon("書き込めません", errno);
  if (::fchmod(fd, 0644) != 0) abandon("権限を設定できません", errno);
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    fail(path, "書き込めません", error);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    fail(path, "置き換えられません", error);
  }
}

}  // namespace nagare
