#pragma once

// Text from models and ledgers as it may be shown: nothing a terminal, a spreadsheet or a
// JSON reader would act on instead of showing.

#include <string>
#include <string_view>

namespace nagare {

/// `text` with every control character shown as a visible escape, so that a name cannot
/// move the cursor, recolour, erase or fake a line of output: \n \r \t for those three,
/// \xNN for other C0 controls and DEL (\x1b, \x00, \x7f), \uNNNN for C1 controls and the
/// bidirectional marks (\u0085, \u202e). A byte that is not valid UTF-8 becomes \xNN.
/// Valid UTF-8 (Japanese included) and backslashes are kept as they are.
std::string visible_text(std::string_view text);

/// A cell for CSV and .xlsx: visible_text, with a leading apostrophe when the cell starts
/// with a character a spreadsheet reads as the start of a formula (= + - @ TAB CR).
std::string spreadsheet_cell(std::string_view text);

/// Whether `cell` starts with the apostrophe spreadsheet_cell adds before a formula.
bool starts_with_formula_guard(std::string_view cell);

/// JSON text (as nlohmann::json dumps it) with DEL and the C1 controls, which JSON allows
/// raw, written as \u escapes too; the value read back is the same.
std::string json_controls_escaped(std::string json);

}  // namespace nagare
