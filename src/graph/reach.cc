#include "nagare/reach.h"

#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/visitors.hpp>
#include <boost/pending/queue.hpp>
#include <utility>

namespace nagare {
namespace {

// Vertices are the model's nodes; edges carry a flow index. One graph holds the flows that
// name no items and so pass on whatever reached their source (both directions for two-way
// flows); another holds every flow, for the paths. Built once and only read: compressed
// rows, three arrays each, where an adjacency list would allocate per node. A node's edges
// keep the order of the flows, so the walks meet them in file order.
using PassOnGraph =
    boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, std::size_t>;
using Vertex = boost::graph_traits<PassOnGraph>::vertex_descriptor;
using Edge = boost::graph_traits<PassOnGraph>::edge_descriptor;

/// Records, for one item set, which flows carry it and which nodes it reaches.
class CarryVisitor : public boost::default_bfs_visitor {
 public:
  CarryVisitor(const Model& model, std::vector<char>& flow_carries, std::vector<char>& node_reached,
               std::vector<std::size_t>& brought_by, std::vector<std::size_t>& carrying,
               std::vector<std::size_t>& reached)
      : model_(model),
        flow_carries_(flow_carries),
        node_reached_(node_reached),
        brought_by_(brought_by),
        carrying_(carrying),
        reached_(reached) {}

  void examine_edge(Edge edge, const PassOnGraph& graph) const {
    const std::size_t flow = graph[edge];
    if (!flow_carries_[flow]) {
      flow_carries_[flow] = 1;
      carrying_.push_back(flow);
    }
    reach(boost::target(edge, graph), flow);
    for (std::size_t via : model_.flows[flow].via) {
      if (model_.nodes[via].kind == NodeKind::medium) reach(via, flow);
    }
  }

 private:
  void reach(std::size_t node, std::size_t flow) const {
    if (node_reached_[node]) return;
    node_reached_[node] = 1;
    brought_by_[node] = flow;
    reached_.push_back(node);
  }

  const Model& model_;
  std::vector<char>& flow_carries_;
  std::vector<char>& node_reached_;
  std::vector<std::size_t>& brought_by_;
  std::vector<std::size_t>& carrying_;  // the flows flow_carries_ marks
  std::vector<std::size_t>& reached_;   // the nodes node_reached_ marks
};

/// Keeps the edges along which one item set really travels: a flow naming it, or a flow
/// naming none whose source the item reached; never into a node the item does not reach.
struct CarriesItem {
  const Model* model = nullptr;
  const PassOnGraph* graph = nullptr;
  const std::vector<char>* reached = nullptr;
  std::size_t item = npos;

  bool operator()(Edge edge) const {
    if (!(*reached)[boost::target(edge, *graph)]) return false;
    const Flow& flow = model->flows[(*graph)[edge]];
    if (flow.items.empty()) return (*reached)[boost::source(edge, *graph)] != 0;
    return std::find(flow.items.begin(), flow.items.end(), item) != flow.items.end();
  }
};
using ItemGraph = boost::filtered_graph<PassOnGraph, CarriesItem>;

/// Builds the breadth-first tree of one item set: for each node, the flow (and the node)
/// it came from. Media a flow passes are settled when the flow is examined and walked
/// from afterwards.
class PathVisitor : public boost::default_bfs_visitor {
 public:
  PathVisitor(const Model& model, const std::vector<char>& reached, const std::vector<char>& roots,
              std::vector<char>& settled, std::vector<std::size_t>& pred_flow,
              std::vector<std::size_t>& pred_from, std::vector<std::size_t>& media)
      : model_(model),
        reached_(reached),
        roots_(roots),
        settled_(settled),
        pred_flow_(pred_flow),
        pred_from_(pred_from),
        media_(media) {}

  void examine_edge(Edge edge, const ItemGraph& graph) const {
    const std::size_t flow = graph[edge];
    const std::size_t target = boost::target(edge, graph);
    // A start inside a cycle: remember the flow that brings the item back to it.
    if (roots_[target] && pred_flow_[target] == npos) {
      pred_flow_[target] = flow;
      pred_from_[target] = boost::source(edge, graph);
    }
    for (std::size_t via : model_.flows[flow].via) {
      if (model_.nodes[via].kind != NodeKind::medium || !reached_[via]) continue;
      if (settle(via, flow, boost::source(edge, graph))) media_.push_back(via);
    }
  }
  void tree_edge(Edge edge, const ItemGraph& graph) const {
    settle(boost::target(edge, graph), graph[edge], boost::source(edge, graph));
  }

 private:
  bool settle(std::size_t node, std::size_t flow, std::size_t from) const {
    if (settled_[node]) return false;
    settled_[node] = 1;
    pred_flow_[node] = flow;
    pred_from_[node] = from;
    return true;
  }

