#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "nagare/audit_output.h"
#include "nagare/visible_text.h"

namespace nagare {
namespace {

using Json = nlohmann::ordered_json;

// Text output shows the files', models' and ledgers' text through visible_text, so that a
// name or a cell cannot steer the terminal or fake a line.

/// "file:line:column" (column, then line, left out when unknown).
std::string location(const SourceLocation& where) {
  std::string text = visible_text(where.file);
  if (where.line > 0) {
    text += ':' + std::to_string(where.line);
    if (where.column > 0) text += ':' + std::to_string(where.column);
  }
  return text;
}

std::string date_text(int date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date / 10000, date / 100 % 100,
                date % 100);
  return buffer;
}

}  // namespace

std::string format_diff_text(const ModelDiff& diff, Language language) {
  const bool en = language == Language::en;
  std::string out = (en ? "declared: " : "宣言: ") + visible_text(diff.declared_file) + "\n" +
                    (en ? "actual:   " : "実際: ") + visible_text(diff.actual_file) + "\n";
  out += en ? "paired " + std::to_string(diff.paired_by_id) + " entities by id, " +
                  std::to_string(diff.by_name.size()) + " by name or label\n"
            : "照合: " + std::to_string(diff.paired_by_id) + " 件を id で、" +
                  std::to_string(diff.by_name.size()) + " 件を名前・ラベルで対応付けました\n";
  for (const Pairing& pairing : diff.by_name) {
    const bool flow = pairing.entity == "flow";
    out += "  " + pairing.entity + " " + visible_text(pairing.declared_id) + " = " +
           visible_text(pairing.actual_id);
    if (pairing.by_label_alone) {
      out += en ? " (by label alone; the ends differ)\n" : "（ラベルだけで対応、両端は異なる）\n";
    } else {
      out += en ? (flow ? " (by label and ends)\n" : " (by name)\n")
                : (flow ? "（ラベルと両端で対応）\n" : "（名前で対応）\n");
    }
  }
  out += "\n";
  for (const Difference& d : diff.differences) {
    out += location(d.where) + ": " + std::string(id_of(d.kind)) + ": " +
           visible_text(en ? d.message_en : d.message) + "\n";
  }
  out += en ? std::to_string(diff.differences.size()) + " differences\n"
            : "差異: " + std::to_string(diff.differences.size()) + " 件\n";
  return out;
}

std::string format_diff_json(const ModelDiff& diff, Language language) {
  const bool en = language == Language::en;
  Json pairings = Json::array();
  for (const Pairing& pairing : diff.by_name) {
    pairings.push_back(Json{{"entity", pairing.entity},
                            {"declared", pairing.declared_id},
                            {"actual", pairing.actual_id},
                            {"by", pairing.by_label_alone     ? "label-alone"
                                   : pairing.entity == "flow" ? "label"
                                                              : "name"}});
  }
  Json differences = Json::array();
  for (const Difference& d : diff.differences) {
    differences.push_back(
        Json{{"kind", std::string(id_of(d.kind))},
             {"entity", d.entity},
             {"declared", d.declared_id.empty() ? Json(nullptr) : Json(d.declared_id)},
             {"actual", d.actual_id.empty() ? Json(nullptr) : Json(d.actual_id)},
             {"matched_by", d.declared_id.empty() || d.actual_id.empty()
                                ? Json(nullptr)
                                : Json(d.matched_by == MatchedBy::id ? "id" : "name")},
             {"details", d.details},
             {"file", d.where.file.str()},
             {"line", d.where.line},
             {"column", d.where.column},
             {"message", en ? d.message_en : d.message}});
  }
  return json_controls_escaped(Json{
             {"declared", diff.declared_file},
             {"actual", diff.actual_file},
             {"paired_by_id", diff.paired_by_id},
             {"paired_by_name", std::move(pairings)},
             {"differences", std::move(differences)},
             {"material",
              diff.material()}}.dump(2)) +
         "\n";
}

