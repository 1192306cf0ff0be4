#include "nagare/reach.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/visitors.hpp>
#include <boost/pending/queue.hpp>

namespace nagare {
namespace {

// Vertices are the model's nodes; edges are the flows that name no items and so pass on
// whatever reached their source (both directions for two-way flows).
using PassOnGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS,
                                          boost::no_property, std::size_t>;
using Vertex = boost::graph_traits<PassOnGraph>::vertex_descriptor;
using Edge = boost::graph_traits<PassOnGraph>::edge_descriptor;

/// Records, for one item set, which flows carry it and which nodes it reaches.
class CarryVisitor : public boost::default_bfs_visitor {
 public:
  CarryVisitor(const Model& model, std::vector<char>& flow_carries, std::vector<char>& node_reached,
               std::vector<std::size_t>& brought_by)
      : model_(model),
        flow_carries_(flow_carries),
        node_reached_(node_reached),
        brought_by_(brought_by) {}

  void examine_edge(Edge edge, const PassOnGraph& graph) const {
    const std::size_t flow = graph[edge];
    flow_carries_[flow] = 1;
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
  }

  const Model& model_;
  std::vector<char>& flow_carries_;
  std::vector<char>& node_reached_;
  std::vector<std::size_t>& brought_by_;
};

}  // namespace

ItemReach::ItemReach(const Model& model)
    : model_(model),
      carried_(model.flows.size()),
      reaching_(model.nodes.size()),
      brought_by_(model.nodes.size()) {
  PassOnGraph graph(model.nodes.size());
  std::vector<std::vector<std::size_t>> explicit_flows(model.items.size());
  for (std::size_t f = 0; f < model.flows.size(); ++f) {
    const Flow& flow = model.flows[f];
    if (flow.items.empty()) {
      boost::add_edge(flow.from, flow.to, f, graph);
      if (flow.direction == Direction::both) boost::add_edge(flow.to, flow.from, f, graph);
    }
    for (std::size_t item : flow.items) explicit_flows[item].push_back(f);
  }

  std::vector<char> flow_carries(model.flows.size());
  std::vector<char> node_reached(model.nodes.size());
  std::vector<std::size_t> brought_by(model.nodes.size(), npos);
  std::vector<boost::default_color_type> colors(model.nodes.size());
  std::vector<Vertex> sources;
  for (std::size_t item = 0; item < model.items.size(); ++item) {
    std::fill(flow_carries.begin(), flow_carries.end(), 0);
    std::fill(node_reached.begin(), node_reached.end(), 0);
    std::fill(brought_by.begin(), brought_by.end(), npos);
    std::fill(colors.begin(), colors.end(), boost::white_color);
    sources.clear();
    auto seed = [&](std::size_t node, std::size_t flow) {
      if (!node_reached[node]) {
        node_reached[node] = 1;
        brought_by[node] = flow;
      }
      sources.push_back(node);
    };
    for (std::size_t f : explicit_flows[item]) {
      const Flow& flow = model.flows[f];
      flow_carries[f] = 1;
      seed(flow.to, f);
      if (flow.direction == Direction::both) seed(flow.from, f);
      for (std::size_t via : flow.via) {
        if (model.nodes[via].kind == NodeKind::medium) seed(via, f);
      }
    }
    if (sources.empty()) continue;
    CarryVisitor visitor(model, flow_carries, node_reached, brought_by);
    boost::queue<Vertex> queue;
    boost::breadth_first_search(
        graph, sources.begin(), sources.end(), queue, visitor,
        boost::make_iterator_property_map(colors.begin(), boost::get(boost::vertex_index, graph)));
    for (std::size_t f = 0; f < model.flows.size(); ++f) {
      if (flow_carries[f]) carried_[f].push_back(item);
    }
    for (std::size_t n = 0; n < model.nodes.size(); ++n) {
      if (node_reached[n]) {
        reaching_[n].push_back(item);
        brought_by_[n].push_back(brought_by[n]);
      }
    }
  }
}

std::size_t ItemReach::first_flow_bringing(std::size_t item, std::size_t node) const {
  const auto& items = reaching_[node];
  auto it = std::lower_bound(items.begin(), items.end(), item);
  if (it == items.end() || *it != item) return npos;
  return brought_by_[node][static_cast<std::size_t>(it - items.begin())];
}

}  // namespace nagare
