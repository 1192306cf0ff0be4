#include <algorithm>
#include <array>
#include <map>
#include <tuple>

#include "nagare/check.h"
#include "nagare/reach.h"

namespace nagare {
namespace {

/// Which measures an entity carries (○) and which it marks not applicable (－).
/// Bit sets keep checking linear: a rule looks a measure up in constant time.
class MarkSet {
 public:
  explicit MarkSet(std::size_t measure_count)
      : done_((measure_count + 63) / 64), na_((measure_count + 63) / 64) {}

  void add(const MeasureMark& mark) {
    if (mark.not_applicable) {
      set(na_, mark.measure);
      if (na_reasons_.count(mark.measure) == 0) na_reasons_.emplace(mark.measure, mark.reason);
    } else {
      set(done_, mark.measure);
    }
  }
  void add_done(std::size_t measure) { set(done_, measure); }
  void merge(const MarkSet& other) {
    for (std::size_t i = 0; i < done_.size(); ++i) {
      done_[i] |= other.done_[i];
      na_[i] |= other.na_[i];
    }
    for (const auto& [measure, reason] : other.na_reasons_) na_reasons_.emplace(measure, reason);
  }
  bool done(std::size_t measure) const { return test(done_, measure); }
  const std::string* na_reason(std::size_t measure) const {
    if (!test(na_, measure)) return nullptr;
    return &na_reasons_.at(measure);
  }

