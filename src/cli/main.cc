// nagare: personal-information flow models for Japanese municipal privacy review.
// The command line only parses arguments; each command lives in its own cmd_*.cc.

#include "common.h"

#ifndef NAGARE_VERSION
#define NAGARE_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  using namespace nagare::cli;
  return run_command_line(argc, argv, "nagare: 個人情報の流れを記述し、必要な保護対策を検査する",
                          [](CLI::App& app, GlobalOptions& options, int& result) {
                            app.set_version_flag("--version", std::function<std::string()>([] {
                                                   return std::string("nagare ") + NAGARE_VERSION +
                                                          "\ndata: " + data_dir();
                                                 }));
                            add_check_command(app, options, result);
                            add_catalogue_commands(app, options, result);
                            add_trace_commands(app, options, result);
                            add_diff_command(app, options, result);
                            add_audit_command(app, options, result);
                            add_checklist_command(app, options, result);
                            add_report_command(app, options, result);
                            add_render_command(app, options, result);
                            add_schema_command(app, options, result);
                            add_format_commands(app, options, result);
                            add_interop_commands(app, options, result);
                            add_serve_command(app, options, result);  // runs nagare-serve
                          });
}
