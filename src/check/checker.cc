#include <algorithm>
#include <array>
#include <cstdint>
#include <exception>
#include <limits>
#include <optional>
#include <span>
#include <system_error>
#include <thread>
#include <tuple>
#include <unordered_map>

#include "nagare/check.h"
#include "nagare/reach.h"

namespace nagare {
namespace {

/// Which measures an entity carries (○) and which it marks not applicable (－).
/// Bit sets keep checking linear: a rule looks a measure up in constant time. The bits of
/// every entity's set sit in one block the checker owns (attach), and reasons and scopes
/// point into the model's marks: no allocation per entity, none to free.
class MarkSet {
 public:
  /// `bits`: room for two sets of `words` 64-bit words each, zeroed, that outlives this.
  void attach(std::uint64_t* bits, std::size_t words) {
    done_ = bits;
    na_ = bits + words;
    words_ = words;
  }

  void add(const MeasureMark& mark) {
    if (!mark.not_applicable && !mark.scope.empty()) {
      // Declared for part of the data only: it covers the risk in part, not in full.
      first_for(scopes_, mark.measure, mark.scope);
      return;
    }
    if (mark.not_applicable) {
      set(na_, mark.measure);
      first_for(na_reasons_, mark.measure, mark.reason);
    } else {
      set(done_, mark.measure);
    }
  }
  void add_done(std::size_t measure) { set(done_, measure); }
  void merge(const MarkSet& other) {
    for (std::size_t i = 0; i < words_; ++i) {
      done_[i] |= other.done_[i];
      na_[i] |= other.na_[i];
    }
    for (const auto& [measure, reason] : other.na_reasons_) {
      first_for(na_reasons_, measure, *reason);
    }
    for (const auto& [measure, scope] : other.scopes_) first_for(scopes_, measure, *scope);
  }
  const std::string* scope(std::size_t measure) const { return find(scopes_, measure); }
  bool done(std::size_t measure) const { return test(done_, measure); }
  const std::string* na_reason(std::size_t measure) const {
    if (!test(na_, measure)) return nullptr;
    return find(na_reasons_, measure);
  }

 private:
  /// Per measure, the text of the first mark that gave one (an entity has a few at most).
  using Texts = std::vector<std::pair<std::size_t, const std::string*>>;
  static const std::string* find(const Texts& texts, std::size_t measure) {
    for (const auto& [m, text] : texts) {
      if (m == measure) return text;
    }
    return nullptr;
  }
  static void first_for(Texts& texts, std::size_t measure, const std::string& text) {
    if (find(texts, measure) == nullptr) texts.emplace_back(measure, &text);
  }
  static void set(std::uint64_t* bits, std::size_t i) {
    bits[i / 64] |= std::uint64_t{1} << (i % 64);
  }
  static bool test(const std::uint64_t* bits, std::size_t i) {
    return (bits[i / 64] >> (i % 64)) & 1u;
  }
  std::uint64_t* done_ = nullptr;
  std::uint64_t* na_ = nullptr;
  std::size_t words_ = 0;
  Texts na_reasons_;
  Texts scopes_;
};

using ClassMask = unsigned;
ClassMask bit(ItemClass item_class) { return 1u << static_cast<unsigned>(item_class); }
ClassMask mask_of(const std::vector<ItemClass>& classes) {
  ClassMask mask = 0;
  for (ItemClass item_class : classes) mask |= bit(item_class);
  return mask;
}
constexpr std::size_t kClassCount = 5;  // the values of ItemClass
constexpr ClassMask kSensitiveMask = (1u << static_cast<unsigned>(ItemClass::special_care)) |
                                     (1u << static_cast<unsigned>(ItemClass::my_number));
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

/// Models with fewer flows are checked on one thread: a thread would cost more than it saves,
/// and a ward's models are already checked one per core.
constexpr std::size_t kLargeModelFlows = 4096;

/// Runs `background` on another thread while `foreground` runs on this one, when `parallel`
/// (else one after the other, here). An exception from either comes out here.
template <typename Background, typename Foreground>
void beside(bool parallel, Background&& background, Foreground&& foreground) {
  if (!parallel) {
    background();
    foreground();
    return;
  }
  std::exception_ptr failure;
  {
    std::jthread helper;
    try {
      helper = std::jthread([&] {
        try {
          background();
        } catch (...) {
          failure = std::current_exception();
        }
      });
    } catch (const std::system_error&) {
      background();  // no thread to be had: here, first
    }
    foreground();
  }
  if (failure) std::rethrow_exception(failure);
}

/// What of a rule's requirement the given places lack.
struct Gap {
  std::vector<std::size_t> missing;  // the `all` measures not in place, then the `any` ones
  std::size_t any_from = 0;          // missing[any_from..] are alternatives: one would do
  std::vector<std::pair<std::size_t, const std::string*>> not_applicable;  // the model's reason
  std::vector<std::pair<std::size_t, const std::string*>> scoped;          // for part of the data
  bool partial = false;  // every missing measure is declared at least for part of the data
};

/// What rule checks reuse from one entity to the next, so that none allocates: one per
/// thread checking.
struct CheckScratch {
  CheckScratch() {
    places.reserve(16);
    gap.missing.reserve(16);
    gap.not_applicable.reserve(16);
    gap.scoped.reserve(16);
  }
  std::vector<const MarkSet*> places;
  Gap gap;
};

}  // namespace

/// The checker's side of CheckedFindings: keeps each rule finding as indexes, then marks the
/// accepted ones and sorts them all.
class CheckedFindingsBuilder {
 public:
  using Place = CheckedFindings::Place;

  CheckedFindingsBuilder(const Model& model, const MeasureCatalogue& catalogue,
                         const Policy& policy, std::size_t room) {
    found_.model_ = &model;
    found_.catalogue_ = &catalogue;
    found_.policy_ = &policy;
    found_.hits_.reserve(room);
  }

  /// Room for the measures and notes of the hits to come, besides the hits themselves.
  void reserve_details(std::size_t missing, std::size_t notes) {
    found_.missing_.reserve(missing);
    found_.notes_.reserve(notes);
  }

  /// Takes over another builder's hits, after this one's.
  void append(CheckedFindingsBuilder&& other) {
    const auto missing_from = static_cast<std::uint32_t>(found_.missing_.size());
    const auto notes_from = static_cast<std::uint32_t>(found_.notes_.size());
    for (CheckedFindings::RuleHit& hit : other.found_.hits_) {
      hit.missing_from += missing_from;
      hit.notes_from += notes_from;
      found_.hits_.push_back(hit);
    }
    found_.missing_.insert(found_.missing_.end(), other.found_.missing_.begin(),
                           other.found_.missing_.end());
    found_.notes_.insert(found_.notes_.end(), other.found_.notes_.begin(),
                         other.found_.notes_.end());
  }

