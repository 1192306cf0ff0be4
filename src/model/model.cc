#include "nagare/model.h"

#include <algorithm>
#include <array>
#include <utility>

namespace nagare {
namespace {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

template <typename Enum, std::size_t N>
std::string_view lookup_name(const NameTable<Enum, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> lookup_value(const NameTable<Enum, N>& table, std::string_view text) {
  for (const auto& [candidate, name] : table) {
    if (name == text) return candidate;
  }
  return std::nullopt;
}

constexpr NameTable<Procedure, 5> kProcedureIds{{
    {Procedure::computer_processing, "computer-processing"},
    {Procedure::external_link, "external-link"},
    {Procedure::outsourcing, "outsourcing"},
    {Procedure::external_provision, "external-provision"},
    {Procedure::purpose_outside_use, "purpose-outside-use"},
}};
constexpr NameTable<Procedure, 5> kProcedureJa{{
    {Procedure::computer_processing, "電算処理"},
    {Procedure::external_link, "外部結合"},
    {Procedure::outsourcing, "業務委託"},
    {Procedure::external_provision, "外部提供"},
    {Procedure::purpose_outside_use, "目的外利用"},
}};
constexpr NameTable<ItemClass, 5> kItemClassIds{{
    {ItemClass::personal, "personal"},
    {ItemClass::special_care, "special-care"},
    {ItemClass::my_number, "my-number"},
    {ItemClass::pseudonymous, "pseudonymous"},
    {ItemClass::non_personal, "non-personal"},
}};
constexpr NameTable<ItemClass, 5> kItemClassJa{{
    {ItemClass::personal, "個人情報"},
    {ItemClass::special_care, "要配慮個人情報"},
    {ItemClass::my_number, "特定個人情報"},
    {ItemClass::pseudonymous, "仮名加工・番号のみの情報"},
    {ItemClass::non_personal, "個人を特定しない情報"},
}};
constexpr NameTable<OrgRole, 13> kOrgRoleIds{{
    {OrgRole::ward, "ward"},
    {OrgRole::department, "department"},
    {OrgRole::contractor, "contractor"},
    {OrgRole::subcontractor, "subcontractor"},
    {OrgRole::connected, "connected"},
    {OrgRole::cloud, "cloud"},
    {OrgRole::recipient, "recipient"},
    {OrgRole::subject, "subject"},
    {OrgRole::vendor, "vendor"},
    {OrgRole::other, "other"},
    {OrgRole::public_body, "public-body"},
    {OrgRole::service, "service"},
    {OrgRole::unknown, "unknown"},
}};
constexpr NameTable<NodeKind, 8> kNodeKindIds{{
    {NodeKind::person, "person"},
    {NodeKind::terminal, "terminal"},
    {NodeKind::mobile, "mobile"},
    {NodeKind::system, "system"},
    {NodeKind::cloud, "cloud"},
    {NodeKind::datastore, "datastore"},
    {NodeKind::network, "network"},
    {NodeKind::medium, "medium"},
}};
constexpr NameTable<NetworkKind, 8> kNetworkKindIds{{
    {NetworkKind::internet, "internet"},
    {NetworkKind::lgwan, "lgwan"},
    {NetworkKind::closed, "closed"},
    {NetworkKind::dedicated_line, "dedicated-line"},
    {NetworkKind::intranet, "intranet"},
    {NetworkKind::telephone, "telephone"},
    {NetworkKind::mobile_carrier, "mobile-carrier"},
    {NetworkKind::unknown, "unknown"},
}};
constexpr NameTable<MediumKind, 4> kMediumKindIds{{
    {MediumKind::usb, "usb"},
    {MediumKind::dvd, "dvd"},
    {MediumKind::paper, "paper"},
    {MediumKind::other, "other"},
}};
constexpr NameTable<Region, 3> kRegionIds{{
    {Region::unknown, "unknown"},
    {Region::japan, "japan"},
    {Region::overseas, "overseas"},
}};
constexpr NameTable<Direction, 2> kDirectionIds{{
    {Direction::one_way, "one-way"},
    {Direction::both, "both"},
}};
constexpr NameTable<Means, 3> kMeansIds{{
    {Means::unset, "unset"},
    {Means::in_person, "in-person"},
    {Means::unstated, "unstated"},
}};
constexpr NameTable<Party, 2> kPartyIds{{
    {Party::ward, "ward"},
    {Party::other, "other"},
}};
constexpr NameTable<TransferKind, 12> kTransferKindIds{{
    {TransferKind::internet, "internet"},
    {TransferKind::lgwan, "lgwan"},
    {TransferKind::closed, "closed"},
    {TransferKind::dedicated_line, "dedicated-line"},
    {TransferKind::intranet, "intranet"},
    {TransferKind::telephone, "telephone"},
    {TransferKind::mobile_carrier, "mobile-carrier"},
    {TransferKind::unknown, "unknown"},
    {TransferKind::media, "media"},
    {TransferKind::paper, "paper"},
    {TransferKind::direct, "direct"},
    {TransferKind::unstated, "unstated"},
}};
constexpr NameTable<TransferKind, 12> kTransferKindJa{{
    {TransferKind::internet, "インターネット"},
    {TransferKind::lgwan, "LGWAN"},
    {TransferKind::closed, "閉域ネットワーク"},
    {TransferKind::dedicated_line, "専用回線"},
    {TransferKind::intranet, "庁内ネットワーク"},
    {TransferKind::telephone, "電話"},
    {TransferKind::mobile_carrier, "携帯電話網"},
    {TransferKind::unknown, "種別不明の回線"},
    {TransferKind::media, "電磁的媒体の受渡し"},
    {TransferKind::paper, "紙媒体の受渡し"},
    {TransferKind::direct, "直接"},
    {TransferKind::unstated, "手段の記載なし"},
}};

template <typename Enum, std::size_t N>
std::vector<std::string_view> all_names(const NameTable<Enum, N>& table) {
  std::vector<std::string_view> names;
  for (const auto& entry : table) names.push_back(entry.second);
  return names;
}

}  // namespace

std::vector<std::string_view> procedure_ids() { return all_names(kProcedureIds); }
std::vector<std::string_view> item_class_ids() { return all_names(kItemClassIds); }
std::vector<std::string_view> org_role_ids() { return all_names(kOrgRoleIds); }
std::vector<std::string_view> node_kind_ids() { return all_names(kNodeKindIds); }
std::vector<std::string_view> network_kind_ids() { return all_names(kNetworkKindIds); }
std::vector<std::string_view> medium_kind_ids() { return all_names(kMediumKindIds); }
std::vector<std::string_view> region_ids() { return all_names(kRegionIds); }
std::vector<std::string_view> direction_ids() { return all_names(kDirectionIds); }
std::vector<std::string_view> means_ids() {
  auto ids = all_names(kMeansIds);
  ids.erase(ids.begin());  // `unset` is the absence of the key, not a value to write
  return ids;
}
std::vector<std::string_view> party_ids() { return all_names(kPartyIds); }
std::vector<std::string_view> transfer_kind_ids() { return all_names(kTransferKindIds); }

bool is_personal(ItemClass item_class) {
  return item_class == ItemClass::personal || item_class == ItemClass::special_care ||
         item_class == ItemClass::my_number;
}

std::string_view id_of(Procedure value) { return lookup_name(kProcedureIds, value); }
std::string_view id_of(ItemClass value) { return lookup_name(kItemClassIds, value); }
std::string_view id_of(OrgRole value) { return lookup_name(kOrgRoleIds, value); }
std::string_view id_of(NodeKind value) { return lookup_name(kNodeKindIds, value); }
std::string_view id_of(NetworkKind value) { return lookup_name(kNetworkKindIds, value); }
std::string_view id_of(MediumKind value) { return lookup_name(kMediumKindIds, value); }
std::string_view id_of(Region value) { return lookup_name(kRegionIds, value); }
std::string_view id_of(Direction value) { return lookup_name(kDirectionIds, value); }
std::string_view id_of(Means value) { return lookup_name(kMeansIds, value); }
std::string_view id_of(Party value) { return lookup_name(kPartyIds, value); }
std::string_view id_of(TransferKind value) { return lookup_name(kTransferKindIds, value); }

std::optional<Procedure> parse_procedure(std::string_view t) {
  return lookup_value(kProcedureIds, t);
}
std::optional<ItemClass> parse_item_class(std::string_view t) {
  return lookup_value(kItemClassIds, t);
}
std::optional<OrgRole> parse_org_role(std::string_view t) { return lookup_value(kOrgRoleIds, t); }
std::optional<NodeKind> parse_node_kind(std::string_view t) {
  return lookup_value(kNodeKindIds, t);
}
std::optional<NetworkKind> parse_network_kind(std::string_view t) {
  return lookup_value(kNetworkKindIds, t);
}
std::optional<MediumKind> parse_medium_kind(std::string_view t) {
  return lookup_value(kMediumKindIds, t);
}
std::optional<Region> parse_region(std::string_view t) { return lookup_value(kRegionIds, t); }
std::optional<Direction> parse_direction(std::string_view t) {
  return lookup_value(kDirectionIds, t);
}
std::optional<Means> parse_means(std::string_view t) {
  auto means = lookup_value(kMeansIds, t);
  return means == Means::unset ? std::nullopt : means;
}
std::optional<Party> parse_party(std::string_view t) { return lookup_value(kPartyIds, t); }
std::optional<TransferKind> parse_transfer_kind(std::string_view t) {
  return lookup_value(kTransferKindIds, t);
}

std::string_view japanese_name(Procedure value) { return lookup_name(kProcedureJa, value); }
std::string_view japanese_name(ItemClass value) { return lookup_name(kItemClassJa, value); }
std::string_view japanese_name(TransferKind value) { return lookup_name(kTransferKindJa, value); }

namespace {

std::string replace_all(std::string_view text, std::string_view placeholder,
                        std::string_view replacement) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    if (text.substr(at, placeholder.size()) == placeholder) {
      out += replacement;
      at += placeholder.size();
    } else {
      out += text[at++];
    }
  }
  return out;
}

}  // namespace