 private:
  static void set(std::vector<std::uint64_t>& bits, std::size_t i) {
    bits[i / 64] |= std::uint64_t{1} << (i % 64);
  }
  static bool test(const std::vector<std::uint64_t>& bits, std::size_t i) {
    return (bits[i / 64] >> (i % 64)) & 1u;
  }
  std::vector<std::uint64_t> done_;
  std::vector<std::uint64_t> na_;
  std::map<std::size_t, std::string> na_reasons_;
};

using ClassMask = unsigned;
ClassMask bit(ItemClass item_class) { return 1u << static_cast<unsigned>(item_class); }
ClassMask mask_of(const std::vector<ItemClass>& classes) {
  ClassMask mask = 0;
  for (ItemClass item_class : classes) mask |= bit(item_class);
  return mask;
}
constexpr std::size_t kClassCount = 5;  // the values of ItemClass
constexpr ClassMask kPersonalMask = (1u << static_cast<unsigned>(ItemClass::personal)) |
                                    (1u << static_cast<unsigned>(ItemClass::special_care)) |
                                    (1u << static_cast<unsigned>(ItemClass::my_number));

bool is_electronic_only_reason(const std::string& reason) {
  return reason.find("電子データ") != std::string::npos ||
         reason.find("electronic") != std::string::npos;
}

template <typename T>
bool contains(const std::vector<T>& values, const T& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

class Checker {
 public:
  Checker(const Model& model, const MeasureCatalogue& catalogue, const Policy& policy)
      : model_(model),
        catalogue_(catalogue),
        policy_(policy),
        reach_(model),
        measure_count_(catalogue.size() + model.custom_measures.size()) {
    index_orgs();
    index_marks();
    index_items();
  }

  std::vector<Finding> run() {
    for (const Rule& rule : policy_.rules) {
      switch (rule.scope) {
        case RuleScope::flow:
          for (std::size_t f = 0; f < model_.flows.size(); ++f) check_flow(rule, f);
          break;
        case RuleScope::node:
          for (std::size_t n = 0; n < model_.nodes.size(); ++n) check_node(rule, n);
          break;
        case RuleScope::org:
          for (std::size_t o = 0; o < model_.orgs.size(); ++o) check_org(rule, o);
          break;
      }
    }
    if (enabled("must-not-receive")) check_must_not_receive();
    if (enabled("cloud-outside-japan")) check_cloud_outside_japan();
    if (enabled("uncertified-special-care")) check_uncertified_special_care();
    if (enabled("electronic-only-contradiction")) check_electronic_only();
    if (enabled("checklist-disagreement")) check_checklist_disagreement();
    apply_acceptances();
    std::stable_sort(findings_.begin(), findings_.end(), [](const Finding& a, const Finding& b) {
      return std::tie(a.where.line, a.where.column, a.id) <
             std::tie(b.where.line, b.where.column, b.id);
    });
    return std::move(findings_);
  }

 private:
  // ---- indexes -------------------------------------------------------------------------

  /// Orders organizations parents first, so that everything inherited down the nesting
  /// (ward side, root, measures) is one pass, however deep the nesting. The loader rejects
  /// parent cycles; an organization on one would count as a root here.
  void index_orgs() {
    const std::size_t count = model_.orgs.size();
    std::vector<std::vector<std::size_t>> children(count);
    for (std::size_t o = 0; o < count; ++o) {
      if (model_.orgs[o].parent != npos) children[model_.orgs[o].parent].push_back(o);
    }
    parent_.assign(count, npos);
    std::vector<char> placed(count);
    for (std::size_t o = 0; o < count; ++o) {
      if (model_.orgs[o].parent == npos) {
        order_.push_back(o);
        placed[o] = 1;
      }
    }
    for (std::size_t i = 0; i < order_.size(); ++i) {
      for (std::size_t child : children[order_[i]]) {
        order_.push_back(child);
        placed[child] = 1;
        parent_[child] = order_[i];
      }
    }
    for (std::size_t o = 0; o < count; ++o) {
      if (!placed[o]) order_.push_back(o);
    }
    ward_side_.assign(count, false);
    root_.assign(count, npos);
    for (std::size_t o : order_) {
      const OrgRole role = model_.orgs[o].role;
      const std::size_t parent = parent_[o];
      ward_side_[o] = role == OrgRole::ward || role == OrgRole::department ||
                      (parent != npos && ward_side_[parent]);
      root_[o] = parent == npos ? o : root_[parent];
    }
  }

  void index_marks() {
    // Attributes that amount to a measure: a certification, a cloud in Japan.
    const auto certified = catalogue_.find("certified-operator");
    const auto in_japan = catalogue_.find("servers-in-japan");
    // An organization's measures apply to everything nested in it: its own, then those of
    // its parent (already merged with the parent's ancestors).
    org_marks_.assign(model_.orgs.size(), MarkSet(measure_count_));
    for (std::size_t o : order_) {
      const Organization& org = model_.orgs[o];
      MarkSet& marks = org_marks_[o];
      for (const MeasureMark& mark : org.measures) marks.add(mark);
      for (const Certification& certification : org.certifications) {
        if (certified && (certification.kind == "ISMS" || certification.kind == "Pmark")) {
          marks.add_done(*certified);
        }
      }
      if (in_japan && org.region == Region::japan) marks.add_done(*in_japan);
      if (parent_[o] != npos) marks.merge(org_marks_[parent_[o]]);
    }
    node_marks_.assign(model_.nodes.size(), MarkSet(measure_count_));
    for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
      for (const MeasureMark& mark : model_.nodes[n].measures) node_marks_[n].add(mark);
    }
    flow_marks_.assign(model_.flows.size(), MarkSet(measure_count_));
    for (std::size_t f = 0; f < model_.flows.size(); ++f) {
      for (const MeasureMark& mark : model_.flows[f].measures) flow_marks_[f].add(mark);
    }
  }

  void index_items() {
    flow_classes_.resize(model_.flows.size());
    flow_transfers_.resize(model_.flows.size());
    for (std::size_t f = 0; f < model_.flows.size(); ++f) {
      for (std::size_t item : reach_.carried_by(f)) {
        flow_classes_[f] |= bit(model_.items[item].item_class);
      }
      for (TransferKind kind : model_.transfer_kinds(model_.flows[f])) {
        flow_transfers_[f] |= 1u << static_cast<unsigned>(kind);
      }
    }
    // What reaches an organization reaches the ones it is nested in: each node's classes
    // go to its own organization, then children hand theirs to their parents.
    node_classes_.resize(model_.nodes.size());
    org_classes_.assign(model_.orgs.size(), 0);
    org_physical_.assign(model_.orgs.size(), false);
    first_node_.assign(model_.orgs.size(), {npos, npos, npos, npos, npos});
    for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
      for (std::size_t item : reach_.reaching(n)) {
        node_classes_[n] |= bit(model_.items[item].item_class);
      }
      const std::size_t org = model_.nodes[n].org;
      if (org == npos) continue;
      org_classes_[org] |= node_classes_[n];
      if (model_.nodes[n].kind == NodeKind::medium) org_physical_[org] = true;
      for (std::size_t c = 0; c < kClassCount; ++c) {
        if ((node_classes_[n] >> c) & 1u) first_node_[org][c] = std::min(first_node_[org][c], n);
      }
    }
    const unsigned physical = (1u << static_cast<unsigned>(TransferKind::media)) |
                              (1u << static_cast<unsigned>(TransferKind::paper));
    for (std::size_t f = 0; f < model_.flows.size(); ++f) {
      if ((flow_transfers_[f] & physical) == 0) continue;
      for (std::size_t end : {model_.flows[f].from, model_.flows[f].to}) {
        if (model_.nodes[end].org != npos) org_physical_[model_.nodes[end].org] = true;
      }
    }
    for (auto it = order_.rbegin(); it != order_.rend(); ++it) {
      const std::size_t parent = parent_[*it];
      if (parent == npos) continue;
      org_classes_[parent] |= org_classes_[*it];
      if (org_physical_[*it]) org_physical_[parent] = true;
      for (std::size_t c = 0; c < kClassCount; ++c) {
        first_node_[parent][c] = std::min(first_node_[parent][c], first_node_[*it][c]);
      }
    }
  }

