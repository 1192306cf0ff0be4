#include "toml_library.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "key_probe.h"
#include "nagare/load.h"
#include "toml_parts.h"
#include "toml_reader.h"

namespace nagare {
namespace {

using load::Reporter;
using load::TableReader;

constexpr std::string_view kProcedures =
    "computer-processing, external-link, outsourcing, external-provision, purpose-outside-use";
constexpr std::string_view kItemClasses =
    "personal, special-care, my-number, pseudonymous, non-personal";
constexpr std::string_view kOrgRoles =
    "ward, department, contractor, subcontractor, connected, cloud, recipient, subject, vendor, "
    "other, public-body, service, unknown";
constexpr std::string_view kNodeKinds =
    "person, terminal, mobile, system, cloud, datastore, network, medium";
constexpr std::string_view kNetworkKinds =
    "internet, lgwan, closed, dedicated-line, intranet, telephone, mobile-carrier, unknown";
constexpr std::string_view kMediumKinds = "usb, dvd, paper, other";

/// A reference to another entity by id, resolved once everything is read. The id is a
/// view of the text in the TOML tree, which outlives the loader.
struct PendingRef {
  std::string_view id;
  SourceLocation where;
};

/// The kinds of entity an id can name; ids are one namespace across them.
enum class IdKind : std::uint32_t { custom_measure, item, org, node, flow };

/// Every id of a model to what it names, in one flat table probed in place: keys are views
/// of the ids (in the TOML tree, or a flow's own), room is made once from the counts, and
/// nothing is allocated per id. A slot is 24 bytes: the index of a model of many thousand
/// entities is a good part of its memory.
class IdIndex {
 public:
  struct Named {
    IdKind kind;
    std::size_t index;  // among the model's entities of that kind
  };

  void reserve(std::size_t count) {
    std::size_t capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    if (capacity > slots_.size()) rehash(capacity);
  }
  /// What `key` names, adding `named` when it names nothing yet; second: whether it was added.
  std::pair<Named, bool> emplace(std::string_view key, Named named) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(std::max<std::size_t>(16, slots_.size() * 2));
    const std::uint32_t hash = hash_of(key);
    for (std::size_t at = hash & (slots_.size() - 1);; at = (at + 1) & (slots_.size() - 1)) {
      Slot& slot = slots_[at];
      if (!slot.used()) {
        slot = Slot{key, hash, packed(named)};
        ++size_;
        return {named, true};
      }
      if (slot.hash == hash && slot.key == key) return {unpacked(slot.named), false};
    }
  }
  /// What `key` names, or nothing.
  std::optional<Named> find(std::string_view key) const {
    if (slots_.empty()) return std::nullopt;
    const std::uint32_t hash = hash_of(key);
    for (std::size_t at = hash & (slots_.size() - 1);; at = (at + 1) & (slots_.size() - 1)) {
      const Slot& slot = slots_[at];
      if (!slot.used()) return std::nullopt;
      if (slot.hash == hash && slot.key == key) return unpacked(slot.named);
    }
  }
  /// The index of the entity of `kind` that `key` names, or nothing.
  std::optional<std::size_t> find(std::string_view key, IdKind kind) const {
    const auto named = find(key);
    if (!named || named->kind != kind) return std::nullopt;
    return named->index;
  }

 private:
  // The kind in the top 3 bits, the index in the other 29: input is at most kMaxInputBytes
  // (256 MiB) and an entity takes more than 8 bytes of it, so no index needs more.
  static constexpr unsigned kIndexBits = 29;
  static_assert(kMaxInputBytes / 8 < (std::size_t{1} << kIndexBits));
  static std::uint32_t packed(Named named) {
    return static_cast<std::uint32_t>(named.kind) << kIndexBits |
           static_cast<std::uint32_t>(named.index);
  }
  static Named unpacked(std::uint32_t named) {
    return Named{static_cast<IdKind>(named >> kIndexBits),
                 named & ((std::uint32_t{1} << kIndexBits) - 1)};
  }
  static std::uint32_t hash_of(std::string_view key) {
    return static_cast<std::uint32_t>(std::hash<std::string_view>{}(key));
  }
  /// Ids are never empty (the loader refuses an empty one before it indexes it), so a
  /// slot without key text is free: no flag of its own.
  struct Slot {
    std::string_view key;
    std::uint32_t hash = 0;
    std::uint32_t named = 0;
    bool used() const { return key.data() != nullptr; }
  };
  void rehash(std::size_t capacity) {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(capacity, Slot{});
    for (const Slot& slot : old) {
      if (!slot.used()) continue;
      for (std::size_t at = slot.hash & (capacity - 1);; at = (at + 1) & (capacity - 1)) {
        if (!slots_[at].used()) {
          slots_[at] = slot;
          break;
        }
      }
    }
  }
  std::vector<Slot> slots_;  // a power of two of them, at most half used
  std::size_t size_ = 0;
};

/// What an entity's `measures` said, before measure ids are resolved.
struct PendingMarks {
  std::vector<MeasureMark> marks;
  std::vector<bool> party_given;
};

class ModelLoader {
 public:
  ModelLoader(const std::string& path, const MeasureCatalogue& catalogue, Diagnostics& out)
      : reporter_(path, out), catalogue_(catalogue) {
    model_.file = path;
  }

