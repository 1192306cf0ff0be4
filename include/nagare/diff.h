#pragma once

// Declared versus actual: what differs between two models of the same business (the
// approved paper and what an inspection found, or last year's and this year's).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "nagare/catalogue.h"
#include "nagare/model.h"

namespace nagare {

enum class DiffKind {
  org_added,  // a new organization (a new subcontractor …)
  org_removed,
  cloud_left_japan,    // a cloud organization's region moved from japan
  certification_lost,  // an organization no longer holds a certification
  node_added,
  node_removed,
  node_starts_storing,  // stores = false became true
  item_fields_added,    // an item set lists more fields
  flow_added,           // an undeclared transfer
  flow_removed,
  flow_rerouted,         // a paired flow runs between other nodes (from or to changed)
  flow_channel_changed,  // a paired flow passes other networks or media (via changed)
  flow_items_added,      // a flow carries item sets it did not carry
  measure_lost,          // a measure in place (○) on an org, node or flow is gone or now －
};

std::string_view id_of(DiffKind kind);

/// How an entity of the declared model was paired with one of the actual model.
enum class MatchedBy { id, name };

struct Difference {
  DiffKind kind = DiffKind::flow_added;
  std::string entity;       // org | node | item | flow
  std::string declared_id;  // empty when the entity is new
  std::string actual_id;    // empty when the entity is gone
  MatchedBy matched_by = MatchedBy::id;
  /// ids: items added, measures lost, fields added …; for flow-rerouted the declared from
  /// and to, then the actual from and to; for flow-channel-changed the declared via ids and
  /// the actual ones, each joined by commas.
  std::vector<std::string> details;
  std::string message;  // Japanese
  std::string message_en;
  SourceLocation where;  // in the actual model when the entity is there, else the declared
};

/// An entity paired by name (organizations, nodes, item sets) or by label and ends (flows)
/// because its id differs. A flow is paired by its label alone as a last resort.
struct Pairing {
  std::string entity;
  std::string declared_id;
  std::string actual_id;
  /// A flow whose id and ends both changed, paired by a label that no other unpaired flow on
  /// either side has; it is then reported as rerouted.
  bool by_label_alone = false;
};

struct ModelDiff {
  std::string declared_file;
  std::string actual_file;
  std::vector<Difference> differences;  // orgs, nodes, items, flows; each in model order
  std::vector<Pairing> by_name;         // pairings that did not use the id
  std::size_t paired_by_id = 0;
  /// Every reported difference is material: it changes who holds what or how it is kept.
  bool material() const { return !differences.empty(); }
};

/// Compares two models in time linear in their size (hash maps, no pairwise loops).
/// `catalogue` words the measures in messages.
ModelDiff diff_models(const Model& declared, const Model& actual,
                      const MeasureCatalogue& catalogue);

}  // namespace nagare
