#include "nagare/diagnostics.h"

#include <mutex>
#include <unordered_set>

namespace nagare {
namespace {

/// Every file name met, each stored once. A set's elements do not move, so a FileName
/// can point at one; a process reads few files, so nothing is ever removed.
const std::string* interned_file_name(std::string_view name) {
  // Positions are made empty by the million (every entity before it is read): no lock.
  static const std::string empty;
  if (name.empty()) return &empty;
  static std::mutex lock;
  static std::unordered_set<std::string> names;
  const std::lock_guard<std::mutex> guard(lock);
  return &*names.emplace(name).first;
}

}  // namespace

FileName::FileName() : FileName(std::string_view()) {}

FileName::FileName(std::string_view name) : name_(interned_file_name(name)) {}

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
  std::string text = diagnostic.where.file.str();
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
