#pragma once

// Parts of a model, for figures too large to draw whole: one organization, or the way of
// one item set. Each is a self-contained Model (indices renumbered) that draws like any other.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nagare/check.h"
#include "nagare/model.h"

namespace nagare {

/// More nodes than this make a figure nobody can read on A3; `render` asks for a part.
inline constexpr std::size_t kLegibleFigureNodes = 300;

/// The nodes a figure draws: every node but lines (network nodes), as figure_dot does.
std::size_t drawn_node_count(const Model& model);

/// The organization `org` (an id) with the organizations nested in it and their nodes,
/// the flows touching those nodes, and the nodes at the flows' other ends with their
/// organizations' frames. nullopt when no organization has that id.
std::optional<Model> organization_subset(const Model& model, std::string_view org);

/// The flows that carry item set `item` (an id; named on the flow or passed on to it) and
/// their endpoints and lines. nullopt when no item set has that id.
std::optional<Model> item_subset(const Model& model, std::string_view item);

/// Where both are asked for: the flows that touch organization `org` (nested ones included)
/// and carry item set `item`, their endpoints, and the organization's frame. nullopt when
/// either id is unknown.
std::optional<Model> organization_item_subset(const Model& model, std::string_view org,
                                              std::string_view item);

/// Whether the model has an organization / an item set with that id.
bool has_organization(const Model& model, std::string_view org);
bool has_item_set(const Model& model, std::string_view item);

/// The findings about entities that `subset` still has.
std::vector<Finding> findings_within(const std::vector<Finding>& findings, const Model& subset);

}  // namespace nagare
