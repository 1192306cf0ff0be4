#pragma once

// Where every item set goes: the nodes and organizations it reaches and the flows that
// bring it there, computed by the same reach engine the checker uses.

#include <cstddef>
#include <string_view>
#include <vector>

#include "nagare/model.h"
#include "nagare/reach.h"

namespace nagare {

/// Steps of a path kept (the last ones) and arrivals listed per item set. A chain of flows
/// makes every node's path as long as the model: whole paths for every node would be
/// quadratic (10,000 flows: 1.8 GB of text). Past these the output says how many were
/// left out.
constexpr std::size_t kPathStepsShown = 16;
constexpr std::size_t kArrivalsListed = 1000;

/// One node an item set reaches and the steps that bring it there.
struct Arrival {
  std::size_t node = npos;
  /// The last steps (at most kPathStepsShown) of the way that brings the item set here.
  std::vector<ReachStep> path;
  /// Steps of the whole way; more than path.size() when its beginning is left out.
  std::size_t hops = 0;
  /// The step that first brings the item into the organization asked about
  /// (TraceQuery::org): its index in the whole way and its flow; npos when no organization
  /// was asked about.
  std::size_t entry_step = npos;
  std::size_t entry_flow = npos;

  std::size_t steps_left_out() const { return hops - path.size(); }
};

struct ItemTrace {
  std::size_t item = npos;
  std::vector<std::size_t> origins;   // nodes where the item set enters the model
  std::vector<Arrival> arrivals;      // by path length, then node order; kArrivalsListed at most
  std::size_t arrivals_left_out = 0;  // nodes reached but not listed
  std::vector<std::size_t> orgs;      // organizations reached, with those enclosing them
};

struct TraceQuery {
  std::vector<std::size_t> items;  // item sets to trace; empty: every set
  std::size_t org = npos;          // only nodes of this organization (nested ones included)
};

/// Item sets named by `text`: a set's id or name, else every set listing a field `text`
/// (such as 氏名). Empty when nothing matches.
std::vector<std::size_t> select_items(const Model& model, std::string_view text);

/// The organization whose id or name is `text`, or npos.
std::size_t find_org(const Model& model, std::string_view text);

/// What a selection of item sets touches: the nodes where it enters, every node it reaches
/// and every flow that carries it; sorted, without repeats.
struct ItemFootprint {
  std::vector<std::size_t> nodes;
  std::vector<std::size_t> flows;
};

ItemFootprint footprint_of(const Model& model, const ItemReach& reach,
                           const std::vector<std::size_t>& items);

/// One ItemTrace per selected item set, in the model's order.
std::vector<ItemTrace> trace_items(const Model& model, const ItemReach& reach,
                                   const TraceQuery& query);

}  // namespace nagare
