// The model loader with the checker and the findings' text and JSON behind it: any bytes
// give diagnostics or findings, never a crash, a hang or undefined behaviour.

#include "fuzz_support.h"
#include "nagare/check.h"
#include "nagare/findings_output.h"
#include "nagare/load.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nagare;
  auto model = load_model_text(fuzz::text_of(data, size), "fuzz.toml", fuzz::catalogue());
  if (!model.value) {
    for (const Diagnostic& diagnostic : model.diagnostics) (void)format_diagnostic(diagnostic);
    return 0;
  }
  const auto findings = check_model(*model.value, fuzz::catalogue(), fuzz::policy());
  (void)format_findings_text(findings, Language::ja);
  (void)format_findings_json(findings, Language::en);
  return 0;
}
