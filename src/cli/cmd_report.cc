// `nagare report MODEL -o report.html [--pdf report.pdf]`: the review report.

#include <iostream>
#include <stdexcept>

#include "common.h"
#include "nagare/atomic_file.h"
#include "nagare/check.h"
#include "nagare/checklist.h"
#include "nagare/load.h"
#include "nagare/render.h"
#include "nagare/report.h"
#include "nagare/subset.h"

namespace nagare::cli {
namespace {

struct ReportCommandOptions {
  std::string model;
  std::string output;
  std::string pdf;
  std::string policy;
  std::string wording;  // the municipality's measure wording (--wording)
};

int run_report(const ReportCommandOptions& options, Language language) {
  std::vector<std::string> inputs = setup_files(options.policy, options.wording);
  inputs.push_back(options.model);
  if (!output_spares_inputs(options.output, inputs, language)) return kExitUsage;
  // The PDF is printed from the HTML just written: it must not replace that either.
  inputs.push_back(options.output);
  if (!options.pdf.empty() && !output_spares_inputs(options.pdf, inputs, language)) {
    return kExitUsage;
  }
  auto setup = load_setup(options.policy, language, options.wording);
  if (!setup) return kExitUsage;
  auto model = load_model_file(options.model, setup->catalogue);
  if (!report(model.diagnostics, language)) return kExitUsage;
  const std::vector<Finding> findings = check_model(*model.value, setup->catalogue, setup->policy);
  const ChecklistSet checklists = build_checklists(*model.value, setup->catalogue, language);
  ReportOptions report_options;
  report_options.language = language;
  try {
    FigureOptions figure;
    figure.format = FigureFormat::svg;
    figure.show_findings = true;
    // Graphviz would take minutes on a figure nobody can read: leave it out, say how to draw parts.
    if (const std::size_t nodes = drawn_node_count(*model.value); nodes > kLegibleFigureNodes) {
      throw std::runtime_error("図が大きすぎて読めません (ノード " + std::to_string(nodes) +
                               " 個、上限 " + std::to_string(kLegibleFigureNodes) +
                               " 個)。nagare render --org か --item で一部を描いてください");
    }
    report_options.figure_svg = render_figure(*model.value, setup->catalogue, findings, figure);
  } catch (const std::runtime_error& error) {
    report_options.figure_missing_reason = error.what();
    std::cerr << "nagare: warning: 図を作成できません (レポートには図の位置だけを示します): "
              << error.what() << '\n';
  }
  const std::string html = format_report_html(*model.value, setup->catalogue, setup->policy,
                                              findings, checklists, report_options);
  if (options.pdf.empty()) {
    write_file_atomically(options.output, html);
    return kExitOk;
  }
  // Neither file is replaced unless both can be written: print first, then rename both.
  const auto chromium = find_chromium();
  if (!chromium) {
    std::cerr << (language == Language::en
                      ? "nagare: report: the PDF needs Chromium, which is not found "
                        "(/usr/bin/chromium, or NAGARE_CHROMIUM; apt-get install chromium); "
                        "nothing written\n"
                      : "nagare: PDF には Chromium が必要ですが見つかりません (/usr/bin/chromium "
                        "または NAGARE_CHROMIUM; apt-get install chromium)。何も書いていません\n");
    return kExitUsage;
  }
  const std::string pdf = print_html_to_pdf(*chromium, html);
  write_files_atomically({{options.output, html}, {options.pdf, pdf}});
  return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, GlobalOptions& global, int& result) {
  auto options = std::make_shared<ReportCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "report", "審査資料 (HTML 1 ファイル: 概要、図、指摘、チェックリスト、組織ごとの情報項目)");
  command->add_option("model", options->model, "モデルファイル")->required();
  command->add_option("-o,--output", options->output, "出力先 HTML ファイル")->required();
  command->add_option("--pdf", options->pdf, "PDF も書く (headless Chromium で A4 に印刷)");
  command->add_option("--policy", options->policy, "ポリシーファイル (既定: 同梱の標準ポリシー)");
  add_wording_option(*command, options->wording);
  add_language_option(*command, global);
  command->callback([options, &global, &result] { result = run_report(*options, global.lang()); });
}

}  // namespace nagare::cli
