// `nagare render MODEL -o FILE`: the committee figure.

#include <filesystem>
#include <iostream>
#include <map>

#include "common.h"
#include "nagare/atomic_file.h"
#include "nagare/check.h"
#include "nagare/load.h"
#include "nagare/render.h"
#include "nagare/subset.h"

namespace nagare::cli {
namespace {

struct RenderOptions {
  std::string model;
  std::string output;
  std::string format;
  std::string policy;
  std::string wording;  // the municipality's measure wording (--wording)
  std::string org;      // draw only this organization (--org)
  std::string item;     // draw only the flows carrying this item set (--item)
  bool force = false;
  FigureOptions figure;
};

/// The part of the model to draw: --org, --item or both (the item's flows touching the
/// organization), and a refusal of figures too large to read unless --force. nullopt (with
/// the reason printed) when there is nothing to draw.
std::optional<Model> part_to_draw(Model model, const RenderOptions& options, Language language) {
  const bool en = language == Language::en;
  if (!options.org.empty() && !has_organization(model, options.org)) {
    std::cerr << (en ? "nagare: render: no organization \"" + options.org + "\" in the model\n"
                     : "nagare: 組織 \"" + options.org + "\" はモデルにありません\n");
    return std::nullopt;
  }
  if (!options.item.empty() && !has_item_set(model, options.item)) {
    std::cerr << (en ? "nagare: render: no item set \"" + options.item + "\" in the model\n"
                     : "nagare: 情報項目 \"" + options.item + "\" はモデルにありません\n");
    return std::nullopt;
  }
  if (!options.org.empty() && !options.item.empty()) {
    return organization_item_subset(model, options.org, options.item);
  }
  if (!options.org.empty()) return organization_subset(model, options.org);
  if (!options.item.empty()) return item_subset(model, options.item);
  if (!figure_legible(model, options.model, options.figure, options.force,
                      "--org 組織ID か --item 情報項目ID で一部を描くか、--force で全体を描いて"
                      "ください")) {
    return std::nullopt;
  }
  return model;
}

std::optional<FigureFormat> format_from(const std::string& name) {
  if (name == "svg") return FigureFormat::svg;
  if (name == "png") return FigureFormat::png;
  if (name == "pdf") return FigureFormat::pdf;
  if (name == "dot" || name == "gv") return FigureFormat::dot;
  return std::nullopt;
}

int run_render(RenderOptions& options, Language language) {
  std::vector<std::string> inputs = setup_files(options.policy, options.wording);
  inputs.push_back(options.model);
  if (!output_spares_inputs(options.output, inputs, language)) return kExitUsage;
  auto setup = load_setup(options.policy, language, options.wording);
  if (!setup) return kExitUsage;
  auto model = load_model_file(options.model, setup->catalogue);
  if (!report(model.diagnostics, language)) return kExitUsage;
  if (!choose_figure_format(options.format, options.output, options.figure)) return kExitUsage;
  std::vector<Finding> findings;
  if (options.figure.show_findings)
    findings = check_model(*model.value, setup->catalogue, setup->policy);
  auto drawn = part_to_draw(std::move(*model.value), options, language);
  if (!drawn) return kExitUsage;
  if (!options.org.empty() || !options.item.empty()) findings = findings_within(findings, *drawn);
  const std::string bytes = render_figure(*drawn, setup->catalogue, findings, options.figure);
  write_file_atomically(options.output.empty() ? "-" : options.output, bytes);
  return kExitOk;
}

}  // namespace

std::vector<CLI::Option*> add_figure_options(CLI::App& command, FigureOptions& figure) {
  return {
      command.add_option("--font", figure.font, "フォント名 (既定: Noto Sans CJK JP)")
          ->capture_default_str(),
      command
          .add_option("--paper", figure.paper,
                      "用紙 (a4, a3): PDF のページ、長い図を段に折り返すときの目安")
          ->check(CLI::IsMember({"a4", "a3"}))
          ->capture_default_str(),
      command.add_flag("--portrait", figure.portrait, "用紙を縦向きにする (既定: 横向き)"),
      command
          .add_option("--rows", figure.rows,
                      "図の段数: 0 は用紙に大きく収まるよう自動で折り返す、1 は折り返さない、"
                      "2〜4 は段数の指定 (段の間の流れは結合子 Ⓐ で結ぶ)")
          ->check(CLI::Range(0, 4))
          ->capture_default_str(),
      command
          .add_option("--measures", figure.measures,
                      "対策の書き方: full は各ノード・枠・流れの横に一覧、short は詰めた一覧、"
                      "table は記号だけ置き一覧は図の下の表、auto は full で小さくなりすぎる"
                      "とき table")
          ->transform(CLI::CheckedTransformer(
              std::map<std::string, MeasureDetail>{{"auto", MeasureDetail::automatic},
                                                   {"full", MeasureDetail::full},
                                                   {"short", MeasureDetail::short_lists},
                                                   {"table", MeasureDetail::table}},
              CLI::ignore_case))
          ->default_str("auto"),
      command.add_option("--dpi", figure.dpi, "PNG の解像度")
          ->check(CLI::Range(36, 1200))
          ->capture_default_str(),
  };
}

bool choose_figure_format(const std::string& format, const std::string& output,
                          FigureOptions& figure) {
  std::string name = format;
  if (name.empty() && !output.empty() && output != "-") {
    name = std::filesystem::path(output).extension().string();
    if (!name.empty()) name.erase(0, 1);
  }
  if (name.empty()) name = "svg";
  auto chosen = format_from(name);
  if (!chosen) {
    std::cerr << "nagare: 出力形式 \"" << name << "\" には対応していません (svg, png, pdf, dot)\n";
    return false;
  }
  figure.format = *chosen;
  return true;
}

bool figure_legible(const Model& model, const std::string& file, const FigureOptions& figure,
                    bool force, const std::string& remedy) {
  const std::size_t nodes = drawn_node_count(model);
  if (nodes <= kLegibleFigureNodes || force || figure.format == FigureFormat::dot) return true;
  std::cerr << "nagare: " << file << ": 図が大きすぎて読めません (ノード " << nodes << " 個、上限 "
            << kLegibleFigureNodes << " 個)。" << remedy << "\n";
  return false;
}

void add_render_command(CLI::App& app, GlobalOptions& global, int& result) {
  auto options = std::make_shared<RenderOptions>();
  CLI::App* render =
      app.add_subcommand("render", "「個人情報の流れ」の図を描く (SVG, PNG, PDF, DOT)");
  render->add_option("model", options->model, "モデルファイル")->required();
  render->add_option("-o,--output", options->output,
                     "出力先ファイル (拡張子で形式を選ぶ。- は標準出力)");
  render->add_option("--format", options->format, "出力形式 (svg, png, pdf, dot)")
      ->check(CLI::IsMember({"svg", "png", "pdf", "dot"}));
  render->add_flag("--findings", options->figure.show_findings,
                   "対策のない流れを赤で示し、図の下に注記を付ける");
  render->add_option("--policy", options->policy, "--findings で使うポリシーファイル");
  add_figure_options(*render, options->figure);
  render->add_option("--org", options->org, "この組織 (id) と、その中の組織だけを描く");
  render->add_option("--item", options->item, "この情報項目 (id) を運ぶ流れだけを描く");
  render->add_flag("--force", options->force,
                   "ノードが " + std::to_string(kLegibleFigureNodes) + " 個を超えても全体を描く");
  add_wording_option(*render, options->wording);
  add_language_option(*render, global);
  render->callback([options, &global, &result] { result = run_render(*options, global.lang()); });
}

}  // namespace nagare::cli
