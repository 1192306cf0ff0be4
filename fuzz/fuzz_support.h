#pragma once

// What the fuzz targets share: the shipped catalogue and policy, loaded once, and a model
// to compare CSV inputs with.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "nagare/catalogue.h"
#include "nagare/model.h"
#include "nagare/policy.h"

namespace nagare::fuzz {

const MeasureCatalogue& catalogue();
const Policy& policy();
/// A bundled model with paper and media hand-overs, for the ledger and checklist targets.
const Model& bundled_model();

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace nagare::fuzz
