// `nagare checklist MODEL`: the 別紙チェックリスト from the model (Markdown, CSV, .xlsx);
// `nagare checklist --compare MODEL FILE.csv`: where a filled checklist and the model disagree.

#include <cctype>
#include <filesystem>
#include <iostream>
#include <optional>

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
  std::string wording;  // the municipality's measure wording (--wording)
};

int run_compare(const MeasureCatalogue& catalogue, const std::string& model_path,
                const std::string& csv_path, Language language) {
  auto model = load_model_file(model_path, catalogue);
  if (!report(model.diagnostics, language)) return kExitUsage;
  auto csv = read_input_file(csv_path);
  if (!report(csv.diagnostics, language)) return kExitUsage;
  const ChecklistSet set = build_checklists(*model.value, catalogue, language);
  const ChecklistComparison comparison = compare_checklist_csv(set, *csv.value, csv_path);
  if (!report(comparison.errors, language)) return kExitUsage;
  const bool en = language == Language::en;
  for (const Diagnostic& skipped : comparison.skipped) {
    std::cerr << visible_text(skipped.where.file) << ':' << skipped.where.line
              << ": warning: " << visible_text(en ? skipped.message_en : skipped.message) << '\n';
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

/// The format to write: --format, else the output file's extension, else Markdown. An
/// extension nagare cannot write is refused (nullopt, the reason printed) before anything
/// is written: Markdown in a .pdf looks like a broken file.
std::optional<std::string> output_format(const ChecklistOptions& options, bool en) {
  std::string format = options.format;
  if (options.output != "-") {
    std::string extension = std::filesystem::path(options.output).extension().string();
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string implied;
    if (extension == ".md" || extension == ".markdown") implied = "md";
    if (extension == ".csv") implied = "csv";
    if (extension == ".xlsx") implied = "xlsx";
    if (extension == ".pdf") {
      std::cerr
          << (en ? "nagare: checklist: cannot write PDF (md, csv, xlsx); the checklists "
                   "are in the PDF of nagare report MODEL -o report.html --pdf report.pdf\n"
                 : "nagare: checklist: PDF には書けません (md, csv, xlsx)。チェックリストの "
                   "PDF は nagare report MODEL -o report.html --pdf report.pdf に含まれます\n");
      return std::nullopt;
    }
    if (!extension.empty() && implied.empty() && format.empty()) {
      std::cerr
          << (en ? "nagare: checklist: cannot tell the format from " + extension +
                       " (md, csv, xlsx); name it with --format"
                 : "nagare: checklist: 拡張子 " + extension +
                       " の形式には書けません (md, csv, xlsx)。--format で形式を指定してください")
          << '\n';
      return std::nullopt;
    }
    if (!implied.empty() && !format.empty() && implied != format) {
      std::cerr << (en ? "nagare: checklist: --format " + format + " does not match " + extension
                       : "nagare: checklist: --format " + format + " と拡張子 " + extension +
                             " が合いません")
                << '\n';
      return std::nullopt;
    }
    if (format.empty()) format = implied;
  }
  if (format.empty()) format = "md";
  return format;
}

int run_checklist(const ChecklistOptions& options, Language language) {
  std::vector<std::string> inputs = setup_files("", options.wording);
  inputs.insert(inputs.end(), options.files.begin(), options.files.end());
  if (!output_spares_inputs(options.output, inputs, language)) return kExitUsage;
  auto setup = load_setup("", language, options.wording);
  if (!setup) return kExitUsage;
  if (options.compare) {
    if (options.files.size() != 2) {
      std::cerr
          << (language == Language::en
                  ? "nagare: --compare takes two files, the model and the CSV\n"
                  : "nagare: --compare にはモデルと CSV の 2 つのファイルを指定してください\n");
      return kExitUsage;
    }
    return run_compare(setup->catalogue, options.files[0], options.files[1], language);
  }
  if (options.files.size() != 1) {
    std::cerr << (language == Language::en ? "nagare: name one model file\n"
                                           : "nagare: モデルファイルを 1 つ指定してください\n");
    return kExitUsage;
  }
  const auto chosen = output_format(options, language == Language::en);
  if (!chosen) return kExitUsage;
  const std::string& format = *chosen;
  if (format == "xlsx" && options.output == "-") {
    std::cerr << (language == Language::en
                      ? "nagare: xlsx needs an output file (-o)\n"
                      : "nagare: xlsx は -o で出力先ファイルを指定してください\n");
    return kExitUsage;
  }
  auto model = load_model_file(options.files[0], setup->catalogue);
  if (!report(model.diagnostics, language)) return kExitUsage;
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
  add_wording_option(*checklist, options->wording);
  add_language_option(*checklist, global);
  checklist->callback(
      [options, &global, &result] { result = run_checklist(*options, global.lang()); });
}

}  // namespace nagare::cli