  void add_hit(std::size_t rule, Place place, std::size_t entity, Severity severity,
               const Gap& gap) {
    CheckedFindings::RuleHit& hit = found_.hits_.emplace_back();
    hit.rule = static_cast<std::uint32_t>(rule);
    hit.entity = static_cast<std::uint32_t>(entity);
    hit.place = place;
    hit.severity = severity;
    hit.missing_from = static_cast<std::uint32_t>(found_.missing_.size());
    hit.missing_count = static_cast<std::uint32_t>(gap.missing.size());
    hit.any_from = static_cast<std::uint32_t>(gap.any_from);
    for (std::size_t m : gap.missing) found_.missing_.push_back(static_cast<std::uint32_t>(m));
    hit.notes_from = static_cast<std::uint32_t>(found_.notes_.size());
    hit.notes_count = static_cast<std::uint32_t>(gap.scoped.size() + gap.not_applicable.size());
    for (const auto& [measure, text] : gap.scoped) found_.notes_.push_back({measure, text, true});
    for (const auto& [measure, text] : gap.not_applicable) {
      found_.notes_.push_back({measure, text, false});
    }
  }

  /// Marks the finding each acceptance names (the first with its id) as accepted, at info;
  /// gives back the acceptances that name none.
  std::vector<const Acceptance*> accept(const std::vector<Acceptance>& acceptances,
                                        std::vector<Finding>& whole) {
    std::vector<const Acceptance*> stale;
    if (acceptances.empty()) return stale;
    // The few ids acceptances name, each to the first finding with it (hits first, then
    // whole): every finding's id is made once, in one buffer, and looked up.
    constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    std::unordered_map<std::string_view, std::size_t> named;
    named.reserve(acceptances.size());
    for (const Acceptance& acceptance : acceptances) named.emplace(acceptance.finding_id, kNone);
    std::string id;
    for (std::size_t i = 0; i < found_.hits_.size(); ++i) {
      id.clear();
      found_.append_id(found_.hits_[i], id);
      auto it = named.find(id);
      if (it != named.end() && it->second == kNone) it->second = i;
    }
    for (std::size_t i = 0; i < whole.size(); ++i) {
      auto it = named.find(whole[i].id);
      if (it != named.end() && it->second == kNone) it->second = found_.hits_.size() + i;
    }
    for (std::size_t a = 0; a < acceptances.size(); ++a) {
      const Acceptance& acceptance = acceptances[a];
      const std::size_t at = named.at(acceptance.finding_id);
      if (at == kNone) {
        stale.push_back(&acceptance);
      } else if (at < found_.hits_.size()) {
        found_.hits_[at].severity = Severity::info;
        found_.hits_[at].acceptance = static_cast<std::uint32_t>(a);
      } else {
        Finding& finding = whole[at - found_.hits_.size()];
        finding.severity = Severity::info;
        finding.accepted = acceptance.justification;
        if (!acceptance.accepted_by.empty()) finding.accepted_by = acceptance.accepted_by;
      }
    }
    return stale;
  }

  /// Every finding, by position, then id; the rules' titles worded for the model ({body}).
  CheckedFindings finish(std::vector<Finding> whole) {
    found_.whole_ = std::move(whole);
    const Model& model = *found_.model_;
    found_.titles_.reserve(found_.policy_->rules.size());
    for (const Rule& rule : found_.policy_->rules) {
      found_.titles_.push_back(nagare::worded(rule.title, model.paper.body));
    }
    const std::size_t count = found_.hits_.size() + found_.whole_.size();
    found_.order_.resize(count);
    for (std::size_t i = 0; i < count; ++i) found_.order_[i] = static_cast<std::uint32_t>(i);
    std::stable_sort(found_.order_.begin(), found_.order_.end(),
                     [this](std::uint32_t a, std::uint32_t b) { return less(a, b); });
    return std::move(found_);
  }

 private:
  /// A finding's id in pieces, whose concatenation it is: none is built to sort.
  using IdPieces = std::array<std::string_view, 4>;

  IdPieces id_pieces(std::uint32_t at) const {
    if (at >= found_.hits_.size()) return {found_.whole_[at - found_.hits_.size()].id, {}, {}, {}};
    const CheckedFindings::RuleHit& hit = found_.hits_[at];
    return {found_.policy_->rules[hit.rule].id, "@", CheckedFindings::prefix(hit.place),
            found_.entity_id(hit)};
  }
  const SourceLocation& where(std::uint32_t at) const {
    if (at >= found_.hits_.size()) return found_.whole_[at - found_.hits_.size()].where;
    return found_.where(found_.hits_[at]);
  }
  /// As std::string's operator< on the concatenations: bytes compared unsigned.
  static bool id_less(const IdPieces& a, const IdPieces& b) {
    std::size_t ap = 0, ai = 0, bp = 0, bi = 0;
    while (true) {
      while (ap < a.size() && ai == a[ap].size()) ++ap, ai = 0;
      while (bp < b.size() && bi == b[bp].size()) ++bp, bi = 0;
      if (ap == a.size() || bp == b.size()) return ap == a.size() && bp != b.size();
      const auto x = static_cast<unsigned char>(a[ap][ai++]);
      const auto y = static_cast<unsigned char>(b[bp][bi++]);
      if (x != y) return x < y;
    }
  }
  bool less(std::uint32_t a, std::uint32_t b) const {
    const SourceLocation& x = where(a);
    const SourceLocation& y = where(b);
    if (x.line != y.line) return x.line < y.line;
    if (x.column != y.column) return x.column < y.column;
    return id_less(id_pieces(a), id_pieces(b));
  }

  CheckedFindings found_;
};

namespace {

class Checker {
 public:
  Checker(const Model& model, const MeasureCatalogue& catalogue, const Policy& policy,
          CheckThreads threads)
      : threads_(threads),
        model_(model),
        catalogue_(catalogue),
        policy_(policy),
        reach_(model),
        measure_count_(catalogue.size() + model.custom_measures.size()),
        found_(model, catalogue, policy,
               // About one finding per entity in a typical model: room made once.
               model.flows.size() + model.nodes.size() + model.orgs.size()) {
    index_orgs();
    index_marks();
    index_items();
  }

  /// Whether the flows are checked on two cores: a large model's, where there are two.
  bool two_threads() const {
    switch (threads_) {
      case CheckThreads::one:
        return false;
      case CheckThreads::two:
        return model_.flows.size() >= 2;
      case CheckThreads::automatic:
        break;
    }
    return model_.flows.size() >= kLargeModelFlows && std::thread::hardware_concurrency() > 1;
  }

