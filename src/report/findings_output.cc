#include "nagare/findings_output.h"

#include "json_text.h"
#include "nagare/visible_text.h"

namespace nagare {
namespace {

using report::write_json_line_break;
using report::write_json_string;

const std::string& message_in(const Finding& finding, Language language) {
  return language == Language::en ? finding.message_en : finding.message;
}

void write_summary_text(const SeverityCounts& counts, Language language, TextOutput& out) {
  if (language == Language::en) {
    out.number(counts.error) << " errors, ";
    out.number(counts.warning) << " warnings, ";
    out.number(counts.info) << " info\n";
  } else {
    out << "エラー ";
    out.number(counts.error) << " 件、警告 ";
    out.number(counts.warning) << " 件、情報 ";
    out.number(counts.info) << " 件\n";
  }
}

void write_finding_text(const Finding& finding, Language language, TextOutput& out) {
  // Names and justifications are the model's text: one finding stays one visible line.
  out << visible_text(finding.where.file) << ':';
  out.number(finding.where.line) << ':';
  out.number(finding.where.column) << ": " << to_string(finding.severity) << '[' << finding.rule
                                   << "]: " << visible_text(message_in(finding, language));
  if (finding.accepted) {
    out << (language == Language::en ? " [accepted: " : " [受容済み: ")
        << visible_text(*finding.accepted);
    if (finding.accepted_by) out << " (" << visible_text(*finding.accepted_by) << ")";
    out << ']';
  }
  out << '\n';
}

/// One key of a finding's object, three levels deep: `"key": `.
void write_key(TextOutput& out, std::string_view key, bool first = false) {
  if (!first) out << ',';
  write_json_line_break(out, 3);
  out << '"' << key << "\": ";
}

void write_optional(TextOutput& out, std::string_view key,
                    const std::optional<std::string>& value) {
  write_key(out, key);
  if (value) {
    write_json_string(out, *value);
  } else {
    out << "null";
  }
}

void write_missing(TextOutput& out, const std::vector<std::string>& missing) {
  write_key(out, "missing");
  if (missing.empty()) {
    out << "[]";
    return;
  }
  out << '[';
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (i > 0) out << ',';
    write_json_line_break(out, 4);
    write_json_string(out, missing[i]);
  }
  write_json_line_break(out, 3);
  out << ']';
}

/// After the findings of a JSON document: the end of their array and the summary.
void write_json_end(bool any_findings, const SeverityCounts& counts, TextOutput& out) {
  if (any_findings) write_json_line_break(out, 1);
  out << "],\n  \"summary\": {\n    \"error\": ";
  out.number(counts.error) << ",\n    \"warning\": ";
  out.number(counts.warning) << ",\n    \"info\": ";
  out.number(counts.info) << "\n  }\n}\n";
}

void write_finding_json(const Finding& finding, Language language, TextOutput& out) {
  out << '{';
  write_key(out, "file", true);
  write_json_string(out, finding.where.file);
  write_key(out, "line");
  out.number(finding.where.line);
  write_key(out, "column");
  out.number(finding.where.column);
  write_key(out, "severity");
  out << '"' << to_string(finding.severity) << '"';
  write_key(out, "rule");
  write_json_string(out, finding.rule);
  write_optional(out, "flow", finding.flow);
  write_optional(out, "node", finding.node);
  write_optional(out, "org", finding.org);
  write_optional(out, "from", finding.from);
  write_optional(out, "to", finding.to);
  write_missing(out, finding.missing);
  write_key(out, "message");
  write_json_string(out, message_in(finding, language));
  write_key(out, "id");
  write_json_string(out, finding.id);
  write_optional(out, "accepted", finding.accepted);
  write_optional(out, "accepted_by", finding.accepted_by);
  write_json_line_break(out, 2);
  out << '}';
}

}  // namespace

void write_findings_text(FindingSequence findings, Language language, TextOutput& out) {
  findings.for_each([&](const Finding& finding) { write_finding_text(finding, language, out); });
  write_summary_text(findings.counts(), language, out);
}

std::string format_findings_text(const std::vector<Finding>& findings, Language language) {
  return collected_text([&](TextOutput& out) { write_findings_text(findings, language, out); });
}

void write_findings_json(FindingSequence findings, Language language, TextOutput& out) {
  out << "{\n  \"findings\": [";
  bool first = true;
  findings.for_each([&](const Finding& finding) {
    if (!first) out << ',';
    first = false;
    write_json_line_break(out, 2);
    write_finding_json(finding, language, out);
  });
  write_json_end(!findings.empty(), findings.counts(), out);
}

std::string format_findings_json(const std::vector<Finding>& findings, Language language) {
  return collected_text([&](TextOutput& out) { write_findings_json(findings, language, out); });
}

FindingsPart format_findings_part(FindingSequence findings, FindingsFormat format,
                                  Language language) {
  FindingsPart part;
  part.counts = findings.counts();
  part.text = collected_text([&](TextOutput& out) {
    findings.for_each([&](const Finding& finding) {
      if (format == FindingsFormat::text) {
        write_finding_text(finding, language, out);
        return;
      }
      // Every object after a comma: FindingsPartsWriter drops the document's first.
      out << ',';
      write_json_line_break(out, 2);
      write_finding_json(finding, language, out);
    });
  });
  return part;
}

FindingsPartsWriter::FindingsPartsWriter(FindingsFormat format, Language language, TextOutput& out)
    : format_(format), language_(language), out_(out) {
  if (format_ == FindingsFormat::json) out_ << "{\n  \"findings\": [";
}

void FindingsPartsWriter::add(const FindingsPart& part) {
  counts_.error += part.counts.error;
  counts_.warning += part.counts.warning;
  counts_.info += part.counts.info;
  if (part.text.empty()) return;
  // Every JSON part starts with a comma: the document's first is dropped.
  out_ << (format_ == FindingsFormat::json && !any_ ? std::string_view(part.text).substr(1)
                                                    : std::string_view(part.text));
  any_ = true;
}

SeverityCounts FindingsPartsWriter::finish() {
  if (format_ == FindingsFormat::json) {
    write_json_end(any_, counts_, out_);
  } else {
    write_summary_text(counts_, language_, out_);
  }
  return counts_;
}

}  // namespace nagare
