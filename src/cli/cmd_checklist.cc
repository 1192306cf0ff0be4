// `nagare checklist MODEL`: the 別紙チェックリスト from the model (Markdown, CSV, .xlsx);
// `nagare checklist --compare MODEL FILE.csv`: where a filled checklist and the model disagree.

#include <filesystem>
#include <iostream>

#include "common.h"
#include "nagare/atomic_file.h"
#include "nagare/checklist.h"
#include "nagare/load.h"
#include "nagare/visible_text.h"

namespace nagare::cli {
namespace {

struct ChecklistOptions {
  std::vector<std::string> files;
  std::string format;
  std::string output = "-";
  bool compare = false;
};

int run_compare(const MeasureCatalogue& catalogue, const std::string& model_path,
                const std::string& csv_path, Language language) {
  auto model = load_model_file(model_path, catalogue);
  if (!report(model.diagnostics)) return kExitUsage;
  auto csv = read_input_file(csv_path);
  if (!report(csv.diagnostics)) return kExitUsage;
  const ChecklistSet set = build_checklists(*model.value, catalogue, language);
  const ChecklistComparison comparison = compare_checklist_csv(set, *csv.value, csv_path);
  if (!report(comparison.errors)) return kExitUsage;
  const bool en = language == Language::en;
  for (const Diagnostic& skipped : comparison.skipped) {
    std::cerr << visible_text(skipped.where.file) << ':' << skipped.where.line
              << ": warning: " << visible_text(skipped.message) << '\n';
  }
  std::string out;
  for (const ChecklistDisagreement& disagreement : comparison.disagreements) {
    // The filled checklist's cells are quoted: show their control characters, do not obey.
    out += visible_text(format_disagreement(disagreement, language)) + '\n';
  }
  const std::string count = std::to_string(comparison.disagreements.size());
  const std::string skipped = std::to_string(comparison.skipped.size());
  out += en ? count + " disagreements, " + skipped + " rows skipped\n"
            : "不一致 " + count + " 件、読み飛ばした行 " + skipped + " 件\n";
  std::cout << out;
  return comparison.disagreements.empty() ? kExitOk : kExitFindings;
}

int run_checklist(const ChecklistOptions& options, Language language) {
  std::vector<std::string> inputs = setup_files("");
  inputs.insert(inputs.end(), options.files.begin(), options.files.end());
  if (!output_spares_inputs(options.output, inputs, language)) return kExitUsage;
  auto setup = load_setup("");
  if (!setup) return kExitUsage;
  if (options.compare) {
    if (options.files.size() != 2) {
      std::cerr << "nagare: --compare にはモデルと CSV の 2 つのファイルを指定してください\n";
      return kExitUsage;
    }
    return run_compare(setup->catalogue, options.files[0], options.files[1], language);
  }
  if (options.files.size() != 1) {
    std::cerr << "nagare: モデルファイルを 1 つ指定してください\n";
    return kExitUsage;
  }
  // The format follows --format, else the output file's extension, else Markdown.
  std::string format = options.format;
  if (format.empty() && options.output != "-") {
    const std::string extension = std::filesystem::path(options.output).extension().string();
    if (extension == ".csv") format = "csv";
    if (extension == ".xlsx") format = "xlsx";
  }
  if (format.empty()) format = "md";
  if (format == "xlsx" && options.output == "-") {
    std::cerr << "nagare: xlsx は -o で出力先ファイルを指定してください\n";
    return kExitUsage;
  }
  auto model = load_model_file(options.files[0], setup->catalogue);
  if (!report(model.diagnostics)) return kExitUsage;
  const ChecklistSet set = build_checklists(*model.value, setup->catalogue, language);
  std::string bytes;
  if (format == "csv") {
    bytes = format_checklists_csv(set, language);
  } else if (format == "xlsx") {
    bytes = format_checklists_xlsx(set, language);
  } else {
    bytes = format_checklists_markdown(set, language);
  }
  write_file_atomically(options.output, bytes);
  return kExitOk;
}

}  // namespace

void add_checklist_command(CLI::App& app, GlobalOptions& global, int& result) {
  auto options = std::make_shared<ChecklistOptions>();
  CLI::App* checklist = app.add_subcommand(
      "checklist", "別紙チェックリストをモデルから作る / 記入済みの CSV と照合する");
  checklist->add_option("files", options->files, "モデルファイル (--compare ではモデルと CSV)")
      ->required()
      ->expected(1, 2);
  checklist->add_flag(
      "--compare", options->compare,
      "記入済みチェックリスト (CSV) とモデルの食い違いを報告する (食い違いがあれば終了コード 1)");
  checklist
      ->add_option("--format", options->format,
                   "出力形式 (md, csv, xlsx; 既定: -o の拡張子、なければ md)")
      ->check(CLI::IsMember({"md", "csv", "xlsx"}));
  checklist->add_option("-o,--output", options->output, "出力先ファイル (- は標準出力)")
      ->capture_default_str();
  add_language_option(*checklist, global);
  checklist->callback(
      [options, &global, &result] { result = run_checklist(*options, global.lang()); });
}

}  // namespace nagare::cli
