#include "nagare/diff.h"

#include <algorithm>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "nagare/reach.h"

namespace nagare {

std::string_view id_of(DiffKind kind) {
  switch (kind) {
    case DiffKind::org_added:
      return "org-added";
    case DiffKind::org_removed:
      return "org-removed";
    case DiffKind::cloud_left_japan:
      return "cloud-left-japan";
    case DiffKind::certification_lost:
      return "certification-lost";
    case DiffKind::node_added:
      return "node-added";
    case DiffKind::node_removed:
      return "node-removed";
    case DiffKind::node_starts_storing:
      return "node-starts-storing";
    case DiffKind::item_fields_added:
      return "item-fields-added";
    case DiffKind::flow_added:
      return "flow-added";
    case DiffKind::flow_removed:
      return "flow-removed";
    case DiffKind::flow_rerouted:
      return "flow-rerouted";
    case DiffKind::flow_channel_changed:
      return "flow-channel-changed";
    case DiffKind::flow_items_added:
      return "flow-items-added";
    case DiffKind::measure_lost:
      return "measure-lost";
  }
  return "unknown";
}

namespace {

/// Which declared entity goes with which actual one.
struct Pairs {
  std::vector<std::size_t> to_actual;    // declared index -> actual index, or npos
  std::vector<std::size_t> to_declared;  // actual index -> declared index, or npos
  std::vector<MatchedBy> by;             // per declared index
  std::vector<char> by_label_alone;      // per declared index; flows only
};

/// Pairs by id, then the rest by a second key (name, or label and ends); entities with
/// the same second key pair in model order. An empty key never pairs.
template <typename T, typename DeclaredKey, typename ActualKey>
Pairs pair_up(const std::vector<T>& declared, const std::vector<T>& actual,
              DeclaredKey declared_key, ActualKey actual_key) {
  Pairs pairs;
  pairs.to_actual.assign(declared.size(), npos);
  pairs.to_declared.assign(actual.size(), npos);
  pairs.by.assign(declared.size(), MatchedBy::id);
  std::unordered_map<std::string_view, std::size_t> by_id;
  for (std::size_t j = 0; j < actual.size(); ++j) by_id.emplace(actual[j].id, j);
  for (std::size_t i = 0; i < declared.size(); ++i) {
    auto it = by_id.find(declared[i].id);
    if (it == by_id.end()) continue;
    pairs.to_actual[i] = it->second;
    pairs.to_declared[it->second] = i;
  }
  std::unordered_map<std::string, std::deque<std::size_t>> by_key;
  for (std::size_t j = 0; j < actual.size(); ++j) {
    if (pairs.to_declared[j] != npos) continue;
    std::string key = actual_key(j);
    if (!key.empty()) by_key[std::move(key)].push_back(j);
  }
  for (std::size_t i = 0; i < declared.size(); ++i) {
    if (pairs.to_actual[i] != npos) continue;
    auto it = by_key.find(declared_key(i));
    if (it == by_key.end() || it->second.empty()) continue;
    const std::size_t j = it->second.front();
    it->second.pop_front();
    pairs.to_actual[i] = j;
    pairs.to_declared[j] = i;
    pairs.by[i] = MatchedBy::name;
  }
  return pairs;
}

std::string quoted(const std::string& text) { return "「" + text + "」"; }

std::string_view region_ja(Region region) {
  switch (region) {
    case Region::japan:
      return "国内";
    case Region::overseas:
      return "国外";
    case Region::unknown:
      break;
  }
  return "不明";
}

class Differ {
 public:
  Differ(const Model& declared, const Model& actual, const MeasureCatalogue& catalogue)
      : declared_(declared), actual_(actual), catalogue_(catalogue) {
    result_.declared_file = declared.file;
    result_.actual_file = actual.file;
  }

