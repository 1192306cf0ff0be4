#include "model_json.h"

#include "../interop/draft.h"
#include "nagare/format.h"

namespace nagare::serve {
namespace {

using nlohmann::json;
using namespace nagare::interop;

std::string text(const json& object, const char* key) { return text_at(object, key); }

std::vector<std::string> texts(const json& object, const char* key) {
  std::vector<std::string> out;
  if (!object.is_object()) return out;
  auto it = object.find(key);
  if (it == object.end() || !it->is_array()) return out;
  for (const json& value : *it) {
    std::string entry = text_of(value);
    if (!entry.empty()) out.push_back(std::move(entry));
  }
  return out;
}

std::optional<long long> integer(const json& object, const char* key) {
  if (!object.is_object()) return std::nullopt;
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_number_integer()) return it->get<long long>();
  if (it->is_string()) {
    const std::string value = it->get<std::string>();
    if (value.empty() || value.size() > 9) return std::nullopt;
    for (char c : value) {
      if (c < '0' || c > '9') return std::nullopt;
    }
    return std::stoll(value);
  }
  return std::nullopt;
}

const json& array_at(const json& object, const char* key) {
  static const json empty = json::array();
  if (!object.is_object()) return empty;
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

// Model -> Draft: the strings a model file holds, defaults left out.

std::vector<DraftMeasure> draft_measures(const std::vector<MeasureMark>& marks, Party usual) {
  std::vector<DraftMeasure> out;
  for (const MeasureMark& mark : marks) {
    DraftMeasure measure;
    measure.id = mark.measure_id;
    if (mark.not_applicable) measure.na = mark.reason;
    if (mark.party != usual) measure.by = std::string(id_of(mark.party));
    if (mark.procedure) measure.procedure = std::string(id_of(*mark.procedure));
    measure.scope = mark.scope;
    out.push_back(std::move(measure));
  }
  return out;
}

Draft draft_of(const Model& model) {
  Draft draft;
  const Paper& paper = model.paper;
  auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) draft.paper.emplace_back(key, value);
  };
  put("title", paper.title);
  put("document", paper.document);
  put("municipality", paper.municipality);
  if (paper.wording != "shinjuku") put("wording", paper.wording);
  if (paper.body != "区") put("body", paper.body);
  put("department", paper.department);
  put("subjects", paper.subjects);
  put("subject_count", paper.subject_count);
  put("period", paper.period);
  put("purpose", paper.purpose);
  put("source", paper.source);
  for (Procedure procedure : paper.procedures) draft.procedures.emplace_back(id_of(procedure));
  for (const CustomMeasure& custom : model.custom_measures) {
    draft.custom_measures.push_back({custom.id, custom.name,
                                     custom.technical ? "technical" : "operational",
                                     custom.satisfies_ids});
  }
  for (const ItemSet& item : model.items) {
    draft.items.push_back(
        {item.id, item.name, std::string(id_of(item.item_class)), item.fields, item.declared});
  }
  auto org_id = [&](std::size_t index) {
    return index == npos ? std::string() : model.orgs[index].id;
  };
  auto node_id = [&](std::size_t index) {
    return index == npos ? std::string() : model.nodes[index].id;
  };
  for (std::size_t o = 0; o < model.orgs.size(); ++o) {
    const Organization& org = model.orgs[o];
    DraftOrg out;
    out.id = org.id;
    out.name = org.name;
    out.role = std::string(id_of(org.role));
    out.parent = org_id(org.parent);
    out.operator_name = org.operator_name;
    for (const Certification& certification : org.certifications) {
      std::optional<long long> since;
      if (certification.since) since = *certification.since;
      out.certifications.push_back({certification.kind, since});
    }
    if (org.region != Region::unknown) out.region = std::string(id_of(org.region));
    for (ItemClass item_class : org.must_not_receive) {
      out.must_not_receive.emplace_back(id_of(item_class));
    }
    for (std::size_t set : org.must_not_receive_sets) {
      out.must_not_receive.push_back(model.items[set].id);
    }
    out.measures = draft_measures(org.measures, model.is_ward_side(o) ? Party::ward : Party::other);
    draft.orgs.push_back(std::move(out));
  }
  for (const Node& node : model.nodes) {
    DraftNode out;
    out.id = node.id;
    out.name = node.name;
    out.kind = std::string(id_of(node.kind));
    out.org = org_id(node.org);
    if (node.network) out.network = std::string(id_of(*node.network));
    if (node.medium) out.medium = std::string(id_of(*node.medium));
    const bool usual_store = node.kind != NodeKind::person && node.kind != NodeKind::network;
    if (node.stores != usual_store) out.stores = node.stores;
    out.note = node.note;
    const bool ward = node.org != npos && model.is_ward_side(node.org);
    out.measures = draft_measures(node.measures, ward ? Party::ward : Party::other);
    draft.nodes.push_back(std::move(out));
  }
  for (const Flow& flow : model.flows) {
    DraftFlow out;
    out.id = flow.id;
    if (flow.step) out.step = *flow.step;
    out.from = node_id(flow.from);
    out.to = node_id(flow.to);
    for (std::size_t via : flow.via) out.via.push_back(node_id(via));
    for (std::size_t item : flow.items) out.items.push_back(model.items[item].id);
    if (flow.direction != Direction::one_way) out.direction = std::string(id_of(flow.direction));
    if (flow.means != Means::unset) out.means = std::string(id_of(flow.means));
    out.label = flow.label;
    const std::size_t from_org = flow.from == npos ? npos : model.nodes[flow.from].org;
    const bool ward = from_org != npos && model.is_ward_side(from_org);
    out.measures = draft_measures(flow.measures, ward ? Party::ward : Party::other);
    draft.flows.push_back(std::move(out));
  }
  for (const Acceptance& acceptance : model.acceptances) {
    draft.acceptances.push_back(
        {acceptance.finding_id, acceptance.justification, acceptance.accepted_by, acceptance.date});
  }
  return draft;
}

