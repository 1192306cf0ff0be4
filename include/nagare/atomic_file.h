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

/// One output written in pieces, as write_file_atomically writes it whole: to a temporary
/// beside `path`, renamed over it by commit(); standard output and special files are
/// written as the pieces come. Destroyed without commit(), the temporary is removed and
/// `path` left as it was. Throws std::runtime_error with the reason on failure.
class AtomicOutputFile {
 public:
  explicit AtomicOutputFile(const std::string& path);
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  void write(std::string_view content);
  void commit();
  /// Whether pieces go straight to their destination (standard output, a special file):
  /// one written there cannot be taken back.
  bool writes_through() const { return temporary_.empty(); }

 private:
  std::string path_;
  std::string temporary_;  // empty: written directly to fd_
  int fd_ = -1;
  bool owns_fd_ = false;  // false for standard output and error
  int slot_ = -1;         // where a signal handler finds the temporary
  bool committed_ = false;
};

}  // namespace nagare
