// nagare-bench-generate: writes synthetic but realistic nagare models for the benchmark and
// the limit tests. Deterministic for a seed on every platform: only std::mt19937's raw
// output (fixed by the standard) and integer arithmetic decide what is written.
//
//   nagare-bench-generate --flows 10000 --seed 1 -o big.toml     one model of N flows
//   nagare-bench-generate --nodes 200 --seed 1 -o figure.toml    a figure of about K nodes
//   nagare-bench-generate --files 1000 --seed 1 -o ward/         a ward of M model files
//
// A model is a sequence of businesses (業務), each shaped like a committee paper: a
// department of the ward with staff, terminals, a system and a file store; the data
// subject; a contractor (sometimes with a subcontractor); a cloud; a recipient; a
// connected system; a vendor that must receive no personal items; lines of every network
// kind and media of every kind. Each measure a rule asks for is written with a fixed
// probability (--missing sets the share left out), so findings appear.

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "synthetic.h"

namespace {

using nagare::bench::kBusinessFlows;
using nagare::bench::kBusinessNodes;

struct Options {
  long flows = 0;
  long nodes = 0;
  long files = 0;
  std::uint32_t seed = 1;
  std::uint32_t missing = 25;  // percent of wanted measures left out
  std::string output = "-";
};

int usage(const char* message) {
  std::cerr << "nagare-bench-generate: " << message << "\n"
            << "usage: nagare-bench-generate (--flows N | --nodes K | --files M) [--seed S] "
               "[--missing PERCENT] [-o FILE|DIR]\n";
  return 2;
}

bool parse_number(const char* text, long& value) {
  char* end = nullptr;
  value = std::strtol(text, &end, 10);
  return end != text && *end == '\0' && value >= 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "-h" || argument == "--help") {
      usage("writes synthetic nagare models");
      return 0;
    }
    if (i + 1 >= argc) return usage("every option takes a value");
    const char* value = argv[++i];
    long number = 0;
    if (argument == "-o" || argument == "--output") {
      options.output = value;
      continue;
    }
    if (!parse_number(value, number)) return usage("numbers must be non-negative integers");
    if (argument == "--flows") {
      options.flows = number;
    } else if (argument == "--nodes") {
      options.nodes = number;
    } else if (argument == "--files") {
      options.files = number;
    } else if (argument == "--seed") {
      options.seed = static_cast<std::uint32_t>(number);
    } else if (argument == "--missing") {
      if (number > 100) return usage("--missing is a percentage");
      options.missing = static_cast<std::uint32_t>(number);
    } else {
      return usage("unknown option");
    }
  }
  if ((options.flows > 0) + (options.nodes > 0) + (options.files > 0) != 1) {
    return usage("give exactly one of --flows, --nodes, --files");
  }
  if (options.nodes > 0) {
    // A figure of about K nodes: whole businesses with their paper's flows.
    const long businesses = std::max(1L, (options.nodes + kBusinessNodes / 2) / kBusinessNodes);
    options.flows = businesses * (kBusinessFlows + 5);
  }

  if (options.files > 0) {
    if (options.output == "-") return usage("--files needs -o DIR");
    std::error_code error;
    std::filesystem::create_directories(options.output, error);
    if (error) return usage("cannot create the output directory");
    std::mt19937 sizes(options.seed);
    for (long f = 1; f <= options.files; ++f) {
      std::string name = std::to_string(f);
      name = "business-" + std::string(name.size() < 5 ? 5 - name.size() : 0, '0') + name + ".toml";
      std::ofstream out(std::filesystem::path(options.output) / name, std::ios::binary);
      // A ward's papers: most of one business, some of two or three.
      const long flows = 8 + static_cast<long>(sizes() % 30);
      nagare::bench::write_synthetic_model(
          out, options.seed * 100003u + static_cast<std::uint32_t>(f), flows, options.missing);
      if (!out) return usage("cannot write a model file");
    }
    return 0;
  }
  if (options.output == "-") {
    std::ios::sync_with_stdio(false);
    nagare::bench::write_synthetic_model(std::cout, options.seed, options.flows, options.missing);
    std::cout.flush();
    return std::cout ? 0 : usage("cannot write standard output");
  }
  std::ofstream out(options.output, std::ios::binary);
  nagare::bench::write_synthetic_model(out, options.seed, options.flows, options.missing);
  out.close();
  return out ? 0 : usage("cannot write the output file");
}
