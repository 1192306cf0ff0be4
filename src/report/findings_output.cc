#include "nagare/findings_output.h"

#include <nlohmann/json.hpp>

#include "nagare/visible_text.h"

namespace nagare {
namespace {

const std::string& message_in(const Finding& finding, Language language) {
  return language == Language::en ? finding.message_en : finding.message;
}

nlohmann::json optional_text(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

}  // namespace

std::string format_findings_text(const std::vector<Finding>& findings, Language language) {
  std::string out;
  for (const Finding& finding : findings) {
    // Names and justifications are the model's text: one finding stays one visible line.
    out += visible_text(finding.where.file) + ':' + std::to_string(finding.where.line) + ':' +
           std::to_string(finding.where.column) + ": " + to_string(finding.severity) + '[' +
           finding.rule + "]: " + visible_text(message_in(finding, language));
    if (finding.accepted) {
      out += language == Language::en ? " [accepted: " : " [受容済み: ";
      out += visible_text(*finding.accepted);
      if (finding.accepted_by) out += " (" + visible_text(*finding.accepted_by) + ")";
      out += ']';
    }
    out += '\n';
  }
  const SeverityCounts counts = count_by_severity(findings);
  if (language == Language::en) {
    out += std::to_string(counts.error) + " errors, " + std::to_string(counts.warning) +
           " warnings, " + std::to_string(counts.info) + " info\n";
  } else {
    out += "エラー " + std::to_string(counts.error) + " 件、警告 " +
           std::to_string(counts.warning) + " 件、情報 " + std::to_string(counts.info) + " 件\n";
  }
  return out;
}

std::string format_findings_json(const std::vector<Finding>& findings, Language language) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Finding& finding : findings) {
    nlohmann::ordered_json entry;
    entry["file"] = finding.where.file;
    entry["line"] = finding.where.line;
    entry["column"] = finding.where.column;
    entry["severity"] = to_string(finding.severity);
    entry["rule"] = finding.rule;
    entry["flow"] = optional_text(finding.flow);
    entry["node"] = optional_text(finding.node);
    entry["org"] = optional_text(finding.org);
    entry["from"] = optional_text(finding.from);
    entry["to"] = optional_text(finding.to);
    entry["missing"] = finding.missing;
    entry["message"] = message_in(finding, language);
    entry["id"] = finding.id;
    entry["accepted"] = optional_text(finding.accepted);
    entry["accepted_by"] = optional_text(finding.accepted_by);
    list.push_back(std::move(entry));
  }
  const SeverityCounts counts = count_by_severity(findings);
  nlohmann::ordered_json document;
  document["findings"] = std::move(list);
  document["summary"] = {
      {"error", counts.error}, {"warning", counts.warning}, {"info", counts.info}};
  // Replace invalid UTF-8 rather than throw: model text is validated, but be safe.
  return json_controls_escaped(
             document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) +
         "\n";
}

}  // namespace nagare
