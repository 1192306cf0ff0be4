#pragma once

// Typed, position-aware reading of toml++ tables. Each problem becomes a diagnostic with
// file:line:column, and reading goes on, so a user sees every mistake in one run.

#include "toml_library.h"

#include <algorithm>
#include <array>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "nagare/diagnostics.h"

namespace nagare::load {

/// Every key the loader asked for, per table context (the schema drift test reads it).
using KeysRead = std::map<std::string, std::set<std::string>, std::less<>>;

class Reporter {
 public:
  Reporter(FileName file, Diagnostics& diagnostics) : file_(file), diagnostics_(diagnostics) {}

  SourceLocation at(const toml::source_region& region) const;
  SourceLocation at(const toml::node& node) const { return at(node.source()); }
  /// Every problem is written in Japanese and in English (for --lang en).
  void error(const SourceLocation& where, std::string message, std::string message_en);
  void error(const toml::node& node, std::string message, std::string message_en) {
    error(at(node), std::move(message), std::move(message_en));
  }
  const FileName& file() const { return file_; }
  bool failed() const { return !diagnostics_.empty(); }
  /// Records the keys tables are asked for into `keys` (nullptr: do not record).
  void record_keys(KeysRead* keys) { keys_read_ = keys; }
  KeysRead* keys_read() const { return keys_read_; }

 private:
  FileName file_;
  Diagnostics& diagnostics_;
  KeysRead* keys_read_ = nullptr;
};

/// Reads the keys of one table and, on finish(), reports every key it was not asked for.
class TableReader {
 public:
  /// `context` names the table in messages ("[[flows]]", "モデル"); `context_en` is its
  /// English name, derived from `context` when empty.
  TableReader(const toml::table& table, std::string context, Reporter& reporter,
              std::string context_en = {});
  ~TableReader();
  TableReader(const TableReader&) = delete;
  TableReader& operator=(const TableReader&) = delete;

  SourceLocation where() const { return reporter_.at(table_); }
  bool has(std::string_view key) const { return table_.contains(key); }
  const toml::node* node(std::string_view key);

  std::optional<std::string> string(std::string_view key, bool required = false);
  /// As string(), but a view of the text in the table, for what is only looked up.
  std::optional<std::string_view> text(std::string_view key, bool required = false);
  std::optional<std::int64_t> integer(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  /// A string or an integer, kept as text (e.g. subject_count = 485 or "485件").
  std::optional<std::string> text_or_number(std::string_view key);
  /// An array of strings; each element's position is given to `each`.
  void strings(std::string_view key,
               const std::function<void(const std::string&, const SourceLocation&)>& each);
  /// The number of elements of an array (0 when there is none), to reserve room.
  std::size_t count(std::string_view key) const;
  /// What becomes of a table of an array once it is read.
  enum class Afterwards { keep, release };
  /// An array of tables (`[[key]]`) or of inline tables. With Afterwards::release, each
  /// table is emptied once read (its unknown keys reported): for what the caller keeps no
  /// view of, so that its memory can go to the model.
  void tables(std::string_view key, const std::function<void(TableReader&)>& each,
              Afterwards afterwards = Afterwards::keep);
  /// A sub-table (`[key]`).
  void table(std::string_view key, const std::function<void(TableReader&)>& each);

  /// Reads an enumerated string; reports the allowed values when it does not match.
  template <typename Parse>
  auto enumerated(std::string_view key, Parse parse, std::string_view allowed,
                  bool required = false) -> decltype(parse(std::string_view{})) {
    auto text = string(key, required);
    if (!text) return std::nullopt;
    auto value = parse(*text);
    if (!value) {
      reporter_.error(*table_.get(key),
                      context_ + " の " + std::string(key) + " = \"" + *text +
                          "\" は使えません (使える値: " + std::string(allowed) + ")",
                      context_en_ + ": " + std::string(key) + " = \"" + *text +
                          "\" is not allowed (allowed: " + std::string(allowed) + ")");
    }
    return value;
  }

  Reporter& reporter() { return reporter_; }
  const std::string& context() const { return context_; }
  const std::string& context_en() const { return context_en_; }

 private:
  void wrong_type(std::string_view key, std::string_view expected, std::string_view expected_en);

  const toml::table& table_;
  std::string context_;
  std::string context_en_;
  Reporter& reporter_;
  /// The keys asked for that the table has, as the table spells them. A table has a dozen
  /// keys at most, and there is one reader per entity: no allocation for those.
  class KeysAsked {
   public:
    void add(std::string_view key) {
      if (count_ < inline_.size()) {
        inline_[count_++] = key;
      } else {
        more_.push_back(key);
      }
    }
    bool contains(std::string_view key) const {
      for (std::size_t i = 0; i < count_; ++i) {
        if (inline_[i] == key) return true;
      }
      return std::find(more_.begin(), more_.end(), key) != more_.end();
    }

   private:
    std::array<std::string_view, 16> inline_;
    std::size_t count_ = 0;
    std::vector<std::string_view> more_;
  };
  KeysAsked read_;
};

/// Parses TOML text; a syntax error becomes a diagnostic at its position.
std::optional<toml::table> parse_toml(std::string_view text, const std::string& path,
                                      Diagnostics& diagnostics);

/// Orders diagnostics by position so they read top to bottom.
void sort_by_position(Diagnostics& diagnostics);

}  // namespace nagare::load
