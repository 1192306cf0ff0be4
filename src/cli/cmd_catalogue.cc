// `nagare policy` and `nagare measures`: what the checker will ask for, in Japanese.

#include "common.h"
#include "nagare/atomic_file.h"

namespace nagare::cli {
namespace {

std::string measure_names(const MeasureCatalogue& catalogue, const std::vector<std::size_t>& ids,
                          bool en) {
  std::string text;
  for (std::size_t m : ids) {
    if (!text.empty()) text += en ? ", " : "、";
    text += en ? catalogue.at(m).english : catalogue.at(m).short_text;
  }
  return text;
}

int run_policy(const std::string& policy_path, Language language) {
  auto setup = load_setup(policy_path, language);
  if (!setup) return kExitUsage;
  const bool en = language == Language::en;
  std::string out = (en ? "Policy: " : "ポリシー: ") + setup->policy.name + "\n\n";
  for (const Rule& rule : setup->policy.rules) {
    out += rule.id + "  [" + to_string(rule.severity) + ", " + std::string(id_of(rule.scope)) +
           "]\n  " + (en ? rule.title_en : rule.title) + "\n";
    if (!rule.all_measures.empty()) {
      out += std::string(en ? "  requires all of: " : "  すべて必要: ") +
             measure_names(setup->catalogue, rule.all_measures, en) + "\n";
    }
    if (!rule.any_measures.empty()) {
      out += std::string(en ? "  requires one of: " : "  いずれか必要: ") +
             measure_names(setup->catalogue, rule.any_measures, en) + "\n";
    }
    const std::string& why = en ? rule.why_en : rule.why;
    if (!why.empty()) out += std::string(en ? "  why: " : "  理由: ") + why + "\n";
  }
  out += en ? "\nBuilt-in checks:\n" : "\n組込みの検査:\n";
  for (const BuiltinCheck& check : builtin_checks()) {
    auto setting = setup->policy.checks.find(check.id);
    const bool known = setting != setup->policy.checks.end();
    const bool enabled = !known || setting->second.enabled;
    const Severity severity = known ? setting->second.severity : check.default_severity;
    out += std::string(check.id) + "  [" + (enabled ? to_string(severity) : "off") + "]\n  " +
           std::string(en ? check.title_en : check.title) + "\n";
  }
  write_file_atomically("-", out);
  return kExitOk;
}

int run_measures(const std::string& wording_path, Language language) {
  auto setup = load_setup("", language, wording_path);
  if (!setup) return kExitUsage;
  const bool en = language == Language::en;
  std::string out;
  for (const MeasureDefinition& measure : setup->catalogue.all()) {
    std::string lists;
    for (Procedure procedure : measure.checklists) {
      if (!lists.empty()) lists += en ? ", " : "・";
      lists += en ? std::string(id_of(procedure)) : std::string(japanese_name(procedure));
    }
    const char* category = measure.technical ? (en ? "technical" : "システム上の対策")
                                             : (en ? "operational" : "運用上の対策");
    out += measure.id + "  [" + category + (lists.empty() ? "" : " / " + lists) + "]\n  " +
           (en ? measure.english : measure.short_text) + "\n";
  }
  write_file_atomically("-", out);
  return kExitOk;
}

}  // namespace

void add_catalogue_commands(CLI::App& app, GlobalOptions& global, int& result) {
  auto policy_path = std::make_shared<std::string>();
  CLI::App* policy = app.add_subcommand("policy", "ポリシーの規則を一覧する");
  policy->add_option("--policy", *policy_path, "ポリシーファイル (既定: 同梱の標準ポリシー)");
  add_language_option(*policy, global);
  policy->callback(
      [policy_path, &global, &result] { result = run_policy(*policy_path, global.lang()); });

  auto wording_path = std::make_shared<std::string>();
  CLI::App* measures = app.add_subcommand("measures", "対策カタログを一覧する");
  add_wording_option(*measures, *wording_path);
  add_language_option(*measures, global);
  measures->callback(
      [wording_path, &global, &result] { result = run_measures(*wording_path, global.lang()); });
}

}  // namespace nagare::cli
