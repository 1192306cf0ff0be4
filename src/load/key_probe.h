#pragma once

// For the test that keeps the JSON Schema and the loader from drifting apart: which keys
// the model loader reads in each table.

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "nagare/catalogue.h"

namespace nagare::load {

/// Loads `text` as a model and returns, per table context ("[[nodes]]", "モデル.paper",
/// "[[orgs]] の measures の要素" …), every key the loader asked for.
std::map<std::string, std::set<std::string>, std::less<>> model_keys_read(
    std::string_view text, const MeasureCatalogue& catalogue);

}  // namespace nagare::load
