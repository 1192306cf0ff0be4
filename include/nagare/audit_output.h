#pragma once

// Text and JSON for trace, reach, diff and audit. Japanese by default; JSON is
// deterministic (keys in a fixed order, entities in model order).

#include <cstddef>
#include <string>
#include <vector>

#include "nagare/diff.h"
#include "nagare/findings_output.h"
#include "nagare/ledger.h"
#include "nagare/trace.h"

namespace nagare {

std::string format_trace_text(const Model& model, const std::vector<ItemTrace>& traces,
                              Language language);
std::string format_trace_json(const Model& model, const std::vector<ItemTrace>& traces);

/// What organization `org` (nested ones included) obtains; `traces` from a query on `org`.
std::string format_reach_text(const Model& model, std::size_t org,
                              const std::vector<ItemTrace>& traces, Language language);
std::string format_reach_json(const Model& model, std::size_t org,
                              const std::vector<ItemTrace>& traces);

std::string format_diff_text(const ModelDiff& diff, Language language);
std::string format_diff_json(const ModelDiff& diff, Language language);

std::string format_audit_text(const Model& model, const Ledger& ledger, const AuditResult& result,
                              Language language);
std::string format_audit_json(const Model& model, const Ledger& ledger, const AuditPeriod& period,
                              const AuditResult& result, Language language);

}  // namespace nagare