// Draft <-> JSON.

json measures_json(const std::vector<DraftMeasure>& marks) {
  json out = json::array();
  for (const DraftMeasure& mark : marks) {
    out.push_back({{"id", mark.id},
                   {"na", mark.na},
                   {"by", mark.by},
                   {"procedure", mark.procedure},
                   {"scope", mark.scope}});
  }
  return out;
}

std::vector<DraftMeasure> measures_of(const json& object) {
  std::vector<DraftMeasure> out;
  for (const json& entry : array_at(object, "measures")) {
    DraftMeasure mark;
    if (entry.is_string()) {
      mark.id = entry.get<std::string>();
    } else {
      mark = {text(entry, "id"), text(entry, "na"), text(entry, "by"), text(entry, "procedure"),
              text(entry, "scope")};
    }
    if (!mark.id.empty()) out.push_back(std::move(mark));
  }
  return out;
}

json json_of(const Draft& draft) {
  json paper = json::object();
  for (const auto& [key, value] : draft.paper) paper[key] = value;
  paper["procedures"] = draft.procedures;
  json out = {{"paper", paper}};
  json& customs = out["custom_measures"] = json::array();
  for (const DraftCustomMeasure& custom : draft.custom_measures) {
    customs.push_back({{"id", custom.id},
                       {"name", custom.name},
                       {"category", custom.category},
                       {"satisfies", custom.satisfies}});
  }
  json& items = out["items"] = json::array();
  for (const DraftItem& item : draft.items) {
    items.push_back({{"id", item.id},
                     {"name", item.name},
                     {"class", item.item_class},
                     {"fields", item.fields},
                     {"declared", item.declared}});
  }
  json& orgs = out["orgs"] = json::array();
  for (const DraftOrg& org : draft.orgs) {
    json certifications = json::array();
    for (const DraftCertification& certification : org.certifications) {
      certifications.push_back(
          {{"kind", certification.kind},
           {"since", certification.since ? json(*certification.since) : json(nullptr)}});
    }
    orgs.push_back({{"id", org.id},
                    {"name", org.name},
                    {"role", org.role},
                    {"parent", org.parent},
                    {"operator", org.operator_name},
                    {"certifications", certifications},
                    {"region", org.region},
                    {"must_not_receive", org.must_not_receive},
                    {"measures", measures_json(org.measures)}});
  }
  json& nodes = out["nodes"] = json::array();
  for (const DraftNode& node : draft.nodes) {
    nodes.push_back({{"id", node.id},
                     {"name", node.name},
                     {"kind", node.kind},
                     {"org", node.org},
                     {"network", node.network},
                     {"medium", node.medium},
                     {"stores", node.stores ? json(*node.stores) : json(nullptr)},
                     {"note", node.note},
                     {"measures", measures_json(node.measures)}});
  }
  json& flows = out["flows"] = json::array();
  for (const DraftFlow& flow : draft.flows) {
    flows.push_back({{"id", flow.id},
                     {"step", flow.step ? json(*flow.step) : json(nullptr)},
                     {"from", flow.from},
                     {"to", flow.to},
                     {"via", flow.via},
                     {"items", flow.items},
                     {"direction", flow.direction},
                     {"means", flow.means},
                     {"label", flow.label},
                     {"measures", measures_json(flow.measures)}});
  }
  json& accept = out["accept"] = json::array();
  for (const DraftAcceptance& acceptance : draft.acceptances) {
    accept.push_back({{"finding", acceptance.finding},
                      {"justification", acceptance.justification},
                      {"by", acceptance.by},
                      {"date", acceptance.date}});
  }
  return out;
}

