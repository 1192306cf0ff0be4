#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "nagare/catalogue.h"
#include "nagare/check.h"
#include "nagare/findings_output.h"
#include "nagare/policy.h"

namespace nagare {

/// What SARIF says of the tool itself.
struct SarifTool {
  std::string_view version;
  std::string_view information_uri;
};

/// SARIF 2.1.0, one run: every rule of `policy` and every built-in check with Japanese and
/// English text (the other language under `properties`), one result per finding with its
/// level, position (uri relative to the working directory), the stable finding id as a
/// partial fingerprint, and accepted findings as in-source suppressions.
void write_findings_sarif(FindingSequence findings, const Policy& policy,
                          const MeasureCatalogue& catalogue, Language language,
                          const SarifTool& tool, TextOutput& out);
std::string format_findings_sarif(const std::vector<Finding>& findings, const Policy& policy,
                                  const MeasureCatalogue& catalogue, Language language,
                                  const SarifTool& tool);

}  // namespace nagare
