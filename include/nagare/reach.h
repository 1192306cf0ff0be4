#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "nagare/model.h"

namespace nagare {

/// One step of the way an item set travels: `flow` takes it from node `from` to node `to`.
/// For a medium a flow passes, `to` is the medium.
struct ReachStep {
  std::size_t flow = npos;
  std::size_t from = npos;
  std::size_t to = npos;
};

/// Which item sets reach which nodes, following the flows. A flow that names its items
/// carries those; a flow that names none carries whatever reached its source node.
/// Two-way flows carry in both directions; media a flow passes hold what it carries.
/// For every (item, node) it also keeps the flow that brought the item there on a
/// shortest way from where the item enters the model, so that paths can be rebuilt.
class ItemReach {
 public:
  explicit ItemReach(const Model& model);

  /// Item sets (indices into model.items) carried by a flow, sorted.
  std::span<const std::size_t> carried_by(std::size_t flow) const { return carried_.row(flow); }
  /// Item sets that reach a node, sorted.
  std::span<const std::size_t> reaching(std::size_t node) const { return reaching_.row(node); }
  /// The flow that brings `item` to `node` (the last step of path_to), or npos.
  std::size_t first_flow_bringing(std::size_t item, std::size_t node) const;
  /// Nodes where an item set enters the model: sources of flows naming it that nothing
  /// brings it to (the data subject, typically), or, where it only circulates (a form
  /// handed over and back), the source of the first flow naming it. Sorted.
  const std::vector<std::size_t>& origins(std::size_t item) const { return origins_[item]; }
  /// The steps that bring `item` to `node`, in order, starting at an origin; empty when
  /// the item never reaches the node. With `last_steps`, only that many of the last ones:
  /// a whole path is as long as the model, and every node's would be quadratic.
  std::vector<ReachStep> path_to(std::size_t item, std::size_t node,
                                 std::size_t last_steps = npos) const;
  /// The node path_to(item, node) passes just before `node` when the path has more than
  /// one step (its path is then the rest of the way), else npos.
  std::size_t previous_on_path(std::size_t item, std::size_t node) const;

 private:
  /// Lists of numbers, one per flow or node, in one array: row r is
  /// values[start[r], start[r + 1]). A vector per row would be an allocation per node.
  struct Rows {
    std::vector<std::size_t> start;
    std::vector<std::size_t> values;
    std::span<const std::size_t> row(std::size_t r) const {
      return {values.data() + start[r], start[r + 1] - start[r]};
    }
  };

  /// Where `item` is in the row of `node` (of reaching_, brought_by_, came_from_), or npos.
  std::size_t slot(std::size_t item, std::size_t node) const;

  const Model& model_;
  Rows carried_;
  Rows reaching_;
  std::vector<std::size_t> brought_by_;  // parallel to reaching_.values
  std::vector<std::size_t> came_from_;   // parallel to reaching_.values; npos: path starts
  std::vector<std::vector<std::size_t>> origins_;
};

}  // namespace nagare
