// `nagare trace` and `nagare reach`: where every item set goes, and what an organization
// can obtain. Both ask the reach engine the checker uses. `trace --render` draws the
// committee figure with one item's reach highlighted.

#include <iostream>

#include "common.h"
#include "nagare/atomic_file.h"
#include "nagare/audit_output.h"
#include "nagare/load.h"
#include "nagare/render.h"
#include "nagare/trace.h"

namespace nagare::cli {
namespace {

struct TraceOptions {
  std::string model;
  std::string item;
  std::string org;
  std::string format = "text";
  std::string output = "-";
  // Counted after parsing: --render takes exactly one --item and no --format.
  const CLI::Option* item_option = nullptr;
  const CLI::Option* format_option = nullptr;
  bool render = false;
  bool force = false;
  FigureOptions figure;
};

/// Loads the model and resolves --item and --org; nullopt (after printing why) on bad input.
std::optional<Model> load_for_trace(const TraceOptions& options, const MeasureCatalogue& catalogue,
                                    TraceQuery& query, bool en) {
  auto model = load_model_file(options.model, catalogue);
  if (!report(model.diagnostics, en ? Language::en : Language::ja)) return std::nullopt;
  if (!options.item.empty()) {
    query.items = select_items(*model.value, options.item);
    if (query.items.empty()) {
      report({Diagnostic{SourceLocation{options.model, 0, 0},
                         en ? "no item set has the id, name or field \"" + options.item + "\""
                            : "項目「" + options.item +
                                  "」はモデルにありません（項目の id・名前か fields "
                                  "の名前を指定してください）"}},
             en ? Language::en : Language::ja);
      return std::nullopt;
    }
  }
  if (!options.org.empty()) {
    query.org = find_org(*model.value, options.org);
    if (query.org == npos) {
      report({Diagnostic{SourceLocation{options.model, 0, 0},
                         en ? "no organization has the id or name \"" + options.org + "\""
                            : "組織「" + options.org + "」はモデルにありません"}},
             en ? Language::en : Language::ja);
      return std::nullopt;
    }
  }
  return std::move(*model.value);
}

/// What trace and reach read: the shipped data and the model.
std::vector<std::string> inputs_of(const TraceOptions& options) {
  std::vector<std::string> inputs = setup_files("");
  inputs.push_back(options.model);
  return inputs;
}

/// One line on stderr for a misused option; always kExitUsage.
int usage_error(const std::string& message) {
  std::cerr << "nagare: trace: " << message << "\n";
  return kExitUsage;
}

/// The legend line naming what is highlighted: the set, or the field and the sets with it.
std::string highlight_caption(const Model& model, const TraceOptions& options,
                              const std::vector<std::size_t>& items, bool en) {
  const bool one_set = items.size() == 1 && (model.items[items[0]].id == options.item ||
                                             model.items[items[0]].name == options.item);
  std::string sets;
  for (std::size_t item : items) {
    sets += en ? (sets.empty() ? "" : ", ") + model.items[item].id
               : "「" + model.items[item].name + "」";
  }
  if (en) {
    return "Highlighted: " +
           (one_set ? "item set " + sets + ", the nodes it reaches and the flows carrying it"
                    : "item sets listing " + options.item + " (" + sets +
                          "), the nodes they reach and the flows carrying them") +
           "; the rest in grey";
  }
  return "強調: " + (one_set ? "項目" + sets : "「" + options.item + "」を含む項目" + sets) +
         "の届くノードと運ぶ流れ（それ以外は灰色）";
}

int run_trace_render(TraceOptions& options, Language language) {
  const bool en = language == Language::en;
  if (options.item_option->count() != 1) {
    return usage_error(en ? "--render draws the reach of one item: give exactly one --item"
                          : "--render は 1 つの項目の行き先を描きます。--item を 1 つだけ指定して"
                            "ください");
  }
  if (!options.org.empty()) {
    return usage_error(en ? "--render draws the whole figure and cannot be combined with --org"
                          : "--render は図の全体を描くので --org とは併用できません");
  }
  if (options.format_option->count() != 0) {
    return usage_error(en ? "--render takes the figure format from the -o extension "
                            "(svg, png, pdf, dot), not from --format"
                          : "--render の形式は -o の拡張子 (svg, png, pdf, dot) で決まります。"
                            "--format は使えません");
  }
  if (!choose_figure_format("", options.output, options.figure)) return kExitUsage;
  if (!output_spares_inputs(options.output, inputs_of(options), language)) return kExitUsage;
  auto setup = load_setup("", language);
  if (!setup) return kExitUsage;
  TraceQuery query;
  auto model = load_for_trace(options, setup->catalogue, query, en);
  if (!model) return kExitUsage;
  if (!figure_legible(
          *model, options.model, options.figure, options.force,
          en ? "use --force to draw it all the same" : "--force で全体を描いてください")) {
    return kExitUsage;
  }
  const ItemReach reach(*model);
  ItemFootprint footprint = footprint_of(*model, reach, query.items);
  options.figure.highlight = FigureHighlight{std::move(footprint.nodes), std::move(footprint.flows),
                                             highlight_caption(*model, options, query.items, en)};
  write_file_atomically(options.output.empty() ? "-" : options.output,
                        render_figure(*model, setup->catalogue, {}, options.figure));
  return kExitOk;
}

int run_trace(TraceOptions& options, Language language) {
  if (options.render) return run_trace_render(options, language);
  if (options.item_option->count() > 1) {
    return usage_error(language == Language::en ? "give --item once"
                                                : "--item は 1 つだけ指定してください");
  }
  if (!output_spares_inputs(options.output, inputs_of(options), language)) return kExitUsage;
  auto setup = load_setup("", language);
  if (!setup) return kExitUsage;
  TraceQuery query;
  auto model = load_for_trace(options, setup->catalogue, query, language == Language::en);
  if (!model) return kExitUsage;
  const ItemReach reach(*model);
  const auto traces = trace_items(*model, reach, query);
  write_file_atomically(options.output, options.format == "json"
                                            ? format_trace_json(*model, traces)
                                            : format_trace_text(*model, traces, language));
  return kExitOk;
}

int run_reach(const TraceOptions& options, Language language) {
  if (!output_spares_inputs(options.output, inputs_of(options), language)) return kExitUsage;
  auto setup = load_setup("", language);
  if (!setup) return kExitUsage;
  TraceQuery query;
  auto model = load_for_trace(options, setup->catalogue, query, language == Language::en);
  if (!model) return kExitUsage;
  const ItemReach reach(*model);
  const auto traces = trace_items(*model, reach, query);
  write_file_atomically(options.output,
                        options.format == "json"
                            ? format_reach_json(*model, query.org, traces)
                            : format_reach_text(*model, query.org, traces, language));
  return kExitOk;
}

void add_output_options(CLI::App& command, TraceOptions& options) {
  options.format_option = command.add_option("--format", options.format, "出力形式 (text, json)")
                              ->check(CLI::IsMember({"text", "json"}))
                              ->capture_default_str();
  command.add_option("-o,--output", options.output, "出力先ファイル (- は標準出力)")
      ->capture_default_str();
}

}  // namespace

void add_trace_commands(CLI::App& app, GlobalOptions& global, int& result) {
  auto trace_options = std::make_shared<TraceOptions>();
  CLI::App* trace =
      app.add_subcommand("trace", "項目ごとに、届くノード・組織とその経路（流れの順）を示す");
  trace->add_option("model", trace_options->model, "モデルファイル")->required();
  // Taking the last lets run_trace say itself, in one line, that --item was given twice.
  trace_options->item_option =
      trace
          ->add_option("--item", trace_options->item,
                       "項目の id・名前、または情報の名前（例: 氏名、その情報を含む項目すべて）")
          ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  trace->add_option("--org", trace_options->org, "この組織（入れ子の組織を含む）に届く分だけ示す");
  add_output_options(*trace, *trace_options);
  CLI::Option* render = trace->add_flag(
      "--render", trace_options->render,
      "図の全体を描き、--item の項目が届くノードと運ぶ流れを強調する（-o の拡張子で svg, png, "
      "pdf, dot）");
  for (CLI::Option* option : add_figure_options(*trace, trace_options->figure)) {
    option->needs(render);
  }
  trace->add_flag("--force", trace_options->force, "ノードが多くても図の全体を描く (--render)")
      ->needs(render);
  add_language_option(*trace, global);
  trace->callback(
      [trace_options, &global, &result] { result = run_trace(*trace_options, global.lang()); });

  auto reach_options = std::make_shared<TraceOptions>();
  CLI::App* reach = app.add_subcommand("reach", "組織が得られる項目と、それを運ぶ流れを示す");
  reach->add_option("model", reach_options->model, "モデルファイル")->required();
  reach->add_option("--to", reach_options->org, "組織の id または名前（入れ子の組織を含む）")
      ->required();
  reach_options->item_option =
      reach->add_option("--item", reach_options->item, "項目の id・名前、または情報の名前");
  add_output_options(*reach, *reach_options);
  add_language_option(*reach, global);
  reach->callback(
      [reach_options, &global, &result] { result = run_reach(*reach_options, global.lang()); });
}

}  // namespace nagare::cli
