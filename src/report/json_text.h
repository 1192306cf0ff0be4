#pragma once

// JSON written straight to a TextOutput, byte for byte as nlohmann::json::dump(2) followed
// by json_controls_escaped would write it, without building the document first.

#include <nlohmann/json.hpp>

#include <string_view>

#include "nagare/text_output.h"

namespace nagare::report {

/// `text` as a quoted JSON string: invalid UTF-8 replaced by U+FFFD, control characters,
/// DEL and the C1 controls escaped.
void write_json_string(TextOutput& out, std::string_view text);

/// `value` with an indent of 2, as it reads `depth` levels deep inside a larger document
/// (its first line is not indented: the caller writes what comes before it).
void write_json_nested(TextOutput& out, const nlohmann::ordered_json& value, int depth);

/// The indent of a line `depth` levels deep, after a line break.
void write_json_line_break(TextOutput& out, int depth);

}  // namespace nagare::report