  bool enabled(std::string_view check) const {
    auto it = policy_.checks.find(check);
    return it == policy_.checks.end() || it->second.enabled;
  }
  Severity severity_of(std::string_view check) const {
    auto it = policy_.checks.find(check);
    if (it != policy_.checks.end()) return it->second.severity;
    for (const BuiltinCheck& builtin : builtin_checks()) {
      if (builtin.id == check) return builtin.default_severity;
    }
    return Severity::warning;
  }

  // ---- conditions ----------------------------------------------------------------------

  bool has_role_in(std::size_t org, const std::vector<OrgRole>& roles) const {
    return org != npos && contains(roles, model_.orgs[org].role);
  }

  bool node_matches(const RuleCondition& when, std::size_t n) const {
    const Node& node = model_.nodes[n];
    if (has_role_in(node.org, when.not_role)) return false;
    if (!when.kind.empty() && !contains(when.kind, node.kind)) return false;
    if (!when.role.empty() &&
        (node.org == npos || !contains(when.role, model_.orgs[node.org].role)))
      return false;
    if (when.outside_ward) {
      const bool outside = node.org == npos || !ward_side_[node.org];
      if (*when.outside_ward != outside) return false;
    }
    if (when.stores && *when.stores != node.stores) return false;
    if (when.handles_physical &&
        (node.org == npos || *when.handles_physical != org_physical_[node.org]))
      return false;
    return true;
  }

  bool flow_matches(const RuleCondition& when, std::size_t f) const {
    const Flow& flow = model_.flows[f];
    if (!when.transfer.empty()) {
      unsigned wanted = 0;
      for (TransferKind kind : when.transfer) wanted |= 1u << static_cast<unsigned>(kind);
      if ((flow_transfers_[f] & wanted) == 0) return false;
    }
    if (when.crosses_org && *when.crosses_org != crosses_org(flow)) return false;
    if (has_role_in(model_.nodes[flow.from].org, when.not_role) ||
        has_role_in(model_.nodes[flow.to].org, when.not_role))
      return false;
    if (!when.carries.empty() && (flow_classes_[f] & mask_of(when.carries)) == 0) return false;
    const bool to_side = when.endpoint != EndpointSide::from || flow.direction == Direction::both;
    const bool from_side = when.endpoint != EndpointSide::to || flow.direction == Direction::both;
    return (to_side && node_matches(when, flow.to)) || (from_side && node_matches(when, flow.from));
  }

  bool crosses_org(const Flow& flow) const {
    const std::size_t a = model_.nodes[flow.from].org;
    const std::size_t b = model_.nodes[flow.to].org;
    if (a == b) return false;
    if (a == npos || b == npos) return true;
    return root_[a] != root_[b];
  }

  // ---- rules ---------------------------------------------------------------------------

  /// What of a rule's requirement the given places lack.
  struct Gap {
    std::vector<std::size_t> missing;  // the `all` measures not in place, then the `any` ones
    std::size_t any_from = 0;          // missing[any_from..] are alternatives: one would do
    std::vector<std::pair<std::size_t, std::string>> not_applicable;
  };