  const Model& model_;
  const std::vector<char>& reached_;
  const std::vector<char>& roots_;
  std::vector<char>& settled_;
  std::vector<std::size_t>& pred_flow_;
  std::vector<std::size_t>& pred_from_;
  std::vector<std::size_t>& media_;
};

}  // namespace

namespace {

/// Counts of each row's entries to where each row starts (and where the last ends).
void start_rows(std::vector<std::size_t>& start) {
  std::size_t at = 0;
  for (std::size_t& count : start) at += std::exchange(count, at);
}

}  // namespace

ItemReach::ItemReach(const Model& model) : model_(model), origins_(model.items.size()) {
  // Found item by item, kept flow by flow and node by node: the pairs are counted first,
  // then placed (items in increasing order within each row, as they were found).
  struct Reached {
    std::size_t node, item, brought_by, came_from;
  };
  std::vector<std::pair<std::size_t, std::size_t>> carried;  // flow, item
  std::vector<Reached> reached_pairs;
  std::vector<std::pair<std::size_t, std::size_t>> passing_edges;
  std::vector<std::size_t> passing_flows;
  std::vector<std::pair<std::size_t, std::size_t>> every_edge;
  std::vector<std::size_t> every_flow;
  every_edge.reserve(model.flows.size());
  every_flow.reserve(model.flows.size());
  std::vector<std::vector<std::size_t>> explicit_flows(model.items.size());
  for (std::size_t f = 0; f < model.flows.size(); ++f) {
    const Flow& flow = model.flows[f];
    auto add = [&](std::size_t from, std::size_t to) {
      if (flow.items.empty()) {
        passing_edges.emplace_back(from, to);
        passing_flows.push_back(f);
      }
      every_edge.emplace_back(from, to);
      every_flow.push_back(f);
    };
    add(flow.from, flow.to);
    if (flow.direction == Direction::both) add(flow.to, flow.from);
    for (std::size_t item : flow.items) explicit_flows[item].push_back(f);
  }
  const PassOnGraph graph(boost::edges_are_unsorted_multi_pass, passing_edges.begin(),
                          passing_edges.end(), passing_flows.begin(), model.nodes.size());
  const PassOnGraph flow_graph(boost::edges_are_unsorted_multi_pass, every_edge.begin(),
                               every_edge.end(), every_flow.begin(), model.nodes.size());

  std::vector<char> flow_carries(model.flows.size());
  std::vector<char> node_reached(model.nodes.size());
  std::vector<std::size_t> brought_by(model.nodes.size(), npos);
  std::vector<boost::default_color_type> colors(model.nodes.size());
  std::vector<char> settled(model.nodes.size());
  std::vector<char> roots(model.nodes.size());
  std::vector<std::size_t> pred_flow(model.nodes.size(), npos);
  std::vector<std::size_t> pred_from(model.nodes.size(), npos);
  std::vector<std::size_t> media;
  std::vector<Vertex> sources;
  // What one item's walks marked, so that only that is cleared for the next item: the work
  // per item follows the part of the model the item reaches, not the model's size.
  std::vector<std::size_t> carrying;
  std::vector<std::size_t> reached;
  std::vector<std::size_t> touched;
  auto color_map =
      boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph));
  for (std::size_t item = 0; item < model.items.size(); ++item) {
    // Every per-node mark of the last item sits on a node it reached or on the source of a
    // flow naming it (an origin); clear those.
    for (std::size_t f : carrying) flow_carries[f] = 0;
    for (std::size_t n : touched) {
      node_reached[n] = 0;
      brought_by[n] = npos;
      colors[n] = boost::white_color;
      settled[n] = 0;
      roots[n] = 0;
      pred_flow[n] = npos;
      pred_from[n] = npos;
    }
    carrying.clear();
    reached.clear();
    touched.clear();
    sources.clear();
    auto seed = [&](std::size_t node, std::size_t flow) {
      if (!node_reached[node]) {
        node_reached[node] = 1;
        brought_by[node] = flow;
        reached.push_back(node);
      }
      sources.push_back(node);
    };
    for (std::size_t f : explicit_flows[item]) {
      const Flow& flow = model.flows[f];
      if (!flow_carries[f]) {
        flow_carries[f] = 1;
        carrying.push_back(f);
      }
      seed(flow.to, f);
      if (flow.direction == Direction::both) seed(flow.from, f);
      for (std::size_t via : flow.via) {
        if (model.nodes[via].kind == NodeKind::medium) seed(via, f);
      }
    }
    if (sources.empty()) continue;
    CarryVisitor visitor(model, flow_carries, node_reached, brought_by, carrying, reached);
    boost::queue<Vertex> queue;
    // breadth_first_visit: colours are white already except where this item's walk goes.
    boost::breadth_first_visit(graph, sources.begin(), sources.end(), queue, visitor, color_map);
    for (std::size_t f : carrying) carried.emplace_back(f, item);

    // Second walk, for the paths: breadth first from the origins over the flows that
    // really carry the item, so that every reached node gets a shortest way back.
    touched = reached;
    for (std::size_t f : explicit_flows[item]) touched.push_back(model.flows[f].from);
    for (std::size_t n : touched) colors[n] = boost::white_color;
    std::vector<std::size_t>& origins = origins_[item];
    for (std::size_t f : explicit_flows[item]) {
      const std::size_t from = model.flows[f].from;
      if (!node_reached[from] && !settled[from]) {
        settled[from] = 1;
        origins.push_back(from);
      }
    }
    ItemGraph item_graph(flow_graph, CarriesItem{&model, &flow_graph, &node_reached, item});
    PathVisitor paths(model, node_reached, roots, settled, pred_flow, pred_from, media);
    auto walk = [&](auto begin, auto end) {
      boost::queue<Vertex> path_queue;
      boost::breadth_first_visit(item_graph, begin, end, path_queue, paths, color_map);
      while (!media.empty()) {
        const std::size_t medium = media.back();
        media.pop_back();
        if (colors[medium] != boost::white_color) continue;
        boost::breadth_first_visit(item_graph, &medium, &medium + 1, path_queue, paths, color_map);
      }
    };
    walk(origins.begin(), origins.end());
    // An item that only circulates (every source of a flow naming it also receives it, as
    // a form handed over and back): the source of the first such flow the walk has not
    // reached counts as an origin, and its own path is the way back to it.
    for (std::size_t f : explicit_flows[item]) {
      const std::size_t from = model.flows[f].from;
      if (colors[from] != boost::white_color) continue;
      settled[from] = 1;
      roots[from] = 1;
      origins.push_back(from);
      walk(&from, &from + 1);
    }
    std::sort(origins.begin(), origins.end());

    for (std::size_t n : reached) {
      const bool on_path = settled[n] && pred_flow[n] != npos;
      reached_pairs.push_back(
          Reached{n, item, on_path ? pred_flow[n] : brought_by[n], on_path ? pred_from[n] : npos});
    }
  }

  carried_.start.assign(model.flows.size() + 1, 0);
  for (const auto& [flow, item] : carried) ++carried_.start[flow];
  start_rows(carried_.start);
  carried_.values.resize(carried.size());
  std::vector<std::size_t> next(carried_.start.begin(), carried_.start.end() - 1);
  for (const auto& [flow, item] : carried) carried_.values[next[flow]++] = item;

  reaching_.start.assign(model.nodes.size() + 1, 0);
  for (const Reached& pair : reached_pairs) ++reaching_.start[pair.node];
  start_rows(reaching_.start);
  reaching_.values.resize(reached_pairs.size());
  brought_by_.resize(reached_pairs.size());
  came_from_.resize(reached_pairs.size());
  next.assign(reaching_.start.begin(), reaching_.start.end() - 1);
  for (const Reached& pair : reached_pairs) {
    const std::size_t at = next[pair.node]++;
    reaching_.values[at] = pair.item;
    brought_by_[at] = pair.brought_by;
    came_from_[at] = pair.came_from;
  }
}

