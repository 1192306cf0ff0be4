#pragma once

// `nagare fmt` and `nagare init`: model files as text. The formatter works on lines, not on
// a parsed document, because the TOML parser drops comments; it expects a model that loads.

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace nagare {

/// Rewrites a model in canonical order and layout, keeping every comment with the table or
/// key that follows it: tables in the order paper, custom_measures, items, orgs, nodes,
/// flows, accept (each kind keeping its own order), keys in the order of model_tables(),
/// `key = value` spacing, one blank line between tables, no trailing spaces. Idempotent.
std::string format_model_text(std::string_view text);

/// `edited` (a model written anew from data, as the editor of `nagare serve` does) in
/// canonical form with the comments of `original` carried over. `rewritten` is `original`'s
/// model written by the same writer as `edited`: where a key's text there equals its text in
/// `edited`, the value is unchanged and keeps its original text (with comments inside a
/// multi-line array). Kept: the file's leading and closing comments, a table's comments when a
/// table of the same kind and id is in both, a key's comments. Comments of tables and keys that
/// the edit removed go with them.
std::string merge_model_comments(std::string_view original, std::string_view rewritten,
                                 std::string_view edited);

/// The comments of one table of a model file, as text without the `# ` that starts each line
/// (a blank line in a block of comments is an empty string). `lines` holds the table's own
/// comments (above its header), then each key's comments (above the key, inside its value,
/// at the end of its line) as "[key] text"; `measures` those above each entry of its
/// `measures` list (and at the end of the entry's line), by the entry's position.
struct TableComments {
  std::vector<std::string> lines;
  std::vector<std::vector<std::string>> measures;
};

/// The comments of a model file by the table they are written in, for carrying them where
/// the text itself does not go (the workbook of `nagare export --format xlsx`).
struct ModelComments {
  /// The file's leading and closing comments.
  std::vector<std::string> file;
  /// By table name ("paper", "items", "orgs" …), one per table in the order of the file
  /// (the order of the loaded model's entities).
  std::map<std::string, std::vector<TableComments>, std::less<>> tables;
};
ModelComments model_comments(std::string_view text);

/// A comment's text as a comment line: "# text" ("#" for an empty one; "#:schema …" stays).
std::string comment_line(std::string_view text);

/// A commented starter model in Japanese that loads and checks without errors. A non-empty
/// `schema_path` adds the `#:schema` line that Taplo (Even Better TOML) reads.
std::string starter_model(std::string_view schema_path);

}  // namespace nagare
