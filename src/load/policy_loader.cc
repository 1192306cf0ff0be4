#include <set>

#include "nagare/load.h"
#include "toml_reader.h"

namespace nagare {
namespace {

using load::Reporter;
using load::TableReader;

template <typename Enum, typename Parse>
std::vector<Enum> read_enum_list(TableReader& t, std::string_view key, Parse parse,
                                 std::string_view allowed) {
  std::vector<Enum> values;
  t.strings(key, [&](const std::string& text, const SourceLocation& where) {
    if (auto value = parse(text)) {
      values.push_back(*value);
    } else {
      t.reporter().error(where,
                         std::string(key) + " の \"" + text +
                             "\" は使えません (使える値: " + std::string(allowed) + ")",
                         std::string(key) + ": \"" + text +
                             "\" is not allowed (allowed: " + std::string(allowed) + ")");
    }
  });
  return values;
}

void read_condition(TableReader& t, RuleCondition& when) {
  when.transfer = read_enum_list<TransferKind>(
      t, "transfer", parse_transfer_kind,
      "internet, lgwan, closed, dedicated-line, intranet, telephone, mobile-carrier, unknown, "
      "media, paper, direct, unstated");
  when.crosses_org = t.boolean("crosses_org");
  when.carries =
      read_enum_list<ItemClass>(t, "carries", parse_item_class,
                                "personal, special-care, my-number, pseudonymous, non-personal");
  when.endpoint =
      t.enumerated("endpoint", parse_endpoint_side, "to, from, either").value_or(EndpointSide::to);
  when.kind = read_enum_list<NodeKind>(
      t, "kind", parse_node_kind,
      "person, terminal, mobile, system, cloud, datastore, network, medium");
  constexpr std::string_view kRoles =
      "ward, department, contractor, subcontractor, connected, cloud, recipient, subject, "
      "vendor, other, public-body, service, unknown";
  when.not_kind = read_enum_list<NodeKind>(
      t, "not_kind", parse_node_kind,
      "person, terminal, mobile, system, cloud, datastore, network, medium");
  when.role = read_enum_list<OrgRole>(t, "role", parse_org_role, kRoles);
  when.not_role = read_enum_list<OrgRole>(t, "not_role", parse_org_role, kRoles);
  when.outside_ward = t.boolean("outside_ward");
  when.stores = t.boolean("stores");
  when.handles_physical = t.boolean("handles_physical");
  when.electronic = t.boolean("electronic");
  when.region = read_enum_list<Region>(t, "region", parse_region, "japan, overseas, unknown");
}

std::vector<std::size_t> resolve_measures(const std::vector<std::string>& ids,
                                          const std::vector<SourceLocation>& places,
                                          const MeasureCatalogue& catalogue, Reporter& reporter) {
  std::vector<std::size_t> resolved;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (auto index = catalogue.find(ids[i])) {
      resolved.push_back(*index);
    } else {
      reporter.error(places[i], "対策 \"" + ids[i] + "\" はカタログにありません",
                     "measure \"" + ids[i] + "\" is not in the catalogue");
    }
  }
  return resolved;
}

void read_rule(TableReader& t, const MeasureCatalogue& catalogue, Policy& policy,
               std::set<std::string, std::less<>>& ids) {
  Rule rule;
  rule.where = t.where();
  rule.id = t.string("id", true).value_or("");
  rule.title = t.string("title", true).value_or("");
  rule.title_en = t.string("title_en").value_or(rule.title);
  rule.why = t.string("why").value_or("");
  rule.why_en = t.string("why_en").value_or(rule.why);
  rule.severity =
      t.enumerated("severity", parse_severity, "error, warning, info").value_or(Severity::error);
  rule.scope = t.enumerated("scope", parse_rule_scope, "flow, node, org").value_or(RuleScope::flow);
  t.table("when", [&](TableReader& w) { read_condition(w, rule.when); });
  bool has_require = false;
  t.table("require", [&](TableReader& r) {
    has_require = true;
    std::vector<SourceLocation> all_places, any_places;
    r.strings("all", [&](const std::string& id, const SourceLocation& where) {
      rule.require_all.push_back(id);
      all_places.push_back(where);
    });
    r.strings("any", [&](const std::string& id, const SourceLocation& where) {
      rule.require_any.push_back(id);
      any_places.push_back(where);
    });
    rule.all_measures = resolve_measures(rule.require_all, all_places, catalogue, t.reporter());
    rule.any_measures = resolve_measures(rule.require_any, any_places, catalogue, t.reporter());
    rule.at = read_enum_list<MeasurePlace>(r, "at", parse_measure_place,
                                           "flow, via, from, to, from-org, to-org, node, org, "
                                           "matched, matched-org");
  });
  t.tables("lower", [&](TableReader& l) {
    Lowering lowering;
    std::vector<SourceLocation> all_places, any_places;
    l.strings("all", [&](const std::string& id, const SourceLocation& where) {
      lowering.all_ids.push_back(id);
      all_places.push_back(where);
    });
    l.strings("any", [&](const std::string& id, const SourceLocation& where) {
      lowering.any_ids.push_back(id);
      any_places.push_back(where);
    });
    lowering.all = resolve_measures(lowering.all_ids, all_places, catalogue, t.reporter());
    lowering.any = resolve_measures(lowering.any_ids, any_places, catalogue, t.reporter());
    lowering.carries_none =
        read_enum_list<ItemClass>(l, "carries_none", parse_item_class,
                                  "personal, special-care, my-number, pseudonymous, non-personal");
    lowering.to =
        l.enumerated("to", parse_severity, "error, warning, info").value_or(Severity::warning);
    if (lowering.all_ids.empty() && lowering.any_ids.empty() && lowering.carries_none.empty()) {
      t.reporter().error(l.where(), "[[rule.lower]] に all, any か carries_none がありません",
                         "[[rule.lower]] needs all, any or carries_none");
    }
    rule.lower.push_back(std::move(lowering));
  });
  if (!has_require || (rule.require_all.empty() && rule.require_any.empty())) {
    t.reporter().error(rule.where,
                       "規則 \"" + rule.id + "\" に [rule.require] の all か any がありません",
                       "rule \"" + rule.id + "\" needs all or any in [rule.require]");
  }
  if (rule.at.empty()) {
    // Default places: everything the scope can see.
    switch (rule.scope) {
      case RuleScope::flow:
        rule.at = {MeasurePlace::flow, MeasurePlace::via,      MeasurePlace::from,
                   MeasurePlace::to,   MeasurePlace::from_org, MeasurePlace::to_org};
        break;
      case RuleScope::node:
        rule.at = {MeasurePlace::node, MeasurePlace::org};
        break;
      case RuleScope::org:
        rule.at = {MeasurePlace::org};
        break;
    }
  }
  if (rule.id.empty()) return;
  if (!ids.insert(rule.id).second) {
    t.reporter().error(rule.where, "規則 \"" + rule.id + "\" が重複しています",
                       "rule \"" + rule.id + "\" is defined twice");
    return;
  }
  policy.rules.push_back(std::move(rule));
}

}  // namespace

