#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "common.h"
#include "nagare/atomic_file.h"
#include "nagare/interop.h"
#include "nagare/load.h"
#include "nagare/visible_text.h"

namespace nagare::cli {
namespace {

/// An Excel workbook by its name or its first bytes (an .xlsx is a zip file).
bool is_workbook(const std::string& file, std::string_view bytes) {
  const std::string extension = std::filesystem::path(file).extension().string();
  return extension == ".xlsx" || extension == ".XLSX" || looks_like_zip(bytes);
}

struct ImportOptions {
  std::string file;
  std::string output = "-";
};

int run_import(const ImportOptions& options, Language language) {
  std::vector<std::string> inputs = setup_files("");
  inputs.push_back(options.file);
  if (!output_spares_inputs(options.output, inputs, language)) return kExitUsage;
  auto setup = load_setup("", language);
  if (!setup) return kExitUsage;
  auto text = read_input_file(options.file);
  if (!report(text.diagnostics, language)) return kExitUsage;
  const bool english = language == Language::en;
  const MeasureCatalogue& catalogue = setup->catalogue;
  if (is_workbook(options.file, *text.value)) {
    WorkbookImport book = import_workbook(*text.value, options.file, catalogue, english);
    if (!report(book.diagnostics, language)) return kExitUsage;
    write_file_atomically(options.output, book.model_text);
    return kExitOk;
  }
  ImportResult imported = import_threat_model(
      *text.value, options.file, english,
      [&catalogue](std::string_view id) { return catalogue.find(id).has_value(); });
  if (!report(imported.diagnostics, language)) return kExitUsage;
  // What is written must load: anything else is a bug in the importer, not in the input.
  auto check = load_model_text(imported.model_text,
                               options.output == "-" ? options.file : options.output, catalogue);
  if (!check.value) {
    report(check.diagnostics, language);
    throw std::runtime_error(english
                                 ? "the imported model does not load (a bug in nagare import)"
                                 : "変換したモデルが読み込めません (nagare import の不具合です)");
  }
  for (const std::string& note : imported.unmapped) {
    std::cerr << visible_text(options.file) << (english ? ": note: " : ": 注意: ")
              << visible_text(note) << '\n';
  }
  write_file_atomically(options.output, imported.model_text);
  return kExitOk;
}

struct ExportOptions {
  std::string model;
  std::string format = "otm";
  bool format_given = false;
  std::string output = "-";
};

int run_export(const ExportOptions& options, Language language) {
  std::vector<std::string> inputs = setup_files("");
  inputs.push_back(options.model);
  if (!output_spares_inputs(options.output, inputs, language)) return kExitUsage;
  auto setup = load_setup("", language);
  if (!setup) return kExitUsage;
  std::string format = options.format;
  if (!options.format_given && std::filesystem::path(options.output).extension() == ".xlsx") {
    format = "xlsx";
  }
  const bool english = language == Language::en;
  if (format == "xlsx" && options.output == "-") {
    std::cerr << (english ? "nagare: xlsx needs an output file (-o)\n"
                          : "nagare: xlsx は -o で出力先ファイルを指定してください\n");
    return kExitUsage;
  }
  auto model = load_model_file(options.model, setup->catalogue);
  if (!report(model.diagnostics, language)) return kExitUsage;
  if (format == "xlsx") {
    // The file's comments (citations of the paper) go into the 備考 columns.
    auto text = read_input_file(options.model);
    WorkbookExport book =
        export_workbook(*model.value, setup->catalogue, text.value ? *text.value : std::string());
    if (!report(book.diagnostics, language)) return kExitUsage;
    write_file_atomically(options.output, book.bytes);
    return kExitOk;
  }
  write_file_atomically(options.output, export_otm(*model.value));
  return kExitOk;
}

}  // namespace

void add_interop_commands(CLI::App& app, GlobalOptions& global, int& result) {
  auto import_options = std::make_shared<ImportOptions>();
  CLI::App* import_command = app.add_subcommand(
      "import",
      "Excel のブック (.xlsx)、Open Threat Model (JSON/YAML)、Threat Dragon (v1, v2) のファイルを"
      "モデルに変換する");
  import_command
      ->add_option(
          "file", import_options->file,
          "nagare export --format xlsx で作り記入したブック、OTM または Threat Dragon のファイル")
      ->required();
  import_command->add_option("-o,--output", import_options->output, "出力先 (- は標準出力)")
      ->capture_default_str();
  add_language_option(*import_command, global);
  import_command->callback(
      [import_options, &global, &result] { result = run_import(*import_options, global.lang()); });

  auto export_options = std::make_shared<ExportOptions>();
  CLI::App* export_command =
      app.add_subcommand("export",
                         "モデルを Excel のブック (記入用の様式) や他のツールの形式 (Open Threat "
                         "Model) で書き出す");
  export_command->add_option("model", export_options->model, "モデルファイル")->required();
  CLI::Option* format_option =
      export_command
          ->add_option("--format", export_options->format,
                       "出力形式 (otm, xlsx; 既定は otm、-o が .xlsx なら xlsx)")
          ->check(CLI::IsMember({"otm", "xlsx"}))
          ->capture_default_str();
  export_command->add_option("-o,--output", export_options->output, "出力先 (- は標準出力)")
      ->capture_default_str();
  add_language_option(*export_command, global);
  export_command->callback([export_options, format_option, &global, &result] {
    export_options->format_given = format_option->count() > 0;
    result = run_export(*export_options, global.lang());
  });
}

}  // namespace nagare::cli
