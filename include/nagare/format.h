#pragma once

// `nagare fmt` and `nagare init`: model files as text. The formatter works on lines, not on
// a parsed document, because the TOML parser drops comments; it expects a model that loads.

#include <string>
#include <string_view>

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

/// A commented starter model in Japanese that loads and checks without errors. A non-empty
/// `schema_path` adds the `#:schema` line that Taplo (Even Better TOML) reads.
std::string starter_model(std::string_view schema_path);

}  // namespace nagare
