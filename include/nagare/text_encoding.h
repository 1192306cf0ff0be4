#pragma once

// The encodings office files come in: Excel on a Japanese desktop saves CSV as CP932
// (Shift_JIS) unless told otherwise, and "Unicode text" as UTF-16 with a byte-order mark.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nagare {

enum class TextEncoding { utf8, utf16le, utf16be, cp932 };

struct DecodedText {
  std::optional<std::string> utf8;  // the text, when it could be read
  TextEncoding encoding = TextEncoding::utf8;
  bool bom = false;
  // Why not, when it could not, and where: line and column of characters in the text.
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  std::string problem;
  std::string problem_en;
};

/// Reads `bytes` as UTF-8 after a byte-order mark for UTF-8 or UTF-16 (LE/BE), else as
/// UTF-8 when it is valid, else strictly as CP932. Anything else, including a NUL
/// character (UTF-16 without a byte-order mark), is a problem at the first bad character.
DecodedText decode_text(std::string_view bytes);

/// "UTF-8", "UTF-8 (BOM)", "UTF-16LE (BOM)", "CP932 (Shift_JIS)" …
std::string encoding_name(TextEncoding encoding, bool bom);

/// A stable name for JSON: "UTF-8", "UTF-16LE", "UTF-16BE", "CP932".
std::string_view encoding_id(TextEncoding encoding);

}  // namespace nagare
