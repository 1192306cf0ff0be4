#pragma once

// A scratch file for libraries that can only write to a path (libxlsxwriter): created with
// a unique name, removed when it goes out of scope and when a signal ends the process.

#include <string>
#include <string_view>

namespace nagare {

class TempFile {
 public:
  /// A new empty file in the temporary directory whose name ends in `suffix` (".xlsx").
  /// Throws std::runtime_error when none can be created.
  explicit TempFile(std::string_view suffix);
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::string& path() const { return path_; }
  /// The file's whole content; throws std::runtime_error when it cannot be read.
  std::string read() const;

 private:
  std::string path_;
  int slot_ = -1;
};

}  // namespace nagare
