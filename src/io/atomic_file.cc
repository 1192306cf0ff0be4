#include "nagare/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <utility>
#include <vector>

#include "nagare/diagnostics.h"
#include "nagare/signal_cleanup.h"

namespace nagare {
namespace {

/// What could not be done to an output file, in both languages.
struct Failure {
  const char* ja;
  const char* en;
};
constexpr Failure kCannotWrite{"書き込めません", "cannot write"};
constexpr Failure kCannotOpen{"開けません", "cannot open"};
constexpr Failure kIsDirectory{"ディレクトリには書き込めません", "is a directory"};
constexpr Failure kNoTemporary{"一時ファイルを作れません", "cannot create a temporary file"};
constexpr Failure kNoPermissions{"権限を設定できません", "cannot set permissions"};
constexpr Failure kCannotReplace{"置き換えられません", "cannot replace"};

[[noreturn]] void fail(const std::string& path, Failure what, int error) {
  const std::string reason = std::strerror(error);
  throw EnvironmentError(path + ": " + what.ja + ": " + reason,
                         (path == "標準出力" ? std::string("standard output") : path) + ": " +
                             what.en + ": " + reason);
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

/// A file written to its temporary beside the target, waiting for the rename; or, for
/// standard output and special files, the content to write when committed.
struct Staged {
  std::string path;
  std::string temporary;  // empty: write `direct` to `path` when committed
  std::string_view direct;
  int slot = -1;  // where a signal handler finds the temporary (src/io/signal_cleanup.cc)
};

void write_directly(const std::string& path, std::string_view content) {
  // /dev/stdout is a link to the descriptor: when that is a file, renaming over the link
  // would replace /dev/stdout itself (as root) instead of writing the file.
  if (const int stream = standard_stream(path); stream >= 0) {
    if (!write_all(stream, content)) fail(path == "-" ? "標準出力" : path, kCannotWrite, errno);
    return;
  }
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) fail(path, kCannotOpen, errno);
  const bool ok = write_all(fd, content);
  const int error = errno;
  if (::close(fd) != 0 && ok) fail(path, kCannotWrite, errno);
  if (!ok) fail(path, kCannotWrite, error);
}

/// The mkstemp pattern of a hidden temporary in the directory of `path`: .name.XXXXXX.
std::string temporary_beside(const std::string& path) {
  const std::filesystem::path target(path);
  const std::filesystem::path directory =
      target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
  // Appended piece by piece: "." + name makes GCC 12 warn (-Wrestrict) at -O3.
  std::string name = ".";
  name += target.filename().string();
  name += ".XXXXXX";
  return (directory / name).string();
}

Staged stage(const std::string& path, std::string_view content) {
  if (standard_stream(path) >= 0) return Staged{path, {}, content};
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) {
    if (S_ISDIR(existing.st_mode)) fail(path, kIsDirectory, EISDIR);
    // Special files (/dev/null, a pipe), and anything under /dev or /proc, cannot be
    // renamed over: write them.
    if (!S_ISREG(existing.st_mode) || path.starts_with("/dev/") || path.starts_with("/proc/")) {
      return Staged{path, {}, content};
    }
  }
  std::string temporary = temporary_beside(path);
  // Unlinked by a signal that ends the process before the rename.
  int slot = -1;
  const int fd = make_temporary(temporary, 0, slot);
  if (fd < 0) fail(path, kNoTemporary, errno);
  auto abandon = [&](Failure what, int error) {
    ::close(fd);
    ::unlink(temporary.c_str());
    forget_temporary(slot);
    fail(path, what, error);
  };
  if (!write_all(fd, content)) abandon(kCannotWrite, errno);
  if (::fsync(fd) != 0) abandon(kCannotWrite, errno);
  if (::fchmod(fd, 0644) != 0) abandon(kNoPermissions, errno);
  if (::close(fd) != 0) {
    const int error = errno;
    ::unlink(temporary.c_str());
    forget_temporary(slot);
    fail(path, kCannotWrite, error);
  }
  return Staged{path, std::move(temporary), {}, slot};
}

void commit(const Staged& staged) {
  if (staged.temporary.empty()) {
    write_directly(staged.path, staged.direct);
    return;
  }
  if (std::rename(staged.temporary.c_str(), staged.path.c_str()) != 0) {
    const int error = errno;
    ::unlink(staged.temporary.c_str());
    forget_temporary(staged.slot);
    fail(staged.path, kCannotReplace, error);
  }
  forget_temporary(staged.slot);
}

void discard(const Staged& staged) {
  if (staged.temporary.empty()) return;
  ::unlink(staged.temporary.c_str());
  forget_temporary(staged.slot);
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view content) {
  commit(stage(path, content));
}

void write_files_atomically(const std::vector<std::pair<std::string, std::string_view>>& files) {
  std::vector<Staged> staged;
  try {
    for (const auto& [path, content] : files) staged.push_back(stage(path, content));
  } catch (...) {
    for (const Staged& done : staged) discard(done);
    throw;
  }
  for (std::size_t i = 0; i < staged.size(); ++i) {
    try {
      commit(staged[i]);
    } catch (...) {
      for (std::size_t j = i + 1; j < staged.size(); ++j) discard(staged[j]);
      throw;
    }
  }
}

AtomicOutputFile::AtomicOutputFile(const std::string& path) : path_(path) {
  if (const int stream = standard_stream(path); stream >= 0) {
    fd_ = stream;
    return;
  }
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) {
    if (S_ISDIR(existing.st_mode)) fail(path, kIsDirectory, EISDIR);
    if (!S_ISREG(existing.st_mode) || path.starts_with("/dev/") || path.starts_with("/proc/")) {
      fd_ = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
      if (fd_ < 0) fail(path, kCannotOpen, errno);
      owns_fd_ = true;
      return;
    }
  }
  temporary_ = temporary_beside(path);
  fd_ = make_temporary(temporary_, 0, slot_);
  if (fd_ < 0) fail(path, kNoTemporary, errno);
  owns_fd_ = true;
}

AtomicOutputFile::~AtomicOutputFile() {
  if (committed_) return;
  if (owns_fd_ && fd_ >= 0) ::close(fd_);
  if (!temporary_.empty()) {
    ::unlink(temporary_.c_str());
    forget_temporary(slot_);
  }
}

void AtomicOutputFile::write(std::string_view content) {
  if (!write_all(fd_, content)) fail(path_ == "-" ? "標準出力" : path_, kCannotWrite, errno);
}

void AtomicOutputFile::commit() {
  if (temporary_.empty()) {
    committed_ = true;
    if (owns_fd_ && ::close(fd_) != 0) fail(path_, kCannotWrite, errno);
    return;
  }
  if (::fsync(fd_) != 0) fail(path_, kCannotWrite, errno);
  if (::fchmod(fd_, 0644) != 0) fail(path_, kNoPermissions, errno);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail(path_, kCannotWrite, errno);
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) {
    fail(path_, kCannotReplace, errno);
  }
  forget_temporary(slot_);
  committed_ = true;
}

}  // namespace nagare