  ModelDiff run() {
    auto by_name = [](const auto& entities) {
      return [&entities](std::size_t k) { return entities[k].name; };
    };
    orgs_ = pair_up(declared_.orgs, actual_.orgs, by_name(declared_.orgs), by_name(actual_.orgs));
    nodes_ =
        pair_up(declared_.nodes, actual_.nodes, by_name(declared_.nodes), by_name(actual_.nodes));
    items_ =
        pair_up(declared_.items, actual_.items, by_name(declared_.items), by_name(actual_.items));
    flows_ = pair_up(
        declared_.flows, actual_.flows,
        [this](std::size_t i) {
          const Flow& flow = declared_.flows[i];
          return flow_key(flow.label, declared_.nodes[flow.from].id, declared_.nodes[flow.to].id);
        },
        [this](std::size_t j) {
          const Flow& flow = actual_.flows[j];
          const std::size_t from = nodes_.to_declared[flow.from];
          const std::size_t to = nodes_.to_declared[flow.to];
          if (from == npos || to == npos) return std::string();
          return flow_key(flow.label, declared_.nodes[from].id, declared_.nodes[to].id);
        });
    pair_flows_by_label_alone();
    note_pairings("org", declared_.orgs, actual_.orgs, orgs_);
    note_pairings("node", declared_.nodes, actual_.nodes, nodes_);
    note_pairings("item", declared_.items, actual_.items, items_);
    note_pairings("flow", declared_.flows, actual_.flows, flows_);
    diff_orgs();
    diff_nodes();
    diff_items();
    diff_flows();
    return std::move(result_);
  }

 private:
  static std::string flow_key(const std::string& label, const std::string& from,
                              const std::string& to) {
    return label + '\x1f' + from + '\x1f' + to;
  }

  /// A flow whose id and ends both changed still pairs by its label, so that it shows as
  /// rerouted rather than as one flow removed and another added; only a label that exactly
  /// one unpaired flow has on each side, so that no guess is made between alike flows.
  void pair_flows_by_label_alone() {
    flows_.by_label_alone.assign(declared_.flows.size(), 0);
    std::unordered_map<std::string_view, std::pair<std::size_t, std::size_t>> declared, actual;
    auto count = [](auto& labels, const std::vector<Flow>& flows,
                    const std::vector<std::size_t>& paired) {
      for (std::size_t k = 0; k < flows.size(); ++k) {
        if (paired[k] != npos || flows[k].label.empty()) continue;
        auto& [seen, index] = labels[flows[k].label];
        ++seen;
        index = k;
      }
    };
    count(declared, declared_.flows, flows_.to_actual);
    count(actual, actual_.flows, flows_.to_declared);
    for (std::size_t i = 0; i < declared_.flows.size(); ++i) {
      if (flows_.to_actual[i] != npos || declared_.flows[i].label.empty()) continue;
      auto mine = declared.find(declared_.flows[i].label);
      auto theirs = actual.find(declared_.flows[i].label);
      if (mine->second.first != 1 || theirs == actual.end() || theirs->second.first != 1) continue;
      const std::size_t j = theirs->second.second;
      flows_.to_actual[i] = j;
      flows_.to_declared[j] = i;
      flows_.by[i] = MatchedBy::name;
      flows_.by_label_alone[i] = 1;
    }
  }

  template <typename T>
  void note_pairings(const char* entity, const std::vector<T>& declared,
                     const std::vector<T>& actual, const Pairs& pairs) {
    for (std::size_t i = 0; i < declared.size(); ++i) {
      if (pairs.to_actual[i] == npos) continue;
      if (pairs.by[i] == MatchedBy::id) {
        ++result_.paired_by_id;
      } else {
        result_.by_name.push_back(
            Pairing{entity, declared[i].id, actual[pairs.to_actual[i]].id,
                    !pairs.by_label_alone.empty() && pairs.by_label_alone[i]});
      }
    }
  }

  Difference& add(DiffKind kind, const char* entity, const Pairs& pairs, std::size_t declared,
                  const SourceLocation& where) {
    Difference difference;
    difference.kind = kind;
    difference.entity = entity;
    difference.where = where;
    if (declared != npos) {
      difference.matched_by = pairs.by[declared];
    }
    result_.differences.push_back(std::move(difference));
    return result_.differences.back();
  }

  template <typename T>
  void set_ids(Difference& difference, const std::vector<T>& declared, std::size_t i,
               const std::vector<T>& actual, std::size_t j) {
    if (i != npos) difference.declared_id = declared[i].id;
    if (j != npos) difference.actual_id = actual[j].id;
  }

  /// A measure mark's key: the same measure done by the same party.
  static std::string mark_key(const MeasureMark& mark) {
    return mark.measure_id + (mark.party == Party::ward ? "@ward" : "@other");
  }

