// `nagare audit`: a declared model against a log of actual transfers (受渡簿).

#include "common.h"
#include "nagare/atomic_file.h"
#include "nagare/audit_output.h"
#include "nagare/ledger.h"
#include "nagare/load.h"

namespace nagare::cli {
namespace {

struct AuditOptions {
  std::string model;
  std::string log;
  std::string from;
  std::string to;
  std::string format = "text";
  std::string output = "-";
};

int run_audit(const AuditOptions& options, Language language) {
  const bool en = language == Language::en;
  AuditPeriod period;
  for (const auto& [text, bound, name] :
       {std::tuple{&options.from, &period.from, "--from"}, {&options.to, &period.to, "--to"}}) {
    if (text->empty()) continue;
    const DateReading date = read_date(*text);
    *bound = date.date;
    if (!*bound) {
      const std::string why =
          date.problem.empty() ? "" : ": " + (en ? date.problem_en : date.problem);
      report({Diagnostic{SourceLocation{},
                         en ? std::string(name) + ": cannot read the date \"" + *text + "\"" + why
                            : std::string(name) + ": 日付「" + *text + "」を読めません" +
                                  (why.empty() ? "（例: 2025-04-01、令和7年4月1日）" : why)}},
             en ? Language::en : Language::ja);
      return kExitUsage;
    }
  }
  // An empty period would audit nothing and report every hand-over missing.
  if (period.from && period.to && *period.from > *period.to) {
    report({Diagnostic{SourceLocation{},
                       en ? "--from " + options.from + " is later than --to " + options.to
                          : "--from " + options.from + " が --to " + options.to + " より後です"}},
           en ? Language::en : Language::ja);
    return kExitUsage;
  }
  std::vector<std::string> inputs = setup_files("");
  inputs.push_back(options.model);
  inputs.push_back(options.log);
  if (!output_spares_inputs(options.output, inputs, language)) return kExitUsage;
  auto setup = load_setup("", language);
  if (!setup) return kExitUsage;
  auto model = load_model_file(options.model, setup->catalogue);
  if (!report(model.diagnostics, language)) return kExitUsage;
  auto text = read_input_file(options.log);
  if (!report(text.diagnostics, language)) return kExitUsage;
  auto read = read_ledger(*text.value, options.log);
  if (!report(read.diagnostics, language)) return kExitUsage;
  const Ledger& ledger = *read.ledger;
  const AuditResult result = audit_ledger(*model.value, ledger, period);
  write_file_atomically(options.output,
                        options.format == "json"
                            ? format_audit_json(*model.value, ledger, period, result, language)
                            : format_audit_text(*model.value, ledger, result, language));
  return result.discrepant() || !ledger.skipped.empty() ? kExitFindings : kExitOk;
}

}  // namespace

void add_audit_command(CLI::App& app, GlobalOptions& global, int& result) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* audit = app.add_subcommand(
      "audit", "宣言したモデルと受渡簿（CSV）を照合する（不一致があれば終了コード 1）");
  audit->add_option("model", options->model, "宣言したモデル")->required();
  audit->add_option("log", options->log, "受渡簿などの CSV（列は docs/audit-log.md）")->required();
  audit->add_option("--from", options->from, "期間の初日（例: 2025-04-01）");
  audit->add_option("--to", options->to, "期間の末日（例: 2026-03-31）");
  audit->add_option("--format", options->format, "出力形式 (text, json)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  audit->add_option("-o,--output", options->output, "出力先ファイル (- は標準出力)")
      ->capture_default_str();
  add_language_option(*audit, global);
  audit->callback([options, &global, &result] { result = run_audit(*options, global.lang()); });
}

}  // namespace nagare::cli