  /// Reads the tree into the model. Ids and references are kept as views into `root`,
  /// which must outlive the loader; each flow's table is emptied once it is read.
  void read(toml::table& root) {
    TableReader top(root, "モデル", reporter_);
    reserve(top);
    top.table("paper", [this](TableReader& t) { read_paper(t); });
    top.tables("custom_measures", [this](TableReader& t) { read_custom_measure(t); });
    top.tables("items", [this](TableReader& t) { read_item(t); });
    top.tables("orgs", [this](TableReader& t) { read_org(t); });
    top.tables("nodes", [this](TableReader& t) { read_node(t); });
    resolve_orgs_and_nodes();
    // Flows are most of a model: each is resolved as soon as it is read (against the items
    // and nodes read before it) and its table released, so the tree shrinks as the model
    // grows instead of both being whole at once.
    top.tables(
        "flows", [this](TableReader& t) { read_flow(t); }, TableReader::Afterwards::release);
    top.tables("accept", [this](TableReader& t) { read_acceptance(t); });
    if (!top.has("paper")) {
      reporter_.error(SourceLocation{reporter_.file(), 1, 1},
                      "[paper] がありません (件名 title を書いてください)",
                      "[paper] is missing (write the paper's title)");
    }
  }

  Model take() { return std::move(model_); }

 private:
  /// Room for every entity the tree has, counted before any is read: the model's vectors
  /// never move, and the indexes never rehash.
  void reserve(const TableReader& top) {
    const std::size_t items = top.count("items");
    const std::size_t orgs = top.count("orgs");
    const std::size_t nodes = top.count("nodes");
    const std::size_t flows = top.count("flows");
    const std::size_t custom = top.count("custom_measures");
    model_.items.reserve(items);
    model_.orgs.reserve(orgs);
    model_.nodes.reserve(nodes);
    model_.flows.reserve(flows);
    model_.custom_measures.reserve(custom);
    model_.acceptances.reserve(top.count("accept"));
    ids_.reserve(items + orgs + nodes + flows + custom);
    org_parents_.reserve(orgs);
    org_marks_.reserve(orgs);
    node_orgs_.reserve(nodes);
    node_marks_.reserve(nodes);
  }

 public:
  void record_keys(load::KeysRead* keys) { reporter_.record_keys(keys); }

 private:
  // ---- reading -------------------------------------------------------------------------

  /// Where the entity an id names was defined.
  const SourceLocation& where_of(IdIndex::Named named) const {
    switch (named.kind) {
      case IdKind::custom_measure:
        return model_.custom_measures[named.index].where;
      case IdKind::item:
        return model_.items[named.index].where;
      case IdKind::org:
        return model_.orgs[named.index].where;
      case IdKind::node:
        return model_.nodes[named.index].where;
      case IdKind::flow:
        break;
    }
    return model_.flows[named.index].where;
  }

  /// Indexes the id of the entity about to be added (the next of its kind) at `where`;
  /// false when it cannot be: the entity is then left out of the model.
  bool register_id(const std::optional<std::string_view>& id, const SourceLocation& where,
                   IdKind kind, std::size_t index) {
    if (!id) return false;
    if (id->empty()) {
      reporter_.error(where, "id が空です", "the id is empty");
      return false;
    }
    auto [named, inserted] = ids_.emplace(*id, IdIndex::Named{kind, index});
    if (!inserted) {
      const SourceLocation& first = where_of(named);
      // Tables are read kind by kind, so the one met first may stand later in the file:
      // report the later of the two, naming the earlier.
      const bool this_is_later =
          std::tie(where.line, where.column) > std::tie(first.line, first.column);
      const SourceLocation& later = this_is_later ? where : first;
      const SourceLocation& earlier = this_is_later ? first : where;
      reporter_.error(later,
                      "id \"" + std::string(*id) + "\" が重複しています (最初の定義: " +
                          std::to_string(earlier.line) + "行目)",
                      "id \"" + std::string(*id) + "\" is defined twice (first on line " +
                          std::to_string(earlier.line) + ")");
      return false;
    }
    return true;
  }