std::string worded(std::string_view text, std::string_view body) {
  return replace_all(text, "{body}", body);
}

std::string worded(std::string_view text, const Paper& paper) {
  const std::string_view name = paper.municipality.empty() ? paper.body : paper.municipality;
  return replace_all(replace_all(text, "{municipality}", name), "{body}", paper.body);
}

bool Model::is_within(std::size_t org, std::size_t ancestor) const {
  // The loader rejects parent cycles, so this walk ends; the bound guards it anyway.
  for (std::size_t hops = 0; org != npos && hops <= orgs.size(); ++hops) {
    if (org == ancestor) return true;
    org = orgs[org].parent;
  }
  return false;
}

bool Model::same_place(std::size_t a, std::size_t b) const {
  // Two organizations are one place when they share their outermost organization: a
  // department and its ward. A node with no organization is nowhere in particular.
  if (a == npos || b == npos) return true;
  auto root = [this](std::size_t org) {
    for (std::size_t hops = 0; orgs[org].parent != npos && hops <= orgs.size(); ++hops) {
      org = orgs[org].parent;
    }
    return org;
  };
  return root(a) == root(b);
}

bool Model::is_ward_side(std::size_t org) const {
  for (std::size_t hops = 0; org != npos && hops <= orgs.size(); ++hops) {
    if (orgs[org].role == OrgRole::ward || orgs[org].role == OrgRole::department) return true;
    org = orgs[org].parent;
  }
  return false;
}

