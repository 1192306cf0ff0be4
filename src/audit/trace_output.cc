#include <nlohmann/json.hpp>

#include "nagare/audit_output.h"
#include "nagare/visible_text.h"

namespace nagare {
namespace {

using Json = nlohmann::ordered_json;

// Every name shown goes through visible_text: the model's text must not steer the terminal.

std::string org_name(const Model& model, std::size_t org, bool en) {
  if (org == npos) return en ? "-" : "組織なし";
  return visible_text(en ? model.orgs[org].id : model.orgs[org].name);
}

std::string node_name(const Model& model, std::size_t node, bool en) {
  return visible_text(en ? model.nodes[node].id : model.nodes[node].name);
}

std::string flow_name(const Model& model, const Flow& flow, bool en) {
  return visible_text(en ? flow.id : model.flow_title(flow));
}

/// "対象者 →②面接を行う→ タブレット端末 → …"; a path longer than kPathStepsShown starts
/// with how many steps were left out.
std::string path_text(const Model& model, const Arrival& arrival, bool en) {
  const std::vector<ReachStep>& path = arrival.path;
  if (path.empty()) return "";
  std::string text;
  if (arrival.steps_left_out() > 0) {
    const std::string count = std::to_string(arrival.steps_left_out());
    text = en ? "(" + count + " earlier steps left out) … " : "（前の " + count + " 段階は省略）… ";
  }
  text += node_name(model, path.front().from, en);
  for (const ReachStep& step : path) {
    const Flow& flow = model.flows[step.flow];
    text +=
        en ? " -" + flow_name(model, flow, en) + "-> " : " →" + flow_name(model, flow, en) + "→ ";
    text += node_name(model, step.to, en);
  }
  return text;
}

std::string item_heading(const Model& model, std::size_t item, bool en) {
  const ItemSet& set = model.items[item];
  if (en) return visible_text(set.id) + " (" + std::string(id_of(set.item_class)) + ")";
  return visible_text(set.name) + "［" + visible_text(set.id) + "・" +
         std::string(japanese_name(set.item_class)) + "］";
}

/// One reached node: its name, organization and whether it keeps what it receives.
std::string arrival_line(const Model& model, const Arrival& arrival, bool en) {
  const Node& node = model.nodes[arrival.node];
  std::string line = "    " + node_name(model, arrival.node, en);
  line += en ? " [" + org_name(model, node.org, true) + "]"
             : "（" + org_name(model, node.org, false) + "）";
  if (!node.stores) line += en ? " passes on, stores nothing" : " ※保存しない（通過のみ）";
  return line + "\n";
}

Json path_json(const Model& model, const std::vector<ReachStep>& path) {
  Json steps = Json::array();
  for (const ReachStep& step : path) {
    const Flow& flow = model.flows[step.flow];
    steps.push_back(Json{{"flow", flow.id},
                         {"step", flow.step ? Json(*flow.step) : Json(nullptr)},
                         {"label", flow.label},
                         {"from", model.nodes[step.from].id},
                         {"to", model.nodes[step.to].id}});
  }
  return steps;
}

Json arrival_json(const Model& model, const Arrival& arrival) {
  const Node& node = model.nodes[arrival.node];
  Json json{{"node", node.id},
            {"name", node.name},
            {"org", node.org == npos ? Json(nullptr) : Json(model.orgs[node.org].id)},
            {"stores", node.stores}};
  if (arrival.entry_flow != npos) json["entry_flow"] = model.flows[arrival.entry_flow].id;
  json["path"] = path_json(model, arrival.path);
  if (arrival.steps_left_out() > 0) json["path_steps_left_out"] = arrival.steps_left_out();
  return json;
}

/// "  ほか 9,000 ノードは省略" when an item set reaches more nodes than are listed.
std::string arrivals_left_out_line(const ItemTrace& trace, bool en) {
  if (trace.arrivals_left_out == 0) return "";
  const std::string count = std::to_string(trace.arrivals_left_out);
  const std::string limit = std::to_string(kArrivalsListed);
  return en ? "    … and " + count + " more nodes, left out (at most " + limit + " are listed)\n"
            : "    …ほか " + count + " ノードは省略（一覧は " + limit + " ノードまで）\n";
}

Json item_json(const Model& model, std::size_t item) {
  const ItemSet& set = model.items[item];
  return Json{{"id", set.id},
              {"name", set.name},
              {"class", std::string(id_of(set.item_class))},
              {"fields", set.fields}};
}

}  // namespace

std::string format_trace_text(const Model& model, const std::vector<ItemTrace>& traces,
                              Language language) {
  const bool en = language == Language::en;
  std::string out;
  for (const ItemTrace& trace : traces) {
    if (!out.empty()) out += "\n";
    out += item_heading(model, trace.item, en) + "\n";
    if (!trace.origins.empty()) {
      std::string origins;
      for (std::size_t node : trace.origins) {
        origins += (origins.empty() ? "" : (en ? ", " : "、")) + node_name(model, node, en);
      }
      out += (en ? "  enters at: " : "  起点: ") + origins + "\n";
    }
    if (trace.arrivals.empty()) {
      out += en ? "  reaches no node\n" : "  どのノードにも届きません\n";
      continue;
    }
    out += en ? "  reaches:\n" : "  届くノードと経路:\n";
    for (const Arrival& arrival : trace.arrivals) {
      out += arrival_line(model, arrival, en);
      out += "      " + path_text(model, arrival, en) + "\n";
    }
    out += arrivals_left_out_line(trace, en);
    std::string orgs;
    for (std::size_t org : trace.orgs) {
      orgs += (orgs.empty() ? "" : (en ? ", " : "、")) + org_name(model, org, en);
    }
    if (!orgs.empty()) out += (en ? "  organizations: " : "  届く組織: ") + orgs + "\n";
  }
  return out;
}

std::string format_trace_json(const Model& model, const std::vector<ItemTrace>& traces) {
  Json items = Json::array();
  for (const ItemTrace& trace : traces) {
    Json json = item_json(model, trace.item);
    Json origins = Json::array();
    for (std::size_t node : trace.origins) origins.push_back(model.nodes[node].id);
    json["origins"] = std::move(origins);
    Json reaches = Json::array();
    for (const Arrival& arrival : trace.arrivals) reaches.push_back(arrival_json(model, arrival));
    json["reaches"] = std::move(reaches);
    if (trace.arrivals_left_out > 0) json["reaches_left_out"] = trace.arrivals_left_out;
    Json orgs = Json::array();
    for (std::size_t org : trace.orgs) orgs.push_back(model.orgs[org].id);
    json["orgs"] = std::move(orgs);
    items.push_back(std::move(json));
  }
  return json_controls_escaped(Json{{"model", model.file}, {"items", std::move(items)}}.dump(2)) +
         "\n";
}

std::string format_reach_text(const Model& model, std::size_t org,
                              const std::vector<ItemTrace>& traces, Language language) {
  const bool en = language == Language::en;
  const Organization& target = model.orgs[org];
  std::string out = en ? "Items organization \"" + visible_text(target.id) +
                             "\" (with the organizations nested in it) can obtain:\n"
                       : "組織「" + visible_text(target.name) + "」（" + visible_text(target.id) +
                             "、入れ子の組織を含む）が得られる情報:\n";
  std::string not_obtained;
  bool any = false;
  for (const ItemTrace& trace : traces) {
    if (trace.arrivals.empty()) {
      not_obtained += (not_obtained.empty() ? "" : (en ? ", " : "、")) +
                      visible_text(en ? model.items[trace.item].id : model.items[trace.item].name);
      continue;
    }
    any = true;
    out += "\n" + item_heading(model, trace.item, en) + "\n";
    for (const Arrival& arrival : trace.arrivals) {
      out += arrival_line(model, arrival, en);
      if (arrival.entry_flow != npos) {
        const Flow& entry = model.flows[arrival.entry_flow];
        out += en ? "      enters by flow " + visible_text(entry.id) + "\n"
                  : "      入る流れ: " + flow_name(model, entry, false) + "（" +
                        visible_text(entry.id) + "）\n";
      }
      out += (en ? "      path: " : "      経路: ") + path_text(model, arrival, en) + "\n";
    }
    out += arrivals_left_out_line(trace, en);
  }
  if (!any) out += en ? "  none\n" : "  なし\n";
  if (!not_obtained.empty()) {
    out += (en ? "\nNot obtained: " : "\n得られない項目: ") + not_obtained + "\n";
  }
  return out;
}

std::string format_reach_json(const Model& model, std::size_t org,
                              const std::vector<ItemTrace>& traces) {
  Json obtains = Json::array();
  Json not_obtained = Json::array();
  for (const ItemTrace& trace : traces) {
    if (trace.arrivals.empty()) {
      not_obtained.push_back(model.items[trace.item].id);
      continue;
    }
    Json json = item_json(model, trace.item);
    Json nodes = Json::array();
    for (const Arrival& arrival : trace.arrivals) nodes.push_back(arrival_json(model, arrival));
    json["nodes"] = std::move(nodes);
    if (trace.arrivals_left_out > 0) json["nodes_left_out"] = trace.arrivals_left_out;
    obtains.push_back(std::move(json));
  }
  return json_controls_escaped(Json{{"model", model.file},
                                    {"org", model.orgs[org].id},
                                    {"obtains", std::move(obtains)},
                                    {"not_obtained", std::move(not_obtained)}}
                                   .dump(2)) +
         "\n";
}

}  // namespace nagare