  void read_paper(TableReader& t) {
    Paper& paper = model_.paper;
    paper.title = t.string("title", true).value_or("");
    paper.document = t.string("document").value_or("");
    paper.municipality = t.string("municipality").value_or("");
    if (auto wording = t.string("wording")) {
      if (*wording != "shinjuku" && *wording != "edogawa") {
        reporter_.error(
            *t.node("wording"),
            "wording = \"" + *wording + "\" は使えません (使える値: shinjuku, edogawa)",
            "wording = \"" + *wording + "\" is not allowed (allowed: shinjuku, edogawa)");
      } else {
        paper.wording = *wording;
      }
    }
    if (auto body = t.string("body")) {
      static const std::set<std::string, std::less<>> kBodies{
          "区", "市", "町", "村", "都", "道", "府", "県", "広域連合", "一部事務組合"};
      if (kBodies.count(*body) == 0) {
        constexpr std::string_view kAllowed =
            "区, 市, 町, 村, 都, 道, 府, 県, 広域連合, 一部事務組合";
        reporter_.error(
            *t.node("body"),
            "body = \"" + *body + "\" は使えません (使える値: " + std::string(kAllowed) + ")",
            "body = \"" + *body + "\" is not allowed (allowed: " + std::string(kAllowed) + ")");
      } else {
        paper.body = *body;
      }
    }
    paper.department = t.string("department").value_or("");
    t.strings("procedures", [&](const std::string& text, const SourceLocation& where) {
      if (auto procedure = parse_procedure(text)) {
        paper.procedures.push_back(*procedure);
      } else {
        reporter_.error(where,
                        "procedures の \"" + text +
                            "\" は使えません (使える値: " + std::string(kProcedures) + ")",
                        "procedures: \"" + text +
                            "\" is not allowed (allowed: " + std::string(kProcedures) + ")");
      }
    });
    paper.subjects = t.string("subjects").value_or("");
    paper.subject_count = t.text_or_number("subject_count").value_or("");
    paper.period = t.string("period").value_or("");
    paper.purpose = t.string("purpose").value_or("");
    paper.source = t.string("source").value_or("");
  }

  void read_custom_measure(TableReader& t) {
    CustomMeasure measure;
    measure.where = t.where();
    auto id = t.text("id", true);
    measure.name = t.string("name", true).value_or("");
    if (auto category = t.string("category")) {
      if (*category == "technical") {
        measure.technical = true;
      } else if (*category != "operational") {
        reporter_.error(
            *t.node("category"),
            "category = \"" + *category + "\" は使えません (使える値: operational, technical)",
            "category = \"" + *category + "\" is not allowed (allowed: operational, technical)");
      }
    }
    t.strings("satisfies", [&](const std::string& text, const SourceLocation& where) {
      if (auto index = catalogue_.find(text)) {
        measure.satisfies.push_back(*index);
        measure.satisfies_ids.push_back(text);
      } else {
        reporter_.error(
            where,
            "satisfies の \"" + text +
                "\" は標準の対策にありません (nagare measures で一覧できます)",
            "satisfies: \"" + text + "\" is not a catalogue measure (nagare measures lists them)");
      }
    });
    if (!id) return;
    if (catalogue_.find(*id)) {
      reporter_.error(measure.where,
                      "custom_measures の id \"" + std::string(*id) +
                          "\" は標準の対策と同じです (nagare measures で一覧できます)",
                      "custom_measures: id \"" + std::string(*id) +
                          "\" is already a catalogue measure (nagare measures lists them)");
      return;
    }
    if (!register_id(id, measure.where, IdKind::custom_measure, model_.custom_measures.size())) {
      return;
    }
    measure.id = *id;
    model_.custom_measures.push_back(std::move(measure));
  }