  Gap find_gap(const Rule& rule, const std::vector<const MarkSet*>& places) const {
    Gap gap;
    auto is_done = [&](std::size_t m) {
      return std::any_of(places.begin(), places.end(),
                         [m](const MarkSet* s) { return s->done(m); });
    };
    auto na_reason = [&](std::size_t m) -> const std::string* {
      for (const MarkSet* s : places) {
        if (const std::string* reason = s->na_reason(m)) return reason;
      }
      return nullptr;
    };
    auto lacks = [&](std::size_t m) {
      if (const std::string* reason = na_reason(m)) {
        gap.not_applicable.emplace_back(m, *reason);
      } else {
        gap.missing.push_back(m);
      }
    };
    for (std::size_t m : rule.all_measures) {
      if (!is_done(m)) lacks(m);
    }
    gap.any_from = gap.missing.size();
    if (!rule.any_measures.empty() &&
        std::none_of(rule.any_measures.begin(), rule.any_measures.end(), is_done)) {
      for (std::size_t m : rule.any_measures) lacks(m);
    }
    return gap;
  }

  void check_flow(const Rule& rule, std::size_t f) {
    if (!flow_matches(rule.when, f)) return;
    const Flow& flow = model_.flows[f];
    std::vector<const MarkSet*> places;
    auto add_org = [&](std::size_t node) {
      if (model_.nodes[node].org != npos) places.push_back(&org_marks_[model_.nodes[node].org]);
    };
    for (MeasurePlace place : rule.at) {
      switch (place) {
        case MeasurePlace::flow:
          places.push_back(&flow_marks_[f]);
          break;
        case MeasurePlace::via:
          for (std::size_t via : flow.via) places.push_back(&node_marks_[via]);
          break;
        case MeasurePlace::from:
        case MeasurePlace::node:
          places.push_back(&node_marks_[flow.from]);
          if (place == MeasurePlace::node) places.push_back(&node_marks_[flow.to]);
          break;
        case MeasurePlace::to:
          places.push_back(&node_marks_[flow.to]);
          break;
        case MeasurePlace::from_org:
        case MeasurePlace::org:
          add_org(flow.from);
          if (place == MeasurePlace::org) add_org(flow.to);
          break;
        case MeasurePlace::to_org:
          add_org(flow.to);
          break;
      }
    }
    Gap gap = find_gap(rule, places);
    if (gap.missing.empty() && gap.not_applicable.empty()) return;
    Finding finding = rule_finding(rule, gap, "flow." + flow.id, flow.where);
    finding.flow = flow.id;
    finding.from = model_.nodes[flow.from].id;
    finding.to = model_.nodes[flow.to].id;
    const std::string subject =
        "流れ「" + model_.flow_title(flow) + "」(" + *finding.from + " → " + *finding.to + ")";
    const std::string subject_en =
        "flow \"" + flow.id + "\" (" + *finding.from + " -> " + *finding.to + ")";
    describe(finding, rule, gap, subject, subject_en);
    findings_.push_back(std::move(finding));
  }

  void check_node(const Rule& rule, std::size_t n) {
    if (!node_matches(rule.when, n)) return;
    if (!rule.when.carries.empty() && (node_classes_[n] & mask_of(rule.when.carries)) == 0) return;
    const Node& node = model_.nodes[n];
    std::vector<const MarkSet*> places;
    for (MeasurePlace place : rule.at) {
      if (place == MeasurePlace::node) places.push_back(&node_marks_[n]);
      if (place == MeasurePlace::org && node.org != npos) places.push_back(&org_marks_[node.org]);
    }
    Gap gap = find_gap(rule, places);
    if (gap.missing.empty() && gap.not_applicable.empty()) return;
    Finding finding = rule_finding(rule, gap, "node." + node.id, node.where);
    finding.node = node.id;
    if (node.org != npos) finding.org = model_.orgs[node.org].id;
    describe(finding, rule, gap, "「" + node.name + "」(" + node.id + ")",
             "node \"" + node.id + "\"");
    findings_.push_back(std::move(finding));
  }

  void check_org(const Rule& rule, std::size_t o) {
    const Organization& org = model_.orgs[o];
    const RuleCondition& when = rule.when;
    if (!when.role.empty() && !contains(when.role, org.role)) return;
    if (contains(when.not_role, org.role)) return;
    if (when.outside_ward && *when.outside_ward == ward_side_[o]) return;
    if (when.handles_physical && *when.handles_physical != org_physical_[o]) return;
    if (!when.carries.empty() && (org_classes_[o] & mask_of(when.carries)) == 0) return;
    Gap gap = find_gap(rule, {&org_marks_[o]});
    if (gap.missing.empty() && gap.not_applicable.empty()) return;
    Finding finding = rule_finding(rule, gap, "org." + org.id, org.where);
    finding.org = org.id;
    describe(finding, rule, gap, "組織「" + org.name + "」(" + org.id + ")",
             "organization \"" + org.id + "\"");
    findings_.push_back(std::move(finding));
  }

