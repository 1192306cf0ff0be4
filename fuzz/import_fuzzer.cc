// `nagare import`: Open Threat Model (JSON or YAML) and Threat Dragon files, and the model
// text it writes read back by the loader.

#include "fuzz_support.h"
#include "nagare/interop.h"
#include "nagare/load.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nagare;
  // No extension: the text's first character chooses JSON or YAML, so both are fuzzed.
  auto imported = import_threat_model(
      fuzz::text_of(data, size), "fuzz", false,
      [](std::string_view id) { return fuzz::catalogue().find(id).has_value(); });
  if (!imported.model_text.empty()) {
    (void)load_model_text(imported.model_text, "imported.toml", fuzz::catalogue());
  }
  return 0;
}
