#pragma once

// The committee figure 「個人情報の流れ」, drawn through Graphviz in-process.

#include <string>
#include <vector>

#include "nagare/catalogue.h"
#include "nagare/check.h"
#include "nagare/model.h"

namespace nagare {

enum class FigureFormat { svg, png, pdf, dot };

struct FigureOptions {
  FigureFormat format = FigureFormat::svg;
  std::string font = "Noto Sans CJK JP";
  bool show_findings = false;  // draw uncovered flows red with footnotes
  std::string paper = "a4";    // a4 | a3 (PDF page size)
  bool portrait = false;
  int dpi = 150;  // PNG resolution
};

/// The DOT text nagare hands to Graphviz: deterministic, HTML-like labels escaped.
std::string figure_dot(const Model& model, const MeasureCatalogue& catalogue,
                       const std::vector<Finding>& findings, const FigureOptions& options);

/// Lays out and renders the figure; returns the bytes of the requested format.
/// Throws std::runtime_error when Graphviz fails.
std::string render_figure(const Model& model, const MeasureCatalogue& catalogue,
                          const std::vector<Finding>& findings, const FigureOptions& options);

}  // namespace nagare