  /// Measures in place (○) in `before` that `after` lacks or marks －.
  void measures_lost(const char* entity, const Pairs& pairs, std::size_t i,
                     const std::vector<MeasureMark>& before, const std::vector<MeasureMark>& after,
                     const std::string& declared_id, const std::string& actual_id,
                     const std::string& what_ja, const std::string& what_en,
                     const SourceLocation& where) {
    std::unordered_set<std::string> in_place;
    std::unordered_map<std::string, const MeasureMark*> not_applicable;
    for (const MeasureMark& mark : after) {
      if (mark.not_applicable) {
        not_applicable.emplace(mark_key(mark), &mark);
      } else {
        in_place.insert(mark_key(mark));
      }
    }
    std::unordered_set<std::string> seen;
    std::vector<std::string> details;
    std::string list_ja, list_en;
    for (const MeasureMark& mark : before) {
      if (mark.not_applicable) continue;
      std::string key = mark_key(mark);
      if (in_place.count(key) != 0 || !seen.insert(key).second) continue;
      const bool ward = mark.party == Party::ward;
      std::string name_ja = mark.measure == npos
                                ? mark.measure_id
                                : measure_name(catalogue_, declared_, mark.measure);
      std::string name_en = mark.measure == npos
                                ? mark.measure_id
                                : measure_name(catalogue_, declared_, mark.measure, true);
      std::string note_ja = ward ? "区" : "委託先等";
      std::string note_en = ward ? "ward" : "other party";
      if (auto na = not_applicable.find(key); na != not_applicable.end()) {
        note_ja += "、今は－: " + na->second->reason;
        note_en += ", now marked not applicable: " + na->second->reason;
      }
      if (!list_ja.empty()) {
        list_ja += "、";
        list_en += "; ";
      }
      list_ja += name_ja + "（" + note_ja + "）";
      list_en += mark.measure_id + " (" + note_en + ")";
      details.push_back(key);
    }
    if (details.empty()) return;
    Difference& difference = add(DiffKind::measure_lost, entity, pairs, i, where);
    difference.declared_id = declared_id;
    difference.actual_id = actual_id;
    difference.details = std::move(details);
    difference.message = what_ja + "の対策がなくなりました: " + list_ja;
    difference.message_en = what_en + " lost measures: " + list_en;
  }

  void diff_orgs() {
    const auto& before = declared_.orgs;
    const auto& after = actual_.orgs;
    for (std::size_t j = 0; j < after.size(); ++j) {
      if (orgs_.to_declared[j] != npos) continue;
      Difference& d = add(DiffKind::org_added, "org", orgs_, npos, after[j].where);
      set_ids(d, before, npos, after, j);
      d.message = "宣言にない組織" + quoted(after[j].name) + "（" +
                  std::string(id_of(after[j].role)) + "）があります";
      d.message_en = "organization \"" + after[j].id + "\" (" + std::string(id_of(after[j].role)) +
                     ") is not declared";
    }
    for (std::size_t i = 0; i < before.size(); ++i) {
      const std::size_t j = orgs_.to_actual[i];
      if (j == npos) {
        Difference& d = add(DiffKind::org_removed, "org", orgs_, i, before[i].where);
        set_ids(d, before, i, after, j);
        d.message = "宣言した組織" + quoted(before[i].name) + "がありません";
        d.message_en = "declared organization \"" + before[i].id + "\" is gone";
        continue;
      }
      const Organization& was = before[i];
      const Organization& now = after[j];
      const bool cloud = was.role == OrgRole::cloud || now.role == OrgRole::cloud;
      if (cloud && was.region == Region::japan && now.region != Region::japan) {
        Difference& d = add(DiffKind::cloud_left_japan, "org", orgs_, i, now.where);
        set_ids(d, before, i, after, j);
        d.details.push_back(std::string(id_of(now.region)));
        d.message = "クラウド" + quoted(now.name) + "の所在が国内から" +
                    std::string(region_ja(now.region)) + "になりました";
        d.message_en =
            "cloud \"" + now.id + "\" moved from japan to " + std::string(id_of(now.region));
      }
      std::unordered_set<std::string> held;
      for (const Certification& c : now.certifications) held.insert(c.kind);
      std::vector<std::string> lost;
      for (const Certification& c : was.certifications) {
        if (held.insert(c.kind).second) lost.push_back(c.kind);
      }
      if (!lost.empty()) {
        Difference& d = add(DiffKind::certification_lost, "org", orgs_, i, now.where);
        set_ids(d, before, i, after, j);
        std::string list;
        for (const std::string& kind : lost) list += (list.empty() ? "" : ", ") + kind;
        d.details = lost;
        d.message = "組織" + quoted(now.name) + "の認証がなくなりました: " + list;
        d.message_en = "organization \"" + now.id + "\" no longer holds: " + list;
      }
      measures_lost("org", orgs_, i, was.measures, now.measures, was.id, now.id,
                    "組織" + quoted(now.name), "organization \"" + now.id + "\"", now.where);
    }
  }