Draft draft_of(const json& model) {
  Draft draft;
  const json paper = model.is_object() && model.contains("paper") ? model["paper"] : json();
  for (const char* key : {"title", "document", "municipality", "wording", "body", "department",
                          "subjects", "subject_count", "period", "purpose", "source"}) {
    std::string value = text(paper, key);
    if (!value.empty()) draft.paper.emplace_back(key, std::move(value));
  }
  draft.procedures = texts(paper, "procedures");
  for (const json& entry : array_at(model, "custom_measures")) {
    draft.custom_measures.push_back({text(entry, "id"), text(entry, "name"),
                                     text(entry, "category"), texts(entry, "satisfies")});
  }
  for (const json& entry : array_at(model, "items")) {
    DraftItem item{text(entry, "id"), text(entry, "name"), text(entry, "class"),
                   texts(entry, "fields"), true};
    if (entry.is_object() && entry.contains("declared") && entry["declared"].is_boolean()) {
      item.declared = entry["declared"].get<bool>();
    }
    draft.items.push_back(std::move(item));
  }
  for (const json& entry : array_at(model, "orgs")) {
    DraftOrg org;
    org.id = text(entry, "id");
    org.name = text(entry, "name");
    org.role = text(entry, "role");
    org.parent = text(entry, "parent");
    org.operator_name = text(entry, "operator");
    for (const json& certification : array_at(entry, "certifications")) {
      const std::string kind = text(certification, "kind");
      if (!kind.empty()) org.certifications.push_back({kind, integer(certification, "since")});
    }
    org.region = text(entry, "region");
    org.must_not_receive = texts(entry, "must_not_receive");
    org.measures = measures_of(entry);
    draft.orgs.push_back(std::move(org));
  }
  for (const json& entry : array_at(model, "nodes")) {
    DraftNode node;
    node.id = text(entry, "id");
    node.name = text(entry, "name");
    node.kind = text(entry, "kind");
    node.org = text(entry, "org");
    node.network = text(entry, "network");
    node.medium = text(entry, "medium");
    if (entry.is_object() && entry.contains("stores") && entry["stores"].is_boolean()) {
      node.stores = entry["stores"].get<bool>();
    }
    node.note = text(entry, "note");
    node.measures = measures_of(entry);
    draft.nodes.push_back(std::move(node));
  }
  for (const json& entry : array_at(model, "flows")) {
    DraftFlow flow;
    flow.id = text(entry, "id");
    flow.step = integer(entry, "step");
    flow.from = text(entry, "from");
    flow.to = text(entry, "to");
    flow.via = texts(entry, "via");
    flow.items = texts(entry, "items");
    flow.direction = text(entry, "direction");
    flow.means = text(entry, "means");
    flow.label = text(entry, "label");
    flow.measures = measures_of(entry);
    draft.flows.push_back(std::move(flow));
  }
  for (const json& entry : array_at(model, "accept")) {
    draft.acceptances.push_back({text(entry, "finding"), text(entry, "justification"),
                                 text(entry, "by"), text(entry, "date")});
  }
  return draft;
}

}  // namespace

json model_to_json(const Model& model) { return json_of(draft_of(model)); }

json normalized_model_json(const json& edited) { return json_of(draft_of(edited)); }

std::string edited_model_text(std::string_view original_text, const Model& original,
                              const json& edited) {
  const std::string rewritten = write_model(draft_of(original), false);
  const std::string written = write_model(draft_of(edited), false);
  return merge_model_comments(original_text, rewritten, written);
}

}  // namespace nagare::serve
