#pragma once

// What every command shares: finding the shipped data, loading catalogue and policy,
// printing input problems, expanding model arguments.

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "nagare/catalogue.h"
#include "nagare/findings_output.h"
#include "nagare/policy.h"
#include "nagare/render.h"

namespace nagare::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;
inline constexpr int kExitUsage = 2;

/// Options every command understands.
struct GlobalOptions {
  std::string language = "ja";
  Language lang() const { return language == "en" ? Language::en : Language::ja; }
  char** argv = nullptr;  // the command line as given, for `serve` to hand on (cmd_serve.cc)
};

/// Parses the command line into the commands `add_commands` adds to an app described by
/// `description`, runs the one given, and returns the exit code: input problems, a failing
/// environment (one line each) and usage errors are 2. The main() of nagare and of nagare-serve.
int run_command_line(int argc, char** argv, const std::string& description,
                     const std::function<void(CLI::App&, GlobalOptions&, int&)>& add_commands);

/// Where the shipped catalogue and policy live: $NAGARE_DATA_DIR, the source tree the
/// binary was built from, or the installed share directory.
std::string data_dir();

/// Prints input problems, one line each, to stderr; true when there were none.
bool report(const Diagnostics& diagnostics, Language language);

struct Setup {
  MeasureCatalogue catalogue;
  Policy policy;
};

/// The catalogue, reworded by the municipality's wording file when one is named, and the
/// policy (the shipped one when `policy_path` is empty). Problems are printed in `language`.
std::optional<Setup> load_setup(const std::string& policy_path, Language language,
                                const std::string& wording_path = {});

/// The files load_setup reads: the shipped catalogue, the policy and the wording file.
std::vector<std::string> setup_files(const std::string& policy_path,
                                     const std::string& wording_path = {});

/// False (with one line printed) when writing `output` would replace one of `inputs`:
/// a command must never eat the model, ledger or data it reads.
bool output_spares_inputs(const std::string& output, const std::vector<std::string>& inputs,
                          Language language);

/// Model files named on the command line; a directory stands for the .toml files in it.
/// A directory that cannot be listed, holds no .toml file, or a broken link is a problem.
std::vector<std::string> expand_models(const std::vector<std::string>& arguments,
                                       Diagnostics& problems);

/// Adds `--lang` to a subcommand, bound to the shared options.
void add_language_option(CLI::App& command, GlobalOptions& options);

/// Adds `--wording FILE` (a municipality's own measure wording) to a subcommand.
void add_wording_option(CLI::App& command, std::string& wording_path);

// The figure, shared by `render` and `trace --render` (defined in cmd_render.cc).

/// Adds --font, --paper, --portrait and --dpi, bound to `figure`; returns them so that a
/// command can make them depend on another option.
std::vector<CLI::Option*> add_figure_options(CLI::App& command, FigureOptions& figure);

/// Sets figure.format from `format`, else the extension of `output`, else SVG; false (with
/// the reason printed) when nagare cannot draw that format.
bool choose_figure_format(const std::string& format, const std::string& output,
                          FigureOptions& figure);

/// False (with the reason and `remedy` printed) when the figure has too many nodes to read
/// and neither `force` nor DOT output asks for it anyway.
bool figure_legible(const Model& model, const std::string& file, const FigureOptions& figure,
                    bool force, const std::string& remedy);

// One function per command, each in its own file; `result` receives the exit code.
void add_check_command(CLI::App& app, GlobalOptions& options, int& result);
void add_catalogue_commands(CLI::App& app, GlobalOptions& options, int& result);
void add_trace_commands(CLI::App& app, GlobalOptions& options, int& result);
void add_diff_command(CLI::App& app, GlobalOptions& options, int& result);
void add_audit_command(CLI::App& app, GlobalOptions& options, int& result);
void add_checklist_command(CLI::App& app, GlobalOptions& options, int& result);
void add_report_command(CLI::App& app, GlobalOptions& options, int& result);
void add_render_command(CLI::App& app, GlobalOptions& options, int& result);
void add_schema_command(CLI::App& app, GlobalOptions& options, int& result);
void add_format_commands(CLI::App& app, GlobalOptions& options, int& result);   // init, fmt
void add_interop_commands(CLI::App& app, GlobalOptions& options, int& result);  // import, export
void add_serve_command(CLI::App& app, GlobalOptions& options, int& result);

}  // namespace nagare::cli
