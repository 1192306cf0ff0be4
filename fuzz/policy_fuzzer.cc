// The catalogue and policy loaders: the same bytes read as a catalogue and as a policy
// against the shipped catalogue.

#include "fuzz_support.h"
#include "nagare/load.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nagare;
  const auto text = fuzz::text_of(data, size);
  auto catalogue = load_catalogue_text(text, "fuzz-catalogue.toml");
  if (catalogue.value) (void)load_policy_text(text, "fuzz-policy.toml", *catalogue.value);
  (void)load_policy_text(text, "fuzz-policy.toml", fuzz::catalogue());
  return 0;
}