  CheckedFindings run() {
    // A large model's flows are checked in two halves, the second on another core; the
    // findings are sorted once all are in, so the order they were found in does not show.
    const std::size_t half = two_threads() ? model_.flows.size() / 2 : model_.flows.size();
    // Made here, with room for a finding a flow and more: the other thread then seldom
    // allocates. Its heap is full of the TOML tree's freed tables, and glibc sorts them
    // all the first time it is asked for a block of a kilobyte or more.
    const std::size_t second_count = model_.flows.size() - half;
    CheckedFindingsBuilder second_half(model_, catalogue_, policy_, second_count);
    second_half.reserve_details(2 * second_count, second_count / 8);
    CheckScratch second_scratch;
    beside(
        half < model_.flows.size(),
        [this, half, &second_half, &second_scratch] {
          check_flows(half, model_.flows.size(), second_half, second_scratch);
        },
        [this, half] {
          check_flows(0, half, found_, scratch_);
          for (const Rule& rule : policy_.rules) {
            if (rule.scope == RuleScope::node) {
              for (std::size_t n = 0; n < model_.nodes.size(); ++n) check_node(rule, n);
            } else if (rule.scope == RuleScope::org) {
              for (std::size_t o = 0; o < model_.orgs.size(); ++o) check_org(rule, o);
            }
          }
        });
    found_.append(std::move(second_half));
    if (enabled("must-not-receive")) check_must_not_receive();
    if (enabled("cloud-outside-japan")) check_cloud_outside_japan();
    if (enabled("uncertified-special-care")) check_uncertified_special_care();
    if (enabled("electronic-only-contradiction")) check_electronic_only();
    if (enabled("checklist-disagreement")) check_checklist_disagreement();
    if (enabled("means-unstated")) check_means_unstated();
    if (enabled("role-unstated")) check_role_unstated();
    if (enabled("service-questions")) check_service_questions();
    if (enabled("items-undeclared")) check_items_undeclared();
    if (enabled("procedure-mismatch")) check_procedure_mismatch();
    if (enabled("retention-unstated")) check_retention_unstated();
    if (enabled("vendor-access")) check_vendor_access();
    if (enabled("no-identifiers-contradiction")) check_no_identifiers();
    apply_acceptances();
    return found_.finish(std::move(findings_));
  }

 private:
  using Place = CheckedFindingsBuilder::Place;

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
    // The bits of every organization's, node's and flow's set, in one zeroed block.
    const std::size_t words = (measure_count_ + 63) / 64;
    mark_bits_.assign((model_.orgs.size() + model_.nodes.size() + model_.flows.size()) * 2 * words,
                      0);
    std::uint64_t* next_bits = mark_bits_.data();
    auto attached = [&](std::vector<MarkSet>& sets, std::size_t count) {
      sets.resize(count);
      for (MarkSet& set : sets) {
        set.attach(next_bits, words);
        next_bits += 2 * words;
      }
    };
    attached(org_marks_, model_.orgs.size());
    for (std::size_t o : order_) {
      const Organization& org = model_.orgs[o];
      MarkSet& marks = org_marks_[o];
      for (const MeasureMark& mark : org.measures) add_mark(marks, mark);
      for (const Certification& certification : org.certifications) {
        if (certified && (certification.kind == "ISMS" || certification.kind == "Pmark")) {
          marks.add_done(*certified);
        }
      }
      if (in_japan && org.region == Region::japan) marks.add_done(*in_japan);
      if (parent_[o] != npos) marks.merge(org_marks_[parent_[o]]);
    }
    // A closed government network or closed line is the isolation and the specific party
    // of every flow through it.
    const auto closed = catalogue_.find("closed-network");
    attached(node_marks_, model_.nodes.size());
    for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
      const Node& node = model_.nodes[n];
      for (const MeasureMark& mark : node.measures) add_mark(node_marks_[n], mark);
      if (closed && node.network &&
          (*node.network == NetworkKind::lgwan || *node.network == NetworkKind::closed ||
           *node.network == NetworkKind::dedicated_line)) {
        add_closed_network(node_marks_[n]);
      }
    }
    attached(flow_marks_, model_.flows.size());
    for (std::size_t f = 0; f < model_.flows.size(); ++f) {
      for (const MeasureMark& mark : model_.flows[f].measures) add_mark(flow_marks_[f], mark);
    }
  }

  /// A closed network is the isolation and the protection in transit of what passes it.
  void add_closed_network(MarkSet& marks) const {
    for (std::string_view id : {"closed-network", "specific-party-only", "encrypt-transit"}) {
      if (auto measure = catalogue_.find(id)) marks.add_done(*measure);
    }
  }

