// Printing the report to PDF through headless Chromium, as a child process without a shell.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "nagare/diagnostics.h"
#include "nagare/report.h"

extern char** environ;

namespace nagare {
namespace {

constexpr auto kPrintTimeout = std::chrono::seconds(120);

/// A temporary directory (Chromium's throw-away profile and output) removed at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "nagare-print-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      const std::string reason = std::strerror(errno);
      throw EnvironmentError("一時ディレクトリを作成できません: " + pattern + ": " + reason,
                             "cannot create a temporary directory: " + pattern + ": " + reason);
    }
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// file:// URL of an absolute path, percent-encoding all but unreserved characters and '/'.
std::string file_url(const std::filesystem::path& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string url = "file://";
  for (unsigned char c : path.string()) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~' || c == '/';
    if (plain) {
      url += static_cast<char>(c);
    } else {
      url += '%';
      url += kHex[c >> 4];
      url += kHex[c & 0xF];
    }
  }
  return url;
}

std::string read_all(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string last_line(const std::string& text) {
  std::istringstream lines(text);
  std::string line;
  std::string last;
  while (std::getline(lines, line)) {
    if (!line.empty()) last = line;
  }
  return last;
}

}  // namespace

std::optional<std::string> find_chromium() {
  std::string candidate = "/usr/bin/chromium";
  if (const char* env = std::getenv("NAGARE_CHROMIUM"); env != nullptr && *env != '\0') {
    candidate = env;
  }
  if (::access(candidate.c_str(), X_OK) != 0 || std::filesystem::is_directory(candidate)) {
    return std::nullopt;
  }
  return candidate;
}

std::string print_html_to_pdf(const std::string& chromium, std::string_view html) {
  const TempDir temp;
  const std::filesystem::path html_path = temp.path() / "report.html";
  {
    std::ofstream out(html_path, std::ios::binary);
    out.write(html.data(), static_cast<std::streamsize>(html.size()));
    if (!out.flush()) {
      throw EnvironmentError("一時ファイルを書けません: " + html_path.string(),
                             "cannot write a temporary file: " + html_path.string());
    }
  }
  const std::filesystem::path pdf = temp.path() / "report.pdf";
  const std::filesystem::path log = temp.path() / "chromium.log";
  std::vector<std::string> arguments = {
      chromium,
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
      "--host-resolver-rules=MAP * ~NOTFOUND",
      "--user-data-dir=" + (temp.path() / "profile").string(),
      "--no-pdf-header-footer",
      "--print-to-pdf=" + pdf.string(),
      file_url(std::filesystem::absolute(html_path)),
  };
  std::vector<char*> argv;
  for (std::string& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  pid_t pid = 0;
  const int spawned =
      ::posix_spawn(&pid, chromium.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    const std::string reason = std::strerror(spawned);
    throw EnvironmentError("Chromium を起動できません: " + chromium + ": " + reason,
                           "cannot start Chromium: " + chromium + ": " + reason);
  }
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + kPrintTimeout;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) {
      throw EnvironmentError("Chromium の終了を待てません", "cannot wait for Chromium to finish");
    }
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      throw EnvironmentError("Chromium が時間内に PDF を書きませんでした",
                             "Chromium did not write the PDF in time");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::error_code error;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !std::filesystem::exists(pdf, error) ||
      std::filesystem::file_size(pdf, error) == 0) {
    const std::string why = last_line(read_all(log));
    throw EnvironmentError("Chromium が PDF を書けませんでした: " + why,
                           "Chromium could not write the PDF: " + why);
  }
  return read_all(pdf);
}

}  // namespace nagare
