// A filled checklist CSV (`nagare checklist --compare`), compared with a bundled model's
// checklists.

#include "fuzz_support.h"
#include "nagare/checklist.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nagare;
  static const ChecklistSet set =
      build_checklists(fuzz::bundled_model(), fuzz::catalogue(), Language::ja);
  const auto comparison = compare_checklist_csv(set, fuzz::text_of(data, size), "fuzz.csv");
  for (const auto& disagreement : comparison.disagreements) {
    (void)format_disagreement(disagreement, Language::en);
  }
  return 0;
}
