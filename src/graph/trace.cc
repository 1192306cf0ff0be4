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
  auto any_of_items = [&items](std::span<const std::size_t> sorted) {
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

namespace {

/// Per node, for one item set: steps of its path and its entry into the organization asked
/// about. Each node's is its predecessor's plus one step, so all of them cost one walk each
/// (a long chain would otherwise be walked again for every node on it).
class PathFacts {
 public:
  PathFacts(const Model& model, const ItemReach& reach, std::size_t item,
            std::vector<std::size_t>& hops, std::vector<std::size_t>& entry_step,
            std::vector<std::size_t>& entry_flow)
      : model_(model),
        reach_(reach),
        item_(item),
        hops_(hops),
        entry_step_(entry_step),
        entry_flow_(entry_flow) {}

  /// Fills the facts of `node` and of the nodes before it that were not known yet.
  template <typename Within>
  void learn(std::size_t node, const Within& within) {
    chain_.clear();
    for (std::size_t at = node; at != npos && hops_[at] == npos;
         at = reach_.previous_on_path(item_, at)) {
      if (chain_.size() > model_.nodes.size()) break;  // only a broken invariant gets here
      chain_.push_back(at);
    }
    for (auto it = chain_.rbegin(); it != chain_.rend(); ++it) {
      const std::size_t at = *it;
      const std::size_t before = reach_.previous_on_path(item_, at);
      const bool has_before = before != npos && hops_[before] != npos;
      hops_[at] = reach_.first_flow_bringing(item_, at) == npos ? 0
                  : has_before                                  ? hops_[before] + 1
                                                                : 1;
      entry_step_[at] = entry_flow_[at] = npos;
      if (has_before && entry_step_[before] != npos) {
        entry_step_[at] = entry_step_[before];
        entry_flow_[at] = entry_flow_[before];
      } else if (hops_[at] > 0 && within(at)) {
        entry_step_[at] = hops_[at] - 1;
        entry_flow_[at] = reach_.first_flow_bringing(item_, at);
      }
      touched_.push_back(at);
    }
  }

  /// Forgets what was learnt, so that the arrays serve the next item set.
  void clear() {
    for (std::size_t at : touched_) hops_[at] = npos;
    touched_.clear();
  }

 private:
  const Model& model_;
  const ItemReach& reach_;
  std::size_t item_;
  std::vector<std::size_t>& hops_;
  std::vector<std::size_t>& entry_step_;
  std::vector<std::size_t>& entry_flow_;
  std::vector<std::size_t> chain_;
  std::vector<std::size_t> touched_;
};

}  // namespace

std::vector<ItemTrace> trace_items(const Model& model, const ItemReach& reach,
                                   const TraceQuery& query) {
  std::vector<std::size_t> items = query.items;
  if (items.empty()) {
    for (std::size_t i = 0; i < model.items.size(); ++i) items.push_back(i);
  }
  auto within = [&](std::size_t node) {
    const std::size_t org = model.nodes[node].org;
    return query.org != npos && org != npos && model.is_within(org, query.org);
  };
  // Node -> items reaching it is what the engine keeps; invert it once, not per item.
  std::vector<std::vector<std::size_t>> nodes_of(model.items.size());
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    if (query.org != npos && !within(n)) continue;
    for (std::size_t item : reach.reaching(n)) nodes_of[item].push_back(n);
  }
  std::vector<ItemTrace> traces;
  std::vector<char> org_seen(model.orgs.size());
  std::vector<std::size_t> hops(model.nodes.size(), npos), entry_step(model.nodes.size()),
      entry_flow(model.nodes.size());
  for (std::size_t item : items) {
    ItemTrace trace;
    trace.item = item;
    trace.origins = reach.origins(item);
    PathFacts facts(model, reach, item, hops, entry_step, entry_flow);
    for (std::size_t node : nodes_of[item]) {
      facts.learn(node, within);
      Arrival arrival;
      arrival.node = node;
      arrival.hops = hops[node];
      arrival.entry_step = entry_step[node];
      arrival.entry_flow = entry_flow[node];
      std::size_t org = model.nodes[node].org;
      for (std::size_t count = 0; org != npos && count <= model.orgs.size(); ++count) {
        if (org_seen[org]) break;  // and so are the organizations enclosing it
        org_seen[org] = 1;
        trace.orgs.push_back(org);
        org = model.orgs[org].parent;
      }
      trace.arrivals.push_back(arrival);
    }
    facts.clear();
    std::stable_sort(trace.arrivals.begin(), trace.arrivals.end(),
                     [](const Arrival& a, const Arrival& b) { return a.hops < b.hops; });
    if (trace.arrivals.size() > kArrivalsListed) {
      trace.arrivals_left_out = trace.arrivals.size() - kArrivalsListed;
      trace.arrivals.resize(kArrivalsListed);
    }
    for (Arrival& arrival : trace.arrivals) {
      arrival.path = reach.path_to(item, arrival.node, kPathStepsShown);
    }
    // Sorted, and the marks cleared: the work follows what the item reaches.
    std::sort(trace.orgs.begin(), trace.orgs.end());
    for (std::size_t org : trace.orgs) org_seen[org] = 0;
    traces.push_back(std::move(trace));
  }
  return traces;
}

}  // namespace nagare