std::vector<TransferKind> Model::transfer_kinds(const Flow& flow) const {
  std::vector<TransferKind> kinds;
  auto add = [&kinds](TransferKind kind) {
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
  };
  for (std::size_t via : flow.via) {
    const Node& node = nodes[via];
    if (node.network) {
      // Every network kind is also a transfer kind of the same id.
      add(*parse_transfer_kind(id_of(*node.network)));
    } else if (node.medium) {
      add(*node.medium == MediumKind::paper ? TransferKind::paper : TransferKind::media);
    }
  }
  if (!kinds.empty()) return kinds;
  const bool apart = flow.from < nodes.size() && flow.to < nodes.size() &&
                     !same_place(nodes[flow.from].org, nodes[flow.to].org);
  if (flow.means == Means::unstated || (flow.means == Means::unset && apart)) {
    add(TransferKind::unstated);
  } else {
    add(TransferKind::direct);
  }
  return kinds;
}

std::string Model::flow_title(const Flow& flow) const {
  std::string title;
  append_flow_title(title, flow);
  return title;
}

void Model::append_flow_title(std::string& out, const Flow& flow) const {
  static constexpr std::array<std::string_view, 20> kCircled{"①", "②", "③", "④", "⑤", "⑥", "⑦",
                                                             "⑧", "⑨", "⑩", "⑪", "⑫", "⑬", "⑭",
                                                             "⑮", "⑯", "⑰", "⑱", "⑲", "⑳"};
  if (flow.step) {
    if (*flow.step >= 1 && *flow.step <= 20) {
      out += kCircled[static_cast<std::size_t>(*flow.step - 1)];
    } else {
      out += '(';
      out += std::to_string(*flow.step);
      out += ')';
    }
  }
  out += flow.label.empty() ? flow.id : flow.label;
}

}  // namespace nagare
