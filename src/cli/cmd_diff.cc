// `nagare diff`: declared versus actual, two models of the same business.

#include "common.h"
#include "nagare/atomic_file.h"
#include "nagare/audit_output.h"
#include "nagare/diff.h"
#include "nagare/load.h"

namespace nagare::cli {
namespace {

struct DiffOptions {
  std::string declared;
  std::string actual;
  std::string format = "text";
  std::string output = "-";
};

int run_diff(const DiffOptions& options, Language language) {
  std::vector<std::string> inputs = setup_files("");
  inputs.push_back(options.declared);
  inputs.push_back(options.actual);
  if (!output_spares_inputs(options.output, inputs, language)) return kExitUsage;
  auto setup = load_setup("", language);
  if (!setup) return kExitUsage;
  auto declared = load_model_file(options.declared, setup->catalogue);
  auto actual = load_model_file(options.actual, setup->catalogue);
  const bool declared_ok = report(declared.diagnostics, language);
  if (!report(actual.diagnostics, language) || !declared_ok) return kExitUsage;
  const ModelDiff diff = diff_models(*declared.value, *actual.value, setup->catalogue);
  write_file_atomically(options.output, options.format == "json"
                                            ? format_diff_json(diff, language)
                                            : format_diff_text(diff, language));
  return diff.material() ? kExitFindings : kExitOk;
}

}  // namespace

void add_diff_command(CLI::App& app, GlobalOptions& global, int& result) {
  auto options = std::make_shared<DiffOptions>();
  CLI::App* diff = app.add_subcommand(
      "diff", "宣言したモデルと実際のモデルを比べ、違いを報告する（違いがあれば終了コード 1）");
  diff->add_option("declared", options->declared, "宣言したモデル（承認された資料）")->required();
  diff->add_option("actual", options->actual, "実際のモデル（調査結果、または翌年度の資料）")
      ->required();
  diff->add_option("--format", options->format, "出力形式 (text, json)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  diff->add_option("-o,--output", options->output, "出力先ファイル (- は標準出力)")
      ->capture_default_str();
  add_language_option(*diff, global);
  diff->callback([options, &global, &result] { result = run_diff(*options, global.lang()); });
}

}  // namespace nagare::cli