  /// A mark, and the catalogue measures a custom measure amounts to.
  void add_mark(MarkSet& marks, const MeasureMark& mark) const {
    marks.add(mark);
    if (!mark.not_applicable && mark.scope.empty() && mark.measure_id == "closed-network") {
      add_closed_network(marks);
    }
    if (mark.not_applicable || mark.measure < catalogue_.size()) return;
    const std::size_t custom = mark.measure - catalogue_.size();
    if (custom >= model_.custom_measures.size()) return;
    for (std::size_t satisfied : model_.custom_measures[custom].satisfies) {
      marks.add_done(satisfied);
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
    org_held_.assign(model_.orgs.size(), 0);
    org_physical_.assign(model_.orgs.size(), false);
    first_node_.assign(model_.orgs.size(), {npos, npos, npos, npos, npos});
    // A node holds what reaches it and what it sends out: a roster is kept where it is made.
    for (std::size_t f = 0; f < model_.flows.size(); ++f) {
      node_classes_[model_.flows[f].from] |= flow_classes_[f];
    }
    for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
      for (std::size_t item : reach_.reaching(n)) {
        node_classes_[n] |= bit(model_.items[item].item_class);
      }
      const std::size_t org = model_.nodes[n].org;
      if (org == npos) continue;
      org_classes_[org] |= node_classes_[n];
      // Reaching is not handling: a clerk who stamps a receipt and hands it back does not
      // make the chain a holder. Only nodes that keep data make their organization hold it,
      // and what a store holds does not make its chain's headquarters hold it.
      if (model_.nodes[n].stores) org_held_[org] |= node_classes_[n];
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
    // A party whose role the paper leaves open is asked about (role-unstated), not judged
    // as if it were a contractor.
    if (node.org != npos && model_.orgs[node.org].role == OrgRole::unknown) return false;
    if (!when.kind.empty() && !contains(when.kind, node.kind)) return false;
    if (contains(when.not_kind, node.kind)) return false;
    if (!when.role.empty() &&
        (node.org == npos || !contains(when.role, model_.orgs[node.org].role)))
      return false;
    if (when.outside_ward) {
      const bool outside = node.org == npos || !ward_side_[node.org];
      if (*when.outside_ward != outside) return false;
    }
    if (when.stores && *when.stores != node.stores) return false;
    if (when.electronic && *when.electronic != keeps_electronic(node)) return false;
    if (!when.region.empty() && !contains(when.region, region_of(node.org))) return false;
    if (when.handles_physical &&
        (node.org == npos || *when.handles_physical != org_physical_[node.org]))
      return false;
    return true;
  }

  static bool keeps_electronic(const Node& node) {
    return !(node.medium && *node.medium == MediumKind::paper);
  }

  /// The region an organization states, or the nearest enclosing one that does.
  Region region_of(std::size_t org) const {
    for (std::size_t hops = 0; org != npos && hops <= model_.orgs.size(); ++hops) {
      if (model_.orgs[org].region != Region::unknown) return model_.orgs[org].region;
      org = parent_[org];
    }
    return Region::unknown;
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
    if (contains(when.not_kind, model_.nodes[flow.from].kind) ||
        contains(when.not_kind, model_.nodes[flow.to].kind))
      return false;
    if (!when.carries.empty() && (flow_classes_[f] & mask_of(when.carries)) == 0) return false;
    const bool to_side = when.endpoint != EndpointSide::from || flow.direction == Direction::both;
    const bool from_side = when.endpoint != EndpointSide::to || flow.direction == Direction::both;
    return (to_side && node_matches(when, flow.to)) || (from_side && node_matches(when, flow.from));
  }

  /// The ends of a flow that meet a rule's endpoint conditions.
  std::vector<std::size_t> matched_ends(const RuleCondition& when, const Flow& flow) const {
    std::vector<std::size_t> ends;
    const bool to_side = when.endpoint != EndpointSide::from || flow.direction == Direction::both;
    const bool from_side = when.endpoint != EndpointSide::to || flow.direction == Direction::both;
    if (to_side && node_matches(when, flow.to)) ends.push_back(flow.to);
    if (from_side && node_matches(when, flow.from)) ends.push_back(flow.from);
    return ends;
  }

  bool crosses_org(const Flow& flow) const {
    const std::size_t a = model_.nodes[flow.from].org;
    const std::size_t b = model_.nodes[flow.to].org;
    if (a == b) return false;
    if (a == npos || b == npos) return true;
    return root_[a] != root_[b];
  }

  // ---- rules ---------------------------------------------------------------------------

  /// Fills `gap` (emptied first: its room is reused) with what `rule` finds lacking.
  void find_gap(const Rule& rule, const std::vector<const MarkSet*>& places, Gap& gap) const {
    gap.missing.clear();
    gap.not_applicable.clear();
    gap.scoped.clear();
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
    auto scope = [&](std::size_t m) -> const std::string* {
      for (const MarkSet* s : places) {
        if (const std::string* text = s->scope(m)) return text;
      }
      return nullptr;
    };
    bool all_scoped = true;
    auto lacks = [&](std::size_t m) {
      if (const std::string* reason = na_reason(m)) {
        gap.not_applicable.emplace_back(m, reason);
      } else {
        gap.missing.push_back(m);
      }
    };
    for (std::size_t m : rule.all_measures) {
      if (is_done(m)) continue;
      lacks(m);
      if (const std::string* text = scope(m)) {
        gap.scoped.emplace_back(m, text);
      } else {
        all_scoped = false;
      }
    }
    gap.any_from = gap.missing.size();
    if (!rule.any_measures.empty() &&
        std::none_of(rule.any_measures.begin(), rule.any_measures.end(), is_done)) {
      bool any_scoped = false;
      for (std::size_t m : rule.any_measures) {
        lacks(m);
        if (const std::string* text = scope(m)) {
          gap.scoped.emplace_back(m, text);
          any_scoped = true;
        }
      }
      all_scoped = all_scoped && any_scoped;
    }
    gap.partial = !gap.missing.empty() && all_scoped;
  }

  /// The flow rules on flows [begin, end): their findings to `found`.
  /// Reads the checker only, so two ranges can be checked at once.
  void check_flows(std::size_t begin, std::size_t end, CheckedFindingsBuilder& found,
                   CheckScratch& scratch) const {
    for (const Rule& rule : policy_.rules) {
      if (rule.scope != RuleScope::flow) continue;
      for (std::size_t f = begin; f < end; ++f) check_flow(rule, f, found, scratch);
    }
  }

  void check_flow(const Rule& rule, std::size_t f, CheckedFindingsBuilder& found,
                  CheckScratch& scratch) const {
    if (!flow_matches(rule.when, f)) return;
    const Flow& flow = model_.flows[f];
    std::vector<const MarkSet*>& places = scratch.places;
    places.clear();
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
        case MeasurePlace::matched:
        case MeasurePlace::matched_org:
          for (std::size_t end : matched_ends(rule.when, flow)) {
            if (place == MeasurePlace::matched) {
              places.push_back(&node_marks_[end]);
            } else {
              add_org(end);
            }
          }
          break;
      }
    }
    Gap& gap = scratch.gap;
    find_gap(rule, places, gap);
    if (gap.missing.empty() && gap.not_applicable.empty()) return;
    add_hit(found, rule, gap, Place::flow, f, places, flow_classes_[f]);
  }

  void check_node(const Rule& rule, std::size_t n) {
    if (!node_matches(rule.when, n)) return;
    if (!rule.when.carries.empty() && (node_classes_[n] & mask_of(rule.when.carries)) == 0) return;
    const Node& node = model_.nodes[n];
    std::vector<const MarkSet*>& places = scratch_.places;
    places.clear();
    for (MeasurePlace place : rule.at) {
      if (place == MeasurePlace::node) places.push_back(&node_marks_[n]);
      if (place == MeasurePlace::org && node.org != npos) places.push_back(&org_marks_[node.org]);
    }
    Gap& gap = scratch_.gap;
    find_gap(rule, places, gap);
    if (gap.missing.empty() && gap.not_applicable.empty()) return;
    add_hit(found_, rule, gap, Place::node, n, places, node_classes_[n]);
  }

  void check_org(const Rule& rule, std::size_t o) {
    const Organization& org = model_.orgs[o];
    const RuleCondition& when = rule.when;
    if (org.role == OrgRole::unknown) return;
    if (!when.role.empty() && !contains(when.role, org.role)) return;
    if (contains(when.not_role, org.role)) return;
    if (when.outside_ward && *when.outside_ward == ward_side_[o]) return;
    if (when.handles_physical && *when.handles_physical != org_physical_[o]) return;
    if (when.stores && !*when.stores) {
      // Reaching without keeping (a maintenance contractor working on the ward's system):
      // what reaches the organization counts, and a keeper's own rules cover the rest.
      const ClassMask classes = when.carries.empty() ? kPersonalMask : mask_of(when.carries);
      if ((org_classes_[o] & classes) == 0 || (org_held_[o] & classes) != 0) return;
    } else if (!when.carries.empty() && (org_held_[o] & mask_of(when.carries)) == 0) {
      return;
    }
    std::vector<const MarkSet*>& places = scratch_.places;
    places.assign(1, &org_marks_[o]);
    Gap& gap = scratch_.gap;
    find_gap(rule, places, gap);
    if (gap.missing.empty() && gap.not_applicable.empty()) return;
    const bool reaching = when.stores && !*when.stores;
    add_hit(found_, rule, gap, Place::org, o, places, reaching ? org_classes_[o] : org_held_[o]);
  }

  /// Keeps a rule's finding on one entity as indexes: its ids and messages are made when it
  /// is read (CheckedFindings::read).
  void add_hit(CheckedFindingsBuilder& found, const Rule& rule, const Gap& gap, Place place,
               std::size_t entity, const std::vector<const MarkSet*>& places,
               ClassMask classes) const {
    // A gap the model explains as not applicable (－) is for the reviewer to weigh, not an error.
    Severity severity = gap.missing.empty() ? Severity::info : lowered(rule, places, classes);
    // A measure declared only for part of the data (scope) covers the risk in part.
    if (gap.partial && rank(severity) > rank(Severity::warning)) severity = Severity::warning;
    found.add_hit(static_cast<std::size_t>(&rule - policy_.rules.data()), place, entity, severity,
                  gap);
  }

  /// A rule's severity, lowered where declared measures partly cover its risk.
  Severity lowered(const Rule& rule, const std::vector<const MarkSet*>& places,
                   ClassMask classes) const {
    auto present = [&](std::size_t m) {
      return std::any_of(places.begin(), places.end(),
                         [m](const MarkSet* s) { return s->done(m); });
    };
    Severity severity = rule.severity;
    for (const Lowering& lowering : rule.lower) {
      const bool all = std::all_of(lowering.all.begin(), lowering.all.end(), present);
      const bool any =
          lowering.any.empty() || std::any_of(lowering.any.begin(), lowering.any.end(), present);
      const bool none = (classes & mask_of(lowering.carries_none)) == 0;
      if (all && any && none && rank(lowering.to) < rank(severity)) severity = lowering.to;
    }
    return severity;
  }
  static int rank(Severity severity) {
    switch (severity) {
      case Severity::error:
        return 2;
      case Severity::warning:
        return 1;
      case Severity::info:
        return 0;
    }
    return 0;
  }

  std::string worded(std::string_view text) const {
    return nagare::worded(text, model_.paper.body);
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
      if (!org.must_not_receive_sets.empty()) check_forbidden_sets(o);
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

  /// An item set named in must_not_receive reaching a node of the organization (or one
  /// nested in it): reported once, at the first node of lowest index it reaches.
  void check_forbidden_sets(std::size_t o) {
    const Organization& org = model_.orgs[o];
    for (std::size_t set_index : org.must_not_receive_sets) {
      for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
        if (!model_.is_within(model_.nodes[n].org, o)) continue;
        const auto& reaching = reach_.reaching(n);
        if (std::find(reaching.begin(), reaching.end(), set_index) == reaching.end()) continue;
        const ItemSet& set = model_.items[set_index];
        const std::size_t flow = reach_.first_flow_bringing(set_index, n);
        Finding finding = builtin_finding("must-not-receive", "org." + org.id + "." + set.id,
                                          flow != npos ? model_.flows[flow].where : org.where);
        finding.org = org.id;
        finding.node = model_.nodes[n].id;
        if (flow != npos) {
          finding.flow = model_.flows[flow].id;
          finding.from = model_.nodes[model_.flows[flow].from].id;
          finding.to = model_.nodes[model_.flows[flow].to].id;
        }
        finding.message = "組織「" + org.name + "」は「" + set.name +
                          "」を受け取ってはなりませんが、" +
                          (flow != npos ? "流れ「" + model_.flow_title(model_.flows[flow]) + "」で"
                                        : std::string()) +
                          "「" + model_.nodes[n].name + "」に届きます";
        finding.message_en = "organization \"" + org.id + "\" must never receive \"" + set.id +
                             "\", but it reaches node \"" + model_.nodes[n].id + "\"";
        findings_.push_back(std::move(finding));
        break;
      }
    }
  }

  std::string flow_subject(const Flow& flow) const {
    return "流れ「" + model_.flow_title(flow) + "」(" + model_.nodes[flow.from].id + " → " +
           model_.nodes[flow.to].id + ")";
  }
  Finding flow_finding(std::string_view check, std::size_t f) const {
    const Flow& flow = model_.flows[f];
    Finding finding = builtin_finding(check, "flow." + flow.id, flow.where);
    finding.flow = flow.id;
    finding.from = model_.nodes[flow.from].id;
    finding.to = model_.nodes[flow.to].id;
    return finding;
  }

  /// Silence spoken: a transfer of personal data whose means the paper does not state is a
  /// question, never an assumed internet line and never a pass.
  void check_means_unstated() {
    const unsigned unstated = 1u << static_cast<unsigned>(TransferKind::unstated);
    for (std::size_t f = 0; f < model_.flows.size(); ++f) {
      if ((flow_transfers_[f] & unstated) == 0) continue;
      if ((flow_classes_[f] & (kPersonalMask | bit(ItemClass::pseudonymous))) == 0) continue;
      const Flow& flow = model_.flows[f];
      Finding finding = flow_finding("means-unstated", f);
      // The subject's own channel, a step inside the ward, or pseudonymous data only is a
      // question; personal data between organizations, or any special-care data, a gap.
      const bool sensitive = (flow_classes_[f] & kSensitiveMask) != 0;
      const bool between_parties =
          !model_.same_place(model_.nodes[flow.from].org, model_.nodes[flow.to].org) &&
          !is_subject(flow.from) && !is_subject(flow.to);
      const bool personal = (flow_classes_[f] & kPersonalMask) != 0;
      if (!sensitive && !(between_parties && personal)) finding.severity = Severity::info;
      finding.message = flow_subject(flow) +
                        " をどの手段（回線・媒体・手渡し）で受け渡すか、文書に記載がありません";
      finding.message_en = "flow \"" + flow.id + "\" (" + *finding.from + " -> " + *finding.to +
                           "): the paper does not say by what means (line, medium, in person)";
      findings_.push_back(std::move(finding));
    }
  }

  void check_role_unstated() {
    for (std::size_t o = 0; o < model_.orgs.size(); ++o) {
      const Organization& org = model_.orgs[o];
      if (org.role != OrgRole::unknown || (org_classes_[o] & kPersonalMask) == 0) continue;
      Finding finding = builtin_finding("role-unstated", "org." + org.id, org.where);
      finding.org = org.id;
      finding.message = "組織「" + org.name +
                        "」に個人情報が届きますが、委託先かどうか（委託先としての対策が及ぶか）"
                        "文書に記載がありません";
      finding.message_en = "organization \"" + org.id +
                           "\" receives personal items, but the paper does not say whether it is "
                           "a contractor";
      findings_.push_back(std::move(finding));
    }
  }

  void check_service_questions() {
    for (std::size_t o = 0; o < model_.orgs.size(); ++o) {
      const Organization& org = model_.orgs[o];
      if (org.role != OrgRole::service || (org_classes_[o] & kPersonalMask) == 0) continue;
      Finding finding = builtin_finding("service-questions", "org." + org.id, org.where);
      finding.org = org.id;
      // Nothing declared for the service at all is a gap; some settings declared, a question.
      bool declared = !org.measures.empty();
      for (const Node& node : model_.nodes) {
        if (node.org == o && !node.measures.empty()) declared = true;
      }
      if (!declared) finding.severity = Severity::warning;
      std::string asks;
      if (region_of(o) == Region::unknown) asks += "サーバの所在、";
      finding.message = "外部サービス「" + org.name + "」に個人情報が届きます。" + asks +
                        "パスコード・限定公開の設定、録画・記録の保存と消去を確認してください";
      finding.message_en = "outside service \"" + org.id + "\" receives personal items: ask " +
                           (asks.empty() ? "" : "where its servers are, ") +
                           "its passcodes or limited sharing, and what it records and keeps";
      findings_.push_back(std::move(finding));
    }
  }

  void check_items_undeclared() {
    for (std::size_t f = 0; f < model_.flows.size(); ++f) {
      const Flow& flow = model_.flows[f];
      for (std::size_t item : flow.items) {
        const ItemSet& set = model_.items[item];
        if (set.declared || !is_personal(set.item_class)) continue;
        Finding finding = flow_finding("items-undeclared", f);
        // Where the paper's item list already has data of the same or a higher class, the
        // measures do not change: a question of wording, not a gap.
        const bool covered =
            std::any_of(model_.items.begin(), model_.items.end(), [&](const ItemSet& declared) {
              return declared.declared &&
                     class_rank(declared.item_class) >= class_rank(set.item_class);
            });
        if (covered) finding.severity = Severity::info;
        finding.message =
            flow_subject(flow) + " は、文書の情報項目の一覧にない「" + set.name + "」を運びます";
        finding.message_en = "flow \"" + flow.id + "\" carries \"" + set.id +
                             "\", which the paper's item list lacks";
        findings_.push_back(std::move(finding));
        break;
      }
    }
  }

  /// A line from the ward to a system kept by an outside party is an external link
  /// (外部結合); a paper that asks only for 外部提供 leaves the committee a question.
  void check_procedure_mismatch() {
    const auto& procedures = model_.paper.procedures;
    if (procedures.empty()) return;
    if (!contains(procedures, Procedure::outsourcing)) check_outsourcing_unasked();
    if (contains(procedures, Procedure::external_link)) return;
    const unsigned lines = (1u << static_cast<unsigned>(TransferKind::internet)) |
                           (1u << static_cast<unsigned>(TransferKind::lgwan)) |
                           (1u << static_cast<unsigned>(TransferKind::closed)) |
                           (1u << static_cast<unsigned>(TransferKind::dedicated_line)) |
                           (1u << static_cast<unsigned>(TransferKind::mobile_carrier)) |
                           (1u << static_cast<unsigned>(TransferKind::unknown));
    for (std::size_t f = 0; f < model_.flows.size(); ++f) {
      const Flow& flow = model_.flows[f];
      if ((flow_transfers_[f] & lines) == 0 || (flow_classes_[f] & kPersonalMask) == 0) continue;
      const std::size_t from_org = model_.nodes[flow.from].org;
      const Node& to = model_.nodes[flow.to];
      const bool from_ward = from_org != npos && ward_side_[from_org];
      const bool to_outside_system = to.org != npos && !ward_side_[to.org] &&
                                     model_.orgs[to.org].role != OrgRole::subject &&
                                     (to.kind == NodeKind::system || to.kind == NodeKind::cloud);
      if (!from_ward || !to_outside_system) continue;
      Finding finding = flow_finding("procedure-mismatch", f);
      finding.message = flow_subject(flow) + " は{body}の外の機器「" + to.name +
                        "」と回線で接続しますが、外部結合として諮られていません（" +
                        std::string(japanese_name(procedures.front())) + "のみ）";
      finding.message_en = "flow \"" + flow.id + "\" connects over a line to \"" + to.id +
                           "\", kept by an outside party, but the paper does not ask for an "
                           "external link";
      finding.message = worded(finding.message);
      findings_.push_back(std::move(finding));
      return;  // one question per paper
    }
  }

  /// A contractor or cloud operator keeping personal data for the ward is outsourcing
  /// (業務委託); a paper that does not ask for it leaves the committee a question.
  void check_outsourcing_unasked() {
    for (std::size_t o = 0; o < model_.orgs.size(); ++o) {
      const Organization& org = model_.orgs[o];
      if (org.role != OrgRole::contractor && org.role != OrgRole::cloud) continue;
      if ((org_held_[o] & kPersonalMask) == 0) continue;
      Finding finding = builtin_finding("procedure-mismatch", "org." + org.id, org.where);
      finding.org = org.id;
      finding.message = worded("組織「" + org.name +
                               "」は{body}の個人情報を保存して処理しますが、業務委託として諮られて"
                               "いません");
      finding.message_en = "organization \"" + org.id +
                           "\" keeps and processes personal items, but the paper does not ask "
                           "for outsourcing";
      findings_.push_back(std::move(finding));
    }
  }

  /// "Delete when no longer needed" is declared, but no return or erasure when the work
  /// ends (not even for part of the data): how long the data stays is the question.
  void check_retention_unstated() {
    const auto delete_report = catalogue_.find("delete-report");
    const auto return_erase = catalogue_.find("return-erase");
    if (!delete_report || !return_erase) return;
    for (std::size_t o = 0; o < model_.orgs.size(); ++o) {
      const Organization& org = model_.orgs[o];
      if (org.role != OrgRole::contractor && org.role != OrgRole::subcontractor &&
          org.role != OrgRole::connected && org.role != OrgRole::cloud)
        continue;
      if ((org_held_[o] & kPersonalMask) == 0) continue;
      // The organization's own clauses: a contractor's return at the end of its contract
      // does not say how long the cloud it uses keeps the data.
      auto declares = [&](std::size_t measure, bool scoped) {
        return std::any_of(org.measures.begin(), org.measures.end(), [&](const MeasureMark& m) {
          return !m.not_applicable && m.measure == measure && (scoped || m.scope.empty());
        });
      };
      if (!declares(*delete_report, false) || declares(*return_erase, true)) continue;
      Finding finding = builtin_finding("retention-unstated", "org." + org.id, org.where);
      finding.org = org.id;
      finding.message = "組織「" + org.name +
                        "」に置く個人情報は「不要となった時点で消去」とだけ定められ、保存期間と"
                        "業務終了後の返却・消去が記載されていません";
      finding.message_en = "organization \"" + org.id +
                           "\" erases data when no longer needed, but how long it keeps it and "
                           "its return or erasure at the end of the work are not stated";
      findings_.push_back(std::move(finding));
    }
  }

  /// A vendor that must never touch personal data, doing maintenance or set-up work on a
  /// system that keeps it: how it is kept away from the data is the question.
  void check_vendor_access() {
    for (std::size_t f = 0; f < model_.flows.size(); ++f) {
      const Flow& flow = model_.flows[f];
      for (const auto& [vendor_end, system_end] :
           {std::pair{flow.from, flow.to}, std::pair{flow.to, flow.from}}) {
        const std::size_t org = model_.nodes[vendor_end].org;
        if (org == npos) continue;
        const ClassMask forbidden = forbidden_classes(org);
        if (forbidden == 0 || (flow_classes_[f] & forbidden) != 0) continue;
        if (!model_.nodes[system_end].stores || (node_classes_[system_end] & forbidden) == 0) {
          continue;
        }
        Finding finding = flow_finding("vendor-access", f);
        if (!flow.measures.empty()) finding.severity = Severity::info;
        finding.message = flow_subject(flow) + " で、個人情報に触れてはならない「" +
                          model_.orgs[org].name + "」が個人情報を保存する「" +
                          model_.nodes[system_end].name + "」で作業します。" +
                          (flow.measures.empty() ? "触れさせない手立て（立会い・ダミーデータ等）が"
                                                   "記載されていません"
                                                 : "記載された手立てで足りるか確認してください");
        finding.message_en = "flow \"" + flow.id + "\": \"" + model_.orgs[org].id +
                             "\", which must never touch personal data, works on \"" +
                             model_.nodes[system_end].id + "\", which keeps it";
        findings_.push_back(std::move(finding));
        break;
      }
    }
  }

  /// The classes an organization, or one it is nested in, must never receive.
  ClassMask forbidden_classes(std::size_t org) const {
    ClassMask mask = 0;
    for (std::size_t hops = 0; org != npos && hops <= model_.orgs.size(); ++hops) {
      mask |= mask_of(model_.orgs[org].must_not_receive);
      org = parent_[org];
    }
    return mask;
  }

  /// "CSV without personal identifiers" on a flow that carries personal or numbered data
  /// contradicts itself: which is true changes what the data needs.
  void check_no_identifiers() {
    const auto measure = catalogue_.find("no-identifiers");
    if (!measure) return;
    for (std::size_t f = 0; f < model_.flows.size(); ++f) {
      const Flow& flow = model_.flows[f];
      const bool declared =
          std::any_of(flow.measures.begin(), flow.measures.end(), [&](const MeasureMark& mark) {
            return !mark.not_applicable && mark.measure == *measure;
          });
      if (!declared) continue;
      const ClassMask identified =
          flow_classes_[f] & (kPersonalMask | bit(ItemClass::pseudonymous));
      if (identified == 0) continue;
      Finding finding = flow_finding("no-identifiers-contradiction", f);
      if ((identified & kPersonalMask) == 0) finding.severity = Severity::info;
      finding.message =
          flow_subject(flow) + " は「個人を特定する情報を含まない」とされていますが、" +
          ((identified & kPersonalMask) != 0 ? "個人情報" : "番号等で個人に結び付く情報") +
          "の項目を運びます";
      finding.message_en =
          "flow \"" + flow.id + "\" is declared to carry no personal identifiers, yet carries " +
          ((identified & kPersonalMask) != 0 ? "personal" : "pseudonymous") + " items";
      findings_.push_back(std::move(finding));
    }
  }

  bool is_subject(std::size_t node) const {
    const std::size_t org = model_.nodes[node].org;
    return org != npos && model_.orgs[org].role == OrgRole::subject;
  }
  static int class_rank(ItemClass item_class) {
    switch (item_class) {
      case ItemClass::my_number:
        return 4;
      case ItemClass::special_care:
        return 3;
      case ItemClass::personal:
        return 2;
      case ItemClass::pseudonymous:
        return 1;
      case ItemClass::non_personal:
        return 0;
    }
    return 0;
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
      if ((org_held_[o] & sensitive) == 0 || certified(o)) continue;
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
        const auto side = [this](Party party) {
          return party == Party::ward ? model_.paper.body + "が行う対策"
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
    for (const Acceptance* acceptance : found_.accept(model_.acceptances, findings_)) {
      if (!enabled("stale-acceptance")) continue;
      Finding finding = builtin_finding("stale-acceptance", "accept." + acceptance->finding_id,
                                        acceptance->where);
      finding.message = "受容した指摘「" + acceptance->finding_id +
                        "」はもう存在しません。[[accept]] を削除してください";
      finding.message_en = "accepted finding \"" + acceptance->finding_id +
                           "\" no longer occurs; remove this [[accept]]";
      findings_.push_back(std::move(finding));
    }
  }

  CheckThreads threads_;
  const Model& model_;
  const MeasureCatalogue& catalogue_;
  const Policy& policy_;
  ItemReach reach_;
  std::size_t measure_count_;
  std::vector<std::size_t> order_;   // organizations, every parent before its children
  std::vector<std::size_t> parent_;  // as in the model; npos for one on a parent cycle
  std::vector<bool> ward_side_;
  std::vector<std::size_t> root_;
  std::vector<std::uint64_t> mark_bits_;  // the bits of every MarkSet below
  std::vector<MarkSet> org_marks_;
  std::vector<MarkSet> node_marks_;
  std::vector<MarkSet> flow_marks_;
  std::vector<ClassMask> flow_classes_;
  std::vector<unsigned> flow_transfers_;  // bit per TransferKind
  /// Per organization and item class: the lowest node of it or nested in it reached by
  /// an item of that class.
  std::vector<std::array<std::size_t, kClassCount>> first_node_;
  std::vector<ClassMask> node_classes_;
  std::vector<ClassMask> org_classes_;  // reaching the organization or one nested in it
  std::vector<ClassMask> org_held_;     // kept by a node of the organization itself
  std::vector<bool> org_physical_;
  CheckedFindingsBuilder found_;
  std::vector<Finding> findings_;  // the built-in checks'
  CheckScratch scratch_;           // this thread's
};

}  // namespace

