#pragma once

// Text helpers for Graphviz HTML-like labels: escaping user text and wrapping Japanese.

#include <string>
#include <string_view>
#include <vector>

namespace nagare::render {

/// The most characters of one model text drawn in a label; longer text is cut and ends in
/// "…". Graphviz refuses a whole HTML-like label over 16,384 bytes (the figure would lose
/// the label and its step number), and a longer label cannot be read on paper anyway.
inline constexpr std::size_t kMaxLabelCharacters = 400;

/// `text` cut to kMaxLabelCharacters characters, ending in "…" when it was longer.
std::string label_excerpt(std::string_view text);

/// The one way model text enters a figure label (HTML-like): label_excerpt, & < > " '
/// as entities, backslashes doubled (Graphviz expands \N, \G, \E and reads \\ as \ even in
/// HTML-like labels, so \\fs01\Nagare would be drawn garbled), control characters (and
/// bidirectional overrides) dropped, so any model string renders as itself.
std::string escape_html(std::string_view text);

/// Splits text into lines of at most `width` display columns (CJK characters count two),
/// preferring to break after Japanese punctuation or spaces.
std::vector<std::string> wrap(std::string_view text, std::size_t width);

/// wrap, at the narrowest width (down to half of `width`) that needs no more lines: lines
/// about even in length rather than a full one and a short one.
std::vector<std::string> balanced_wrap(std::string_view text, std::size_t width);

/// The display columns of text (CJK characters count two).
std::size_t display_width(std::string_view text);

/// escape_html of each balanced_wrap line of label_excerpt(text), joined by <BR/>.
std::string wrapped_html(std::string_view text, std::size_t width, std::string_view align = "");

}  // namespace nagare::render
