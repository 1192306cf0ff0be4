#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "draft.h"
#include "nagare/interop.h"

namespace nagare {
namespace {

using Json = nlohmann::ordered_json;

/// The zone every node without an organization is put in (OTM components need a parent).
constexpr std::string_view kNoOrgZone = "nagare-no-org";

Json marks_json(const std::vector<MeasureMark>& marks) {
  Json list = Json::array();
  for (const MeasureMark& mark : marks) {
    Json entry;
    entry["id"] = mark.measure_id;
    if (mark.not_applicable) entry["na"] = mark.reason;
    entry["by"] = std::string(id_of(mark.party));
    if (mark.procedure) entry["procedure"] = std::string(id_of(*mark.procedure));
    if (!mark.scope.empty()) entry["scope"] = mark.scope;
    list.push_back(std::move(entry));
  }
  return list;
}

std::string component_type(NodeKind kind) {
  switch (kind) {
    case NodeKind::person:
      return "actor";
    case NodeKind::terminal:
      return "generic-client";
    case NodeKind::mobile:
      return "mobile-client";
    case NodeKind::system:
      return "generic-service";
    case NodeKind::cloud:
      return "cloud-service";
    case NodeKind::datastore:
      return "database";
    case NodeKind::network:
      return "network";
    case NodeKind::medium:
      return "storage-medium";
  }
  return "generic-service";
}

int trust_rating(const Model& model, std::size_t org) {
  if (model.is_ward_side(org)) return 100;
  if (model.orgs[org].role == OrgRole::subject) return 10;
  return 50;
}

int confidentiality(ItemClass item_class) {
  switch (item_class) {
    case ItemClass::my_number:
    case ItemClass::special_care:
      return 100;
    case ItemClass::personal:
      return 75;
    case ItemClass::pseudonymous:
      return 25;
    case ItemClass::non_personal:
      return 0;
  }
  return 75;
}

std::string project_id(const Model& model) {
  std::string id = interop::slug(std::filesystem::path(model.file).stem().string());
  return id.empty() ? "nagare-model" : id;
}

}  // namespace

std::string export_otm(const Model& model) {
  Json root;
  root["otmVersion"] = "0.2.0";
  const Paper& paper = model.paper;
  Json project;
  project["name"] = paper.title;
  project["id"] = project_id(model);
  if (!paper.purpose.empty()) project["description"] = paper.purpose;
  if (!paper.department.empty()) project["owner"] = paper.department;
  Json paper_attributes = Json::object();
  for (const auto& [name, value] :
       std::initializer_list<std::pair<const char*, const std::string*>>{
           {"title", &paper.title},
           {"document", &paper.document},
           {"municipality", &paper.municipality},
           {"wording", &paper.wording},
           {"body", &paper.body},
           {"department", &paper.department},
           {"subjects", &paper.subjects},
           {"subject_count", &paper.subject_count},
           {"period", &paper.period},
           {"purpose", &paper.purpose},
           {"source", &paper.source}}) {
    if (!value->empty()) paper_attributes[name] = *value;
  }
  Json procedures = Json::array();
  for (Procedure procedure : paper.procedures) procedures.push_back(std::string(id_of(procedure)));
  if (!procedures.empty()) paper_attributes["procedures"] = std::move(procedures);
  project["attributes"] = {{"nagare-paper", std::move(paper_attributes)}};
  root["project"] = std::move(project);

  Json assets = Json::array();
  for (const ItemSet& item : model.items) {
    Json asset;
    asset["id"] = item.id;
    asset["name"] = item.name;
    std::string fields;
    for (const std::string& field : item.fields) fields += (fields.empty() ? "" : "、") + field;
    if (!fields.empty()) asset["description"] = fields;
    asset["risk"] = {{"confidentiality", confidentiality(item.item_class)},
                     {"integrity", 50},
                     {"availability", 50}};
    asset["attributes"] = {{"nagare-class", std::string(id_of(item.item_class))},
                           {"nagare-fields", item.fields}};
    if (!item.declared) asset["attributes"]["nagare-declared"] = false;
    assets.push_back(std::move(asset));
  }
  root["assets"] = std::move(assets);

  Json zones = Json::array();
  for (std::size_t i = 0; i < model.orgs.size(); ++i) {
    const Organization& org = model.orgs[i];
    Json zone;
    zone["id"] = org.id;
    zone["name"] = org.name;
    zone["risk"] = {{"trustRating", trust_rating(model, i)}};
    if (org.parent != npos) zone["parent"] = {{"trustZone", model.orgs[org.parent].id}};
    Json attributes;
    attributes["nagare-role"] = std::string(id_of(org.role));
    if (!org.operator_name.empty()) attributes["nagare-operator"] = org.operator_name;
    if (org.region != Region::unknown) attributes["nagare-region"] = std::string(id_of(org.region));
    if (!org.certifications.empty()) {
      Json certifications = Json::array();
      for (const Certification& certification : org.certifications) {
        Json entry = {{"kind", certification.kind}};
        if (certification.since) entry["since"] = *certification.since;
        certifications.push_back(std::move(entry));
      }
      attributes["nagare-certifications"] = std::move(certifications);
    }
    if (!org.must_not_receive.empty() || !org.must_not_receive_sets.empty()) {
      Json classes = Json::array();
      for (ItemClass item_class : org.must_not_receive) {
        classes.push_back(std::string(id_of(item_class)));
      }
      for (std::size_t set : org.must_not_receive_sets) classes.push_back(model.items[set].id);
      attributes["nagare-must-not-receive"] = std::move(classes);
    }
    if (!org.measures.empty()) attributes["nagare-measures"] = marks_json(org.measures);
    zone["attributes"] = std::move(attributes);
    zones.push_back(std::move(zone));
  }
  const bool needs_no_org_zone = std::any_of(model.nodes.begin(), model.nodes.end(),
                                             [](const Node& node) { return node.org == npos; });
  if (needs_no_org_zone) {
    zones.push_back({{"id", std::string(kNoOrgZone)},
                     {"name", "組織なし (no organization)"},
                     {"risk", {{"trustRating", 50}}},
                     {"attributes", {{"nagare-synthetic", true}}}});
  }
  root["trustZones"] = std::move(zones);

  Json components = Json::array();
  for (const Node& node : model.nodes) {
    Json component;
    component["id"] = node.id;
    component["name"] = node.name;
    component["type"] = component_type(node.kind);
    component["parent"] = {
        {"trustZone", node.org == npos ? std::string(kNoOrgZone) : model.orgs[node.org].id}};
    if (!node.note.empty()) component["description"] = node.note;
    Json attributes;
    attributes["nagare-kind"] = std::string(id_of(node.kind));
    if (node.network) attributes["nagare-network"] = std::string(id_of(*node.network));
    if (node.medium) attributes["nagare-medium"] = std::string(id_of(*node.medium));
    attributes["nagare-stores"] = node.stores;
    if (!node.note.empty()) attributes["nagare-note"] = node.note;
    if (!node.measures.empty()) attributes["nagare-measures"] = marks_json(node.measures);
    component["attributes"] = std::move(attributes);
    components.push_back(std::move(component));
  }
  root["components"] = std::move(components);

  Json dataflows = Json::array();
  for (const Flow& flow : model.flows) {
    Json dataflow;
    dataflow["id"] = flow.id;
    dataflow["name"] = flow.label.empty() ? flow.id : flow.label;
    dataflow["bidirectional"] = flow.direction == Direction::both;
    dataflow["source"] = model.nodes[flow.from].id;
    dataflow["destination"] = model.nodes[flow.to].id;
    Json asset_ids = Json::array();
    for (std::size_t item : flow.items) asset_ids.push_back(model.items[item].id);
    if (!asset_ids.empty()) dataflow["assets"] = std::move(asset_ids);
    Json attributes;
    if (flow.step) attributes["nagare-step"] = *flow.step;
    if (flow.means != Means::unset) attributes["nagare-means"] = std::string(id_of(flow.means));
    if (!flow.label.empty()) attributes["nagare-label"] = flow.label;
    Json via = Json::array();
    for (std::size_t node : flow.via) via.push_back(model.nodes[node].id);
    if (!via.empty()) {
      attributes["nagare-via"] = std::move(via);
      std::string kinds;
      for (TransferKind kind : model.transfer_kinds(flow)) {
        kinds += (kinds.empty() ? "" : ", ") + std::string(id_of(kind));
      }
      attributes["protocol"] = kinds;
    }
    if (!flow.measures.empty()) attributes["nagare-measures"] = marks_json(flow.measures);
    if (!attributes.empty()) dataflow["attributes"] = std::move(attributes);
    dataflows.push_back(std::move(dataflow));
  }
  root["dataflows"] = std::move(dataflows);

  Json mitigations = Json::array();
  for (const CustomMeasure& measure : model.custom_measures) {
    mitigations.push_back(
        {{"id", measure.id},
         {"name", measure.name},
         {"riskReduction", 0},
         {"attributes",
          {{"nagare-custom-measure", true},
           {"nagare-category", measure.technical ? "technical" : "operational"}}}});
    if (!measure.satisfies.empty()) {
      Json satisfies = Json::array();
      for (const std::string& id : measure.satisfies_ids) satisfies.push_back(id);
      mitigations.back()["attributes"]["nagare-satisfies"] = std::move(satisfies);
    }
  }
  if (!mitigations.empty()) root["mitigations"] = std::move(mitigations);
  // OTM's attributes are a map of strings: nagare's structured ones go as JSON text.
  auto as_text = [](Json& element) {
    auto attributes = element.find("attributes");
    if (attributes == element.end()) return;
    for (auto& [key, value] : attributes->items()) {
      if (!value.is_string()) value = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
  };
  as_text(root["project"]);
  for (const char* list : {"assets", "trustZones", "components", "dataflows", "mitigations"}) {
    if (!root.contains(list)) continue;
    for (Json& element : root[list]) as_text(element);
  }
  return root.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace nagare