  Finding rule_finding(const Rule& rule, const Gap& gap, const std::string& entity,
                       const SourceLocation& where) const {
    Finding finding;
    finding.rule = rule.id;
    finding.id = rule.id + "@" + entity;
    finding.where = where;
    // A gap the model explains as not applicable (－) is for the reviewer to weigh, not an error.
    finding.severity = gap.missing.empty() ? Severity::info : rule.severity;
    for (std::size_t m : gap.missing) finding.missing.push_back(measure_id(m));
    return finding;
  }

  void describe(Finding& finding, const Rule& rule, const Gap& gap, const std::string& subject,
                const std::string& subject_en) const {
    std::string ja = subject;
    std::string en = subject_en;
    if (!gap.missing.empty()) {
      const std::vector<std::size_t> all(
          gap.missing.begin(), gap.missing.begin() + static_cast<std::ptrdiff_t>(gap.any_from));
      const std::vector<std::size_t> any(
          gap.missing.begin() + static_cast<std::ptrdiff_t>(gap.any_from), gap.missing.end());
      ja += " に必要な対策がありません: ";
      en += " lacks: ";
      if (!all.empty()) {
        ja += join_names(all, false, "、");
        en += join_names(all, true, ", ");
      }
      if (!all.empty() && !any.empty()) {
        ja += "、";
        en += "; ";
      }
      if (any.size() == 1) {
        ja += join_names(any, false, "");
        en += join_names(any, true, "");
      } else if (!any.empty()) {
        ja += join_names(any, false, " または ") + " のいずれか";
        en += "one of " + join_names(any, true, " or ");
      }
    }
    for (const auto& [measure, reason] : gap.not_applicable) {
      ja += (gap.missing.empty() ? " では " : "。また ") +
            measure_name(catalogue_, model_, measure) + " が「－（" + reason + "）」とされています";
      en += std::string(gap.missing.empty() ? " marks " : "; marks ") +
            measure_name(catalogue_, model_, measure, true) + " not applicable (" + reason + ")";
    }
    ja += "（規則: " + rule.title + "）";
    en += " (rule: " + rule.title_en + ")";
    finding.message = std::move(ja);
    finding.message_en = std::move(en);
  }

  std::string measure_id(std::size_t m) const {
    if (m < catalogue_.size()) return catalogue_.at(m).id;
    return model_.custom_measures[m - catalogue_.size()].id;
  }

  std::string join_names(const std::vector<std::size_t>& measures, bool english,
                         std::string_view separator) const {
    std::string text;
    for (std::size_t m : measures) {
      if (!text.empty()) text += separator;
      text += measure_name(catalogue_, model_, m, english);
    }
    return text;
  }

  // ---- built-in checks -----------------------------------------------------------------

  Finding builtin_finding(std::string_view check, const std::string& entity,
                          const SourceLocation& where) const {
    Finding finding;
    finding.rule = std::string(check);
    finding.id = std::string(check) + "@" + entity;
    finding.severity = severity_of(check);
    finding.where = where;
    return finding;
  }

  /// The first item of a class in `mask` reaching a node of `org` (or of an organization
  /// nested in it; the node of lowest index), with the flow bringing it.
  std::optional<std::tuple<std::size_t, std::size_t, std::size_t>> first_arrival(
      std::size_t org, ClassMask mask) const {
    std::size_t n = npos;
    for (std::size_t c = 0; c < kClassCount; ++c) {
      if ((mask >> c) & 1u) n = std::min(n, first_node_[org][c]);
    }
    if (n == npos) return std::nullopt;
    for (std::size_t item : reach_.reaching(n)) {
      if (bit(model_.items[item].item_class) & mask) {
        return std::make_tuple(item, n, reach_.first_flow_bringing(item, n));
      }
    }
    return std::nullopt;
  }