CheckedFindings check_model_compact(const Model& model, const MeasureCatalogue& catalogue,
                                    const Policy& policy, CheckThreads threads) {
  return Checker(model, catalogue, policy, threads).run();
}

std::vector<Finding> check_model(const Model& model, const MeasureCatalogue& catalogue,
                                 const Policy& policy) {
  return check_model_compact(model, catalogue, policy).to_vector();
}

// ---- CheckedFindings: a rule finding's ids and messages, made as it is read --------------

std::string_view CheckedFindings::prefix(Place place) {
  switch (place) {
    case Place::flow:
      return "flow.";
    case Place::node:
      return "node.";
    case Place::org:
      return "org.";
  }
  return "";
}

const std::string& CheckedFindings::entity_id(const RuleHit& hit) const {
  switch (hit.place) {
    case Place::flow:
      return model_->flows[hit.entity].id;
    case Place::node:
      return model_->nodes[hit.entity].id;
    case Place::org:
      break;
  }
  return model_->orgs[hit.entity].id;
}

const SourceLocation& CheckedFindings::where(const RuleHit& hit) const {
  switch (hit.place) {
    case Place::flow:
      return model_->flows[hit.entity].where;
    case Place::node:
      return model_->nodes[hit.entity].where;
    case Place::org:
      break;
  }
  return model_->orgs[hit.entity].where;
}

