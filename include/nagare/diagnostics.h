#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace nagare {

/// Where an entity was written: every finding and error points back here.
struct SourceLocation {
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

enum class Severity { info, warning, error };

const char* to_string(Severity severity);

/// A problem in the user's input (model, policy, catalogue); reported all at once, exit 2.
struct Diagnostic {
  SourceLocation where;
  std::string message;
  std::string message_en = {};  // for --lang en; empty where only Japanese is written yet
};

/// "file:line:column: error: message" (line and column omitted when unknown); in English
/// when asked and the diagnostic has an English message.
std::string format_diagnostic(const Diagnostic& diagnostic, bool english = false);

using Diagnostics = std::vector<Diagnostic>;

}  // namespace nagare
