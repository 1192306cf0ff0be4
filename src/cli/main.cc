// nagare: personal-information flow models for Japanese municipal privacy review.
// The command line only parses arguments and hands over to the library modules.

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "nagare/atomic_file.h"
#include "nagare/check.h"
#include "nagare/findings_output.h"
#include "nagare/load.h"

#ifndef NAGARE_VERSION
#define NAGARE_VERSION "0.0.0"
#endif

namespace nagare::cli {
namespace {

constexpr int kExitFindings = 1;
constexpr int kExitUsage = 2;

/// Where the shipped catalogue and policy live: $NAGARE_DATA_DIR, the source tree the
/// binary was built from, or the installed share directory.
std::string data_dir() {
  if (const char* env = std::getenv("NAGARE_DATA_DIR"); env != nullptr && *env != '\0') return env;
  for (const char* candidate : {NAGARE_BUILD_DATA_DIR, NAGARE_INSTALL_DATA_DIR}) {
    if (std::filesystem::exists(std::filesystem::path(candidate) / "catalogue.toml"))
      return candidate;
  }
  return NAGARE_INSTALL_DATA_DIR;
}

/// Input problems: print them all, one line each, and report failure.
bool report(const Diagnostics& diagnostics) {
  for (const Diagnostic& diagnostic : diagnostics)
    std::cerr << format_diagnostic(diagnostic) << '\n';
  return diagnostics.empty();
}

struct Setup {
  MeasureCatalogue catalogue;
  Policy policy;
};

std::optional<Setup> load_setup(const std::string& policy_path) {
  const std::string dir = data_dir();
  auto catalogue = load_catalogue_file(dir + "/catalogue.toml");
  if (!report(catalogue.diagnostics)) return std::nullopt;
  auto policy =
      load_policy_file(policy_path.empty() ? dir + "/policy.toml" : policy_path, *catalogue.value);
  if (!report(policy.diagnostics)) return std::nullopt;
  return Setup{std::move(*catalogue.value), std::move(*policy.value)};
}

/// Model files named on the command line; a directory stands for the .toml files in it.
std::vector<std::string> expand_models(const std::vector<std::string>& arguments) {
  std::vector<std::string> files;
  for (const std::string& argument : arguments) {
    std::error_code error;
    if (std::filesystem::is_directory(argument, error)) {
      std::vector<std::string> found;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(argument, error)) {
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

Language parse_language(const std::string& text) {
  return text == "en" ? Language::en : Language::ja;
}

int run_check(const std::vector<std::string>& models, const std::string& policy_path,
              const std::string& format, const std::string& language, const std::string& output) {
  auto setup = load_setup(policy_path);
  if (!setup) return kExitUsage;
  std::vector<Finding> findings;
  bool input_ok = true;
  for (const std::string& file : expand_models(models)) {
    auto model = load_model_file(file, setup->catalogue);
    if (!report(model.diagnostics)) {
      input_ok = false;
      continue;
    }
    auto found = check_model(*model.value, setup->catalogue, setup->policy);
    findings.insert(findings.end(), std::make_move_iterator(found.begin()),
                    std::make_move_iterator(found.end()));
  }
  if (!input_ok) return kExitUsage;
  const Language lang = parse_language(language);
  const std::string text = format == "json" ? format_findings_json(findings, lang)
                                            : format_findings_text(findings, lang);
  write_file_atomically(output, text);
  return count_by_severity(findings).error > 0 ? kExitFindings : 0;
}

int run_policy(const std::string& policy_path, const std::string& language) {
  auto setup = load_setup(policy_path);
  if (!setup) return kExitUsage;
  const bool en = language == "en";
  std::string out;
  out += (en ? "Policy: " : "ポリシー: ") + setup->policy.name + "\n\n";
  for (const Rule& rule : setup->policy.rules) {
    out +=
        rule.id + "  [" + to_string(rule.severity) + ", " + std::string(id_of(rule.scope)) + "]\n";
    out += "  " + (en ? rule.title_en : rule.title) + "\n";
    auto names = [&](const std::vector<std::size_t>& measures) {
      std::string text;
      for (std::size_t m : measures) {
        if (!text.empty()) text += en ? ", " : "、";
        const MeasureDefinition& measure = setup->catalogue.at(m);
        text += en ? measure.english : measure.short_text;
      }
      return text;
    };
    if (!rule.all_measures.empty())
      out += std::string(en ? "  requires all of: " : "  すべて必要: ") + names(rule.all_measures) +
             "\n";
    if (!rule.any_measures.empty())
      out += std::string(en ? "  requires one of: " : "  いずれか必要: ") +
             names(rule.any_measures) + "\n";
    const std::string& why = en ? rule.why_en : rule.why;
    if (!why.empty()) out += std::string(en ? "  why: " : "  理由: ") + why + "\n";
  }
  out += en ? "\nBuilt-in checks:\n" : "\n組込みの検査:\n";
  for (const BuiltinCheck& check : builtin_checks()) {
    auto setting = setup->policy.checks.find(check.id);
    const bool enabled = setting == setup->policy.checks.end() || setting->second.enabled;
    const Severity severity =
        setting == setup->policy.checks.end() ? check.default_severity : setting->second.severity;
    out += std::string(check.id) + "  [" + (enabled ? to_string(severity) : "off") + "]\n  " +
           std::string(en ? check.title_en : check.title) + "\n";
  }
  write_file_atomically("-", out);
  return 0;
}

int run_measures(const std::string& language) {
  auto setup = load_setup("");
  if (!setup) return kExitUsage;
  const bool en = language == "en";
  std::string out;
  for (const MeasureDefinition& measure : setup->catalogue.all()) {
    std::string lists;
    for (Procedure procedure : measure.checklists) {
      if (!lists.empty()) lists += en ? ", " : "・";
      lists += en ? std::string(id_of(procedure)) : std::string(japanese_name(procedure));
    }
    out += measure.id + "  [" +
           (measure.technical ? (en ? "technical" : "システム上の対策")
                              : (en ? "operational" : "運用上の対策")) +
           (lists.empty() ? "" : " / " + lists) + "]\n  " +
           (en ? measure.english : measure.short_text) + "\n";
  }
  write_file_atomically("-", out);
  return 0;
}

int run(int argc, char** argv) {
  CLI::App app{"nagare: 個人情報の流れを記述し、必要な保護対策を検査する"};
  app.set_version_flag("--version", std::string("nagare ") + NAGARE_VERSION);
  app.require_subcommand(1);
  std::string language = "ja";
  app.add_option("--lang", language, "出力の言語 (ja, en)")
      ->check(CLI::IsMember({"ja", "en"}))
      ->capture_default_str();

  auto* check = app.add_subcommand("check", "モデルを検査し、対策のない流れを報告する");
  std::vector<std::string> models;
  std::string policy_path, format = "text", output = "-";
  check->add_option("models", models, "モデルファイル (ディレクトリなら中の .toml すべて)")
      ->required();
  check->add_option("--policy", policy_path, "ポリシーファイル (既定: 同梱の標準ポリシー)");
  check->add_option("--format", format, "出力形式 (text, json)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  check->add_option("-o,--output", output, "出力先ファイル (- は標準出力)")->capture_default_str();
  check->add_option("--lang", language, "出力の言語 (ja, en)")->check(CLI::IsMember({"ja", "en"}));

  auto* policy = app.add_subcommand("policy", "ポリシーの規則を一覧する");
  policy->add_option("--policy", policy_path, "ポリシーファイル (既定: 同梱の標準ポリシー)");
  policy->add_option("--lang", language, "出力の言語 (ja, en)")->check(CLI::IsMember({"ja", "en"}));

  auto* measures = app.add_subcommand("measures", "対策カタログを一覧する");
  measures->add_option("--lang", language, "出力の言語 (ja, en)")
      ->check(CLI::IsMember({"ja", "en"}));

  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& success) {
    return app.exit(success);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return kExitUsage;
  }
  if (check->parsed()) return run_check(models, policy_path, format, language, output);
  if (policy->parsed()) return run_policy(policy_path, language);
  if (measures->parsed()) return run_measures(language);
  return kExitUsage;
}

}  // namespace
}  // namespace nagare::cli

int main(int argc, char** argv) {
  try {
    return nagare::cli::run(argc, argv);
  } catch (const std::exception& error) {
    std::cerr << "nagare: " << error.what() << '\n';
    return 2;
  }
}
