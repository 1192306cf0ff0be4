#pragma once

// Three-way merge of the editor's model JSON (model_json.h) at the level of entities: two
// saves of one file that change different items, organizations, nodes, flows, measures of
// the model's own, acceptances or keys of the paper both go in; a save that changes an
// entity that someone else changed (or removed) since the edit began is refused, naming it.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace nagare::serve {

struct MergeConflict {
  std::string table;   // paper, items, orgs, nodes, flows, custom_measures, accept
  std::string id;      // the entity's id (the key, for paper; the finding id, for accept)
  std::string name;    // what a clerk calls it: 「流れ『2. 相談員 → タブレット』」
  std::string reason;  // 両方で変更 / 相手が削除 / 相手が変更 (こちらは削除)
};

struct MergeResult {
  nlohmann::json model;  // the merged model (meaningful when conflicts is empty)
  std::vector<MergeConflict> conflicts;
};

/// Merges `mine` (the client's edit, started from `base`) into `theirs` (the file as it is
/// now). All three are shaped as model_to_json writes; `mine` should be normalized first
/// (normalized_model_json). Entities are matched by id (acceptances by finding, paper by
/// key); the order is theirs, with entities new in `mine` appended in its order. An entity
/// both sides added under the same id with different content keeps theirs, and mine is
/// renamed (and the references to it in mine with it).
MergeResult merge_models(const nlohmann::json& base, const nlohmann::json& theirs,
                         const nlohmann::json& mine);

/// One line in Japanese naming the conflicts, for the 409 reply.
std::string conflict_message(const std::vector<MergeConflict>& conflicts);

}  // namespace nagare::serve
