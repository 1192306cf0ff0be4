#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "nagare/check.h"
#include "nagare/load.h"

namespace nagare::test {

/// The catalogue and policy shipped in data/, loaded once.
const MeasureCatalogue& catalogue();
const Policy& default_policy();

/// Loads a model from text; fails the test on diagnostics.
Model model_from(std::string_view text);

/// Loads one of the bundled models in models/ by file name; fails the test on diagnostics.
Model bundled_model(const std::string& file_name);

/// The index of the node with this id; fails the test (and returns npos) when there is none.
std::size_t node_index(const Model& model, std::string_view id);

/// Loads a model expecting failure; returns the formatted diagnostics.
std::vector<std::string> errors_from(std::string_view text);

/// Ids of the findings of a model under the default policy.
std::vector<std::string> finding_ids(const Model& model);

const Finding* find(const std::vector<Finding>& findings, std::string_view id);

}  // namespace nagare::test
