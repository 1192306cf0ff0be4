#pragma once

#include <cstddef>
#include <vector>

#include "nagare/model.h"

namespace nagare {

/// Which item sets reach which nodes, following the flows. A flow that names its items
/// carries those; a flow that names none carries whatever reached its source node.
/// Two-way flows carry in both directions; media a flow passes hold what it carries.
class ItemReach {
 public:
  explicit ItemReach(const Model& model);

  /// Item sets (indices into model.items) carried by a flow, sorted.
  const std::vector<std::size_t>& carried_by(std::size_t flow) const { return carried_[flow]; }
  /// Item sets that reach a node, sorted.
  const std::vector<std::size_t>& reaching(std::size_t node) const { return reaching_[node]; }
  /// A flow that brings `item` to `node` (the first found, breadth first), or npos.
  std::size_t first_flow_bringing(std::size_t item, std::size_t node) const;

 private:
  const Model& model_;
  std::vector<std::vector<std::size_t>> carried_;
  std::vector<std::vector<std::size_t>> reaching_;
  std::vector<std::vector<std::size_t>> brought_by_;  // parallel to reaching_
};

}  // namespace nagare