void CheckedFindings::append_id(const RuleHit& hit, std::string& id) const {
  const std::string& rule = policy_->rules[hit.rule].id;
  const std::string_view kind = prefix(hit.place);
  const std::string& entity = entity_id(hit);
  id.reserve(id.size() + rule.size() + 1 + kind.size() + entity.size());
  id.append(rule).append("@").append(kind).append(entity);
}

void CheckedFindings::read(std::size_t i, Finding& finding) const {
  const std::uint32_t at = order_[i];
  if (at >= hits_.size()) {
    finding = whole_[at - hits_.size()];
    return;
  }
  const RuleHit& hit = hits_[at];
  const Rule& rule = policy_->rules[hit.rule];
  finding.id.clear();
  append_id(hit, finding.id);
  finding.rule = rule.id;
  finding.severity = hit.severity;
  finding.where = where(hit);
  finding.flow.reset();
  finding.node.reset();
  finding.org.reset();
  finding.from.reset();
  finding.to.reset();
  finding.missing.clear();
  finding.missing.reserve(hit.missing_count);
  for (std::size_t k = 0; k < hit.missing_count; ++k) {
    const std::size_t m = missing_[hit.missing_from + k];
    finding.missing.push_back(m < catalogue_->size()
                                  ? catalogue_->at(m).id
                                  : model_->custom_measures[m - catalogue_->size()].id);
  }
  std::string& ja = finding.message;
  std::string& en = finding.message_en;
  ja.clear();
  en.clear();
  switch (hit.place) {
    case Place::flow: {
      const Flow& flow = model_->flows[hit.entity];
      finding.flow = flow.id;
      const std::string& from = model_->nodes[flow.from].id;
      const std::string& to = model_->nodes[flow.to].id;
      finding.from = from;
      finding.to = to;
      ja += "流れ「";
      model_->append_flow_title(ja, flow);
      ja.append("」(").append(from).append(" → ").append(to).append(")");
      en.append("flow \"").append(flow.id).append("\" (").append(from).append(" -> ");
      en.append(to).append(")");
      break;
    }
    case Place::node: {
      const Node& node = model_->nodes[hit.entity];
      finding.node = node.id;
      if (node.org != npos) finding.org = model_->orgs[node.org].id;
      ja.append("「").append(node.name).append("」(").append(node.id).append(")");
      en.append("node \"").append(node.id).append("\"");
      break;
    }
    case Place::org: {
      const Organization& org = model_->orgs[hit.entity];
      finding.org = org.id;
      ja.append("組織「").append(org.name).append("」(").append(org.id).append(")");
      en.append("organization \"").append(org.id).append("\"");
      break;
    }
  }
  describe(hit, ja, en);
  finding.accepted.reset();
  finding.accepted_by.reset();
  if (hit.acceptance != kNoAcceptance) {
    const Acceptance& acceptance = model_->acceptances[hit.acceptance];
    finding.accepted = acceptance.justification;
    if (!acceptance.accepted_by.empty()) finding.accepted_by = acceptance.accepted_by;
  }
}

