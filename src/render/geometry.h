#pragma once

// The laid-out figure as positions, for checking its geometry: where each text box, heading
// and line ended up after Graphviz's layout of the layout render_figure chooses.

#include <string>
#include <utility>
#include <vector>

#include "fold.h"
#include "nagare/render.h"

namespace nagare::render {

struct FigureGeometry {
  enum class Kind { node, label, callout, items, connector, heading, legend };
  /// A box holding text: a node, a flow's label, a callout of measures or items, a connector
  /// mark, a frame's heading (its name and its measures) or the legend.
  struct Text {
    std::string name;  // DOT name (a heading: its cluster's)
    Kind kind = Kind::node;
    Box box;
    std::size_t row = 0;  // of a folded figure, 0 at the top
  };
  /// One drawn edge as points along its curve.
  struct Line {
    std::string tail, head;
    std::string flow;  // the edge's class: flow_<id>_<stretch>, or empty
    std::vector<std::pair<double, double>> points;
  };
  std::vector<Text> texts;
  std::vector<Line> lines;
  bool top_to_bottom = false;
};

/// The figure render_figure would draw for these options, laid out, as positions.
FigureGeometry figure_geometry(const Model& model, const MeasureCatalogue& catalogue,
                               const std::vector<Finding>& findings, const FigureOptions& options);

}  // namespace nagare::render
