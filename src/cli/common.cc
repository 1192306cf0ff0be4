#include "common.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "nagare/load.h"

namespace nagare::cli {

std::string data_dir() {
  if (const char* env = std::getenv("NAGARE_DATA_DIR"); env != nullptr && *env != '\0') return env;
  // An installed binary uses the data installed with it (<prefix>/bin/nagare next to
  // <prefix>/share/nagare), wherever the prefix was moved (DESTDIR, a .deb).
  std::error_code error;
  const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    const auto installed = executable.parent_path().parent_path() / "share" / "nagare";
    if (std::filesystem::exists(installed / "catalogue.toml", error)) return installed.string();
  }
  for (const char* candidate : {NAGARE_BUILD_DATA_DIR, NAGARE_INSTALL_DATA_DIR}) {
    if (std::filesystem::exists(std::filesystem::path(candidate) / "catalogue.toml")) {
      return candidate;
    }
  }
  return NAGARE_INSTALL_DATA_DIR;
}

bool report(const Diagnostics& diagnostics, Language language) {
  for (const Diagnostic& diagnostic : diagnostics) {
    std::cerr << format_diagnostic(diagnostic, language == Language::en) << '\n';
  }
  return diagnostics.empty();
}

std::optional<Setup> load_setup(const std::string& policy_path) {
  const std::string dir = data_dir();
  auto catalogue = load_catalogue_file(dir + "/catalogue.toml");
  if (!report(catalogue.diagnostics)) return std::nullopt;
  auto policy =
      load_policy_file(policy_path.empty() ? dir + "/policy.toml" : policy_path, *catalogue.value);
  if (!report(policy.diagnostics)) return std::nullopt;
  return Setup{std::move(*catalogue.value), std::move(*policy.value)};
}

std::vector<std::string> expand_models(const std::vector<std::string>& arguments) {
  std::vector<std::string> files;
  for (const std::string& argument : arguments) {
    std::error_code error;
    if (std::filesystem::is_directory(argument, error)) {
      std::vector<std::string> found;
      // Only the directory's own files: sub-folders (e.g. models/audit) hold other material.
      for (const auto& entry : std::filesystem::directory_iterator(argument, error)) {
        if (entry.is_regular_file() && entry.path().extension() == ".toml") {
          found.push_back(entry.path().string());
        }
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(argument);
    }
  }
  return files;
}

void add_language_option(CLI::App& command, GlobalOptions& options) {
  command.add_option("--lang", options.language, "出力の言語 (ja, en)")
      ->check(CLI::IsMember({"ja", "en"}));
}

}  // namespace nagare::cli
