// The hand-over ledger CSV of `nagare audit`: read, then audited against a bundled model.

#include "fuzz_support.h"
#include "nagare/ledger.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nagare;
  const auto text = fuzz::text_of(data, size);
  (void)parse_date(text.substr(0, 64));
  auto read = read_ledger(text, "fuzz.csv");
  if (read.ledger) (void)audit_ledger(fuzz::bundled_model(), *read.ledger, AuditPeriod{});
  return 0;
}
