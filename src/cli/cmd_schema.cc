#include "common.h"
#include "nagare/atomic_file.h"
#include "nagare/schema.h"

namespace nagare::cli {

void add_schema_command(CLI::App& app, GlobalOptions& global, int& result) {
  auto output = std::make_shared<std::string>("-");
  CLI::App* schema =
      app.add_subcommand("schema", "モデルの JSON Schema を出力する (エディタの補完・検証用)");
  schema->add_option("-o,--output", *output, "出力先ファイル (- は標準出力)")
      ->capture_default_str();
  add_language_option(*schema, global);
  schema->callback([output, &global, &result] {
    if (!output_spares_inputs(*output, setup_files(""), global.lang())) {
      result = kExitUsage;
      return;
    }
    auto setup = load_setup("", global.lang());
    if (!setup) {
      result = kExitUsage;
      return;
    }
    write_file_atomically(*output, model_schema_json(setup->catalogue));
    result = kExitOk;
  });
}

}  // namespace nagare::cli