/// Completes a rule finding's messages, begun with their subject: what is missing, what the
/// model declares for part of the data or marks not applicable, and the rule.
void CheckedFindings::describe(const RuleHit& hit, std::string& ja, std::string& en) const {
  if (hit.missing_count > 0) {
    const std::size_t all = hit.any_from;
    const std::size_t any = hit.missing_count - hit.any_from;
    ja += " に必要な対策がありません: ";
    en += " lacks: ";
    append_names(ja, hit.missing_from, all, false, "、");
    append_names(en, hit.missing_from, all, true, ", ");
    if (all > 0 && any > 0) {
      ja += "、";
      en += "; ";
    }
    const std::size_t any_from = hit.missing_from + all;
    if (any == 1) {
      append_names(ja, any_from, any, false, "");
      append_names(en, any_from, any, true, "");
    } else if (any > 0) {
      append_names(ja, any_from, any, false, " または ");
      ja += " のいずれか";
      en += "one of ";
      append_names(en, any_from, any, true, " or ");
    }
  }
  const auto notes = std::span<const GapNote>(notes_).subspan(hit.notes_from, hit.notes_count);
  for (const GapNote& note : notes) {
    if (!note.scoped) continue;
    ja.append("（").append(measure_label(note.measure, false)).append(" は「");
    ja.append(*note.text).append("」についてだけ記載されています）");
    en.append(" (").append(measure_label(note.measure, true)).append(" is declared only for: ");
    en.append(*note.text).append(")");
  }
  for (const GapNote& note : notes) {
    if (note.scoped) continue;
    ja.append(hit.missing_count == 0 ? " では " : "。また ");
    ja.append(measure_label(note.measure, false)).append(" が「－（").append(*note.text);
    ja.append("）」とされています");
    en.append(hit.missing_count == 0 ? " marks " : "; marks ");
    en.append(measure_label(note.measure, true)).append(" not applicable (").append(*note.text);
    en.append(")");
  }
  const Rule& rule = policy_->rules[hit.rule];
  ja.append("（規則: ").append(titles_[hit.rule]).append("）");
  en.append(" (rule: ").append(rule.title_en).append(")");
}

