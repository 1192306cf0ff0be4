#pragma once

// Other threat-modeling tools: Open Threat Model (OTM, JSON or YAML) and OWASP Threat Dragon
// v2 models in, OTM out. What a source says that nagare cannot state is listed, never
// silently dropped.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

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

}  // namespace nagare
