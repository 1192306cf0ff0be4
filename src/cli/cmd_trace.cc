// `nagare trace` and `nagare reach`: where every item set goes, and what an organization
// can obtain. Both ask the reach engine the checker uses.

#include "common.h"
#include "nagare/atomic_file.h"
#include "nagare/audit_output.h"
#include "nagare/load.h"
#include "nagare/trace.h"

namespace nagare::cli {
namespace {

struct TraceOptions {
  std::string model;
  std::string item;
  std::string org;
  std::string format = "text";
  std::string output = "-";
};

/// Loads the model and resolves --item and --org; nullopt (after printing why) on bad input.
std::optional<Model> load_for_trace(const TraceOptions& options, TraceQuery& query, bool en) {
  auto setup = load_setup("");
  if (!setup) return std::nullopt;
  auto model = load_model_file(options.model, setup->catalogue);
  if (!report(model.diagnostics)) return std::nullopt;
  if (!options.item.empty()) {
    query.items = select_items(*model.value, options.item);
    if (query.items.empty()) {
      report({Diagnostic{SourceLocation{options.model, 0, 0},
                         en ? "no item set has the id, name or field \"" + options.item + "\""
                            : "項目「" + options.item +
                                  "」はモデルにありません（項目の id・名前か fields "
                                  "の名前を指定してください）"}});
      return std::nullopt;
    }
  }
  if (!options.org.empty()) {
    query.org = find_org(*model.value, options.org);
    if (query.org == npos) {
      report({Diagnostic{SourceLocation{options.model, 0, 0},
                         en ? "no organization has the id or name \"" + options.org + "\""
                            : "組織「" + options.org + "」はモデルにありません"}});
      return std::nullopt;
    }
  }
  return std::move(*model.value);
}

int run_trace(const TraceOptions& options, Language language) {
  TraceQuery query;
  auto model = load_for_trace(options, query, language == Language::en);
  if (!model) return kExitUsage;
  const ItemReach reach(*model);
  const auto traces = trace_items(*model, reach, query);
  write_file_atomically(options.output, options.format == "json"
                                            ? format_trace_json(*model, traces)
                                            : format_trace_text(*model, traces, language));
  return kExitOk;
}

int run_reach(const TraceOptions& options, Language language) {
  TraceQuery query;
  auto model = load_for_trace(options, query, language == Language::en);
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
  command.add_option("--format", options.format, "出力形式 (text, json)")
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
  trace->add_option("--item", trace_options->item,
                    "項目の id・名前、または情報の名前（例: 氏名、その情報を含む項目すべて）");
  trace->add_option("--org", trace_options->org, "この組織（入れ子の組織を含む）に届く分だけ示す");
  add_output_options(*trace, *trace_options);
  add_language_option(*trace, global);
  trace->callback(
      [trace_options, &global, &result] { result = run_trace(*trace_options, global.lang()); });

  auto reach_options = std::make_shared<TraceOptions>();
  CLI::App* reach = app.add_subcommand("reach", "組織が得られる項目と、それを運ぶ流れを示す");
  reach->add_option("model", reach_options->model, "モデルファイル")->required();
  reach->add_option("--to", reach_options->org, "組織の id または名前（入れ子の組織を含む）")
      ->required();
  reach->add_option("--item", reach_options->item, "項目の id・名前、または情報の名前");
  add_output_options(*reach, *reach_options);
  add_language_option(*reach, global);
  reach->callback(
      [reach_options, &global, &result] { result = run_reach(*reach_options, global.lang()); });
}

}  // namespace nagare::cli