Loaded<Policy> load_policy_text(std::string_view text, const std::string& path,
                                const MeasureCatalogue& catalogue) {
  Loaded<Policy> result;
  auto root = load::parse_toml(text, path, result.diagnostics);
  if (!root) return result;
  Reporter reporter(path, result.diagnostics);
  Policy policy;
  policy.file = path;
  for (const BuiltinCheck& check : builtin_checks()) {
    policy.checks.emplace(std::string(check.id), CheckSetting{true, check.default_severity});
  }
  std::set<std::string, std::less<>> ids;
  {
    TableReader top(*root, "ポリシー", reporter);
    policy.name = top.string("name").value_or(path);
    top.tables("rule", [&](TableReader& t) { read_rule(t, catalogue, policy, ids); });
    if (const toml::node* checks = top.node("checks")) {
      if (const auto* table = checks->as_table()) {
        for (const auto& [key, value] : *table) {
          auto setting = policy.checks.find(key.str());
          if (setting == policy.checks.end()) {
            reporter.error(value, "組込みの検査 \"" + std::string(key.str()) + "\" はありません",
                           "there is no built-in check \"" + std::string(key.str()) + "\"");
            continue;
          }
          const auto* text_value = value.as_string();
          if (text_value != nullptr && text_value->get() == "off") {
            setting->second.enabled = false;
          } else if (auto severity =
                         text_value ? parse_severity(text_value->get()) : std::nullopt) {
            setting->second.severity = *severity;
          } else {
            reporter.error(
                value, "[checks] の値は \"error\", \"warning\", \"info\", \"off\" のどれかです",
                "a value in [checks] must be \"error\", \"warning\", \"info\" or \"off\"");
          }
        }
      } else {
        reporter.error(*checks, "checks は表 [checks] で書いてください",
                       "checks must be a table [checks]");
      }
    }
  }
  load::sort_by_position(result.diagnostics);
  if (result.diagnostics.empty()) result.value = std::move(policy);
  return result;
}

Loaded<Policy> load_policy_file(const std::string& path, const MeasureCatalogue& catalogue) {
  auto text = read_input_file(path);
  if (!text.value) return Loaded<Policy>{std::nullopt, std::move(text.diagnostics)};
  return load_policy_text(*text.value, path, catalogue);
}

}  // namespace nagare
