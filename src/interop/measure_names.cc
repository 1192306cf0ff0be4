#include "measure_names.h"

namespace nagare::interop {

MeasureNames::MeasureNames(const MeasureCatalogue& catalogue,
                           const std::vector<CustomMeasure>& custom) {
  for (std::size_t i = 0; i < catalogue.size(); ++i) {
    add(catalogue.at(i).id, std::string(catalogue.label(i)), false);
  }
  for (const CustomMeasure& measure : custom) add(measure.id, measure.name, true);
}

MeasureNames::MeasureNames(const MeasureCatalogue& catalogue,
                           const std::vector<std::pair<std::string, std::string>>& custom) {
  for (std::size_t i = 0; i < catalogue.size(); ++i) {
    add(catalogue.at(i).id, std::string(catalogue.label(i)), false);
  }
  for (const auto& [id, name] : custom) add(id, name, true);
}

void MeasureNames::add(std::string id, std::string name, bool custom) {
  const std::size_t index = entries_.size();
  by_id_.emplace(id, index);  // the first of a repeated id wins, as in the loader
  if (!name.empty()) by_name_[name].push_back(index);
  entries_.push_back(Entry{std::move(id), std::move(name), custom});
}

std::string MeasureNames::shown(std::string_view id) const {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::string(id);
  const std::string& name = entries_[it->second].name;
  if (name.empty() || by_id_.count(name) != 0) return std::string(id);
  auto named = by_name_.find(name);
  if (named == by_name_.end() || named->second.size() != 1) return std::string(id);
  return name;
}

std::pair<MeasureNames::Lookup, std::string> MeasureNames::find(std::string_view text,
                                                                bool catalogue_only) const {
  if (auto it = by_id_.find(text); it != by_id_.end()) {
    if (!catalogue_only || !entries_[it->second].custom) return {Lookup::found, std::string(text)};
  }
  auto named = by_name_.find(text);
  if (named == by_name_.end()) return {Lookup::unknown, {}};
  std::vector<std::size_t> matches;
  for (std::size_t index : named->second) {
    if (!catalogue_only || !entries_[index].custom) matches.push_back(index);
  }
  if (matches.empty()) return {Lookup::unknown, {}};
  if (matches.size() > 1) return {Lookup::ambiguous, {}};
  return {Lookup::found, entries_[matches.front()].id};
}

std::vector<std::string> MeasureNames::list() const {
  std::vector<std::string> names;
  for (const Entry& entry : entries_) {
    const std::string shown_name = shown(entry.id);
    if (by_id_.at(entry.id) == static_cast<std::size_t>(&entry - entries_.data())) {
      names.push_back(shown_name);
    }
  }
  return names;
}

}  // namespace nagare::interop