  void check_must_not_receive() {
    for (std::size_t o = 0; o < model_.orgs.size(); ++o) {
      const Organization& org = model_.orgs[o];
      const ClassMask forbidden = mask_of(org.must_not_receive);
      if (forbidden == 0 || (org_classes_[o] & forbidden) == 0) continue;
      auto arrival = first_arrival(o, forbidden);
      if (!arrival) continue;
      const auto [item, node, flow] = *arrival;
      const ItemSet& set = model_.items[item];
      Finding finding = builtin_finding("must-not-receive", "org." + org.id,
                                        flow != npos ? model_.flows[flow].where : org.where);
      finding.org = org.id;
      finding.node = model_.nodes[node].id;
      std::string via_ja, via_en;
      if (flow != npos) {
        finding.flow = model_.flows[flow].id;
        finding.from = model_.nodes[model_.flows[flow].from].id;
        finding.to = model_.nodes[model_.flows[flow].to].id;
        via_ja = "流れ「" + model_.flow_title(model_.flows[flow]) + "」で";
        via_en = " through flow \"" + model_.flows[flow].id + "\"";
      }
      finding.message = "組織「" + org.name + "」は" + std::string(japanese_name(set.item_class)) +
                        "を受け取ってはなりませんが、「" + set.name + "」が" + via_ja + "「" +
                        model_.nodes[node].name + "」に届きます";
      finding.message_en = "organization \"" + org.id + "\" must never receive " +
                           std::string(id_of(set.item_class)) + " items, but \"" + set.id +
                           "\" reaches node \"" + model_.nodes[node].id + "\"" + via_en;
      findings_.push_back(std::move(finding));
    }
  }

  void check_cloud_outside_japan() {
    for (std::size_t o = 0; o < model_.orgs.size(); ++o) {
      const Organization& org = model_.orgs[o];
      if (org.region != Region::overseas || (org_classes_[o] & kPersonalMask) == 0) continue;
      Finding finding = builtin_finding("cloud-outside-japan", "org." + org.id, org.where);
      finding.org = org.id;
      finding.message = "組織「" + org.name +
                        "」のサーバは国外にあり、国内法が適用されるサーバ環境ではありませんが、"
                        "個人情報が届きます";
      finding.message_en = "organization \"" + org.id +
                           "\" keeps its servers outside Japan, yet personal items reach it";
      findings_.push_back(std::move(finding));
    }
  }

  /// A certification, or a paper's statement that the party is certified (certified-operator,
  /// which index_marks() also derives from ISMS and Pmark certifications).
  bool certified(std::size_t org) const {
    const auto measure = catalogue_.find("certified-operator");
    return measure && org_marks_[org].done(*measure);
  }

  void check_uncertified_special_care() {
    static const std::vector<OrgRole> kHandlers{OrgRole::contractor, OrgRole::subcontractor,
                                                OrgRole::connected, OrgRole::cloud};
    const ClassMask sensitive = bit(ItemClass::special_care) | bit(ItemClass::my_number);
    for (std::size_t o = 0; o < model_.orgs.size(); ++o) {
      const Organization& org = model_.orgs[o];
      if (!contains(kHandlers, org.role) || ward_side_[o]) continue;
      if ((org_classes_[o] & sensitive) == 0 || certified(o)) continue;
      Finding finding = builtin_finding("uncertified-special-care", "org." + org.id, org.where);
      finding.org = org.id;
      finding.missing = {"certified-operator"};
      finding.message =
          "組織「" + org.name +
          "」は ISMS・プライバシーマークの認証がありませんが、要配慮個人情報等を扱います";
      finding.message_en = "organization \"" + org.id +
                           "\" holds no ISMS or Privacy Mark certification, yet handles "
                           "special-care items";
      findings_.push_back(std::move(finding));
    }
  }

  void check_electronic_only() {
    for (std::size_t o = 0; o < model_.orgs.size(); ++o) {
      const Organization& org = model_.orgs[o];
      if (!org_physical_[o]) continue;
      for (const MeasureMark& mark : org.measures) {
        if (!mark.not_applicable || !is_electronic_only_reason(mark.reason)) continue;
        Finding finding = builtin_finding("electronic-only-contradiction",
                                          "org." + org.id + "." + mark.measure_id, mark.where);
        finding.org = org.id;
        finding.message = "組織「" + org.name + "」の「" +
                          measure_name(catalogue_, model_, mark.measure) + "」は「－（" +
                          mark.reason +
                          "）」とされていますが、紙または電磁的媒体の受渡しがあります";
        finding.message_en = "organization \"" + org.id + "\" marks " + mark.measure_id +
                             " not applicable (" + mark.reason +
                             "), yet paper or media are handed over";
        findings_.push_back(std::move(finding));
      }
    }
  }

