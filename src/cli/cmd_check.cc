#include "common.h"
#include "nagare/atomic_file.h"
#include "nagare/check.h"
#include "nagare/load.h"
#include "nagare/sarif_output.h"

namespace nagare::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> models;
  std::string policy;
  std::string format = "text";
  std::string output = "-";
};

int run_check(const CheckOptions& options, Language language) {
  auto setup = load_setup(options.policy);
  if (!setup) return kExitUsage;
  std::vector<Finding> findings;
  bool input_ok = true;
  for (const std::string& file : expand_models(options.models)) {
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
  std::string text;
  if (options.format == "sarif") {
    text = format_findings_sarif(findings, setup->policy, setup->catalogue, language,
                                 SarifTool{NAGARE_VERSION, NAGARE_INFORMATION_URI});
  } else {
    text = options.format == "json" ? format_findings_json(findings, language)
                                    : format_findings_text(findings, language);
  }
  write_file_atomically(options.output, text);
  return count_by_severity(findings).error > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void add_check_command(CLI::App& app, GlobalOptions& global, int& result) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* check = app.add_subcommand("check", "モデルを検査し、対策のない流れを報告する");
  check->add_option("models", options->models, "モデルファイル (ディレクトリなら中の .toml すべて)")
      ->required();
  check->add_option("--policy", options->policy, "ポリシーファイル (既定: 同梱の標準ポリシー)");
  check->add_option("--format", options->format, "出力形式 (text, json, sarif)")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();
  check->add_option("-o,--output", options->output, "出力先ファイル (- は標準出力)")
      ->capture_default_str();
  add_language_option(*check, global);
  check->callback([options, &global, &result] { result = run_check(*options, global.lang()); });
}

}  // namespace nagare::cli
