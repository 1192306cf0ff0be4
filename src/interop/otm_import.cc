#include <algorithm>
#include <cctype>
#include <map>

#include "draft.h"
#include "nagare/model.h"

namespace nagare::interop {
namespace {

using nlohmann::json;

std::string lower(std::string_view text) {
  std::string out;
  for (unsigned char c : text) out += static_cast<char>(std::tolower(c));
  return out;
}

bool has_any(const std::string& text, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view word) { return text.find(word) != std::string::npos; });
}

bool truthy(const json& object, std::initializer_list<std::string_view> keys) {
  if (!object.is_object()) return false;
  for (std::string_view name : keys) {
    auto it = object.find(std::string(name));
    if (it == object.end()) continue;
    if (it->is_boolean() && it->get<bool>()) return true;
    if (it->is_string()) {
      const std::string value = lower(it->get<std::string>());
      if (!value.empty() && value != "false" && value != "no" && value != "none") return true;
    }
  }
  return false;
}

void add_measure(std::vector<DraftMeasure>& marks, const std::string& id) {
  const bool present = std::any_of(marks.begin(), marks.end(),
                                   [&](const DraftMeasure& mark) { return mark.id == id; });
  if (!present) marks.push_back(DraftMeasure{id, "", "", "", ""});
}

std::string words_of(const json& element) {
  std::string words = text_at(element, "type") + " " + text_at(element, "name") + " " +
                      text_at(element, "description");
  if (auto tags = element.find("tags");
      element.is_object() && tags != element.end() && tags->is_array()) {
    for (const json& tag : *tags) words += " " + text_of(tag);
  }
  if (element.contains("attributes")) {
    words += " " + text_at(element["attributes"], "classification");
  }
  return words;
}

const json& array_at(const json& document, const char* name) {
  static const json kEmpty = json::array();
  if (!document.is_object()) return kEmpty;
  auto it = document.find(name);
  return it != document.end() && it->is_array() ? *it : kEmpty;
}

/// nagare's own attributes that hold more than text. OTM's attributes are a map of strings,
/// so the export writes these as JSON text; the values are read back in either form.
constexpr std::string_view kStructuredAttributes[] = {
    "nagare-paper",     "nagare-fields",         "nagare-certifications", "nagare-must-not-receive",
    "nagare-measures",  "nagare-stores",         "nagare-step",           "nagare-via",
    "nagare-synthetic", "nagare-custom-measure", "nagare-declared",       "nagare-means",
    "nagare-satisfies"};

/// An element's attributes, with nagare's structured ones parsed back from their JSON text.
json attributes_of(const json& element) {
  if (!element.is_object()) return json::object();
  auto it = element.find("attributes");
  if (it == element.end() || !it->is_object()) return json::object();
  json attributes = *it;
  for (std::string_view key : kStructuredAttributes) {
    auto value = attributes.find(std::string(key));
    if (value == attributes.end() || !value->is_string()) continue;
    // Too deep to copy safely: left as text, which no reader of these attributes accepts.
    if (json_too_deep_at(value->get_ref<const std::string&>()) != std::string::npos) continue;
    json parsed = json::parse(value->get<std::string>(), nullptr, false);
    if (!parsed.is_discarded()) *value = std::move(parsed);
  }
  return attributes;
}

}  // namespace

bool is_one_of(std::string_view value, const std::vector<std::string_view>& ids) {
  return std::find(ids.begin(), ids.end(), value) != ids.end();
}

std::string kind_from_words(std::string_view words) {
  const std::string text = lower(words);
  if (has_any(text, {"actor", "user", "person", "human", "staff", "customer", "citizen", "resident",
                     "employee"})) {
    return "person";
  }
  if (has_any(text, {"mobile", "phone", "tablet", "android", "ios"})) return "mobile";
  if (has_any(text, {"medium", "usb", "dvd", "paper"})) return "medium";
  if (has_any(text, {"database", "datastore", "store", "storage", "bucket", "s3", "sql", "file",
                     "repository", "cache", "db"})) {
    return "datastore";
  }
  if (has_any(text, {"cloud", "saas", "aws", "azure", "gcp"})) return "cloud";
  if (has_any(text, {"network", "vpc", "internet", "lan", "wan", "vpn"})) return "network";
  if (has_any(text, {"client", "browser", "desktop", "laptop", "pc", "workstation", "terminal"})) {
    return "terminal";
  }
  return "system";
}

