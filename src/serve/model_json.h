#pragma once

// The model as the editor's forms hold it: JSON whose keys are the model file's keys, so that
// what the browser sends back is written by the same writer as an imported model.

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

#include "nagare/model.h"

namespace nagare::serve {

/// The loaded model as JSON: paper, custom_measures, items, orgs, nodes, flows, accept.
/// Values equal to the loader's defaults are left out, as a hand-written file leaves them.
nlohmann::json model_to_json(const Model& model);

/// `edited` as model_to_json would write it: the keys the editor knows, values of the wrong
/// type dropped, so that entities compare equal when they state the same thing.
nlohmann::json normalized_model_json(const nlohmann::json& edited);

/// The model file's text for `edited` (shaped as model_to_json writes; values of the wrong
/// type are read as absent, so hostile JSON gives at worst a model the loader rejects), in
/// canonical form, with the comments of `original_text` (whose loaded model is `original`).
std::string edited_model_text(std::string_view original_text, const Model& original,
                              const nlohmann::json& edited);

}  // namespace nagare::serve
