#include "model_merge.h"

#include <map>
#include <set>

namespace nagare::serve {
namespace {

using nlohmann::json;

/// The tables of entities, the key that identifies an entity, and its Japanese name.
struct TableKind {
  const char* table;
  const char* key;
  const char* name;
};
constexpr TableKind kTables[] = {
    {"custom_measures", "id", "独自の対策"},
    {"items", "id", "情報項目"},
    {"orgs", "id", "組織"},
    {"nodes", "id", "ノード"},
    {"flows", "id", "流れ"},
    {"accept", "finding", "指摘の受容"},
};

const json& array_of(const json& model, const char* table) {
  static const json empty = json::array();
  if (!model.is_object()) return empty;
  auto it = model.find(table);
  return it != model.end() && it->is_array() ? *it : empty;
}

std::string key_of(const json& entity, const char* key) {
  if (!entity.is_object()) return {};
  auto it = entity.find(key);
  return it != entity.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// Entities by key; entities without one (or with a key met before) are left out.
std::map<std::string, const json*> by_key(const json& model, const TableKind& kind) {
  std::map<std::string, const json*> out;
  for (const json& entity : array_of(model, kind.table)) {
    const std::string key = key_of(entity, kind.key);
    if (!key.empty()) out.emplace(key, &entity);
  }
  return out;
}

std::string text_of(const json& entity, const char* key) { return key_of(entity, key); }

/// What a clerk calls an entity: its name, a flow by its ends and label.
std::string entity_name(const TableKind& kind, const json& entity, const json& theirs,
                        const json& mine) {
  const std::string table = kind.table;
  std::string name;
  if (table == "flows") {
    auto node_name = [&](const std::string& id) {
      for (const json* model : {&theirs, &mine}) {
        for (const json& node : array_of(*model, "nodes")) {
          if (key_of(node, "id") == id) {
            const std::string found = text_of(node, "name");
            return found.empty() ? id : found;
          }
        }
      }
      return id;
    };
    if (entity.is_object() && entity.contains("step") && entity["step"].is_number_integer()) {
      name = std::to_string(entity["step"].get<long long>()) + ". ";
    }
    name += node_name(text_of(entity, "from")) + " → " + node_name(text_of(entity, "to"));
    const std::string label = text_of(entity, "label");
    if (!label.empty()) name += " " + label;
  } else if (table == "accept") {
    name = text_of(entity, "finding");
  } else {
    name = text_of(entity, "name");
    if (name.empty()) name = text_of(entity, "id");
  }
  return std::string(kind.name) + "「" + name + "」";
}

const char* paper_label(const std::string& key) {
  static const std::map<std::string, const char*> labels = {
      {"title", "件名"},          {"document", "資料番号"},
      {"municipality", "団体名"}, {"wording", "文言"},
      {"body", "団体の種類"},     {"department", "担当課"},
      {"subjects", "対象者"},     {"subject_count", "対象者数"},
      {"period", "期間"},         {"purpose", "目的"},
      {"source", "出典"},         {"procedures", "手続"},
  };
  auto it = labels.find(key);
  return it == labels.end() ? "" : it->second;
}

/// Empty strings and arrays, null and a missing key all mean "not written".
json value_or_null(const json& object, const std::string& key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  if ((it->is_string() || it->is_array()) && it->empty()) return nullptr;
  return *it;
}

/// Renames `from` to `to` in `mine`: the entity's own id and every reference to it.
void rename(json& mine, const std::string& from, const std::string& to) {
  auto swap = [&](json& value) {
    if (value.is_string() && value.get<std::string>() == from) value = to;
  };
  auto swap_all = [&](json& object, const char* key) {
    if (!object.is_object() || !object.contains(key)) return;
    json& value = object[key];
    if (value.is_array()) {
      for (json& entry : value) swap(entry);
    } else {
      swap(value);
    }
  };
  auto measures = [&](json& entity) {
    if (!entity.is_object() || !entity.contains("measures") || !entity["measures"].is_array()) {
      return;
    }
    for (json& mark : entity["measures"]) {
      if (mark.is_object()) swap_all(mark, "id");
      swap(mark);
    }
  };
  for (const TableKind& kind : kTables) {
    if (!mine.is_object() || !mine.contains(kind.table) || !mine[kind.table].is_array()) continue;
    for (json& entity : mine[kind.table]) {
      if (std::string(kind.key) == "id") swap_all(entity, "id");
      swap_all(entity, "org");
      swap_all(entity, "parent");
      swap_all(entity, "must_not_receive");
      swap_all(entity, "from");
      swap_all(entity, "to");
      swap_all(entity, "via");
      swap_all(entity, "items");
      measures(entity);
    }
  }
}

std::set<std::string> all_ids(const json& model) {
  std::set<std::string> out;
  for (const TableKind& kind : kTables) {
    for (const auto& [key, entity] : by_key(model, kind)) out.insert(key);
  }
  return out;
}

/// Entities both sides added under one id, with different content: mine is renamed.
json renamed_clashes(const json& base, const json& theirs, json mine) {
  const std::set<std::string> their_ids = all_ids(theirs);
  std::set<std::string> used = their_ids;
  for (const std::string& id : all_ids(mine)) used.insert(id);
  for (const TableKind& kind : kTables) {
    if (std::string(kind.key) != "id") continue;
    const auto before = by_key(base, kind);
    const auto now = by_key(theirs, kind);
    for (const auto& [id, entity] : by_key(mine, kind)) {
      if (before.count(id) != 0 || their_ids.count(id) == 0) continue;
      auto same = now.find(id);
      if (same != now.end() && *same->second == *entity) continue;
      std::string fresh;
      for (int n = 2;; ++n) {
        fresh = id + "-" + std::to_string(n);
        if (used.count(fresh) == 0) break;
      }
      used.insert(fresh);
      rename(mine, id, fresh);
    }
  }
  return mine;
}

}  // namespace

MergeResult merge_models(const json& base, const json& theirs, const json& given_mine) {
  MergeResult result;
  const json mine = renamed_clashes(base, theirs, given_mine);
  result.model = json::object();
  auto conflict = [&](const char* table, const std::string& id, std::string name,
                      const char* reason) {
    result.conflicts.push_back({table, id, std::move(name), reason});
  };

  // The paper, key by key.
  const json empty = json::object();
  const json& base_paper = base.is_object() && base.contains("paper") ? base["paper"] : empty;
  const json& their_paper =
      theirs.is_object() && theirs.contains("paper") ? theirs["paper"] : empty;
  const json& my_paper = mine.is_object() && mine.contains("paper") ? mine["paper"] : empty;
  std::set<std::string> keys;
  for (const json* paper : {&base_paper, &their_paper, &my_paper}) {
    if (!paper->is_object()) continue;
    for (const auto& [key, value] : paper->items()) keys.insert(key);
  }
  json paper = json::object();
  for (const std::string& key : keys) {
    const json b = value_or_null(base_paper, key);
    const json c = value_or_null(their_paper, key);
    const json m = value_or_null(my_paper, key);
    json chosen = c;
    if (m == b || m == c) {
      chosen = c;
    } else if (c == b) {
      chosen = m;
    } else {
      conflict("paper", key, std::string("付議事項の概要「") + paper_label(key) + "」",
               "両方で変更");
    }
    if (!chosen.is_null()) paper[key] = chosen;
  }
  result.model["paper"] = paper;

  // The entities, by id.
  for (const TableKind& kind : kTables) {
    const auto b = by_key(base, kind);
    const auto c = by_key(theirs, kind);
    const auto m = by_key(mine, kind);
    json merged = json::array();
    for (const json& entity : array_of(theirs, kind.table)) {
      const std::string id = key_of(entity, kind.key);
      auto in_base = b.find(id);
      auto in_mine = m.find(id);
      if (id.empty()) {
        merged.push_back(entity);
      } else if (in_base == b.end()) {
        // Theirs is new; mine, new under the same id, is equal (ids are renamed on a clash),
        // or an acceptance of the same finding.
        if (in_mine != m.end() && *in_mine->second != entity) {
          conflict(kind.table, id, entity_name(kind, *in_mine->second, theirs, mine), "両方で追加");
        }
        merged.push_back(entity);
      } else if (in_mine == m.end()) {
        if (entity != *in_base->second) {
          conflict(kind.table, id, entity_name(kind, entity, theirs, mine),
                   "相手が変更 (こちらは削除)");
          merged.push_back(entity);
        }
      } else if (*in_mine->second == *in_base->second || *in_mine->second == entity) {
        merged.push_back(entity);
      } else if (entity == *in_base->second) {
        merged.push_back(*in_mine->second);
      } else {
        conflict(kind.table, id, entity_name(kind, *in_mine->second, theirs, mine), "両方で変更");
        merged.push_back(entity);
      }
    }
    for (const auto& [id, entity] : b) {
      if (c.count(id) != 0) continue;
      auto in_mine = m.find(id);
      if (in_mine != m.end() && *in_mine->second != *entity) {
        conflict(kind.table, id, entity_name(kind, *in_mine->second, theirs, mine), "相手が削除");
      }
    }
    for (const json& entity : array_of(mine, kind.table)) {
      const std::string id = key_of(entity, kind.key);
      if (!id.empty() && (b.count(id) != 0 || c.count(id) != 0)) continue;
      merged.push_back(entity);
    }
    result.model[kind.table] = std::move(merged);
  }
  return result;
}

std::string conflict_message(const std::vector<MergeConflict>& conflicts) {
  std::string out = "開いた後に別の画面か別の人が保存した変更と重なるため、保存しませんでした: ";
  for (std::size_t i = 0; i < conflicts.size(); ++i) {
    if (i > 0) out += "、";
    out += conflicts[i].name + " (" + conflicts[i].reason + ")";
  }
  out += "。読み込み直してから、もう一度編集してください";
  return out;
}

}  // namespace nagare::serve
