#pragma once

// The committee figure 「個人情報の流れ」, drawn through Graphviz in-process.

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "nagare/catalogue.h"
#include "nagare/check.h"
#include "nagare/model.h"

namespace nagare {

enum class FigureFormat { svg, png, pdf, dot };

/// Where measures are written. full: each list in a callout beside its node, frame or flow;
/// short: the same lists run together in narrower callouts; table: a numbered mark at the
/// node, frame or flow and the lists (with the item sets' fields) in a table under the
/// figure. automatic: full, or table when full would print below kLegibleScale on the paper.
enum class MeasureDetail { automatic, full, short_lists, table };

/// The least print scale at which a committee reads the figure's smallest text.
inline constexpr double kLegibleScale = 0.6;

/// One item's way through the business (`nagare trace --render`): these nodes and flows are
/// drawn in a colour of their own, distinct from the findings red, and the rest in grey, so
/// that the item's reach stands out on the whole figure.
struct FigureHighlight {
  std::vector<std::size_t> nodes;  // indices into model.nodes
  std::vector<std::size_t> flows;  // indices into model.flows
  std::string caption;             // plain text for the legend: which item is highlighted
};

struct FigureOptions {
  FigureFormat format = FigureFormat::svg;
  std::string font = "Noto Sans CJK JP";
  bool show_findings = false;  // draw uncovered flows red with footnotes
  std::string paper = "a4";    // a4 | a3 (PDF page size)
  bool portrait = false;
  int dpi = 150;  // PNG resolution
  std::optional<FigureHighlight> highlight;
  /// Rows the figure may be folded into so that a long chain fits the paper: 0 lets the
  /// renderer choose (one row unless folding prints the figure larger), 1 never folds.
  int rows = 0;
  MeasureDetail measures = MeasureDetail::automatic;
  /// Each flow's edges and label carry class="flow-N" (N its index in model.flows), so that
  /// the editor of `nagare serve` can tie the drawing to its forms.
  bool flow_classes = false;
};

/// Choices the renderer makes after measuring a first layout (see render_figure).
struct FigureLayout {
  /// A figure folded into rows: the row (0 at the top) of each block that the one-row figure
  /// lays side by side, by the block's DOT name (cluster_oN for a frame, nN for a node
  /// outside every frame). A flow between two rows is cut and drawn to a pair of connector
  /// marks (結合子 Ⓐ … Ⓐ). Empty: one row.
  std::map<std::string, std::size_t> row_of;
  /// A folded figure's title stands at the end of its first row instead of above every row:
  /// a short first row (the paper's first steps, before a long chain) leaves that room empty.
  bool title_beside_first_row = false;
  /// Lines a measure callout runs to before it starts another column; 0 lets the figure's
  /// shape decide (taller callouts on a long chain).
  std::size_t callout_lines = 0;
  /// Steps run down the page instead of across it: a figure fanning out to many recipients
  /// is then wide rather than tall.
  bool top_to_bottom = false;
  /// Steps closer together along the reading direction (for a figure too long for the page).
  bool close_ranks = false;
  /// Labels wrapped narrower (for a figure too wide for the page: taller but narrower).
  bool narrow_labels = false;
  /// How measures are written (never automatic here): chosen by render_figure.
  MeasureDetail measures = MeasureDetail::full;
  /// In table mode, how many parts side by side the table under the figure is in (1 to 3);
  /// 0 takes the count whose tallest part is shortest.
  std::size_t table_parts = 0;
  /// Frames (by DOT name) whose heading is placed elsewhere than top left, because a line
  /// left the frame through it there: "b" bottom left, "r" top right, "br" bottom right.
  /// The title (cluster_figure) only moves left or right.
  std::map<std::string, std::string> heading_places;
};

/// The DOT text nagare hands to Graphviz: deterministic, HTML-like labels escaped.
std::string figure_dot(const Model& model, const MeasureCatalogue& catalogue,
                       const std::vector<Finding>& findings, const FigureOptions& options,
                       const FigureLayout& layout = {});

/// Lays out and renders the figure; returns the bytes of the requested format (for DOT, the
/// text of the layout chosen). Of a few layouts (callouts taller or wider, folded into rows
/// or not, see FigureOptions::rows) the one that prints largest on the paper is drawn.
/// Throws std::runtime_error when Graphviz fails.
std::string render_figure(const Model& model, const MeasureCatalogue& catalogue,
                          const std::vector<Finding>& findings, const FigureOptions& options);

/// The same for an editor that redraws a figure as it changes: `chosen` receives the layout
/// drawn; with `reuse`, the layout in `chosen` (from an earlier call on much the same model)
/// is drawn as it is, without trying the others, unless Graphviz fails on it.
std::string render_figure(const Model& model, const MeasureCatalogue& catalogue,
                          const std::vector<Finding>& findings, const FigureOptions& options,
                          FigureLayout& chosen, bool reuse);

}  // namespace nagare
