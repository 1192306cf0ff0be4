#include "nagare/catalogue.h"

namespace nagare {

bool MeasureCatalogue::add(MeasureDefinition definition) {
  auto [it, inserted] = by_id_.emplace(definition.id, measures_.size());
  if (!inserted) return false;
  measures_.push_back(std::move(definition));
  return true;
}

std::optional<std::size_t> MeasureCatalogue::find(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

std::string_view MeasureCatalogue::label(std::size_t index) const {
  const MeasureDefinition& measure = measures_[index];
  return measure.short_text.empty() ? std::string_view(measure.id) : measure.short_text;
}

std::string measure_name(const MeasureCatalogue& catalogue, const Model& model, std::size_t measure,
                         bool english) {
  if (measure < catalogue.size()) {
    const MeasureDefinition& definition = catalogue.at(measure);
    if (english) return definition.english.empty() ? definition.id : definition.english;
    return std::string(catalogue.label(measure));
  }
  const std::size_t custom = measure - catalogue.size();
  if (custom < model.custom_measures.size()) {
    const CustomMeasure& own = model.custom_measures[custom];
    return own.name.empty() ? own.id : own.name;
  }
  return "?";
}

}  // namespace nagare
