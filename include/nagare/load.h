#pragma once

// Reading models, the measure catalogue and policies from TOML files. Problems in the
// input come back as diagnostics (all of them, each with file:line:column); only the
// environment failing (I/O) throws.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "nagare/catalogue.h"
#include "nagare/diagnostics.h"
#include "nagare/model.h"
#include "nagare/policy.h"

namespace nagare {

/// Models larger than this are refused rather than parsed.
inline constexpr std::size_t kMaxInputBytes = 256u * 1024u * 1024u;

template <typename T>
struct Loaded {
  std::optional<T> value;  // set when there were no diagnostics
  Diagnostics diagnostics;
};

/// Reads a whole file; a missing file, a directory or an oversized file is a diagnostic.
Loaded<std::string> read_input_file(const std::string& path);

/// Parses a model. Measure ids are resolved against `catalogue`; the model's own measures
/// get the indices that follow it (see measure_name in catalogue.h).
Loaded<Model> load_model_text(std::string_view text, const std::string& path,
                              const MeasureCatalogue& catalogue);
Loaded<Model> load_model_file(const std::string& path, const MeasureCatalogue& catalogue);
/// load_model_file for a process about to end (the command line's check): the parsed TOML
/// tree is handed to `tree` instead of being freed. Freeing a tree of many thousand tables
/// costs a good part of what parsing it did, and a process that exits need not pay it.
Loaded<Model> load_model_file(const std::string& path, const MeasureCatalogue& catalogue,
                              std::shared_ptr<void>& tree);

Loaded<MeasureCatalogue> load_catalogue_text(std::string_view text, const std::string& path);
Loaded<MeasureCatalogue> load_catalogue_file(const std::string& path);

/// Applies a municipality's own wording (a wording file: `[[measure]]` tables with the
/// catalogue's wording keys) over `catalogue`. A key given replaces the catalogue's; `ward`
/// and `other` also replace the per-procedure variants the file does not give, so no
/// shipped wording of another body is left behind. Returns the problems; on any, the
/// catalogue is left as it was.
Diagnostics apply_wording_text(std::string_view text, const std::string& path,
                               MeasureCatalogue& catalogue);
Diagnostics apply_wording_file(const std::string& path, MeasureCatalogue& catalogue);

Loaded<Policy> load_policy_text(std::string_view text, const std::string& path,
                                const MeasureCatalogue& catalogue);
Loaded<Policy> load_policy_file(const std::string& path, const MeasureCatalogue& catalogue);

}  // namespace nagare
