#pragma once

#include <string>
#include <vector>

#include "nagare/check.h"

namespace nagare {

enum class Language { ja, en };

/// Compiler-style lines: "file:line:column: severity[rule]: message".
std::string format_findings_text(const std::vector<Finding>& findings, Language language);

/// {"findings":[…],"summary":{"error","warning","info"}}, keys that do not apply are null.
std::string format_findings_json(const std::vector<Finding>& findings, Language language);

}  // namespace nagare
