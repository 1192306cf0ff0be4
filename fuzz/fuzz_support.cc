#include "fuzz_support.h"

#include <cstdlib>
#include <iostream>

#include "nagare/load.h"

namespace nagare::fuzz {
namespace {

template <typename T>
T loaded_or_abort(Loaded<T> loaded, const char* what) {
  if (!loaded.value) {
    for (const Diagnostic& diagnostic : loaded.diagnostics) {
      std::cerr << format_diagnostic(diagnostic) << '\n';
    }
    std::cerr << "fuzz: cannot load " << what << '\n';
    std::abort();
  }
  return std::move(*loaded.value);
}

}  // namespace

const MeasureCatalogue& catalogue() {
  static const MeasureCatalogue loaded =
      loaded_or_abort(load_catalogue_file(NAGARE_FUZZ_DATA_DIR "/catalogue.toml"), "the catalogue");
  return loaded;
}

const Policy& policy() {
  static const Policy loaded = loaded_or_abort(
      load_policy_file(NAGARE_FUZZ_DATA_DIR "/policy.toml", catalogue()), "the policy");
  return loaded;
}

const Model& bundled_model() {
  static const Model loaded = loaded_or_abort(
      load_model_file(NAGARE_FUZZ_MODELS_DIR "/edogawa-evacuation-roster.toml", catalogue()),
      "the bundled model");
  return loaded;
}

}  // namespace nagare::fuzz
