#include <algorithm>
#include <map>

#include "draft.h"

namespace nagare::interop {
namespace {

using nlohmann::json;

struct Box {
  double x = 0, y = 0, width = 0, height = 0;
  bool contains(double px, double py) const {
    return px >= x && px <= x + width && py >= y && py <= y + height;
  }
  bool contains(const Box& other) const {
    return contains(other.x, other.y) && contains(other.x + other.width, other.y + other.height);
  }
  double area() const { return width * height; }
};

double number_at(const json& object, const char* name) {
  if (!object.is_object()) return 0;
  auto it = object.find(name);
  return it != object.end() && it->is_number() ? it->get<double>() : 0;
}

Box box_of(const json& cell) {
  const json& position = cell.contains("position") ? cell["position"] : json::object();
  const json& size = cell.contains("size") ? cell["size"] : json::object();
  return Box{number_at(position, "x"), number_at(position, "y"), number_at(size, "width"),
             number_at(size, "height")};
}

bool flag(const json& data, const char* name) {
  return data.is_object() && data.contains(name) && data[name].is_boolean() &&
         data[name].get<bool>();
}

/// Where a cell keeps its properties: `data` in version 2; version 1 (JointJS) keeps them on
/// the cell itself.
const json& properties(const json& cell) {
  auto data = cell.find("data");
  return data != cell.end() && data->is_object() ? *data : cell;
}

/// The cell's kind: data.type ("tm.Actor") or, in older files, the shape ("actor").
std::string cell_type(const json& cell) {
  std::string type = text_at(properties(cell), "type");
  if (!type.empty()) return type;
  const std::string shape = text_at(cell, "shape");
  if (shape == "actor") return "tm.Actor";
  if (shape == "process") return "tm.Process";
  if (shape == "store") return "tm.Store";
  if (shape == "flow") return "tm.Flow";
  if (shape == "trust-boundary-box") return "tm.BoundaryBox";
  if (shape == "trust-boundary-curve") return "tm.Boundary";
  return shape;
}

std::string name_of(const json& cell) {
  std::string name = text_at(properties(cell), "name");
  if (name.empty() && cell.contains("attrs")) {
    name = text_at(cell["attrs"].contains("text") ? cell["attrs"]["text"] : json::object(), "text");
  }
  if (name.empty() && cell.contains("labels") && cell["labels"].is_array() &&
      !cell["labels"].empty()) {
    const json& label = cell["labels"][0];
    name = label.is_string() ? label.get<std::string>() : std::string();
    if (name.empty() && label.is_object() && label.contains("attrs")) {
      const json& attrs = label["attrs"];
      // Version 2 labels its flows under attrs.label, version 1 under attrs.text.
      for (const char* key : {"label", "text"}) {
        if (name.empty() && attrs.is_object() && attrs.contains(key))
          name = text_at(attrs[key], "text");
      }
    }
  }
  return name;
}

std::string endpoint(const json& cell, const char* side) {
  if (!cell.contains(side)) return {};
  const json& end = cell[side];
  if (!end.is_object()) return text_of(end);
  const std::string id = text_at(end, "cell");
  return id.empty() ? text_at(end, "id") : id;  // version 1: {"id": …}
}

}  // namespace

Draft draft_from_threat_dragon(const json& document, std::string_view file_stem, bool english) {
  Draft draft;
  IdPool ids;
  draft.source_note =
      tr(english, "OWASP Threat Dragon (version ", "Imported from OWASP Threat Dragon (version ") +
      (text_at(document, "version").empty() ? std::string("1.x") : text_at(document, "version")) +
      tr(english, ") から nagare import で変換したモデル", ") by nagare import");
  const json& summary = document.contains("summary") ? document["summary"] : json::object();
  std::string title = text_at(summary, "title");
  draft.paper.emplace_back("title", title.empty() ? std::string(file_stem) : title);
  if (!text_at(summary, "owner").empty())
    draft.paper.emplace_back("department", text_at(summary, "owner"));
  if (!text_at(summary, "description").empty()) {
    draft.paper.emplace_back("purpose", text_at(summary, "description"));
  }
  draft.paper.emplace_back("source", std::string(file_stem));

  const std::string item_id = ids.claim("imported-data", "item");
  draft.items.push_back(
      DraftItem{item_id, tr(english, "個人情報（区分不明）", "Personal data"), "personal", {}});
  draft.unmapped.push_back(
      tr(english,
         "Threat Dragon "
         "にはデータの区分がないため、すべての流れが「個人情報（区分不明）」を運ぶとしました",
         "Threat Dragon states no data classification: every flow carries "
         "\"Personal data\" of class personal"));

  const json& detail = document.contains("detail") ? document["detail"] : json::object();
  const json& diagrams = detail.contains("diagrams") && detail["diagrams"].is_array()
                             ? detail["diagrams"]
                             : json::array();
  std::size_t threats = 0;
  std::size_t curves = 0;
  std::size_t texts = 0;
  std::map<std::string, std::string> node_ids;
  struct PendingNode {
    std::size_t index;
    Box box;
  };
  std::vector<PendingNode> placed;
  std::vector<std::pair<Box, std::size_t>> boxes;  // box, org index
  std::vector<const json*> flow_cells;

  auto note_flags = [&](const std::string& name, const json& data,
                        std::initializer_list<const char*> names) {
    for (const char* flag_name : names) {
      if (flag(data, flag_name)) {
        draft.unmapped.push_back(
            "\"" + name + "\": " + flag_name +
            tr(english, " は対応する対策がありません", " has no matching measure"));
      }
    }
  };

  for (const json& diagram : diagrams) {
    if (!diagram.is_object()) continue;
    // Version 1 nests the cells in the JointJS graph it saved.
    const json& graph = diagram.contains("diagramJson") && diagram["diagramJson"].is_object()
                            ? diagram["diagramJson"]
                            : diagram;
    if (!graph.contains("cells") || !graph["cells"].is_array()) continue;
    // A reference into the document: flow_cells keeps pointers to these cells.
    const json& cells = graph["cells"];
    for (const json& cell : cells) {
      if (!cell.is_object()) continue;
      const json& data = properties(cell);
      if (data.contains("threats") && data["threats"].is_array()) threats += data["threats"].size();
      const std::string type = cell_type(cell);
      const std::string name = name_of(cell);
      if (type == "tm.Flow") {
        flow_cells.push_back(&cell);
      } else if (type == "tm.BoundaryBox") {
        DraftOrg org;
        org.id = ids.claim(slug(name), "zone");
        org.name = name.empty() ? org.id : name;
        boxes.emplace_back(box_of(cell), draft.orgs.size());
        draft.orgs.push_back(std::move(org));
      } else if (type == "tm.Boundary") {
        ++curves;
      } else if (type == "tm.Actor" || type == "tm.Process" || type == "tm.Store") {
        DraftNode node;
        node.id = ids.claim(slug(name), type == "tm.Actor"     ? "actor"
                                        : type == "tm.Process" ? "process"
                                                               : "store");
        node.name = name.empty() ? node.id : name;
        node.kind = type == "tm.Actor" ? "person" : type == "tm.Process" ? "system" : "datastore";
        node.note = text_at(data, "description");
        if (type == "tm.Actor" && flag(data, "providesAuthentication")) {
          node.measures.push_back(DraftMeasure{"authentication", "", "", "", ""});
        }
        note_flags(node.name, data,
                   {"isEncrypted", "isSigned", "storesCredentials", "isALog", "isWebApplication",
                    "handlesCardPayment", "handlesGoodsOrServices"});
        if (!text_at(data, "privilegeLevel").empty()) {
          draft.unmapped.push_back("\"" + node.name + "\": privilegeLevel " +
                                   text_at(data, "privilegeLevel"));
        }
        node_ids[text_at(cell, "id")] = node.id;
        placed.push_back(PendingNode{draft.nodes.size(), box_of(cell)});
        draft.nodes.push_back(std::move(node));
      } else {
        ++texts;
      }
    }
  }
  // Organizations from boxes: a node belongs to the smallest box holding its centre; a box
  // inside another is nested in it.
  auto smallest_holding = [&](auto&& holds, std::size_t self) -> std::optional<std::size_t> {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      if (boxes[i].second == self || !holds(boxes[i].first)) continue;
      if (!best || boxes[i].first.area() < boxes[*best].first.area()) best = i;
    }
    return best;
  };
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    const Box& box = boxes[i].first;
    auto parent = smallest_holding(
        [&](const Box& outer) { return outer.contains(box) && outer.area() > box.area(); },
        boxes[i].second);
    if (parent) draft.orgs[boxes[i].second].parent = draft.orgs[boxes[*parent].second].id;
  }
  for (const PendingNode& node : placed) {
    const double cx = node.box.x + node.box.width / 2;
    const double cy = node.box.y + node.box.height / 2;
    auto owner = smallest_holding([&](const Box& outer) { return outer.contains(cx, cy); },
                                  static_cast<std::size_t>(-1));
    if (owner) draft.nodes[node.index].org = draft.orgs[boxes[*owner].second].id;
  }
  if (!draft.orgs.empty()) {
    draft.unmapped.push_back(
        tr(english, "信頼境界の枠は組織にしました。役割 (role) は \"other\" なので確認してください",
           "trust boundary boxes became organizations with role \"other\": "
           "review their roles"));
  }

  std::map<std::string, std::string> networks;
  for (const json* cell_pointer : flow_cells) {
    const json& cell = *cell_pointer;
    const json& data = properties(cell);
    const std::string name = name_of(cell);
    auto from = node_ids.find(endpoint(cell, "source"));
    auto to = node_ids.find(endpoint(cell, "target"));
    if (from == node_ids.end() || to == node_ids.end() || from->second == to->second) {
      draft.unmapped.push_back(tr(english, "データフロー \"", "data flow \"") + name +
                               tr(english, "\" は両端がつながっていないため読み込みませんでした",
                                  "\" skipped: not connected at both ends"));
      continue;
    }
    DraftFlow flow;
    flow.id = ids.claim(slug(name), "flow");
    flow.from = from->second;
    flow.to = to->second;
    flow.label = name;
    flow.items.push_back(item_id);
    if (flag(data, "isBidirectional")) flow.direction = "both";
    const std::string protocol = text_at(data, "protocol");
    const bool public_network = flag(data, "isPublicNetwork");
    if (!protocol.empty() || public_network) {
      const std::string network_kind = public_network ? "internet" : network_from_words(protocol);
      const std::string key = network_kind + "/" + protocol;
      auto [it, inserted] = networks.emplace(key, std::string());
      if (inserted) {
        DraftNode network;
        network.id =
            ids.claim("net-" + slug(public_network ? "internet " + protocol : protocol), "net");
        network.name =
            protocol.empty()
                ? tr(english, "インターネット", "Internet")
                : (public_network ? protocol + tr(english, "（インターネット）", " (internet)")
                                  : protocol);
        network.kind = "network";
        network.network = network_kind;
        it->second = network.id;
        draft.nodes.push_back(std::move(network));
      }
      flow.via.push_back(it->second);
    }
    if (flag(data, "isEncrypted") || encrypted_protocol(protocol)) {
      flow.measures.push_back(DraftMeasure{"encrypt-transit", "", "", "", ""});
    }
    draft.flows.push_back(std::move(flow));
  }
  if (threats > 0) {
    draft.unmapped.push_back(
        std::to_string(threats) +
        tr(english, " 件の脅威 (threats) は読み込みませんでした（nagare は対策を記述します）",
           " threats not imported: nagare states measures, not threats"));
  }
  if (curves > 0) {
    draft.unmapped.push_back(
        std::to_string(curves) +
        tr(english, " 本の信頼境界線 (trust boundary curve) は囲む範囲がないため組織にできません",
           " trust boundary curves enclose nothing: not mapped to organizations"));
  }
  if (texts > 0) {
    draft.unmapped.push_back(std::to_string(texts) +
                             tr(english, " 個のその他の図形（テキストなど）は読み込みませんでした",
                                " other shapes (text blocks …) not imported"));
  }
  return draft;
}

}  // namespace nagare::interop