  void read_item(TableReader& t) {
    ItemSet item;
    item.where = t.where();
    auto id = t.text("id", true);
    item.name = t.string("name", true).value_or("");
    item.item_class =
        t.enumerated("class", parse_item_class, kItemClasses, true).value_or(ItemClass::personal);
    t.strings("fields", [&](const std::string& field, const SourceLocation&) {
      item.fields.push_back(field);
    });
    item.declared = t.boolean("declared").value_or(true);
    if (!register_id(id, item.where, IdKind::item, model_.items.size())) return;
    item.id = *id;
    model_.items.push_back(std::move(item));
  }

  PendingMarks read_marks(TableReader& t) {
    PendingMarks pending;
    const toml::node* value = t.node("measures");
    if (value == nullptr) return pending;
    const auto* array = value->as_array();
    if (array == nullptr) {
      reporter_.error(*value, t.context() + " の measures は配列 [\"…\", …] で書いてください",
                      t.context_en() + ": measures must be an array [\"…\", …]");
      return pending;
    }
    // Exactly the room the marks take: a vector grown by doubling keeps up to twice that.
    pending.marks.reserve(array->size());
    pending.party_given.reserve(array->size());
    for (const toml::node& element : *array) {
      MeasureMark mark;
      mark.where = reporter_.at(element);
      bool party_given = false;
      if (const auto* text = element.as_string()) {
        mark.measure_id = text->get();
      } else if (const auto* table = element.as_table()) {
        TableReader entry(*table, t.context() + " の measures の要素", reporter_,
                          t.context_en() + " measures entry");
        mark.measure_id = entry.string("id", true).value_or("");
        if (auto reason = entry.string("na")) {
          mark.not_applicable = true;
          mark.reason = *reason;
          if (reason->empty()) {
            reporter_.error(*entry.node("na"), "na には対策が不要な理由を書いてください",
                            "na must give the reason the measure is not needed");
          }
        }
        if (auto party = entry.enumerated("by", parse_party, "ward, other")) {
          mark.party = *party;
          party_given = true;
        }
        mark.procedure = entry.enumerated("procedure", parse_procedure, kProcedures);
        mark.scope = entry.string("scope").value_or("");
      } else {
        reporter_.error(
            element, "measures の要素は対策の id か { id = \"…\", na = \"…\" } で書いてください",
            "each element of measures must be a measure id or { id = \"…\", na = \"…\" }");
        continue;
      }
      pending.marks.push_back(std::move(mark));
      pending.party_given.push_back(party_given);
    }
    return pending;
  }

  void read_org(TableReader& t) {
    Organization org;
    org.where = t.where();
    auto id = t.text("id", true);
    org.name = t.string("name", true).value_or("");
    org.role = t.enumerated("role", parse_org_role, kOrgRoles, true).value_or(OrgRole::other);
    auto parent = t.text("parent");
    org.operator_name = t.string("operator").value_or("");
    t.tables("certifications", [&](TableReader& c) {
      Certification certification;
      certification.kind = c.string("kind", true).value_or("");
      if (auto since = c.integer("since")) certification.since = static_cast<int>(*since);
      static const std::set<std::string, std::less<>> kKinds{"ISMS", "Pmark", "ASP-SaaS", "other"};
      if (!certification.kind.empty() && kKinds.count(certification.kind) == 0) {
        reporter_.error(c.where(),
                        "certifications の kind = \"" + certification.kind +
                            "\" は使えません (使える値: ISMS, Pmark, ASP-SaaS, other)",
                        "certifications: kind = \"" + certification.kind +
                            "\" is not allowed (allowed: ISMS, Pmark, ASP-SaaS, other)");
      }
      org.certifications.push_back(std::move(certification));
    });
    org.region =
        t.enumerated("region", parse_region, "japan, overseas, unknown").value_or(Region::unknown);
    t.strings("must_not_receive", [&](const std::string& text, const SourceLocation& where) {
      if (auto item_class = parse_item_class(text)) {
        org.must_not_receive.push_back(*item_class);
      } else {
        // Not a class: an item set's id, resolved once every item set is read.
        pending_forbidden_sets_.push_back({model_.orgs.size(), PendingRef{text, where}});
      }
    });
    PendingMarks marks = read_marks(t);
    if (!register_id(id, org.where, IdKind::org, model_.orgs.size())) return;
    org.id = *id;
    org_parents_.push_back(parent ? std::optional<PendingRef>(PendingRef{*parent, org.where})
                                  : std::nullopt);
    org_marks_.push_back(std::move(marks));
    model_.orgs.push_back(std::move(org));
  }

