#include "nagare/subset.h"

#include <set>

#include "nagare/reach.h"

namespace nagare {
namespace {

/// Copies the kept flows, the nodes they need and the given nodes, and the organizations
/// of those nodes with their ancestors, renumbering every index; items, measures and
/// acceptances are kept whole (measure indices do not change).
Model copy_part(const Model& model, std::vector<char> keep_node, const std::vector<char>& keep_flow,
                std::vector<char> keep_org) {
  for (std::size_t f = 0; f < model.flows.size(); ++f) {
    if (!keep_flow[f]) continue;
    const Flow& flow = model.flows[f];
    keep_node[flow.from] = keep_node[flow.to] = 1;
    for (std::size_t via : flow.via) keep_node[via] = 1;
  }
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    // An organization's frame nests in its parents' frames: keep the whole chain.
    std::size_t org = keep_node[n] ? model.nodes[n].org : npos;
    for (std::size_t hops = 0; org != npos && !keep_org[org] && hops <= model.orgs.size(); ++hops) {
      keep_org[org] = 1;
      org = model.orgs[org].parent;
    }
  }
  for (std::size_t o = 0; o < model.orgs.size(); ++o) {
    std::size_t org = keep_org[o] ? model.orgs[o].parent : npos;
    for (std::size_t hops = 0; org != npos && !keep_org[org] && hops <= model.orgs.size(); ++hops) {
      keep_org[org] = 1;
      org = model.orgs[org].parent;
    }
  }

  Model part;
  part.file = model.file;
  part.paper = model.paper;
  part.items = model.items;
  part.custom_measures = model.custom_measures;
  part.acceptances = model.acceptances;
  auto renumber = [](const std::vector<char>& keep) {
    std::vector<std::size_t> index(keep.size(), npos);
    std::size_t next = 0;
    for (std::size_t i = 0; i < keep.size(); ++i) {
      if (keep[i]) index[i] = next++;
    }
    return index;
  };
  const auto org_index = renumber(keep_org);
  const auto node_index = renumber(keep_node);
  auto mapped = [](const std::vector<std::size_t>& index, std::size_t i) {
    return i == npos ? npos : index[i];
  };
  for (std::size_t o = 0; o < model.orgs.size(); ++o) {
    if (!keep_org[o]) continue;
    Organization org = model.orgs[o];
    org.parent = mapped(org_index, org.parent);
    part.orgs.push_back(std::move(org));
  }
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    if (!keep_node[n]) continue;
    Node node = model.nodes[n];
    node.org = mapped(org_index, node.org);
    part.nodes.push_back(std::move(node));
  }
  for (std::size_t f = 0; f < model.flows.size(); ++f) {
    if (!keep_flow[f]) continue;
    Flow flow = model.flows[f];
    flow.from = node_index[flow.from];
    flow.to = node_index[flow.to];
    for (std::size_t& via : flow.via) via = node_index[via];
    part.flows.push_back(std::move(flow));
  }
  return part;
}

}  // namespace

std::size_t drawn_node_count(const Model& model) {
  std::size_t count = 0;
  for (const Node& node : model.nodes) count += node.kind != NodeKind::network;
  return count;
}

namespace {

template <typename Entities>
std::size_t index_of(const Entities& entities, std::string_view id) {
  for (std::size_t i = 0; i < entities.size(); ++i) {
    if (entities[i].id == id) return i;
  }
  return npos;
}

/// The organizations within `chosen` (itself included).
std::vector<char> orgs_within(const Model& model, std::size_t chosen) {
  std::vector<char> keep_org(model.orgs.size());
  for (std::size_t o = 0; o < model.orgs.size(); ++o) keep_org[o] = model.is_within(o, chosen);
  return keep_org;
}

std::vector<char> nodes_of(const Model& model, const std::vector<char>& keep_org) {
  std::vector<char> keep_node(model.nodes.size());
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    keep_node[n] = model.nodes[n].org != npos && keep_org[model.nodes[n].org];
  }
  return keep_node;
}

std::vector<char> flows_touching(const Model& model, const std::vector<char>& keep_node) {
  std::vector<char> keep_flow(model.flows.size());
  for (std::size_t f = 0; f < model.flows.size(); ++f) {
    keep_flow[f] = keep_node[model.flows[f].from] || keep_node[model.flows[f].to];
  }
  return keep_flow;
}

std::vector<char> flows_carrying(const Model& model, std::size_t item) {
  const ItemReach reach(model);
  std::vector<char> keep_flow(model.flows.size());
  for (std::size_t f = 0; f < model.flows.size(); ++f) {
    for (std::size_t carried : reach.carried_by(f)) keep_flow[f] |= carried == item;
  }
  return keep_flow;
}

}  // namespace

std::optional<Model> organization_subset(const Model& model, std::string_view org) {
  const std::size_t chosen = index_of(model.orgs, org);
  if (chosen == npos) return std::nullopt;
  std::vector<char> keep_org = orgs_within(model, chosen);
  std::vector<char> keep_node = nodes_of(model, keep_org);
  const std::vector<char> keep_flow = flows_touching(model, keep_node);
  return copy_part(model, std::move(keep_node), keep_flow, std::move(keep_org));
}

std::optional<Model> item_subset(const Model& model, std::string_view item) {
  const std::size_t chosen = index_of(model.items, item);
  if (chosen == npos) return std::nullopt;
  return copy_part(model, std::vector<char>(model.nodes.size()), flows_carrying(model, chosen),
                   std::vector<char>(model.orgs.size()));
}

std::optional<Model> organization_item_subset(const Model& model, std::string_view org,
                                              std::string_view item) {
  const std::size_t chosen_org = index_of(model.orgs, org);
  const std::size_t chosen_item = index_of(model.items, item);
  if (chosen_org == npos || chosen_item == npos) return std::nullopt;
  const std::vector<char> keep_node = nodes_of(model, orgs_within(model, chosen_org));
  std::vector<char> keep_flow = flows_touching(model, keep_node);
  const std::vector<char> carrying = flows_carrying(model, chosen_item);
  for (std::size_t f = 0; f < keep_flow.size(); ++f) keep_flow[f] = keep_flow[f] && carrying[f];
  // The organization's frame stays even when no flow of the item touches it.
  std::vector<char> keep_org(model.orgs.size());
  keep_org[chosen_org] = 1;
  return copy_part(model, std::vector<char>(model.nodes.size()), keep_flow, std::move(keep_org));
}

bool has_organization(const Model& model, std::string_view org) {
  return index_of(model.orgs, org) != npos;
}

bool has_item_set(const Model& model, std::string_view item) {
  return index_of(model.items, item) != npos;
}

std::vector<Finding> findings_within(const std::vector<Finding>& findings, const Model& subset) {
  std::set<std::string, std::less<>> flows, nodes, orgs;
  for (const Flow& flow : subset.flows) flows.insert(flow.id);
  for (const Node& node : subset.nodes) nodes.insert(node.id);
  for (const Organization& org : subset.orgs) orgs.insert(org.id);
  std::vector<Finding> kept;
  for (const Finding& finding : findings) {
    const bool inside = finding.flow   ? flows.count(*finding.flow) > 0
                        : finding.node ? nodes.count(*finding.node) > 0
                        : finding.org  ? orgs.count(*finding.org) > 0
                                       : false;
    if (inside) kept.push_back(finding);
  }
  return kept;
}

}  // namespace nagare
