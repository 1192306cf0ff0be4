#include "nagare/trace.h"

#include <algorithm>

namespace nagare {

std::vector<std::size_t> select_items(const Model& model, std::string_view text) {
  for (std::size_t i = 0; i < model.items.size(); ++i) {
    if (model.items[i].id == text || model.items[i].name == text) return {i};
  }
  std::vector<std::size_t> sets;
  for (std::size_t i = 0; i < model.items.size(); ++i) {
    const auto& fields = model.items[i].fields;
    if (std::find(fields.begin(), fields.end(), text) != fields.end()) sets.push_back(i);
  }
  return sets;
}

std::size_t find_org(const Model& model, std::string_view text) {
  for (std::size_t o = 0; o < model.orgs.size(); ++o) {
    if (model.orgs[o].id == text) return o;
  }
  for (std::size_t o = 0; o < model.orgs.size(); ++o) {
    if (model.orgs[o].name == text) return o;
  }
  return npos;
}

ItemFootprint footprint_of(const Model& model, const ItemReach& reach,
                           const std::vector<std::size_t>& items) {
  auto any_of_items = [&items](const std::vector<std::size_t>& sorted) {
    return std::any_of(items.begin(), items.end(), [&sorted](std::size_t item) {
      return std::binary_search(sorted.begin(), sorted.end(), item);
    });
  };
  ItemFootprint footprint;
  std::vector<char> origin(model.nodes.size());
  for (std::size_t item : items) {
    for (std::size_t node : reach.origins(item)) origin[node] = 1;
  }
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    if (origin[n] || any_of_items(reach.reaching(n))) footprint.nodes.push_back(n);
  }
  for (std::size_t f = 0; f < model.flows.size(); ++f) {
    if (any_of_items(reach.carried_by(f))) footprint.flows.push_back(f);
  }
  return footprint;
}

std::vector<ItemTrace> trace_items(const Model& model, const ItemReach& reach,
                                   const TraceQuery& query) {
  std::vector<std::size_t> items = query.items;
  if (items.empty()) {
    for (std::size_t i = 0; i < model.items.size(); ++i) items.push_back(i);
  }
  auto within = [&](std::size_t node) {
    const std::size_t org = model.nodes[node].org;
    return org != npos && model.is_within(org, query.org);
  };
  // Node -> items reaching it is what the engine keeps; invert it once, not per item.
  std::vector<std::vector<std::size_t>> nodes_of(model.items.size());
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    if (query.org != npos && !within(n)) continue;
    for (std::size_t item : reach.reaching(n)) nodes_of[item].push_back(n);
  }
  std::vector<ItemTrace> traces;
  std::vector<char> org_seen(model.orgs.size());
  for (std::size_t item : items) {
    ItemTrace trace;
    trace.item = item;
    trace.origins = reach.origins(item);
    for (std::size_t node : nodes_of[item]) {
      Arrival arrival;
      arrival.node = node;
      arrival.path = reach.path_to(item, node);
      if (query.org != npos) {
        for (std::size_t s = 0; s < arrival.path.size(); ++s) {
          if (within(arrival.path[s].to)) {
            arrival.entry_step = s;
            break;
          }
        }
      }
      std::size_t org = model.nodes[node].org;
      for (std::size_t hops = 0; org != npos && hops <= model.orgs.size(); ++hops) {
        if (org_seen[org]) break;  // and so are the organizations enclosing it
        org_seen[org] = 1;
        trace.orgs.push_back(org);
        org = model.orgs[org].parent;
      }
      trace.arrivals.push_back(std::move(arrival));
    }
    std::stable_sort(
        trace.arrivals.begin(), trace.arrivals.end(),
        [](const Arrival& a, const Arrival& b) { return a.path.size() < b.path.size(); });
    // Sorted, and the marks cleared: the work follows what the item reaches.
    std::sort(trace.orgs.begin(), trace.orgs.end());
    for (std::size_t org : trace.orgs) org_seen[org] = 0;
    traces.push_back(std::move(trace));
  }
  return traces;
}

}  // namespace nagare