  void read_node(TableReader& t) {
    Node node;
    node.where = t.where();
    auto id = t.text("id", true);
    node.name = t.string("name", true).value_or("");
    auto kind = t.enumerated("kind", parse_node_kind, kNodeKinds, true);
    node.kind = kind.value_or(NodeKind::system);
    auto org = t.text("org");
    node.network = t.enumerated("network", parse_network_kind, kNetworkKinds);
    node.medium = t.enumerated("medium", parse_medium_kind, kMediumKinds);
    auto stores = t.boolean("stores");
    node.note = t.string("note").value_or("");
    PendingMarks marks = read_marks(t);
    if (kind) check_node_kind_fields(node, t);
    node.stores = stores.value_or(node.kind != NodeKind::person && node.kind != NodeKind::network);
    if (!register_id(id, node.where, IdKind::node, model_.nodes.size())) return;
    node.id = *id;
    node_orgs_.push_back(
        org ? std::optional<PendingRef>(PendingRef{*org, reporter_.at(*t.node("org"))})
            : std::nullopt);
    node_marks_.push_back(std::move(marks));
    model_.nodes.push_back(std::move(node));
  }

  void check_node_kind_fields(const Node& node, TableReader& t) {
    if (node.kind == NodeKind::network && !node.network) {
      if (!t.has("network")) {
        reporter_.error(
            node.where,
            "kind = \"network\" のノードには network (" + std::string(kNetworkKinds) +
                ") を書いてください",
            "a node of kind = \"network\" needs network (" + std::string(kNetworkKinds) + ")");
      }
    } else if (node.kind != NodeKind::network && t.has("network")) {
      reporter_.error(*t.node("network"), "network は kind = \"network\" のノードにだけ書けます",
                      "network is only for nodes of kind = \"network\"");
    }
    if (node.kind == NodeKind::medium && !node.medium) {
      if (!t.has("medium")) {
        reporter_.error(
            node.where,
            "kind = \"medium\" のノードには medium (" + std::string(kMediumKinds) +
                ") を書いてください",
            "a node of kind = \"medium\" needs medium (" + std::string(kMediumKinds) + ")");
      }
    } else if (node.kind != NodeKind::medium && t.has("medium")) {
      reporter_.error(*t.node("medium"), "medium は kind = \"medium\" のノードにだけ書けます",
                      "medium is only for nodes of kind = \"medium\"");
    }
  }

  struct PendingFlow {
    std::optional<PendingRef> from;
    std::optional<PendingRef> to;
    std::vector<PendingRef> via;
    std::vector<PendingRef> items;
    PendingMarks marks;
  };

  void read_flow(TableReader& t) {
    Flow flow;
    PendingFlow pending;
    flow.where = t.where();
    auto id = t.text("id", true);
    if (auto step = t.integer("step")) {
      if (*step < 0 || *step > 9999) {
        reporter_.error(*t.node("step"), "step は 0 から 9999 までの整数で書いてください",
                        "step must be an integer from 0 to 9999");
      } else {
        flow.step = static_cast<int>(*step);
      }
    }
    if (auto from = t.text("from", true))
      pending.from = PendingRef{*from, reporter_.at(*t.node("from"))};
    if (auto to = t.text("to", true)) pending.to = PendingRef{*to, reporter_.at(*t.node("to"))};
    t.strings("via", [&](const std::string& via, const SourceLocation& where) {
      pending.via.push_back(PendingRef{via, where});
    });
    t.strings("items", [&](const std::string& item, const SourceLocation& where) {
      pending.items.push_back(PendingRef{item, where});
    });
    flow.direction =
        t.enumerated("direction", parse_direction, "one-way, both").value_or(Direction::one_way);
    flow.means = t.enumerated("means", parse_means, "in-person, unstated").value_or(Means::unset);
    flow.label = t.string("label").value_or("");
    pending.marks = read_marks(t);
    if (!id) return;
    // Registered by the model's copy of the id: the flow's table is released once read.
    flow.id = *id;
    Flow& added = model_.flows.emplace_back(std::move(flow));
    if (!register_id(std::string_view(added.id), added.where, IdKind::flow,
                     model_.flows.size() - 1)) {
      model_.flows.pop_back();
      return;
    }
    resolve_flow(model_.flows.size() - 1, pending);
  }

