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

}  // namespace nagare