/// measure_name (catalogue.h) without a copy: a view of the catalogue's or model's text.
std::string_view CheckedFindings::measure_label(std::size_t m, bool english) const {
  if (m < catalogue_->size()) {
    const MeasureDefinition& definition = catalogue_->at(m);
    if (english) return definition.english.empty() ? definition.id : definition.english;
    return catalogue_->label(m);
  }
  const std::size_t custom = m - catalogue_->size();
  if (custom < model_->custom_measures.size()) {
    const CustomMeasure& own = model_->custom_measures[custom];
    return own.name.empty() ? own.id : own.name;
  }
  return "?";
}

void CheckedFindings::append_names(std::string& text, std::size_t from, std::size_t count,
                                   bool english, std::string_view separator) const {
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) text += separator;
    text += measure_label(missing_[from + i], english);
  }
}

std::vector<Finding> CheckedFindings::to_vector() const {
  std::vector<Finding> findings(size());
  for (std::size_t i = 0; i < size(); ++i) read(i, findings[i]);
  return findings;
}

namespace {
void count(SeverityCounts& counts, Severity severity) {
  switch (severity) {
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
}  // namespace

SeverityCounts CheckedFindings::counts() const {
  SeverityCounts counts = count_by_severity(whole_);
  for (const RuleHit& hit : hits_) count(counts, hit.severity);
  return counts;
}

SeverityCounts count_by_severity(const std::vector<Finding>& findings) {
  SeverityCounts counts;
  for (const Finding& finding : findings) count(counts, finding.severity);
  return counts;
}

}  // namespace nagare
