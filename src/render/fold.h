#pragma once

// Folding a long figure into rows so that it prints larger on the paper. The renderer lays the
// figure out in one row, measures it, and asks choose_rows whether rows would print larger.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "nagare/catalogue.h"
#include "nagare/check.h"
#include "nagare/model.h"
#include "nagare/render.h"

namespace nagare::render {

/// A rectangle in Graphviz points (1/72 inch).
struct Box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
};

/// What the renderer measured on the one-row layout: the whole figure and each block (a
/// frame, or a node outside every frame) by its DOT name.
struct MeasuredFigure {
  Box whole;
  std::map<std::string, Box> blocks;
};

/// The blocks each drawn stretch of a flow joins, by DOT name; a stretch whose blocks end
/// up in different rows is drawn to a pair of connector marks. Defined in figure_dot.cc.
using BlockLinks = std::vector<std::pair<std::string, std::string>>;
BlockLinks block_links(const Model& model, const MeasureCatalogue& catalogue,
                       const std::vector<Finding>& findings, const FigureOptions& options);

/// The scale at which a figure of this size prints on the paper of the options (1 cm
/// margins), above 1 when it would fit larger than drawn.
double print_scale(const Box& figure, const FigureOptions& options);

/// Whether the figure's width, rather than its height, sets that scale.
bool limited_by_width(const Box& figure, const FigureOptions& options);

/// The rows that print the measured figure largest, counting each connector pair against
/// them; empty when one row prints as large or nearly (or options.rows is 1). With
/// options.rows above 1, the best split into that many rows when the figure allows it.
FigureLayout choose_rows(const MeasuredFigure& figure, const BlockLinks& links,
                         const FigureOptions& options);

}  // namespace nagare::render