  void read_acceptance(TableReader& t) {
    Acceptance acceptance;
    acceptance.where = t.where();
    acceptance.finding_id = t.string("finding", true).value_or("");
    acceptance.justification = t.string("justification", true).value_or("");
    acceptance.accepted_by = t.string("by").value_or("");
    if (const toml::node* date = t.node("date")) {
      // A bare TOML date (2026-04-01) and a quoted one are both fine.
      if (const auto* text = date->as_string()) {
        acceptance.date = text->get();
      } else if (const auto* day = date->as_date()) {
        std::ostringstream out;
        out << day->get();
        acceptance.date = out.str();
      } else {
        reporter_.error(*date, "[[accept]] の date は日付 (2026-04-01) で書いてください",
                        "[[accept]]: date must be a date (2026-04-01)");
      }
    }
    model_.acceptances.push_back(std::move(acceptance));
  }

  // ---- resolving -----------------------------------------------------------------------

  std::size_t lookup(IdKind kind, const PendingRef& ref, std::string_view what,
                     std::string_view what_en) {
    if (const auto found = ids_.find(ref.id, kind)) return *found;
    reporter_.error(ref.where,
                    std::string(what) + " \"" + std::string(ref.id) + "\" は定義されていません",
                    std::string(what_en) + " \"" + std::string(ref.id) + "\" is not defined");
    return npos;
  }

