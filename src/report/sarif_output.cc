#include "nagare/sarif_output.h"

#include <nlohmann/json.hpp>

#include "json_text.h"
#include "nagare/visible_text.h"

#include <filesystem>
#include <map>

namespace nagare {
namespace {

using Json = nlohmann::ordered_json;

std::string_view level_of(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::info:
      return "note";
  }
  return "warning";
}

/// Percent-encodes what may not stand in a URI path (keeps '/').
std::string uri_path(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~' || c == '/';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

/// The artifact location of a model file: relative to the working directory when it is
/// under it, else an absolute file: URI.
Json artifact_location(const std::string& file) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path cwd = fs::current_path(error);
  fs::path path(file);
  if (path.is_absolute() && !error) {
    fs::path relative = path.lexically_relative(cwd);
    if (!relative.empty() && *relative.begin() != "..") path = relative;
  }
  if (path.is_absolute()) return {{"uri", "file://" + uri_path(path.generic_string())}};
  return {{"uri", uri_path(path.lexically_normal().generic_string())}, {"uriBaseId", "%SRCROOT%"}};
}

std::string measure_list(const MeasureCatalogue& catalogue, const std::vector<std::size_t>& ids,
                         bool english) {
  std::string out;
  for (std::size_t id : ids) {
    if (!out.empty()) out += english ? ", " : "、";
    const MeasureDefinition& measure = catalogue.at(id);
    out += english ? (measure.english.empty() ? measure.id : measure.english)
                   : (measure.short_text.empty() ? measure.id : measure.short_text);
    out += " (" + measure.id + ")";
  }
  return out;
}

struct RuleText {
  std::string short_description;
  std::string full_description;
  std::string help;
};

RuleText rule_text(const Rule& rule, const MeasureCatalogue& catalogue, bool english) {
  RuleText text;
  // One SARIF run may hold models of several bodies: the rule text names none.
  text.short_description =
      worded(english && !rule.title_en.empty() ? rule.title_en : rule.title, "自治体");
  const std::string why =
      worded(english && !rule.why_en.empty() ? rule.why_en : rule.why, "自治体");
  text.full_description = why.empty() ? text.short_description : why;
  if (!rule.all_measures.empty()) {
    text.help += (english ? "Requires all of: " : "必要な対策（すべて）: ") +
                 measure_list(catalogue, rule.all_measures, english);
  }
  if (!rule.any_measures.empty()) {
    if (!text.help.empty()) text.help += english ? ". " : "。";
    text.help += (english ? "Requires one of: " : "必要な対策（いずれか）: ") +
                 measure_list(catalogue, rule.any_measures, english);
  }
  if (text.help.empty()) text.help = text.full_description;
  text.help += english ? ". Where a measure is in place, add it to the model's measures; where it "
                         "is not needed, write { id = \"…\", na = \"reason\" }."
                       : "。対策があればモデルの measures に書き、不要なら { id = \"…\", na = "
                         "\"理由\" } と書きます。";
  return text;
}

RuleText builtin_text(const BuiltinCheck& check, bool english) {
  RuleText text;
  text.short_description = std::string(english ? check.title_en : check.title);
  text.full_description = text.short_description;
  text.help = text.short_description +
              (english ? " (a built-in check; its severity is set in the policy's [checks] table)"
                       : "（組み込みの検査。重大度はポリシーの [checks] で変えられます）");
  return text;
}

Json message(const std::string& text) { return {{"text", text}}; }

Json rule_json(std::string_view id, const RuleText& text, const RuleText& other, bool english,
               Severity severity, bool enabled) {
  Json rule;
  rule["id"] = std::string(id);
  rule["name"] = std::string(id);
  rule["shortDescription"] = message(text.short_description);
  rule["fullDescription"] = message(text.full_description);
  rule["help"] = message(text.help);
  Json configuration = {{"level", std::string(level_of(severity))}};
  if (!enabled) configuration["enabled"] = false;
  rule["defaultConfiguration"] = std::move(configuration);
  const std::string other_language = english ? "ja" : "en";
  rule["properties"] = {{other_language,
                         {{"shortDescription", other.short_description},
                          {"fullDescription", other.full_description},
                          {"help", other.help}}}};
  return rule;
}

/// The result of one finding; `location` is its file's artifact location.
Json result_json(const Finding& finding,
                 const std::map<std::string, std::size_t, std::less<>>& rule_index,
                 const Json& location, bool english) {
  Json result;
  result["ruleId"] = finding.rule;
  result["ruleIndex"] = rule_index.at(finding.rule);
  result["level"] = std::string(level_of(finding.severity));
  result["message"] = message(english ? finding.message_en : finding.message);
  Json physical;
  physical["artifactLocation"] = location;
  if (finding.where.line > 0) {
    Json region = {{"startLine", finding.where.line}};
    if (finding.where.column > 0) region["startColumn"] = finding.where.column;
    physical["region"] = std::move(region);
  }
  result["locations"] = Json::array({{{"physicalLocation", std::move(physical)}}});
  result["partialFingerprints"] = {{"nagareFindingId/v1", finding.id}};
  if (finding.accepted) {
    Json suppression = {
        {"kind", "inSource"}, {"status", "accepted"}, {"justification", *finding.accepted}};
    if (finding.accepted_by) {
      suppression["properties"] = {{"acceptedBy", *finding.accepted_by}};
    }
    result["suppressions"] = Json::array({std::move(suppression)});
  }
  Json properties;
  properties["findingId"] = finding.id;
  properties[english ? "message_ja" : "message_en"] =
      english ? finding.message : finding.message_en;
  if (!finding.missing.empty()) properties["missing"] = finding.missing;
  if (finding.flow) properties["flow"] = *finding.flow;
  if (finding.node) properties["node"] = *finding.node;
  if (finding.org) properties["org"] = *finding.org;
  result["properties"] = std::move(properties);
  return result;
}

/// Where the results go in the log: the log is dumped with an empty results array, which
/// no string value can imitate (a quote inside a string is escaped).
constexpr std::string_view kResultsPlaceholder = "\"results\": []";
/// How deep a result stands: log, runs, run, results.
constexpr int kResultDepth = 4;

}  // namespace

