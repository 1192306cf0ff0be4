#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "common.h"
#include "nagare/atomic_file.h"
#include "nagare/format.h"
#include "nagare/load.h"

namespace nagare::cli {
namespace {

namespace fs = std::filesystem;

/// The schema shipped with the tool: next to the data when installed, in schema/ of the
/// source tree otherwise.
std::optional<fs::path> find_schema() {
  const fs::path data = data_dir();
  for (const fs::path& candidate : {data / "nagare-model.schema.json",
                                    data.parent_path() / "schema/nagare-model.schema.json"}) {
    std::error_code error;
    if (fs::exists(candidate, error)) return fs::weakly_canonical(candidate, error);
  }
  return std::nullopt;
}

struct InitOptions {
  std::string file = "-";
  bool force = false;
};

int run_init(const InitOptions& options, Language language) {
  std::vector<std::string> inputs = setup_files("");
  const auto path = find_schema();
  if (path) inputs.push_back(path->string());
  if (!output_spares_inputs(options.file, inputs, language)) return kExitUsage;
  std::string schema;
  if (path) {
    if (options.file == "-") {
      schema = path->string();
    } else {
      const fs::path directory = fs::absolute(options.file).parent_path();
      schema = fs::relative(*path, directory).generic_string();
      if (schema.empty()) schema = path->string();
      if (schema.front() != '.' && schema.front() != '/') schema = "./" + schema;
    }
  }
  std::error_code error;
  if (options.file != "-" && !options.force && fs::exists(options.file, error)) {
    report({Diagnostic{SourceLocation{options.file, 0, 0},
                       language == Language::en
                           ? "already exists (use --force to overwrite)"
                           : "すでにあります (上書きするには --force を付けてください)"}},
           language);
    return kExitUsage;
  }
  write_file_atomically(options.file, starter_model(schema));
  return kExitOk;
}

struct FmtOptions {
  std::vector<std::string> files;
  bool check = false;
};

int run_fmt(const FmtOptions& options, Language language) {
  auto setup = load_setup("", language);
  if (!setup) return kExitUsage;
  bool input_ok = true;
  bool unformatted = false;
  Diagnostics problems;
  const std::vector<std::string> files = expand_models(options.files, problems);
  if (!report(problems, language)) return kExitUsage;
  for (const std::string& file : files) {
    auto text = read_input_file(file);
    if (!report(text.diagnostics, language)) {
      input_ok = false;
      continue;
    }
    auto model = load_model_text(*text.value, file, setup->catalogue);
    if (!report(model.diagnostics, language)) {
      input_ok = false;
      continue;
    }
    const std::string formatted = format_model_text(*text.value);
    if (!load_model_text(formatted, file, setup->catalogue).value) {
      // The formatter only moves whole lines; a model it breaks is a bug in nagare.
      throw std::runtime_error(file + ": 整形するとモデルとして読めなくなるため中止しました");
    }
    if (formatted == *text.value) continue;
    if (options.check) {
      std::cerr << file
                << (language == Language::en
                        ? ": not formatted (run nagare fmt)\n"
                        : ": 整形されていません (nagare fmt で整えられます)\n");
      unformatted = true;
    } else {
      write_file_atomically(file, formatted);
    }
  }
  if (!input_ok) return kExitUsage;
  return unformatted ? kExitFindings : kExitOk;
}

}  // namespace

void add_format_commands(CLI::App& app, GlobalOptions& global, int& result) {
  auto init_options = std::make_shared<InitOptions>();
  CLI::App* init = app.add_subcommand("init", "コメント付きのモデルのひな形を書き出す");
  init->add_option("file", init_options->file, "書き出すファイル (既定: 標準出力)");
  init->add_flag("--force", init_options->force, "ファイルがあっても上書きする");
  add_language_option(*init, global);
  init->callback(
      [init_options, &global, &result] { result = run_init(*init_options, global.lang()); });

  auto fmt_options = std::make_shared<FmtOptions>();
  CLI::App* fmt = app.add_subcommand("fmt", "モデルを決まった並びと書式に整える (コメントは残す)");
  fmt->add_option("files", fmt_options->files, "モデルファイル (ディレクトリなら中の .toml すべて)")
      ->required();
  fmt->add_flag("--check", fmt_options->check,
                "書き換えず、整形が必要なファイルがあれば終了コード 1 で知らせる");
  add_language_option(*fmt, global);
  fmt->callback([fmt_options, &global, &result] { result = run_fmt(*fmt_options, global.lang()); });
}

}  // namespace nagare::cli