  void check_checklist_disagreement() {
    for (const Organization& org : model_.orgs) {
      for (const MeasureMark& na : org.measures) {
        if (!na.not_applicable) continue;
        auto disagrees = [&](const MeasureMark& done) {
          return !done.not_applicable && done.measure == na.measure && done.party != na.party &&
                 (!done.procedure || !na.procedure || done.procedure == na.procedure);
        };
        auto it = std::find_if(org.measures.begin(), org.measures.end(), disagrees);
        if (it == org.measures.end()) continue;
        Finding finding = builtin_finding("checklist-disagreement",
                                          "org." + org.id + "." + na.measure_id, na.where);
        finding.org = org.id;
        const auto side = [](Party party) {
          return party == Party::ward ? std::string("区が行う対策")
                                      : std::string("相手方に行わせる対策");
        };
        finding.message = "組織「" + org.name + "」の「" +
                          measure_name(catalogue_, model_, na.measure) + "」は" + side(na.party) +
                          "では「－（" + na.reason + "）」、" + side(it->party) + "では○です (" +
                          std::to_string(it->where.line) + "行目)";
        finding.message_en =
            "organization \"" + org.id + "\": " + na.measure_id + " is " + "not applicable (" +
            na.reason + ") on the " + std::string(id_of(na.party)) + " side but in place on the " +
            std::string(id_of(it->party)) + " side (line " + std::to_string(it->where.line) + ")";
        findings_.push_back(std::move(finding));
      }
    }
  }

  void apply_acceptances() {
    std::map<std::string, Finding*, std::less<>> by_id;
    for (Finding& finding : findings_) by_id.emplace(finding.id, &finding);
    std::vector<Finding> stale;
    for (const Acceptance& acceptance : model_.acceptances) {
      auto it = by_id.find(acceptance.finding_id);
      if (it != by_id.end()) {
        it->second->severity = Severity::info;
        it->second->accepted = acceptance.justification;
        if (!acceptance.accepted_by.empty()) it->second->accepted_by = acceptance.accepted_by;
        continue;
      }
      if (!enabled("stale-acceptance")) continue;
      Finding finding =
          builtin_finding("stale-acceptance", "accept." + acceptance.finding_id, acceptance.where);
      finding.message = "受容した指摘「" + acceptance.finding_id +
                        "」はもう存在しません。[[accept]] を削除してください";
      finding.message_en = "accepted finding \"" + acceptance.finding_id +
                           "\" no longer occurs; remove this [[accept]]";
      stale.push_back(std::move(finding));
    }
    for (Finding& finding : stale) findings_.push_back(std::move(finding));
  }

  const Model& model_;
  const MeasureCatalogue& catalogue_;
  const Policy& policy_;
  ItemReach reach_;
  std::size_t measure_count_;
  std::vector<std::size_t> order_;   // organizations, every parent before its children
  std::vector<std::size_t> parent_;  // as in the model; npos for one on a parent cycle
  std::vector<bool> ward_side_;
  std::vector<std::size_t> root_;
  std::vector<MarkSet> org_marks_;
  std::vector<MarkSet> node_marks_;
  std::vector<MarkSet> flow_marks_;
  std::vector<ClassMask> flow_classes_;
  std::vector<unsigned> flow_transfers_;  // bit per TransferKind
  /// Per organization and item class: the lowest node of it or nested in it reached by
  /// an item of that class.
  std::vector<std::array<std::size_t, kClassCount>> first_node_;
  std::vector<ClassMask> node_classes_;
  std::vector<ClassMask> org_classes_;
  std::vector<bool> org_physical_;
  std::vector<Finding> findings_;
};

}  // namespace

std::vector<Finding> check_model(const Model& model, const MeasureCatalogue& catalogue,
                                 const Policy& policy) {
  return Checker(model, catalogue, policy).run();
}

SeverityCounts count_by_severity(const std::vector<Finding>& findings) {
  SeverityCounts counts;
  for (const Finding& finding : findings) {
    switch (finding.severity) {
      case Severity::error:
        ++counts.error;
        break;
      case Severity::warning:
        ++counts.warning;
        break;
      case Severity::info:
        ++counts.info;
        break;
    }
  }
  return counts;
}

}  // namespace nagare