std::string format_audit_text(const Model& model, const Ledger& ledger, const AuditResult& result,
                              Language language) {
  const bool en = language == Language::en;
  std::string out = (en ? "model:  " : "モデル: ") + visible_text(model.file) + "\n" +
                    (en ? "ledger: " : "受渡簿: ") + visible_text(ledger.file) + "\n";
  // Named always: a CP932 file read as something else would be audited as mojibake.
  out += (en ? "read as " : "文字コード: ") + encoding_name(ledger.encoding, ledger.bom) + "\n";
  out += en ? std::to_string(result.entries_audited) + " entries audited, " +
                  std::to_string(result.entries_outside_period) + " outside the period, " +
                  std::to_string(ledger.skipped.size()) + " rows skipped; " +
                  std::to_string(result.handovers_expected) +
                  " declared hand-overs expect ledger entries\n\n"
            : "監査した記録 " + std::to_string(result.entries_audited) + " 件、期間外 " +
                  std::to_string(result.entries_outside_period) + " 件、読み飛ばした行 " +
                  std::to_string(ledger.skipped.size()) +
                  " 件。受渡簿への記録が必要な宣言済みの受渡し " +
                  std::to_string(result.handovers_expected) + " 件\n\n";
  // Ledger lines in order (findings and skipped rows together), then the model's flows.
  std::vector<std::pair<std::uint32_t, std::string>> lines;
  for (const AuditFinding& finding : result.findings) {
    if (finding.kind == AuditKind::missing_handover) continue;
    lines.emplace_back(finding.line, location(finding.where) + ": " +
                                         std::string(id_of(finding.kind)) + ": " +
                                         visible_text(en ? finding.message_en : finding.message));
  }
  for (const SkippedRow& row : ledger.skipped) {
    lines.emplace_back(row.line,
                       location(SourceLocation{ledger.file, row.line, 0}) + ": skipped-row: " +
                           (en ? visible_text(row.message_en) + " (row skipped)"
                               : visible_text(row.message) + "（この行は読み飛ばしました）"));
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& line : lines) out += line.second + "\n";
  for (const AuditFinding& finding : result.findings) {
    if (finding.kind != AuditKind::missing_handover) continue;
    out += location(finding.where) + ": " + std::string(id_of(finding.kind)) + ": " +
           visible_text(en ? finding.message_en : finding.message) + "\n";
  }
  out += en ? std::to_string(result.findings.size()) + " discrepancies, " +
                  std::to_string(ledger.skipped.size()) + " rows skipped\n"
            : "不一致: " + std::to_string(result.findings.size()) +
                  " 件、読み飛ばした行: " + std::to_string(ledger.skipped.size()) + " 件\n";
  return out;
}

std::string format_audit_json(const Model& model, const Ledger& ledger, const AuditPeriod& period,
                              const AuditResult& result, Language language) {
  const bool en = language == Language::en;
  Json findings = Json::array();
  for (const AuditFinding& finding : result.findings) {
    findings.push_back(Json{{"kind", std::string(id_of(finding.kind))},
                            {"file", finding.where.file.str()},
                            {"line", finding.where.line},
                            {"flow", finding.flow.empty() ? Json(nullptr) : Json(finding.flow)},
                            {"details", finding.details},
                            {"message", en ? finding.message_en : finding.message}});
  }
  Json skipped = Json::array();
  for (const SkippedRow& row : ledger.skipped) {
    skipped.push_back(Json{{"line", row.line}, {"message", en ? row.message_en : row.message}});
  }
  return json_controls_escaped(Json{
             {"model", model.file},
             {"ledger", ledger.file},
             {"encoding", Json{{"name", encoding_id(ledger.encoding)}, {"bom", ledger.bom}}},
             {"period", Json{{"from", period.from ? Json(date_text(*period.from)) : Json(nullptr)},
                             {"to", period.to ? Json(date_text(*period.to)) : Json(nullptr)}}},
             {"findings", std::move(findings)},
             {"skipped", std::move(skipped)},
             {"summary", Json{{"audited", result.entries_audited},
                              {"outside_period", result.entries_outside_period},
                              {"skipped", ledger.skipped.size()},
                              {"handovers_expected", result.handovers_expected},
                              {"discrepancies", result.findings.size()}}}}
                                   .dump(2)) +
         "\n";
}

}  // namespace nagare
