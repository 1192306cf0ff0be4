#pragma once

// Other threat-modeling tools: Open Threat Model (OTM, JSON or YAML) and OWASP Threat Dragon
// v2 models in, OTM out. What a source says that nagare cannot state is listed, never
// silently dropped.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "nagare/catalogue.h"
#include "nagare/diagnostics.h"
#include "nagare/model.h"

namespace nagare {

enum class ImportFormat { otm, threat_dragon };

struct ImportResult {
  /// The nagare model (TOML) with the unmapped notes as comments at its top; empty when
  /// the input was unusable (see diagnostics).
  std::string model_text;
  /// What could not be mapped, one line each (also in the model's leading comments).
  std::vector<std::string> unmapped;
  ImportFormat format = ImportFormat::otm;
  Diagnostics diagnostics;
};

/// Reads an OTM (JSON or YAML) or Threat Dragon v1/v2 (JSON) file's text. `english` chooses the
/// language of the notes and messages. Malformed input is a diagnostic at its line and column.
/// `known_measure` tells which measure ids the catalogue has; others are listed, not written.
ImportResult import_threat_model(std::string_view text, const std::string& path, bool english,
                                 const std::function<bool(std::string_view)>& known_measure);

/// The model as Open Threat Model 0.2.0 JSON. nagare's own attributes (kinds, roles,
/// measures, steps, networks passed) ride in `attributes` as "nagare-…" so that importing
/// the result gives the same nodes, flows and organizations back.
std::string export_otm(const Model& model);

/// The model as an Excel workbook for the clerks who fill in the committee's forms: one
/// sheet per table of the model format (資料, 項目, 組織, ノード, 流れ, 対策, 認証, 独自対策,
/// 受容), a header row of Japanese headings, one row per entity, drop-down lists for every
/// enumeration and for measure names (docs/excel.md). The bytes are the same for the same
/// model. Text that a cell cannot hold (over 32,767 characters) is a diagnostic.
/// `model_text`, the model file's text, gives the comments of each entity for the 備考
/// columns (and the file's own for 資料's last row); empty, the workbook has none.
struct WorkbookExport {
  std::string bytes;  // empty when there are diagnostics
  Diagnostics diagnostics;
};
WorkbookExport export_workbook(const Model& model, const MeasureCatalogue& catalogue,
                               std::string_view model_text = {});

/// A filled-in workbook back as a model (canonical TOML). Every problem is a diagnostic
/// whose place is "BOOK.xlsx:シート名!C12"; then model_text is empty.
struct WorkbookImport {
  std::string model_text;
  Diagnostics diagnostics;
};
WorkbookImport import_workbook(std::string_view bytes, const std::string& path,
                               const MeasureCatalogue& catalogue, bool english);

/// True when `bytes` start as a zip file does (an .xlsx is one).
bool looks_like_zip(std::string_view bytes);

}  // namespace nagare
