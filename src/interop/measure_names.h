#pragma once

// Measures as a clerk sees them in the workbook: by their Japanese name (the catalogue's
// figure wording, a custom measure's name), and back to their ids.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nagare/catalogue.h"
#include "nagare/model.h"

namespace nagare::interop {

class MeasureNames {
 public:
  MeasureNames(const MeasureCatalogue& catalogue, const std::vector<CustomMeasure>& custom);
  /// `custom`: the model's own measures as (id, name).
  MeasureNames(const MeasureCatalogue& catalogue,
               const std::vector<std::pair<std::string, std::string>>& custom);

  /// The name shown for measure `id`; the id itself when the name would not lead back to it
  /// (two measures of one name, or a name that is another measure's id).
  std::string shown(std::string_view id) const;

  enum class Lookup { found, unknown, ambiguous };
  /// The id a cell means: an id as it is, else the one measure of that name.
  /// `catalogue_only` leaves the model's own measures out (custom_measures' satisfies).
  std::pair<Lookup, std::string> find(std::string_view text, bool catalogue_only) const;

  /// Every name in catalogue order, then the model's own measures: the drop-down list.
  std::vector<std::string> list() const;

 private:
  struct Entry {
    std::string id;
    std::string name;
    bool custom = false;
  };
  void add(std::string id, std::string name, bool custom);

  std::vector<Entry> entries_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_name_;
  std::map<std::string, std::size_t, std::less<>> by_id_;
};

}  // namespace nagare::interop
