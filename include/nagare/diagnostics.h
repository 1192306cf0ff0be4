#pragma once

#include <cstdint>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nagare {

/// A file's name, kept once for the whole process: every entity, mark and finding of a
/// model carries one, and copying it copies a pointer, not the name.
class FileName {
 public:
  FileName();  // the empty name
  FileName(std::string_view name);
  FileName(const std::string& name) : FileName(std::string_view(name)) {}
  FileName(const char* name) : FileName(std::string_view(name)) {}

  const std::string& str() const { return *name_; }
  operator const std::string&() const { return *name_; }
  operator std::string_view() const { return *name_; }
  bool empty() const { return name_->empty(); }

  friend bool operator==(const FileName& a, const FileName& b) { return a.name_ == b.name_; }
  friend bool operator==(const FileName& a, std::string_view b) { return *a.name_ == b; }
  friend std::ostream& operator<<(std::ostream& out, const FileName& name) {
    return out << *name.name_;
  }

 private:
  const std::string* name_;  // in the process-wide table of names, never freed
};

/// Where an entity was written: every finding and error points back here.
struct SourceLocation {
  FileName file;
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
