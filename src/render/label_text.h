#pragma once

// Text helpers for Graphviz HTML-like labels: escaping user text and wrapping Japanese.

#include <string>
#include <string_view>
#include <vector>

namespace nagare::render {

/// Escapes text for an HTML-like label: & < > " ' become entities, control characters
/// (and bidirectional overrides) are dropped, so any model string renders as text.
std::string escape_html(std::string_view text);

/// Splits text into lines of at most `width` display columns (CJK characters count two),
/// preferring to break after Japanese punctuation or spaces.
std::vector<std::string> wrap(std::string_view text, std::size_t width);

/// The display columns of text (CJK characters count two).
std::size_t display_width(std::string_view text);

/// escape_html of each wrapped line, joined by <BR/>.
std::string wrapped_html(std::string_view text, std::size_t width, std::string_view align = "");

}  // namespace nagare::render
