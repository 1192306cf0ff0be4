// nagare: personal-information flow models for Japanese municipal privacy review.
// The command line only parses arguments; each command lives in its own cmd_*.cc.

#include <iostream>

#include "common.h"
#include "nagare/diagnostics.h"
#include "nagare/signal_cleanup.h"

#ifndef NAGARE_VERSION
#define NAGARE_VERSION "0.0.0"
#endif

int main(int argc, char** argv) {
  using namespace nagare::cli;
  nagare::install_signal_cleanup();
  GlobalOptions options;
  try {
    CLI::App app{"nagare: 個人情報の流れを記述し、必要な保護対策を検査する"};
    app.set_version_flag("--version", std::function<std::string()>([] {
                           return std::string("nagare ") + NAGARE_VERSION + "\ndata: " + data_dir();
                         }));
    app.require_subcommand(1);
    add_language_option(app, options);
    int result = kExitUsage;
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
    add_serve_command(app, options, result);
    try {
      app.parse(argc, argv);
    } catch (const CLI::Success& success) {
      return app.exit(success);
    } catch (const CLI::ParseError& error) {
      app.exit(error);
      return kExitUsage;
    }
    return result;
  } catch (const nagare::EnvironmentError& error) {
    std::cerr << "nagare: "
              << (options.lang() == nagare::Language::en ? error.message_en() : error.what())
              << '\n';
    return kExitUsage;
  } catch (const std::exception& error) {
    std::cerr << "nagare: " << error.what() << '\n';
    return kExitUsage;
  }
}
