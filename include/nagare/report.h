#pragma once

// The review report: one self-contained HTML file a committee member reads or prints.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nagare/catalogue.h"
#include "nagare/check.h"
#include "nagare/checklist.h"
#include "nagare/findings_output.h"
#include "nagare/model.h"
#include "nagare/policy.h"

namespace nagare {

struct ReportOptions {
  Language language = Language::ja;
  /// The figure as SVG (render_figure's output); the report strips its XML prolog.
  std::optional<std::string> figure_svg;
  /// Why there is no figure, shown in its place when figure_svg is empty.
  std::string figure_missing_reason;
};

/// The whole report: metadata, item sets, figure, findings by severity, checklists and the
/// organization × item-set table. No external assets; every model string escaped.
std::string format_report_html(const Model& model, const MeasureCatalogue& catalogue,
                               const Policy& policy, const std::vector<Finding>& findings,
                               const ChecklistSet& checklists, const ReportOptions& options);

/// Escapes & < > " ' for HTML text and attribute values; control characters become visible
/// escapes (visible_text).
std::string escape_html(std::string_view text);

/// The <svg> element of an SVG document, without XML declaration, DOCTYPE or comments before it.
std::string svg_element(std::string_view svg_document);

/// The Chromium to print with: $NAGARE_CHROMIUM when set, else /usr/bin/chromium; nullopt
/// when that file is not an executable.
std::optional<std::string> find_chromium();

/// Prints an HTML document to PDF (A4, no header or footer) with headless Chromium, network
/// off, a throw-away profile; the document is read from a temporary copy, so that nothing
/// of the caller's is written before the PDF exists. Returns the PDF's bytes; throws
/// std::runtime_error on failure.
std::string print_html_to_pdf(const std::string& chromium, std::string_view html);

}  // namespace nagare
