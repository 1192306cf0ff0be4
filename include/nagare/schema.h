#pragma once

// The model format as data: every table and key the loader reads, in canonical order, with
// Japanese and English descriptions. The JSON Schema (`nagare schema`), the canonical layout
// of `nagare fmt` and the drift test against the loader are all built from this one table.

#include <string>
#include <string_view>
#include <vector>

#include "nagare/catalogue.h"

namespace nagare {

enum class ValueType {
  string,     // free text
  reference,  // the id of another entity of the model
  integer,
  boolean,
  text_or_number,  // "485件" or 485
  date,            // a TOML date or "2026-04-01"
  string_array,
  reference_array,
  enumerated,        // one of `values`
  enumerated_array,  // an array of `values`
  measures,          // an array of measure ids or { id, na, by, procedure } tables
  certifications,    // an array of { kind, since } tables
  measure_id,        // a catalogue id or one of the model's [[custom_measures]]
};

struct KeySpec {
  std::string_view key;
  ValueType type = ValueType::string;
  std::string_view ja;
  std::string_view en;
  bool required = false;
  std::vector<std::string_view> values;  // for enumerated types
};

/// One top-level table of a model: `[paper]` or an array of tables such as `[[nodes]]`.
struct TableSpec {
  std::string_view key;
  bool array = true;
  std::string_view ja;
  std::string_view en;
  std::vector<KeySpec> keys;
};

/// The top-level tables in canonical order (paper, custom_measures, items, orgs, nodes,
/// flows, accept), each with its keys in canonical order.
const std::vector<TableSpec>& model_tables();
/// Keys of an inline measure entry: { id, na, by, procedure }.
const std::vector<KeySpec>& measure_entry_keys();
/// Keys of a certification: { kind, since }.
const std::vector<KeySpec>& certification_keys();

/// The JSON Schema (draft-07) of the model format; measure ids from `catalogue`.
std::string model_schema_json(const MeasureCatalogue& catalogue);

}  // namespace nagare
