#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <utility>
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

/// A failure of the environment (an output that cannot be written, a program that cannot
/// be started), said in both languages; what() is the Japanese.
class EnvironmentError : public std::runtime_error {
 public:
  EnvironmentError(const std::string& message, std::string message_en)
      : std::runtime_error(message), message_en_(std::move(message_en)) {}
  const std::string& message_en() const { return message_en_; }

 private:
  std::string message_en_;
};

}  // namespace nagare