std::size_t ItemReach::slot(std::size_t item, std::size_t node) const {
  const std::span<const std::size_t> items = reaching_.row(node);
  auto it = std::lower_bound(items.begin(), items.end(), item);
  if (it == items.end() || *it != item) return npos;
  return reaching_.start[node] + static_cast<std::size_t>(it - items.begin());
}

std::size_t ItemReach::first_flow_bringing(std::size_t item, std::size_t node) const {
  const std::size_t k = slot(item, node);
  return k == npos ? npos : brought_by_[k];
}

std::vector<ReachStep> ItemReach::path_to(std::size_t item, std::size_t node,
                                          std::size_t last_steps) const {
  std::vector<ReachStep> path;
  std::size_t at = node;
  const auto& origins = origins_[item];
  // Each step moves one level up a breadth-first tree until an origin, so a path has
  // fewer steps than there are nodes; the bound only guards against a broken invariant.
  for (std::size_t hops = 0; hops < model_.nodes.size() && hops < last_steps; ++hops) {
    if (hops > 0 && std::binary_search(origins.begin(), origins.end(), at)) break;
    const std::size_t k = slot(item, at);
    if (k == npos || brought_by_[k] == npos) break;
    const Flow& flow = model_.flows[brought_by_[k]];
    std::size_t from = came_from_[k];
    const bool starts_here = from == npos;
    if (starts_here) from = flow.from != at ? flow.from : flow.to;
    path.push_back(ReachStep{brought_by_[k], from, at});
    if (starts_here) break;
    at = from;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

std::size_t ItemReach::previous_on_path(std::size_t item, std::size_t node) const {
  // The same walk as path_to, one step of it.
  const std::size_t k = slot(item, node);
  if (k == npos || brought_by_[k] == npos) return npos;
  const std::size_t from = came_from_[k];
  const auto& origins = origins_[item];
  if (from == npos || std::binary_search(origins.begin(), origins.end(), from)) return npos;
  return from;
}

}  // namespace nagare