  void diff_nodes() {
    const auto& before = declared_.nodes;
    const auto& after = actual_.nodes;
    for (std::size_t j = 0; j < after.size(); ++j) {
      if (nodes_.to_declared[j] != npos) continue;
      Difference& d = add(DiffKind::node_added, "node", nodes_, npos, after[j].where);
      set_ids(d, before, npos, after, j);
      d.message = "宣言にないノード" + quoted(after[j].name) + "があります";
      d.message_en = "node \"" + after[j].id + "\" is not declared";
    }
    for (std::size_t i = 0; i < before.size(); ++i) {
      const std::size_t j = nodes_.to_actual[i];
      if (j == npos) {
        Difference& d = add(DiffKind::node_removed, "node", nodes_, i, before[i].where);
        set_ids(d, before, i, after, j);
        d.message = "宣言したノード" + quoted(before[i].name) + "がありません";
        d.message_en = "declared node \"" + before[i].id + "\" is gone";
        continue;
      }
      const Node& was = before[i];
      const Node& now = after[j];
      if (!was.stores && now.stores) {
        Difference& d = add(DiffKind::node_starts_storing, "node", nodes_, i, now.where);
        set_ids(d, before, i, after, j);
        d.message = "保存しないと宣言したノード" + quoted(now.name) + "が個人情報を保存しています";
        d.message_en = "node \"" + now.id + "\" was declared to store nothing but stores data";
      }
      measures_lost("node", nodes_, i, was.measures, now.measures, was.id, now.id,
                    "ノード" + quoted(now.name), "node \"" + now.id + "\"", now.where);
    }
  }

  void diff_items() {
    for (std::size_t i = 0; i < declared_.items.size(); ++i) {
      const std::size_t j = items_.to_actual[i];
      if (j == npos) continue;
      const ItemSet& was = declared_.items[i];
      const ItemSet& now = actual_.items[j];
      std::unordered_set<std::string_view> known(was.fields.begin(), was.fields.end());
      std::vector<std::string> added;
      for (const std::string& field : now.fields) {
        if (known.insert(field).second) added.push_back(field);
      }
      if (added.empty()) continue;
      Difference& d = add(DiffKind::item_fields_added, "item", items_, i, now.where);
      set_ids(d, declared_.items, i, actual_.items, j);
      std::string list_ja, list_en;
      for (const std::string& field : added) {
        list_ja += (list_ja.empty() ? "" : "、") + field;
        list_en += (list_en.empty() ? "" : ", ") + field;
      }
      d.details = std::move(added);
      d.message = "項目" + quoted(now.name) + "に宣言にない情報が加わりました: " + list_ja;
      d.message_en = "item set \"" + now.id + "\" has undeclared fields: " + list_en;
    }
  }

  std::string ends_ja(const Model& model, const Flow& flow) const {
    return "（" + model.nodes[flow.from].name + " → " + model.nodes[flow.to].name + "）";
  }
  std::string ends_en(const Model& model, const Flow& flow) const {
    return " (" + model.nodes[flow.from].id + " -> " + model.nodes[flow.to].id + ")";
  }

  /// Whether a paired flow runs between other nodes, seen through the node pairing so that a
  /// renamed node is still the same end. A two-way flow may have its ends swapped.
  bool rerouted(const Flow& was, const Flow& now) const {
    const std::size_t from = nodes_.to_declared[now.from];
    const std::size_t to = nodes_.to_declared[now.to];
    if (from == was.from && to == was.to) return false;
    const bool both = was.direction == Direction::both && now.direction == Direction::both;
    return !(both && from == was.to && to == was.from);
  }

  /// Whether a paired flow passes other networks or media, in order, seen through the node
  /// pairing: a dedicated line become the internet, a USB stick become a mail attachment.
  bool channel_changed(const Flow& was, const Flow& now) const {
    if (was.via.size() != now.via.size()) return true;
    for (std::size_t k = 0; k < now.via.size(); ++k) {
      if (nodes_.to_declared[now.via[k]] != was.via[k]) return true;
    }
    return false;
  }

  static std::string via_ids(const Model& model, const Flow& flow) {
    std::string ids;
    for (std::size_t via : flow.via) ids += (ids.empty() ? "" : ",") + model.nodes[via].id;
    return ids;
  }
  static std::string via_ja(const Model& model, const Flow& flow) {
    std::string names;
    for (std::size_t via : flow.via) names += "【" + model.nodes[via].name + "】";
    return names.empty() ? "（なし）" : names;
  }
  static std::string via_en(const Model& model, const Flow& flow) {
    const std::string ids = via_ids(model, flow);
    return ids.empty() ? "(none)" : "[" + ids + "]";
  }