void write_findings_sarif(FindingSequence findings, const Policy& policy,
                          const MeasureCatalogue& catalogue, Language language,
                          const SarifTool& tool, TextOutput& out) {
  const bool english = language == Language::en;
  Json rules = Json::array();
  std::map<std::string, std::size_t, std::less<>> rule_index;
  for (const Rule& rule : policy.rules) {
    if (rule_index.count(rule.id) != 0) continue;
    rule_index.emplace(rule.id, rules.size());
    rules.push_back(rule_json(rule.id, rule_text(rule, catalogue, english),
                              rule_text(rule, catalogue, !english), english, rule.severity, true));
  }
  for (const BuiltinCheck& check : builtin_checks()) {
    if (rule_index.count(check.id) != 0) continue;
    Severity severity = check.default_severity;
    bool enabled = true;
    if (auto setting = policy.checks.find(check.id); setting != policy.checks.end()) {
      severity = setting->second.severity;
      enabled = setting->second.enabled;
    }
    rule_index.emplace(std::string(check.id), rules.size());
    rules.push_back(rule_json(check.id, builtin_text(check, english), builtin_text(check, !english),
                              english, severity, enabled));
  }
  // A finding of a rule neither list names (should not happen) still gets a descriptor.
  findings.for_each([&](const Finding& finding) {
    if (rule_index.count(finding.rule) != 0) return;
    rule_index.emplace(finding.rule, rules.size());
    RuleText text{finding.rule, finding.rule, finding.rule};
    rules.push_back(rule_json(finding.rule, text, text, english, finding.severity, true));
  });

  Json driver;
  driver["name"] = "nagare";
  driver["version"] = std::string(tool.version);
  driver["semanticVersion"] = std::string(tool.version);
  driver["informationUri"] = std::string(tool.information_uri);
  driver["language"] = english ? "en" : "ja";
  driver["rules"] = std::move(rules);

  Json run;
  run["tool"] = {{"driver", std::move(driver)}};
  std::error_code error;
  const std::filesystem::path cwd = std::filesystem::current_path(error);
  if (!error) {
    std::string root = uri_path(cwd.generic_string());
    if (root.empty() || root.back() != '/') root += '/';
    run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", "file://" + root}}}};
  }
  run["results"] = Json::array();
  run["language"] = english ? "en" : "ja";
  run["columnKind"] = "unicodeCodePoints";

  Json log;
  log["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  log["version"] = "2.1.0";
  log["runs"] = Json::array({std::move(run)});
  const std::string frame =
      json_controls_escaped(log.dump(2, ' ', false, nlohmann::json::error_handler_t::replace));
  const std::size_t placeholder = frame.find(kResultsPlaceholder);
  const std::string_view head = std::string_view(frame).substr(0, placeholder);
  const std::string_view tail =
      std::string_view(frame).substr(placeholder + kResultsPlaceholder.size());

  out << head << "\"results\": [";
  // Findings of one file come together: its location is worked out once.
  std::optional<FileName> located_file;
  Json location;
  bool first = true;
  findings.for_each([&](const Finding& finding) {
    if (located_file != finding.where.file) {
      location = artifact_location(finding.where.file);
      located_file = finding.where.file;
    }
    if (!first) out << ',';
    first = false;
    report::write_json_line_break(out, kResultDepth);
    report::write_json_nested(out, result_json(finding, rule_index, location, english),
                              kResultDepth);
  });
  if (!findings.empty()) report::write_json_line_break(out, kResultDepth - 1);
  out << ']' << tail << '\n';
}

std::string format_findings_sarif(const std::vector<Finding>& findings, const Policy& policy,
                                  const MeasureCatalogue& catalogue, Language language,
                                  const SarifTool& tool) {
  return collected_text([&](TextOutput& out) {
    write_findings_sarif(findings, policy, catalogue, language, tool, out);
  });
}

}  // namespace nagare
