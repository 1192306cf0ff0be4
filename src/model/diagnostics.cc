#include "nagare/diagnostics.h"

namespace nagare {

const char* to_string(Severity severity) {
  switch (severity) {
    case Severity::info:
      return "info";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "error";
}

std::string format_diagnostic(const Diagnostic& diagnostic, bool english) {
  std::string text = diagnostic.where.file;
  if (diagnostic.where.line > 0) {
    text += ':' + std::to_string(diagnostic.where.line);
    if (diagnostic.where.column > 0) text += ':' + std::to_string(diagnostic.where.column);
  }
  if (!text.empty()) text += ": ";
  text += "error: " +
          (english && !diagnostic.message_en.empty() ? diagnostic.message_en : diagnostic.message);
  return text;
}

}  // namespace nagare