  void diff_flows() {
    const auto& before = declared_.flows;
    const auto& after = actual_.flows;
    for (std::size_t j = 0; j < after.size(); ++j) {
      if (flows_.to_declared[j] != npos) continue;
      Difference& d = add(DiffKind::flow_added, "flow", flows_, npos, after[j].where);
      set_ids(d, before, npos, after, j);
      d.message =
          "宣言にない流れ" + quoted(actual_.flow_title(after[j])) + ends_ja(actual_, after[j]);
      d.message_en = "undeclared flow \"" + after[j].id + "\"" + ends_en(actual_, after[j]);
    }
    for (std::size_t i = 0; i < before.size(); ++i) {
      if (flows_.to_actual[i] != npos) continue;
      Difference& d = add(DiffKind::flow_removed, "flow", flows_, i, before[i].where);
      set_ids(d, before, i, after, npos);
      d.message = "宣言した流れ" + quoted(declared_.flow_title(before[i])) +
                  ends_ja(declared_, before[i]) + "がありません";
      d.message_en =
          "declared flow \"" + before[i].id + "\"" + ends_en(declared_, before[i]) + " is gone";
    }
    const ItemReach declared_reach(declared_);
    const ItemReach actual_reach(actual_);
    for (std::size_t i = 0; i < before.size(); ++i) {
      const std::size_t j = flows_.to_actual[i];
      if (j == npos) continue;
      if (rerouted(before[i], after[j])) {
        Difference& d = add(DiffKind::flow_rerouted, "flow", flows_, i, after[j].where);
        set_ids(d, before, i, after, j);
        d.details = {declared_.nodes[before[i].from].id, declared_.nodes[before[i].to].id,
                     actual_.nodes[after[j].from].id, actual_.nodes[after[j].to].id};
        d.message = "流れ" + quoted(actual_.flow_title(after[j])) + "の経路が変わりました: 宣言" +
                    ends_ja(declared_, before[i]) + "、実際" + ends_ja(actual_, after[j]);
        d.message_en = "flow \"" + after[j].id + "\" was rerouted: declared" +
                       ends_en(declared_, before[i]) + ", actual" + ends_en(actual_, after[j]);
      }
      if (channel_changed(before[i], after[j])) {
        Difference& d = add(DiffKind::flow_channel_changed, "flow", flows_, i, after[j].where);
        set_ids(d, before, i, after, j);
        d.details = {via_ids(declared_, before[i]), via_ids(actual_, after[j])};
        d.message = "流れ" + quoted(actual_.flow_title(after[j])) +
                    "の通る回線・媒体が変わりました: 宣言" + via_ja(declared_, before[i]) +
                    "、実際" + via_ja(actual_, after[j]);
        d.message_en = "flow \"" + after[j].id + "\" passes other networks or media: declared " +
                       via_en(declared_, before[i]) + ", actual " + via_en(actual_, after[j]);
      }
      const auto& carried_before = declared_reach.carried_by(i);
      std::vector<std::string> added;
      std::string list_ja, list_en;
      for (std::size_t item : actual_reach.carried_by(j)) {
        const std::size_t was = items_.to_declared[item];
        if (was != npos && std::binary_search(carried_before.begin(), carried_before.end(), was)) {
          continue;
        }
        added.push_back(actual_.items[item].id);
        list_ja += (list_ja.empty() ? "" : "、") + quoted(actual_.items[item].name);
        list_en += (list_en.empty() ? "" : ", ") + actual_.items[item].id;
      }
      const Flow& now = after[j];
      if (!added.empty()) {
        Difference& d = add(DiffKind::flow_items_added, "flow", flows_, i, now.where);
        set_ids(d, before, i, after, j);
        d.details = std::move(added);
        d.message =
            "流れ" + quoted(actual_.flow_title(now)) + "が宣言にない項目を運びます: " + list_ja;
        d.message_en = "flow \"" + now.id + "\" carries undeclared item sets: " + list_en;
      }
      measures_lost("flow", flows_, i, before[i].measures, now.measures, before[i].id, now.id,
                    "流れ" + quoted(actual_.flow_title(now)), "flow \"" + now.id + "\"", now.where);
    }
  }

  const Model& declared_;
  const Model& actual_;
  const MeasureCatalogue& catalogue_;
  Pairs orgs_, nodes_, items_, flows_;
  ModelDiff result_;
};

}  // namespace

ModelDiff diff_models(const Model& declared, const Model& actual,
                      const MeasureCatalogue& catalogue) {
  return Differ(declared, actual, catalogue).run();
}

}  // namespace nagare
