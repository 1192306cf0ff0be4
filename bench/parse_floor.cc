// nagare-bench-parse-floor: parses TOML with toml++ and does nothing else. The benchmark
// times it on the same input as `nagare check`: the floor no TOML-reading tool can go
// under, so that nagare's own work shows as a ratio to it.
//
//   nagare-bench-parse-floor model.toml     exit 0 when it parses, 2 when it does not
//   nagare-bench-parse-floor DIRECTORY      every .toml in it, on as many threads as the
//                                           machine has cores (as `nagare check` reads a ward)
//
// Public toml++ only, as a user of the library would write it; each table is freed before
// the process ends.

#include <toml++/toml.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

/// 0 when the file parses to a table with something in it, 1 when it is empty, 2 on an error.
int parse_one(const std::string& path) {
  try {
    const toml::table table = toml::parse_file(path);
    return table.empty() ? 1 : 0;
  } catch (const toml::parse_error& error) {
    std::cerr << "nagare-bench-parse-floor: " << path << ": " << error.description() << "\n";
    return 2;
  }
}

int parse_directory(const std::filesystem::path& directory) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  std::atomic<std::size_t> next{0};
  std::atomic<int> worst{0};
  auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      const int result = parse_one(files[i]);
      int seen = worst.load();
      while (result > seen && !worst.compare_exchange_weak(seen, result)) {
      }
    }
  };
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < std::min(cores, files.size()); ++t) threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
  return files.empty() ? 1 : worst.load();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: nagare-bench-parse-floor FILE|DIRECTORY\n";
    return 2;
  }
  std::error_code error;
  if (std::filesystem::is_directory(argv[1], error)) return parse_directory(argv[1]);
  return parse_one(argv[1]);
}
