#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nagare/catalogue.h"
#include "nagare/model.h"
#include "nagare/policy.h"

namespace nagare {

/// One thing a reviewer should look at. Messages are kept in both languages so that the
/// output stage only chooses.
struct Finding {
  std::string id;  // stable: "<rule>@flow.<id>", "<rule>@node.<id>", "<rule>@org.<id>"
  std::string rule;
  Severity severity = Severity::error;
  SourceLocation where;
  std::optional<std::string> flow;
  std::optional<std::string> node;
  std::optional<std::string> org;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::vector<std::string> missing;  // measure ids
  std::string message;
  std::string message_en;
  std::optional<std::string> accepted;  // the acceptance's justification
  std::optional<std::string> accepted_by;
};

struct SeverityCounts {
  int error = 0;
  int warning = 0;
  int info = 0;
};

SeverityCounts count_by_severity(const std::vector<Finding>& findings);

/// A model's findings as the checker keeps them, sorted by position, then id. A finding of a
/// policy rule (most of a large model's) is kept as indexes into the model and policy and
/// gets its ids and messages only when read: a few dozen bytes instead of about a kilobyte.
/// The model, catalogue and policy it was checked with must outlive it.
class CheckedFindings {
 public:
  std::size_t size() const { return order_.size(); }
  bool empty() const { return order_.empty(); }
  /// The i-th finding, written over `finding` (whose strings' room is reused).
  void read(std::size_t i, Finding& finding) const;
  std::vector<Finding> to_vector() const;
  SeverityCounts counts() const;

 private:
  friend class CheckedFindingsBuilder;  // the checker's side, in checker.cc

  enum class Place : std::uint8_t { flow, node, org };
  /// A policy rule's finding on one entity: what the entity lacks, by measure index.
  struct RuleHit {
    std::uint32_t rule = 0;          // index into the policy's rules
    std::uint32_t entity = 0;        // index of the flow, node or organization
    std::uint32_t missing_from = 0;  // missing_[missing_from, +missing_count): all, then any
    std::uint32_t missing_count = 0;
    std::uint32_t any_from = 0;    // missing_[missing_from + any_from, …) are alternatives
    std::uint32_t notes_from = 0;  // notes_[notes_from, +notes_count)
    std::uint32_t notes_count = 0;
    std::uint32_t acceptance = kNoAcceptance;  // index into the model's acceptances
    Place place = Place::flow;
    Severity severity = Severity::error;
  };
  static constexpr std::uint32_t kNoAcceptance = ~std::uint32_t{0};
  /// A measure the model declares for part of the data only (scoped), or marks not
  /// applicable, with the model's own text for it.
  struct GapNote {
    std::size_t measure = 0;
    const std::string* text = nullptr;
    bool scoped = false;
  };

  static std::string_view prefix(Place place);  // of an id: "flow.", "node.", "org."
  const std::string& entity_id(const RuleHit& hit) const;
  const SourceLocation& where(const RuleHit& hit) const;
  void append_id(const RuleHit& hit, std::string& id) const;
  void describe(const RuleHit& hit, std::string& ja, std::string& en) const;
  std::string_view measure_label(std::size_t m, bool english) const;
  void append_names(std::string& text, std::size_t from, std::size_t count, bool english,
                    std::string_view separator) const;

  const Model* model_ = nullptr;
  const MeasureCatalogue* catalogue_ = nullptr;
  const Policy* policy_ = nullptr;
  std::vector<RuleHit> hits_;
  std::vector<std::uint32_t> missing_;  // measure indexes
  std::vector<GapNote> notes_;
  std::vector<Finding> whole_;       // the built-in checks' findings, kept whole: few, varied
  std::vector<std::string> titles_;  // per rule: its title in the model's wording ({body})
  /// Every finding in order: i < hits_.size() is hits_[i], the rest whole_[i - hits_.size()].
  std::vector<std::uint32_t> order_;
};

/// How many threads a check may use: as many as pay on this machine (a large model's flows
/// on two cores), or exactly one, or two whatever the model's size (for tests).
enum class CheckThreads { automatic, one, two };

/// Checks one model against a policy. Findings come sorted by position, then id, the same
/// whatever the threads.
CheckedFindings check_model_compact(const Model& model, const MeasureCatalogue& catalogue,
                                    const Policy& policy,
                                    CheckThreads threads = CheckThreads::automatic);
/// The same, every finding read out.
std::vector<Finding> check_model(const Model& model, const MeasureCatalogue& catalogue,
                                 const Policy& policy);

/// Findings to write one after another: a vector of them, or a model's checked findings read
/// one at a time as they are written.
class FindingSequence {
 public:
  FindingSequence(const std::vector<Finding>& findings) : vector_(&findings) {}  // NOLINT
  FindingSequence(const CheckedFindings& findings) : checked_(&findings) {}      // NOLINT

  std::size_t size() const { return vector_ ? vector_->size() : checked_->size(); }
  bool empty() const { return size() == 0; }
  SeverityCounts counts() const {
    return vector_ ? count_by_severity(*vector_) : checked_->counts();
  }
  template <typename Visit>
  void for_each(Visit&& visit) const {
    if (vector_) {
      for (const Finding& finding : *vector_) visit(finding);
      return;
    }
    Finding finding;
    for (std::size_t i = 0; i < checked_->size(); ++i) {
      checked_->read(i, finding);
      visit(finding);
    }
  }

 private:
  const std::vector<Finding>* vector_ = nullptr;
  const CheckedFindings* checked_ = nullptr;
};

}  // namespace nagare
