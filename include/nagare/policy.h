#pragma once

// A policy says which measures each kind of transfer, node or organization needs.
// Most of it is data (a TOML file); the checks that need code are the built-in ones
// listed in check.h, whose severity a policy may change.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "nagare/model.h"

namespace nagare {

/// What a rule looks at: each flow, each node, or each organization.
enum class RuleScope { flow, node, org };

/// Where a required measure may sit for the rule to count it as present.
/// `matched` and `matched_org`: the end(s) of a flow that met the endpoint conditions, so
/// that a rule about "the system receiving over the internet" looks at the server, whichever
/// end it is.
enum class MeasurePlace { flow, via, from, to, from_org, to_org, node, org, matched, matched_org };

/// Which end of a flow the endpoint conditions look at.
enum class EndpointSide { to, from, either };

/// When a rule applies. Every condition given must hold; an empty list means "any".
struct RuleCondition {
  std::vector<TransferKind> transfer;  // the flow passes any of these
  std::optional<bool> crosses_org;     // endpoints in different organizations
  std::vector<ItemClass> carries;      // flow carries / node or org receives any of these
  EndpointSide endpoint = EndpointSide::to;
  std::vector<NodeKind> kind;            // endpoint's (flow) or the node's kind
  std::vector<NodeKind> not_kind;        // none of these kinds (for a flow: at neither end)
  std::vector<OrgRole> role;             // role of the endpoint's / node's / the organization
  std::vector<OrgRole> not_role;         // none of these roles (for a flow: at neither end)
  std::optional<bool> outside_ward;      // not on the ward side
  std::optional<bool> stores;            // endpoint / node stores personal data
  std::optional<bool> handles_physical;  // org: has paper or media flows
  std::optional<bool> electronic;        // node keeps electronic data (not paper only)
  std::vector<Region> region;            // region of the node's organization (or its parents)
};

/// Declared measures that partly cover a rule's risk: when they are all (or any of them)
/// in place, a gap is reported at the lower severity `to` (compensation).
struct Lowering {
  std::vector<std::string> all_ids;
  std::vector<std::string> any_ids;
  std::vector<std::size_t> all;
  std::vector<std::size_t> any;
  std::vector<ItemClass> carries_none;  // and the flow, node or organization carries none of these
  Severity to = Severity::warning;
};

struct Rule {
  std::string id;
  std::string title;
  std::string title_en;
  std::string why;
  std::string why_en;
  Severity severity = Severity::error;
  RuleScope scope = RuleScope::flow;
  RuleCondition when;
  std::vector<std::string> require_all;
  std::vector<std::string> require_any;
  std::vector<std::size_t> all_measures;  // resolved against the catalogue
  std::vector<std::size_t> any_measures;
  std::vector<MeasurePlace> at;
  std::vector<Lowering> lower;
  SourceLocation where;
};

/// Severity setting of a built-in check; nullopt severity disables it.
struct CheckSetting {
  bool enabled = true;
  Severity severity = Severity::warning;
};

struct Policy {
  std::string name;
  std::string file;
  std::vector<Rule> rules;
  std::map<std::string, CheckSetting, std::less<>> checks;
};

/// A check that needs code rather than a policy rule. Listed here so that a policy can
/// set its severity; carried out in src/check.
struct BuiltinCheck {
  std::string_view id;
  Severity default_severity;
  std::string_view title;
  std::string_view title_en;
};

const std::vector<BuiltinCheck>& builtin_checks();

std::string_view id_of(RuleScope scope);
std::string_view id_of(MeasurePlace place);
std::optional<RuleScope> parse_rule_scope(std::string_view text);
std::optional<MeasurePlace> parse_measure_place(std::string_view text);
std::optional<EndpointSide> parse_endpoint_side(std::string_view text);
std::optional<Severity> parse_severity(std::string_view text);

}  // namespace nagare
