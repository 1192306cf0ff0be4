#pragma once

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

/// Checks one model against a policy. Findings come sorted by position, then rule.
std::vector<Finding> check_model(const Model& model, const MeasureCatalogue& catalogue,
                                 const Policy& policy);

struct SeverityCounts {
  int error = 0;
  int warning = 0;
  int info = 0;
};

SeverityCounts count_by_severity(const std::vector<Finding>& findings);

}  // namespace nagare
