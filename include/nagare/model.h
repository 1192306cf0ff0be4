#pragma once

// The domain model of one business's personal-information flow. Pure data: it knows
// nothing of TOML, Graphviz or the command line. Entities refer to each other by index
// into the Model's vectors; ids are kept for messages and stable finding ids.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nagare/diagnostics.h"

namespace nagare {

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);

enum class Procedure {
  computer_processing,  // 電算処理
  external_link,        // 外部結合
  outsourcing,          // 業務委託
  external_provision,   // 外部提供
  purpose_outside_use,  // 目的外利用
};

enum class ItemClass { personal, special_care, my_number, pseudonymous, non_personal };

enum class OrgRole {
  ward,
  department,
  contractor,
  subcontractor,
  connected,
  cloud,
  recipient,
  subject,
  vendor,
  other,
  public_body,  // another public body receiving under its own rules (police, fire, a city)
  service,      // an outside tool a party uses (Zoom, YouTube): not itself a contractor
  unknown,      // the paper does not say whether the party is a contractor: ask
};

enum class NodeKind { person, terminal, mobile, system, cloud, datastore, network, medium };

/// `unknown`: the paper names a line but not its kind; policies read it as the widest.
enum class NetworkKind {
  internet,
  lgwan,
  closed,
  dedicated_line,
  intranet,
  telephone,
  mobile_carrier,
  unknown,
};

enum class MediumKind { usb, dvd, paper, other };

enum class Region { unknown, japan, overseas };

enum class Direction { one_way, both };

/// How a flow without `via` is made. `unset` between two organizations is not stated
/// either, but a flow inside one place needs no means.
enum class Means { unset, in_person, unstated };

/// Who carries out a measure: the ward itself (区が行う) or the other party (行わせる).
enum class Party { ward, other };

/// What kind of transfer a flow is; derived from what it passes through.
enum class TransferKind {
  internet,
  lgwan,
  closed,
  dedicated_line,
  intranet,
  telephone,
  mobile_carrier,
  unknown,
  media,
  paper,
  direct,    // no network or medium named: in person, or within one place
  unstated,  // between organizations, and the paper does not say how
};

bool is_personal(ItemClass item_class);

// Stable ids as written in models and policies; parse_* return nullopt for unknown text.
std::string_view id_of(Procedure value);
std::string_view id_of(ItemClass value);
std::string_view id_of(OrgRole value);
std::string_view id_of(NodeKind value);
std::string_view id_of(NetworkKind value);
std::string_view id_of(MediumKind value);
std::string_view id_of(Region value);
std::string_view id_of(Direction value);
std::string_view id_of(Means value);
std::string_view id_of(Party value);
std::string_view id_of(TransferKind value);

std::optional<Procedure> parse_procedure(std::string_view text);
std::optional<ItemClass> parse_item_class(std::string_view text);
std::optional<OrgRole> parse_org_role(std::string_view text);
std::optional<NodeKind> parse_node_kind(std::string_view text);
std::optional<NetworkKind> parse_network_kind(std::string_view text);
std::optional<MediumKind> parse_medium_kind(std::string_view text);
std::optional<Region> parse_region(std::string_view text);
std::optional<Direction> parse_direction(std::string_view text);
std::optional<Means> parse_means(std::string_view text);
std::optional<Party> parse_party(std::string_view text);
std::optional<TransferKind> parse_transfer_kind(std::string_view text);

// Every stable id of an enumeration, in declaration order (the schema's enums).
std::vector<std::string_view> procedure_ids();
std::vector<std::string_view> item_class_ids();
std::vector<std::string_view> org_role_ids();
std::vector<std::string_view> node_kind_ids();
std::vector<std::string_view> network_kind_ids();
std::vector<std::string_view> medium_kind_ids();
std::vector<std::string_view> region_ids();
std::vector<std::string_view> direction_ids();
std::vector<std::string_view> means_ids();
std::vector<std::string_view> party_ids();
std::vector<std::string_view> transfer_kind_ids();

/// Policy and catalogue text speak of "{body}" where a 区 would read 区 and a 市 市.
std::string worded(std::string_view text, std::string_view body);

// Japanese names as the papers write them.
std::string_view japanese_name(Procedure value);
std::string_view japanese_name(ItemClass value);
std::string_view japanese_name(TransferKind value);

