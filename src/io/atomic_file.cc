#include "nagare/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "nagare/signal_cleanup.h"

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

}  // namespace

void write_file_atomically(const std::string& path, std::string_view content) {
  if (path == "-") {
    if (!write_all(STDOUT_FILENO, content)) fail("標準出力", "書き込めません", errno);
    return;
  }
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) {
    if (S_ISDIR(existing.st_mode)) fail(path, "ディレクトリには書き込めません", EISDIR);
    // Special files (/dev/stdout, /dev/null, a pipe) cannot be renamed over: write them.
    if (!S_ISREG(existing.st_mode)) {
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
  // Unlinked by a signal that ends the process before the rename (src/io/signal_cleanup.cc).
  int slot = -1;
  const int fd = make_temporary(temporary, 0, slot);
  if (fd < 0) fail(path, "一時ファイルを作れません", errno);
  auto abandon = [&](const std::string& what, int error) {
    ::close(fd);
    ::unlink(temporary.c_str());
    forget_temporary(slot);
    fail(path, what, error);
  };
  if (!write_all(fd, content)) abandon("書き込めません", errno);
  if (::fsync(fd) != 0) abandon("書き込めません", errno);
  if (::fchmod(fd, 0644) != 0) abandon("権限を設定できません", errno);
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    forget_temporary(slot);
    fail(path, "書き込めません", error);
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    forget_temporary(slot);
    fail(path, "置き換えられません", error);
  }
  forget_temporary(slot);
}

}  // namespace nagare