  /// Resolves the marks in place and hands their vector to `out` (no second copy).
  void resolve_marks(PendingMarks& pending, bool ward_side, std::vector<MeasureMark>& out) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < pending.marks.size(); ++i) {
      MeasureMark& mark = pending.marks[i];
      if (mark.measure_id.empty()) continue;
      if (auto index = catalogue_.find(mark.measure_id)) {
        mark.measure = *index;
      } else if (const auto custom = ids_.find(mark.measure_id, IdKind::custom_measure)) {
        mark.measure = catalogue_.size() + *custom;
      } else {
        reporter_.error(mark.where,
                        "対策 \"" + mark.measure_id +
                            "\" は定義されていません (nagare measures で一覧できます。"
                            "独自の対策は [[custom_measures]] に書きます)",
                        "measure \"" + mark.measure_id +
                            "\" is not defined (nagare measures lists them; define your own in "
                            "[[custom_measures]])");
        continue;
      }
      if (!pending.party_given[i]) mark.party = ward_side ? Party::ward : Party::other;
      if (kept != i) pending.marks[kept] = std::move(mark);
      ++kept;
    }
    pending.marks.erase(pending.marks.begin() + static_cast<std::ptrdiff_t>(kept),
                        pending.marks.end());
    out = std::move(pending.marks);
  }

  /// Resolves what organizations and nodes refer to; flows are resolved as they are read.
  void resolve_orgs_and_nodes() {
    for (std::size_t i = 0; i < model_.orgs.size(); ++i) {
      if (org_parents_[i]) {
        model_.orgs[i].parent =
            lookup(IdKind::org, *org_parents_[i], "親組織", "parent organization");
      }
    }
    reject_parent_cycles();
    index_ward_side();
    for (std::size_t i = 0; i < model_.orgs.size(); ++i) {
      resolve_marks(org_marks_[i], ward_side_[i], model_.orgs[i].measures);
    }
    for (std::size_t i = 0; i < model_.nodes.size(); ++i) {
      Node& node = model_.nodes[i];
      if (node_orgs_[i]) node.org = lookup(IdKind::org, *node_orgs_[i], "組織", "organization");
      resolve_marks(node_marks_[i], node.org != npos && ward_side_[node.org], node.measures);
    }
    for (const auto& [org, ref] : pending_forbidden_sets_) {
      const auto item = ids_.find(ref.id, IdKind::item);
      if (!item) {
        reporter_.error(ref.where,
                        "must_not_receive の \"" + std::string(ref.id) + "\" は情報の分類 (" +
                            std::string(kItemClasses) + ") でも items の id でもありません",
                        "must_not_receive: \"" + std::string(ref.id) +
                            "\" is neither an item class (" + std::string(kItemClasses) +
                            ") nor an item set id");
      } else if (org < model_.orgs.size()) {
        model_.orgs[org].must_not_receive_sets.push_back(*item);
      }
    }
  }

  /// Cuts every parent chain that never ends, reporting each organization whose chain
  /// runs into a cycle, in file order. Each organization is walked over once when the
  /// chains end (the usual case), so nesting thousands deep stays linear.
  void reject_parent_cycles() {
    const std::size_t count = model_.orgs.size();
    std::vector<char> ends(count);                  // the chain from here reaches a root
    std::vector<std::size_t> seen_in(count, npos);  // the walk that last passed here
    std::vector<std::size_t> walked;
    for (std::size_t start = 0; start < count; ++start) {
      walked.clear();
      std::size_t org = start;
      while (org != npos && !ends[org] && seen_in[org] != start) {
        seen_in[org] = start;
        walked.push_back(org);
        org = model_.orgs[org].parent;
      }
      if (org == npos || ends[org]) {
        for (std::size_t passed : walked) ends[passed] = 1;
        continue;
      }
      reporter_.error(model_.orgs[start].where,
                      "組織 \"" + model_.orgs[start].id + "\" の parent が循環しています",
                      "organization \"" + model_.orgs[start].id + "\": its parents form a cycle");
      model_.orgs[start].parent = npos;
      ends[start] = 1;
    }
  }

  /// The ward and its departments, and anything nested in them (parents are acyclic now).
  void index_ward_side() {
    const std::size_t count = model_.orgs.size();
    ward_side_.assign(count, 0);
    std::vector<char> known(count);
    std::vector<std::size_t> chain;
    for (std::size_t start = 0; start < count; ++start) {
      chain.clear();
      std::size_t org = start;
      while (org != npos && !known[org]) {
        chain.push_back(org);
        org = model_.orgs[org].parent;
      }
      char inherited = org != npos && ward_side_[org];
      for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const OrgRole role = model_.orgs[*it].role;
        inherited = inherited || role == OrgRole::ward || role == OrgRole::department;
        ward_side_[*it] = inherited;
        known[*it] = 1;
      }
    }
  }

  void resolve_flow(std::size_t index, PendingFlow& pending) {
    Flow& flow = model_.flows[index];
    if (pending.from) flow.from = lookup(IdKind::node, *pending.from, "ノード", "node");
    if (pending.to) flow.to = lookup(IdKind::node, *pending.to, "ノード", "node");
    if (flow.from != npos && flow.from == flow.to) {
      reporter_.error(flow.where,
                      "流れ \"" + flow.id + "\" の from と to が同じノード \"" +
                          model_.nodes[flow.from].id + "\" です",
                      "flow \"" + flow.id + "\": from and to are the same node \"" +
                          model_.nodes[flow.from].id + "\"");
    }
    for (const PendingRef& ref : pending.via) {
      std::size_t node = lookup(IdKind::node, ref, "ノード", "node");
      if (node == npos) continue;
      const NodeKind kind = model_.nodes[node].kind;
      if (kind != NodeKind::network && kind != NodeKind::medium) {
        reporter_.error(ref.where,
                        "via には network か medium のノードを書きます (\"" + std::string(ref.id) +
                            "\" は " + std::string(id_of(kind)) + ")",
                        "via takes network or medium nodes (\"" + std::string(ref.id) + "\" is " +
                            std::string(id_of(kind)) + ")");
        continue;
      }
      if (node == flow.from || node == flow.to) {
        reporter_.error(ref.where,
                        "via の \"" + std::string(ref.id) + "\" が流れの from か to と同じです",
                        "via: \"" + std::string(ref.id) + "\" is the flow's own from or to");
        continue;
      }
      flow.via.push_back(node);
    }
    for (const PendingRef& ref : pending.items) {
      std::size_t item = lookup(IdKind::item, ref, "情報項目", "item set");
      if (item == npos) continue;
      if (std::find(flow.items.begin(), flow.items.end(), item) != flow.items.end()) {
        reporter_.error(ref.where, "items の \"" + std::string(ref.id) + "\" が重複しています",
                        "items: \"" + std::string(ref.id) + "\" is listed twice");
        continue;
      }
      flow.items.push_back(item);
    }
    const bool ward_side = flow.from != npos && model_.nodes[flow.from].org != npos &&
                           ward_side_[model_.nodes[flow.from].org];
    resolve_marks(pending.marks, ward_side, flow.measures);
  }

  Reporter reporter_;
  const MeasureCatalogue& catalogue_;
  Model model_;
  // Keyed by views of the ids in the TOML tree: nothing is copied to look an id up.
  IdIndex ids_;
  std::vector<std::pair<std::size_t, PendingRef>> pending_forbidden_sets_;
  std::vector<std::optional<PendingRef>> org_parents_;
  std::vector<PendingMarks> org_marks_;
  std::vector<std::optional<PendingRef>> node_orgs_;
  std::vector<PendingMarks> node_marks_;
  std::vector<char> ward_side_;  // per organization, once parents are resolved
};

}  // namespace