/// One measure written on an entity: in place (○) or not applicable (－) with its reason.
struct MeasureMark {
  std::string measure_id;
  std::size_t measure = npos;  // index in the MeasureCatalogue the model was resolved against
  bool not_applicable = false;
  std::string reason;
  Party party = Party::ward;
  std::optional<Procedure> procedure;
  std::string
      scope;  // the clause covers only this (「区から貸与された資料」), narrower than the data
  SourceLocation where;
};

struct Paper {
  std::string title;
  std::string document;
  std::string municipality;
  std::string wording = "shinjuku";
  std::string body = "区";  // the kind of body: 区, 市, 町, 村, 都, 道, 府, 県, 広域連合
  std::string department;
  std::vector<Procedure> procedures;
  std::string subjects;
  std::string subject_count;
  std::string period;
  std::string purpose;
  std::string source;
};

/// Catalogue wording as this paper reads: "{body}" becomes its kind of body (区, 市, 県 …)
/// and "{municipality}" its name (the kind of body when the paper names none).
std::string worded(std::string_view text, const Paper& paper);

struct ItemSet {
  std::string id;
  std::string name;
  ItemClass item_class = ItemClass::personal;
  std::vector<std::string> fields;
  bool declared = true;  // false: a flow carries these, but the paper's item list lacks them
  SourceLocation where;
};

struct Certification {
  std::string kind;  // ISMS, Pmark, ASP-SaaS, other
  std::optional<int> since;
};

struct Organization {
  std::string id;
  std::string name;
  OrgRole role = OrgRole::other;
  std::size_t parent = npos;
  std::string operator_name;
  std::vector<Certification> certifications;
  Region region = Region::unknown;
  std::vector<ItemClass> must_not_receive;
  std::vector<std::size_t> must_not_receive_sets;  // item sets, by index
  std::vector<MeasureMark> measures;
  SourceLocation where;
};

struct Node {
  std::string id;
  std::string name;
  NodeKind kind = NodeKind::system;
  std::size_t org = npos;
  std::optional<NetworkKind> network;
  std::optional<MediumKind> medium;
  bool stores = true;
  std::string note;
  std::vector<MeasureMark> measures;
  SourceLocation where;
};

struct Flow {
  std::string id;
  std::optional<int> step;
  std::size_t from = npos;
  std::size_t to = npos;
  std::vector<std::size_t> via;
  std::vector<std::size_t> items;  // explicit item sets; empty: what reached `from`
  Direction direction = Direction::one_way;
  Means means = Means::unset;
  std::string label;
  std::vector<MeasureMark> measures;
  SourceLocation where;
};

/// A measure the model defines for itself, beyond the built-in catalogue.
struct CustomMeasure {
  std::string id;
  std::string name;
  bool technical = false;
  std::vector<std::size_t> satisfies;  // catalogue measures this one amounts to
  std::vector<std::string> satisfies_ids;
  SourceLocation where;
};

/// A reviewed finding the department accepts, with why.
struct Acceptance {
  std::string finding_id;
  std::string justification;
  std::string accepted_by;
  std::string date;
  SourceLocation where;
};

struct Model {
  std::string file;
  Paper paper;
  std::vector<ItemSet> items;
  std::vector<Organization> orgs;
  std::vector<Node> nodes;
  std::vector<Flow> flows;
  std::vector<CustomMeasure> custom_measures;
  std::vector<Acceptance> acceptances;

  /// True for the ward and its departments, and anything nested in them.
  bool is_ward_side(std::size_t org) const;
  /// True when `org` is `ancestor` or nested (at any depth) in it.
  bool is_within(std::size_t org, std::size_t ancestor) const;
  /// True when both organizations share their outermost one (or either is unknown).
  bool same_place(std::size_t a, std::size_t b) const;
  /// The transfer kinds of a flow, from the networks and media it passes.
  std::vector<TransferKind> transfer_kinds(const Flow& flow) const;
  /// Short human name of a flow: "②面接を行い…" or its id when it has no label.
  std::string flow_title(const Flow& flow) const;
  /// flow_title, appended to `out`.
  void append_flow_title(std::string& out, const Flow& flow) const;
};

}  // namespace nagare
