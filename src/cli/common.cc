#include "common.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "nagare/load.h"
#include "nagare/output_guard.h"
#include "nagare/signal_cleanup.h"
#include "nagare/visible_text.h"

namespace nagare::cli {

int run_command_line(int argc, char** argv, const std::string& description,
                     const std::function<void(CLI::App&, GlobalOptions&, int&)>& add_commands) {
  install_signal_cleanup();
  GlobalOptions options;
  options.argv = argv;
  try {
    CLI::App app{description};
    app.require_subcommand(1);
    add_language_option(app, options);
    int result = kExitUsage;
    add_commands(app, options, result);
    try {
      app.parse(argc, argv);
    } catch (const CLI::Success& success) {
      return app.exit(success);
    } catch (const CLI::ParseError& error) {
      app.exit(error);
      return kExitUsage;
    }
    return result;
  } catch (const EnvironmentError& error) {
    std::cerr << "nagare: " << (options.lang() == Language::en ? error.message_en() : error.what())
              << '\n';
    return kExitUsage;
  } catch (const std::exception& error) {
    std::cerr << "nagare: " << error.what() << '\n';
    return kExitUsage;
  }
}

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
    // Messages quote model text: show its control characters rather than obey them.
    std::cerr << visible_text(format_diagnostic(diagnostic, language == Language::en)) << '\n';
  }
  return diagnostics.empty();
}

std::vector<std::string> setup_files(const std::string& policy_path,
                                     const std::string& wording_path) {
  const std::string dir = data_dir();
  std::vector<std::string> files{dir + "/catalogue.toml",
                                 policy_path.empty() ? dir + "/policy.toml" : policy_path};
  if (!wording_path.empty()) files.push_back(wording_path);
  return files;
}

bool output_spares_inputs(const std::string& output, const std::vector<std::string>& inputs,
                          Language language) {
  const auto input = output_replacing_input(output, inputs);
  if (!input) return true;
  std::cerr << "nagare: " << visible_text(output)
            << (language == Language::en
                    ? ": is the input " + visible_text(*input) +
                          "; writing it would replace the input (name another output file)\n"
                    : ": 入力 " + visible_text(*input) +
                          " と同じファイルです。書き出すと入力が失われるため中止しました "
                          "(別の出力先を指定してください)\n");
  return false;
}

std::optional<Setup> load_setup(const std::string& policy_path, Language language,
                                const std::string& wording_path) {
  const std::string dir = data_dir();
  auto catalogue = load_catalogue_file(dir + "/catalogue.toml");
  if (!report(catalogue.diagnostics, language)) return std::nullopt;
  if (!wording_path.empty() &&
      !report(apply_wording_file(wording_path, *catalogue.value), language)) {
    return std::nullopt;
  }
  auto policy =
      load_policy_file(policy_path.empty() ? dir + "/policy.toml" : policy_path, *catalogue.value);
  if (!report(policy.diagnostics, language)) return std::nullopt;
  return Setup{std::move(*catalogue.value), std::move(*policy.value)};
}

std::vector<std::string> expand_models(const std::vector<std::string>& arguments,
                                       Diagnostics& problems) {
  std::vector<std::string> files;
  for (const std::string& argument : arguments) {
    std::error_code error;
    if (!std::filesystem::is_directory(argument, error)) {
      files.push_back(argument);
      continue;
    }
    // A directory that lists nothing must not pass as a ward checked clean.
    auto unreadable = [&](const std::error_code& why) {
      problems.push_back(Diagnostic{SourceLocation{argument, 0, 0},
                                    "ディレクトリを読めません: " + why.message(),
                                    "cannot list the directory: " + why.message()});
    };
    std::vector<std::string> found;
    bool broken = false;
    std::filesystem::directory_iterator entry(argument, error);
    if (error) {
      unreadable(error);
      continue;
    }
    // Only the directory's own files: sub-folders (e.g. models/audit) hold other material.
    for (; entry != std::filesystem::directory_iterator(); entry.increment(error)) {
      if (entry->path().extension() != ".toml") continue;
      std::error_code status_error;
      if (entry->is_symlink(status_error) &&
          !std::filesystem::exists(entry->path(), status_error)) {
        problems.push_back(Diagnostic{SourceLocation{entry->path().string(), 0, 0},
                                      "リンク先がありません (壊れたシンボリックリンク)",
                                      "a broken symbolic link (its target does not exist)"});
        broken = true;
      } else if (entry->is_regular_file(status_error)) {
        found.push_back(entry->path().string());
      }
    }
    if (error) {
      unreadable(error);
      continue;
    }
    if (found.empty() && !broken) {
      problems.push_back(Diagnostic{SourceLocation{argument, 0, 0}, "モデル (.toml) がありません",
                                    "no model (.toml) in the directory"});
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

void add_language_option(CLI::App& command, GlobalOptions& options) {
  command.add_option("--lang", options.language, "出力の言語 (ja, en)")
      ->check(CLI::IsMember({"ja", "en"}));
}

void add_wording_option(CLI::App& command, std::string& wording_path) {
  command.add_option("--wording", wording_path,
                     "自治体の文言ファイル (対策の文言を置き換える。docs/wording.md)");
}

}  // namespace nagare::cli
