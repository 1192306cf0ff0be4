#pragma once

// How cells of a ledger are normalized before they are read (shared by the ledger reader
// and the date reader).

#include <string>
#include <string_view>

namespace nagare::ledger_text {

/// Full-width ASCII (０-９, ／, －, …) and the ideographic space as their ASCII forms.
std::string narrow(std::string_view text);

/// Without leading and trailing spaces (ASCII and the ideographic space).
std::string trim(std::string_view text);

}  // namespace nagare::ledger_text
