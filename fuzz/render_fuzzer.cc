// A loaded model drawn as DOT (figure_dot, with findings), as `nagare render` hands it to
// Graphviz, in one row and folded into two; and the parts --org and --item draw. The Graphviz
// layout itself is not fuzzed.

#include "fuzz_support.h"
#include "nagare/check.h"
#include "nagare/load.h"
#include "nagare/render.h"
#include "nagare/subset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nagare;
  auto model = load_model_text(fuzz::text_of(data, size), "fuzz.toml", fuzz::catalogue());
  if (!model.value) return 0;
  const auto findings = check_model(*model.value, fuzz::catalogue(), fuzz::policy());
  FigureOptions options;
  options.format = FigureFormat::dot;
  options.show_findings = true;
  (void)figure_dot(*model.value, fuzz::catalogue(), findings, options);
  FigureLayout rows;  // every other frame and node on the second row
  for (std::size_t o = 0; o < model.value->orgs.size(); ++o)
    rows.row_of["cluster_o" + std::to_string(o)] = o % 2;
  for (std::size_t n = 0; n < model.value->nodes.size(); ++n)
    rows.row_of["n" + std::to_string(n)] = (n + 1) % 2;
  (void)figure_dot(*model.value, fuzz::catalogue(), findings, options, rows);
  if (!model.value->orgs.empty()) {
    if (auto part = organization_subset(*model.value, model.value->orgs.front().id)) {
      (void)figure_dot(*part, fuzz::catalogue(), findings_within(findings, *part), options);
    }
  }
  if (!model.value->items.empty()) {
    if (auto part = item_subset(*model.value, model.value->items.back().id)) {
      (void)figure_dot(*part, fuzz::catalogue(), findings_within(findings, *part), options);
    }
  }
  return 0;
}
