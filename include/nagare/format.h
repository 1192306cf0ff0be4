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

/// A commented starter model in Japanese that loads and checks without errors. A non-empty
/// `schema_path` adds the `#:schema` line that Taplo (Even Better TOML) reads.
std::string starter_model(std::string_view schema_path);

}  // namespace nagare
