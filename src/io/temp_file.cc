#include "nagare/temp_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "nagare/signal_cleanup.h"

namespace nagare {

TempFile::TempFile(std::string_view suffix) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / ("nagare-XXXXXX" + std::string(suffix))).string();
  // Registered for removal on SIGINT/SIGTERM too.
  const int fd = make_temporary(pattern, static_cast<int>(suffix.size()), slot_);
  if (fd < 0) throw std::runtime_error("一時ファイルを作成できません: " + pattern);
  ::close(fd);
  path_ = pattern;
}

TempFile::~TempFile() {
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
  forget_temporary(slot_);
}

std::string TempFile::read() const {
  std::ifstream in(path_, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) throw std::runtime_error("一時ファイルを読み戻せません: " + path_);
  return bytes.str();
}

}  // namespace nagare