Loaded<std::string> read_input_file(const std::string& path) {
  Loaded<std::string> result;
  auto fail = [&](std::string message, std::string message_en) {
    result.diagnostics.push_back(
        Diagnostic{SourceLocation{path, 0, 0}, std::move(message), std::move(message_en)});
    return result;
  };
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (error || !std::filesystem::exists(status))
    return fail("ファイルがありません", "no such file");
  if (std::filesystem::is_directory(status))
    return fail("ディレクトリです (ファイルを指定してください)", "a directory (name a file)");
  const auto too_large = [&] {
    const std::string limit = std::to_string(kMaxInputBytes >> 20);
    return fail("ファイルが大きすぎます (上限 " + limit + " MiB)",
                "the file is too large (at most " + limit + " MiB)");
  };
  // A regular file says its size: refuse it before reading (a pipe is counted as it is read),
  // and read it with one read into room made once.
  std::string text;
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("ファイルを読めません", "cannot read the file");
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, error);
    if (!error && size > kMaxInputBytes) return too_large();
    if (!error) {
      text.resize(static_cast<std::size_t>(size));
      in.read(text.data(), static_cast<std::streamsize>(size));
      text.resize(static_cast<std::size_t>(in.gcount()));
      if (in.bad()) return fail("ファイルを読めません", "cannot read the file");
      if (in.gcount() < static_cast<std::streamsize>(size)) {
        // Shorter than it said (cut while read): what was read is the file.
        result.value = std::move(text);
        return result;
      }
      in.clear();  // a file that grew since: read on, below
    }
  }
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxInputBytes) return too_large();
  }
  if (in.bad()) return fail("ファイルを読めません", "cannot read the file");
  result.value = std::move(text);
  return result;
}

namespace {

/// Reads a parsed tree into the model, the tree's strings copied once, into the model.
Loaded<Model> model_of_tree(toml::table& root, const std::string& path,
                            const MeasureCatalogue& catalogue, Diagnostics diagnostics) {
  Loaded<Model> result;
  result.diagnostics = std::move(diagnostics);
  ModelLoader loader(path, catalogue, result.diagnostics);
  loader.read(root);
  load::sort_by_position(result.diagnostics);
  if (result.diagnostics.empty()) result.value = loader.take();
  return result;
}

}  // namespace

Loaded<Model> load_model_text(std::string_view text, const std::string& path,
                              const MeasureCatalogue& catalogue) {
  Diagnostics diagnostics;
  auto root = load::parse_toml(text, path, diagnostics);
  if (!root) return Loaded<Model>{std::nullopt, std::move(diagnostics)};
  return model_of_tree(*root, path, catalogue, std::move(diagnostics));
}

namespace load {

KeysRead model_keys_read(std::string_view text, const MeasureCatalogue& catalogue) {
  KeysRead keys;
  Diagnostics diagnostics;
  auto root = parse_toml(text, "<probe>", diagnostics);
  if (!root) return keys;
  ModelLoader loader("<probe>", catalogue, diagnostics);
  loader.record_keys(&keys);
  loader.read(*root);
  return keys;
}

}  // namespace load

Loaded<Model> load_model_file(const std::string& path, const MeasureCatalogue& catalogue) {
  // The tree goes when the model is built (at the end of this function), before any checking.
  std::shared_ptr<void> tree;
  return load_model_file(path, catalogue, tree);
}

Loaded<Model> load_model_file(const std::string& path, const MeasureCatalogue& catalogue,
                              std::shared_ptr<void>& tree) {
  auto text = read_input_file(path);
  if (!text.value) return Loaded<Model>{std::nullopt, std::move(text.diagnostics)};
  Diagnostics diagnostics;
  const std::size_t parts =
      load::parts_for(text.value->size(), std::max(1u, std::thread::hardware_concurrency()));
  auto root = load::parse_toml_in_parts(*text.value, path, diagnostics, parts);
  // The tree holds its own copy of every string: the text goes before the model is built.
  text.value.reset();
  if (!root) return Loaded<Model>{std::nullopt, std::move(diagnostics)};
  auto kept = std::make_shared<toml::table>(std::move(*root));
  tree = kept;
  // Flow tables are still emptied as they are read: their memory goes to the model, which
  // keeps the peak down; only the rest of the tree is left unfreed.
  return model_of_tree(*kept, path, catalogue, std::move(diagnostics));
}

}  // namespace nagare
