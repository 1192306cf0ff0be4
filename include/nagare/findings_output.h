#pragma once

#include <string>
#include <vector>

#include "nagare/check.h"
#include "nagare/text_output.h"

namespace nagare {

enum class Language { ja, en };

/// Compiler-style lines: "file:line:column: severity[rule]: message".
void write_findings_text(FindingSequence findings, Language language, TextOutput& out);
std::string format_findings_text(const std::vector<Finding>& findings, Language language);

/// {"findings":[…],"summary":{"error","warning","info"}}, keys that do not apply are null.
/// Written finding by finding, as nlohmann::json would indent the whole document.
void write_findings_json(FindingSequence findings, Language language, TextOutput& out);
std::string format_findings_json(const std::vector<Finding>& findings, Language language);

enum class FindingsFormat { text, json };

/// One model's findings as bytes of a text or JSON document of several models', with their
/// counts: formatted on the thread that checked the model, while it is still there to point
/// into, and written in order later by FindingsPartsWriter.
struct FindingsPart {
  std::string text;
  SeverityCounts counts;
};
FindingsPart format_findings_part(FindingSequence findings, FindingsFormat format,
                                  Language language);

/// Writes the document of several parts' findings as the parts come, in order: the same
/// bytes as write_findings_text or write_findings_json of all of them at once.
class FindingsPartsWriter {
 public:
  FindingsPartsWriter(FindingsFormat format, Language language, TextOutput& out);
  void add(const FindingsPart& part);
  /// Ends the document; the parts' counts, all together.
  SeverityCounts finish();

 private:
  FindingsFormat format_;
  Language language_;
  TextOutput& out_;
  SeverityCounts counts_;
  bool any_ = false;  // a finding was written (JSON: the next one follows a comma)
};

}  // namespace nagare
