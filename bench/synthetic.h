#pragma once

// Synthetic but realistic nagare models, for the benchmark, the limit tests and the fuzz
// corpora. Deterministic for a seed on every platform: only std::mt19937's raw output
// (fixed by the standard) and integer arithmetic decide what is written.

#include <cstdint>
#include <ostream>

namespace nagare::bench {

/// Flows one business writes when its budget is unlimited (its paper's 14 or 15 flows).
inline constexpr long kBusinessFlows = 15;
/// Nodes of one business a figure draws: 12 or 13 and its 4 media (its 8 lines are not
/// drawn).
inline constexpr long kBusinessNodes = 16;

/// Writes one model of `flows` flows: a sequence of businesses (業務), each shaped like a
/// committee paper, with `missing` percent of the measures its rules want left out.
void write_synthetic_model(std::ostream& out, std::uint32_t seed, long flows,
                           std::uint32_t missing);

}  // namespace nagare::bench
