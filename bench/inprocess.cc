// Load and check in-process with Google Benchmark: the parts of `nagare check` without
// process start, file reading and output. bench/run.sh times the whole commands.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "nagare/check.h"
#include "nagare/load.h"
#include "synthetic.h"

namespace {

struct Setup {
  nagare::MeasureCatalogue catalogue;
  nagare::Policy policy;
};

const Setup& setup() {
  static const Setup loaded = [] {
    auto catalogue = nagare::load_catalogue_file(NAGARE_BENCH_DATA_DIR "/catalogue.toml");
    if (!catalogue.value) std::abort();
    auto policy = nagare::load_policy_file(NAGARE_BENCH_DATA_DIR "/policy.toml", *catalogue.value);
    if (!policy.value) std::abort();
    return Setup{std::move(*catalogue.value), std::move(*policy.value)};
  }();
  return loaded;
}

const std::string& model_text(long flows) {
  static std::map<long, std::string> texts;
  auto it = texts.find(flows);
  if (it == texts.end()) {
    std::ostringstream out;
    nagare::bench::write_synthetic_model(out, 1, flows, 25);
    it = texts.emplace(flows, out.str()).first;
  }
  return it->second;
}

void load(benchmark::State& state) {
  const std::string& text = model_text(state.range(0));
  for (auto _ : state) {
    auto model = nagare::load_model_text(text, "synthetic.toml", setup().catalogue);
    if (!model.value) {
      state.SkipWithError("the synthetic model does not load");
      return;
    }
    benchmark::DoNotOptimize(model.value->flows.size());
  }
  state.SetComplexityN(state.range(0));
}

void check(benchmark::State& state) {
  const std::string& text = model_text(state.range(0));
  auto model = nagare::load_model_text(text, "synthetic.toml", setup().catalogue);
  if (!model.value) {
    state.SkipWithError("the synthetic model does not load");
    return;
  }
  for (auto _ : state) {
    auto findings = nagare::check_model(*model.value, setup().catalogue, setup().policy);
    benchmark::DoNotOptimize(findings.size());
  }
  state.SetComplexityN(state.range(0));
}

}  // namespace

BENCHMARK(load)
    ->RangeMultiplier(10)
    ->Range(100, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity();
BENCHMARK(check)
    ->RangeMultiplier(10)
    ->Range(100, 100000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity();

BENCHMARK_MAIN();
