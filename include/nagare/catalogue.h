#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "nagare/model.h"

namespace nagare {

/// One standard protective measure (対策), with each ward's checklist wording.
struct MeasureDefinition {
  std::string id;
  bool technical = false;             // システム上の対策; else 運用上の対策
  std::vector<Procedure> checklists;  // which 別紙チェックリスト list it (3, 4, 5)
  std::string short_text;             // figure callout wording
  std::string english;
  std::string ward_text;     // Shinjuku 区が行う wording
  std::string other_text;    // Shinjuku 行わせる wording
  std::string ward_text_cp;  // 電算処理 (checklist 3) wording where it differs
  std::string other_text_cp;
  std::string ward_text_os;  // 業務委託 (checklist 5) wording where it differs
  std::string other_text_os;
  std::string edogawa_text;  // Edogawa wording
  SourceLocation where;
};

class MeasureCatalogue {
 public:
  /// Adds a measure; returns false when the id exists already.
  bool add(MeasureDefinition definition);
  std::optional<std::size_t> find(std::string_view id) const;
  const MeasureDefinition& at(std::size_t index) const { return measures_[index]; }
  MeasureDefinition& at(std::size_t index) { return measures_[index]; }
  const std::vector<MeasureDefinition>& all() const { return measures_; }
  std::size_t size() const { return measures_.size(); }
  /// The short wording of the figure callouts, or the id when it has none.
  std::string_view label(std::size_t index) const;

 private:
  std::vector<MeasureDefinition> measures_;
  std::unordered_map<std::string, std::size_t> by_id_;
};

/// The model's wording of a measure: catalogue measures by the paper's ward wording
/// (short form), the model's own measures (indices past the catalogue) by their name.
std::string measure_name(const MeasureCatalogue& catalogue, const Model& model, std::size_t measure,
                         bool english = false);

}  // namespace nagare
