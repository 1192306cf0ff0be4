// A TOML text parsed in parts (toml_parts.h) against the same text parsed as one document:
// the same tree, every node where the document has it, or the same diagnostics. The first
// byte picks how many parts (2 to 9); a mismatch stops the fuzzer.

#include <cstdlib>

#include "fuzz_support.h"
#include "toml_parts.h"
#include "toml_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nagare;
  if (size == 0) return 0;
  const std::size_t parts = 2 + data[0] % 8;
  const std::string_view text = fuzz::text_of(data + 1, size - 1);
  Diagnostics whole_problems;
  Diagnostics part_problems;
  const auto whole = load::parse_toml(text, "fuzz.toml", whole_problems);
  const auto joined = load::parse_toml_in_parts(text, "fuzz.toml", part_problems, parts);
  if (whole.has_value() != joined.has_value()) std::abort();
  if (whole && !load::same_tree(*whole, *joined)) std::abort();
  if (whole_problems.size() != part_problems.size()) std::abort();
  for (std::size_t i = 0; i < whole_problems.size(); ++i) {
    if (format_diagnostic(whole_problems[i]) != format_diagnostic(part_problems[i])) std::abort();
  }
  return 0;
}
