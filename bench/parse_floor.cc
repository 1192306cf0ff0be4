// nagare-bench-parse-floor: parses one TOML file with toml++ and does nothing else. The
// benchmark times it on the same file as `nagare check`: the floor no TOML-reading tool
// can go under, so that nagare's own work shows as a ratio to it.
//
//   nagare-bench-parse-floor model.toml     exit 0 when it parses, 2 when it does not
//
// Public toml++ only, as a user of the library would write it; the table is freed before
// the process ends, as nagare frees its own.

#include <toml++/toml.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: nagare-bench-parse-floor FILE\n";
    return 2;
  }
  try {
    const toml::table table = toml::parse_file(argv[1]);
    return table.empty() ? 1 : 0;
  } catch (const toml::parse_error& error) {
    std::cerr << "nagare-bench-parse-floor: " << error.description() << "\n";
    return 2;
  }
}
