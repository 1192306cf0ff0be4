// nagare-serve: the editor in the browser, which `nagare serve` runs with its own command line
// (cmd_serve.cc says why it is a program of its own). It reads that command line as nagare
// does.

#include "common.h"

int main(int argc, char** argv) {
  using namespace nagare::cli;
  return run_command_line(argc, argv, "nagare serve: ブラウザでモデルを編集する",
                          [](CLI::App& app, GlobalOptions& options, int& result) {
                            add_serve_command(app, options, result);
                          });
}