std::string network_from_words(std::string_view words) {
  const std::string text = lower(words);
  if (has_any(text, {"lgwan"})) return "lgwan";
  if (has_any(text, {"dedicated", "leased"})) return "dedicated-line";
  if (has_any(text, {"closed", "private"})) return "closed";
  if (has_any(text, {"intranet", "lan"})) return "intranet";
  if (has_any(text, {"internet", "public"})) return "internet";
  if (has_any(text, {"telephone"})) return "telephone";
  if (has_any(text, {"carrier", "lte", "5g", "4g"})) return "mobile-carrier";
  return "unknown";
}

std::string class_from_words(std::string_view words) {
  const std::string text = lower(words);
  if (has_any(text, {"my-number", "mynumber", "my number", "マイナンバー", "特定個人情報"})) {
    return "my-number";
  }
  if (has_any(text, {"special-care", "sensitive", "health", "medical", "criminal", "disability",
                     "要配慮"})) {
    return "special-care";
  }
  if (has_any(text, {"pseudonym", "token", "barcode"})) return "pseudonymous";
  if (has_any(text, {"non-personal", "anonymous", "statistic", "public"})) return "non-personal";
  return "personal";
}

Draft draft_from_otm(const json& document, std::string_view file_stem, bool english) {
  Draft draft;
  IdPool ids;
  draft.source_note = tr(english, "Open Threat Model (otmVersion ",
                         "Imported from Open Threat Model (otmVersion ") +
                      text_at(document, "otmVersion") +
                      tr(english, ") から nagare import で変換したモデル", ") by nagare import");

  const json& project = document.contains("project") ? document["project"] : json::object();
  const json project_attributes = attributes_of(project);
  const json paper = project_attributes.contains("nagare-paper")
                         ? project_attributes["nagare-paper"]
                         : json::object();
  if (paper.is_object() && !paper.empty()) {
    for (const char* name : {"title", "document", "municipality", "wording", "body", "department",
                             "subjects", "subject_count", "period", "purpose", "source"}) {
      std::string value = text_at(paper, name);
      if (std::string_view(name) == "wording" && value != "edogawa") value.clear();
      if (!value.empty()) draft.paper.emplace_back(name, value);
    }
    if (paper.contains("procedures") && paper["procedures"].is_array()) {
      for (const json& procedure : paper["procedures"]) {
        if (is_one_of(text_of(procedure), procedure_ids())) {
          draft.procedures.push_back(text_of(procedure));
        }
      }
    }
  } else {
    draft.paper.emplace_back("title", text_at(project, "name"));
    if (!text_at(project, "owner").empty()) {
      draft.paper.emplace_back("department", text_at(project, "owner"));
    }
    if (!text_at(project, "description").empty()) {
      draft.paper.emplace_back("purpose", text_at(project, "description"));
    }
    draft.paper.emplace_back("source", std::string(file_stem));
  }
  if (draft.paper.empty() || draft.paper.front().first != "title" ||
      draft.paper.front().second.empty()) {
    std::erase_if(draft.paper, [](const auto& entry) { return entry.first == "title"; });
    draft.paper.insert(draft.paper.begin(), {"title", std::string(file_stem)});
  }

  std::size_t other_mitigations = 0;
  for (const json& mitigation : array_at(document, "mitigations")) {
    const json attributes = attributes_of(mitigation);
    if (attributes.contains("nagare-custom-measure")) {
      std::string category = text_at(attributes, "nagare-category");
      draft.custom_measures.push_back(
          DraftCustomMeasure{ids.claim(text_at(mitigation, "id"), "measure"),
                             text_at(mitigation, "name"),
                             category == "technical" ? category : "",
                             {}});
      if (attributes.contains("nagare-satisfies") && attributes["nagare-satisfies"].is_array()) {
        for (const json& id : attributes["nagare-satisfies"]) {
          draft.custom_measures.back().satisfies.push_back(text_of(id));
        }
      }
      if (draft.custom_measures.back().name.empty()) {
        draft.custom_measures.back().name = draft.custom_measures.back().id;
      }
    } else {
      ++other_mitigations;
    }
  }

  std::map<std::string, std::string> item_ids;
  for (const json& asset : array_at(document, "assets")) {
    DraftItem item;
    const json attributes = attributes_of(asset);
    item.id = ids.claim(text_at(asset, "id"), "item");
    item_ids[text_at(asset, "id")] = item.id;
    item.name = text_at(asset, "name").empty() ? item.id : text_at(asset, "name");
    const std::string stated = text_at(attributes, "nagare-class");
    if (is_one_of(stated, item_class_ids())) {
      item.item_class = stated;
    } else {
      item.item_class = class_from_words(words_of(asset));
      draft.unmapped.push_back(
          tr(english, "資産 \"", "asset \"") + item.name +
          tr(english, "\" の区分は名前と説明から \"", "\": class guessed as \"") + item.item_class +
          tr(english, "\" と推定しました", "\" from its name and description"));
    }
    if (attributes.contains("nagare-fields") && attributes["nagare-fields"].is_array()) {
      for (const json& field : attributes["nagare-fields"]) item.fields.push_back(text_of(field));
    }
    if (attributes.contains("nagare-declared") && attributes["nagare-declared"].is_boolean()) {
      item.declared = attributes["nagare-declared"].get<bool>();
    }
    draft.items.push_back(std::move(item));
  }

  std::map<std::string, std::string> org_ids;
  std::vector<std::string> org_parents;
  for (const json& zone : array_at(document, "trustZones")) {
    const json attributes = attributes_of(zone);
    if (attributes.contains("nagare-synthetic")) continue;
    DraftOrg org;
    org.id = ids.claim(text_at(zone, "id"), "org");
    org_ids[text_at(zone, "id")] = org.id;
    org.name = text_at(zone, "name").empty() ? org.id : text_at(zone, "name");
    const std::string role = text_at(attributes, "nagare-role");
    if (is_one_of(role, org_role_ids())) {
      org.role = role;
    } else {
      draft.unmapped.push_back(tr(english, "信頼境界 \"", "trust zone \"") + org.name +
                               tr(english, "\" の役割がわからないため role = \"other\" としました",
                                  "\": role unknown, set to \"other\""));
    }
    org.operator_name = text_at(attributes, "nagare-operator");
    if (is_one_of(text_at(attributes, "nagare-region"), region_ids())) {
      org.region = text_at(attributes, "nagare-region");
    }
    if (attributes.contains("nagare-certifications") &&
        attributes["nagare-certifications"].is_array()) {
      for (const json& certification : attributes["nagare-certifications"]) {
        const std::string kind = text_at(certification, "kind");
        if (kind != "ISMS" && kind != "Pmark" && kind != "ASP-SaaS" && kind != "other") continue;
        DraftCertification entry{kind, std::nullopt};
        if (certification.contains("since") && certification["since"].is_number_integer()) {
          entry.since = certification["since"].get<long long>();
        }
        org.certifications.push_back(entry);
      }
    }
    if (attributes.contains("nagare-must-not-receive") &&
        attributes["nagare-must-not-receive"].is_array()) {
      for (const json& item_class : attributes["nagare-must-not-receive"]) {
        // A class, or an item set by its id (mapped like the assets).
        if (is_one_of(text_of(item_class), item_class_ids())) {
          org.must_not_receive.push_back(text_of(item_class));
        } else if (auto item = item_ids.find(text_of(item_class)); item != item_ids.end()) {
          org.must_not_receive.push_back(item->second);
        }
      }
    }
    org.measures = measures_from(attributes);
    org_parents.push_back(zone.contains("parent") ? text_at(zone["parent"], "trustZone") : "");
    draft.orgs.push_back(std::move(org));
  }
  for (std::size_t i = 0; i < draft.orgs.size(); ++i) {
    if (org_parents[i].empty()) continue;
    auto parent = org_ids.find(org_parents[i]);
    if (parent != org_ids.end() && parent->second != draft.orgs[i].id) {
      draft.orgs[i].parent = parent->second;
    }
  }
  // A parent chain that loops would not load: cut it.
  for (DraftOrg& org : draft.orgs) {
    std::string at = org.parent;
    for (std::size_t hops = 0; !at.empty(); ++hops) {
      if (at == org.id || hops > draft.orgs.size()) {
        org.parent.clear();
        break;
      }
      auto next = std::find_if(draft.orgs.begin(), draft.orgs.end(),
                               [&](const DraftOrg& candidate) { return candidate.id == at; });
      at = next == draft.orgs.end() ? std::string() : next->parent;
    }
  }

  std::map<std::string, std::string> node_ids;
  std::map<std::string, std::string> component_parent;  // component parents, resolved after
  for (const json& component : array_at(document, "components")) {
    const json attributes = attributes_of(component);
    DraftNode node;
    node.id = ids.claim(text_at(component, "id"), "node");
    node_ids[text_at(component, "id")] = node.id;
    node.name = text_at(component, "name").empty() ? node.id : text_at(component, "name");
    const std::string kind = text_at(attributes, "nagare-kind");
    node.kind = is_one_of(kind, node_kind_ids()) ? kind : kind_from_words(words_of(component));
    const json& parent = component.contains("parent") ? component["parent"] : json::object();
    if (auto zone = org_ids.find(text_at(parent, "trustZone")); zone != org_ids.end()) {
      node.org = zone->second;
    } else if (!text_at(parent, "component").empty()) {
      component_parent[node.id] = text_at(parent, "component");
    }
    if (node.kind == "network") {
      const std::string network = text_at(attributes, "nagare-network");
      node.network = is_one_of(network, network_kind_ids())
                         ? network
                         : network_from_words(words_of(component));
    }
    if (node.kind == "medium") {
      const std::string medium = text_at(attributes, "nagare-medium");
      node.medium = is_one_of(medium, medium_kind_ids()) ? medium : "other";
    }
    if (attributes.contains("nagare-stores") && attributes["nagare-stores"].is_boolean()) {
      node.stores = attributes["nagare-stores"].get<bool>();
    }
    node.note = attributes.contains("nagare-note") ? text_at(attributes, "nagare-note")
                                                   : text_at(component, "description");
    node.measures = measures_from(attributes);
    if (truthy(attributes, {"authentication", "authenticated"})) {
      add_measure(node.measures, "authentication");
    }
    draft.nodes.push_back(std::move(node));
  }
  for (DraftNode& node : draft.nodes) {
    auto parent = component_parent.find(node.id);
    if (parent == component_parent.end()) continue;
    auto owner = node_ids.find(parent->second);
    if (owner == node_ids.end()) continue;
    auto owner_node = std::find_if(draft.nodes.begin(), draft.nodes.end(),
                                   [&](const DraftNode& n) { return n.id == owner->second; });
    if (owner_node != draft.nodes.end()) node.org = owner_node->org;
    draft.unmapped.push_back(tr(english, "コンポーネント \"", "component \"") + node.name +
                             tr(english, "\" は \"", "\" sits inside \"") + parent->second +
                             tr(english, "\" の中にあります（入れ子は組織に置き換えました）",
                                "\" (nesting replaced by that component's organization)"));
  }

  auto node_kind_of = [&](const std::string& id) -> std::string {
    for (const DraftNode& node : draft.nodes) {
      if (node.id == id) return node.kind;
    }
    return {};
  };
  std::string default_item;
  std::map<std::string, std::string> protocol_nodes;
  for (const json& dataflow : array_at(document, "dataflows")) {
    const json attributes = attributes_of(dataflow);
    DraftFlow flow;
    const std::string name = text_at(dataflow, "name");
    auto from = node_ids.find(text_at(dataflow, "source"));
    auto to = node_ids.find(text_at(dataflow, "destination"));
    if (from == node_ids.end() || to == node_ids.end() || from->second == to->second) {
      draft.unmapped.push_back(
          tr(english, "データフロー \"", "dataflow \"") +
          (name.empty() ? text_at(dataflow, "id") : name) +
          tr(english, "\" は送り手か受け手がコンポーネントでないため読み込みませんでした",
             "\" skipped: its source or destination is not a component"));
      continue;
    }
    flow.id = ids.claim(text_at(dataflow, "id"), "flow");
    flow.from = from->second;
    flow.to = to->second;
    if (dataflow.contains("bidirectional") && dataflow["bidirectional"].is_boolean() &&
        dataflow["bidirectional"].get<bool>()) {
      flow.direction = "both";
    }
    if (const std::string means = text_at(attributes, "nagare-means");
        means == "in-person" || means == "unstated") {
      flow.means = means;
    }
    if (attributes.contains("nagare-step") && attributes["nagare-step"].is_number_integer()) {
      const long long step = attributes["nagare-step"].get<long long>();
      if (step >= 0 && step <= 9999) flow.step = step;
    }
    flow.label = attributes.contains("nagare-label")
                     ? text_at(attributes, "nagare-label")
                     : (name == text_at(dataflow, "id") ? std::string() : name);
    if (dataflow.contains("assets") && dataflow["assets"].is_array()) {
      for (const json& asset : dataflow["assets"]) {
        auto item = item_ids.find(text_of(asset));
        if (item != item_ids.end() &&
            std::find(flow.items.begin(), flow.items.end(), item->second) == flow.items.end()) {
          flow.items.push_back(item->second);
        }
      }
    }
    if (flow.items.empty() && draft.items.empty()) {
      if (default_item.empty()) default_item = ids.claim("imported-data", "item");
      flow.items.push_back(default_item);
    }
    if (attributes.contains("nagare-via") && attributes["nagare-via"].is_array()) {
      for (const json& via : attributes["nagare-via"]) {
        auto node = node_ids.find(text_of(via));
        if (node == node_ids.end() || node->second == flow.from || node->second == flow.to)
          continue;
        const std::string kind = node_kind_of(node->second);
        if (kind == "network" || kind == "medium") flow.via.push_back(node->second);
      }
    } else if (const std::string protocol = text_at(attributes, "protocol"); !protocol.empty()) {
      auto [it, inserted] = protocol_nodes.emplace(protocol, std::string());
      if (inserted) {
        DraftNode network;
        network.id = ids.claim("net-" + slug(protocol), "net");
        network.name = protocol;
        network.kind = "network";
        network.network = network_from_words(protocol);
        it->second = network.id;
        draft.nodes.push_back(std::move(network));
        draft.unmapped.push_back(tr(english, "プロトコル \"", "protocol \"") + protocol +
                                 tr(english,
                                    "\" は回線ノードにしました（回線の種類を確認してください）",
                                    "\" became a network node (check its network kind)"));
      }
      flow.via.push_back(it->second);
      if (encrypted_protocol(protocol)) add_measure(flow.measures, "encrypt-transit");
    }
    for (DraftMeasure& mark : measures_from(attributes)) {
      if (std::none_of(flow.measures.begin(), flow.measures.end(),
                       [&](const DraftMeasure& m) { return m.id == mark.id; })) {
        flow.measures.push_back(std::move(mark));
      }
    }
    if (truthy(attributes, {"encrypted", "encryption"}))
      add_measure(flow.measures, "encrypt-transit");
    if (truthy(attributes, {"authentication", "authenticated"})) {
      add_measure(flow.measures, "authentication");
    }
    draft.flows.push_back(std::move(flow));
  }
  if (!default_item.empty()) {
    draft.items.push_back(DraftItem{
        default_item, tr(english, "個人情報（区分不明）", "Personal data"), "personal", {}});
    draft.unmapped.push_back(
        tr(english, "資産 (assets) がないため、流れは「個人情報（区分不明）」を運ぶとしました",
           "no assets: every flow carries \"Personal data\" of class personal"));
  }
  if (const std::size_t threats = array_at(document, "threats").size(); threats > 0) {
    draft.unmapped.push_back(std::to_string(threats) +
                             tr(english,
                                " 件の脅威 (threats) は対応する項目がないため読み込みませんでした",
                                " threats: nagare states measures, not threats"));
  }
  if (other_mitigations > 0) {
    draft.unmapped.push_back(
        std::to_string(other_mitigations) +
        tr(english, " 件の緩和策 (mitigations) は対策カタログの id に対応づけられません",
           " mitigations: no catalogue measure id to map them to"));
  }
  if (!array_at(document, "representations").empty()) {
    draft.unmapped.push_back(
        tr(english, "図の表現 (representations) は使いません（nagare render が描きます）",
           "representations: not used (nagare render draws the figure)"));
  }
  return draft;
}

}  // namespace nagare::interop
