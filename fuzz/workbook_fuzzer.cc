// `nagare import BOOK.xlsx`: the zip, the XML parts, the rows, and the model text it writes
// read back by the loader. Mutations of the compressed bytes mostly fail the zip's CRC; the
// seeds are stored uncompressed so that many reach the XML.

#include "fuzz_support.h"
#include "nagare/interop.h"
#include "nagare/load.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace nagare;
  auto imported = import_workbook(fuzz::text_of(data, size), "fuzz.xlsx", fuzz::catalogue(), false);
  if (!imported.model_text.empty()) {
    (void)load_model_text(imported.model_text, "imported.toml", fuzz::catalogue());
  }
  return 0;
}
