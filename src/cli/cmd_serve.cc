// `nagare serve DIR`: the model editor in the browser.
//
// The editor runs in its own program, nagare-serve: the HTTP library it links initializes
// OpenSSL when it is loaded, which cost every other command 7 ms and 6 MB at start. `nagare`
// parses and checks the serve options as usual, then hands its command line on.

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "common.h"
#include "nagare/serve.h"

namespace nagare::cli {
namespace {

struct ServeCommandOptions {
  ServeOptions serve;
  std::string policy;
  std::string wording;
};

#ifdef NAGARE_SERVE_IN_PROCESS
int run_serve(const ServeCommandOptions& options, Language language) {
  const bool loopback = options.serve.listen == "127.0.0.1" ||
                        options.serve.listen == "localhost" || options.serve.listen == "::1";
  if (!loopback && options.serve.token.empty() && options.serve.password_file.empty()) {
    std::cerr << (language == Language::en
                      ? "nagare: serve: --listen beyond the loopback needs --password-file (a "
                        "file holding the password) or --token (at least 16 characters, given "
                        "to each user with the URL)\n"
                      : "nagare: --listen でループバック以外に公開するには --password-file "
                        "(パスワードを書いたファイル) か --token (16 文字以上。URL "
                        "とともに利用者に渡す) が必要です\n");
    return kExitUsage;
  }
  if (!options.serve.token.empty() && options.serve.token.size() < 16) {
    std::cerr << (language == Language::en ? "nagare: serve: --token needs 16 characters or more\n"
                                           : "nagare: --token は 16 文字以上にしてください\n");
    return kExitUsage;
  }
  auto setup = load_setup(options.policy, language, options.wording);
  if (!setup) return kExitUsage;
  run_server(options.serve, setup->catalogue, setup->policy);
  return kExitOk;
}
#else
/// Where nagare-serve is: beside nagare in a build tree, in <prefix>/libexec/nagare once
/// installed.
std::filesystem::path serve_program() {
  std::error_code error;
  const auto executable = std::filesystem::read_symlink("/proc/self/exe", error);
  const auto dir = error ? std::filesystem::path(".") : executable.parent_path();
  for (const auto& candidate :
       {dir / "nagare-serve", dir.parent_path() / "libexec" / "nagare" / "nagare-serve"}) {
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return dir.parent_path() / "libexec" / "nagare" / "nagare-serve";
}

/// Runs nagare-serve in this process's place with the same arguments; returns only when it
/// cannot.
int run_serve(char** argv, Language language) {
  const std::filesystem::path program = serve_program();
  // The editor reads the data this nagare reads, wherever either was installed.
  ::setenv("NAGARE_DATA_DIR", data_dir().c_str(), 0);
  argv[0] = const_cast<char*>(program.c_str());
  ::execv(program.c_str(), argv);
  const std::string reason = std::strerror(errno);
  std::cerr << (language == Language::en
                    ? "nagare: serve: cannot run the editor program " + program.string() + ": " +
                          reason + " (reinstall nagare)\n"
                    : "nagare: serve: 編集画面のプログラム " + program.string() +
                          " を起動できません: " + reason + " (nagare を入れ直してください)\n");
  return kExitUsage;
}
#endif

}  // namespace

void add_serve_command(CLI::App& app, GlobalOptions& global, int& result) {
  auto options = std::make_shared<ServeCommandOptions>();
  CLI::App* serve = app.add_subcommand(
      "serve", "ブラウザでモデルを編集する (図と指摘がその場で更新される。既定は 127.0.0.1 だけ)");
  serve->add_option("directory", options->serve.directory, "モデル (*.toml) のディレクトリ")
      ->required()
      ->check(CLI::ExistingDirectory);
  serve->add_option("--port", options->serve.port, "ポート (0 は空いているもの)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  serve
      ->add_option("--listen", options->serve.listen,
                   "待ち受けるアドレス (ループバック以外は --password-file か --token が必要)")
      ->capture_default_str();
  serve->add_option("--token", options->serve.token,
                    "合言葉 (16 文字以上)。URL の ?token= で渡し、無いと読み書きできない");
  serve
      ->add_option(
          "--password-file", options->serve.password_file,
          "パスワードを1行目に書いたファイル (chmod 600)。ブラウザはログイン画面で入力する")
      ->check(CLI::ExistingFile);
  serve->add_option("--policy", options->policy, "ポリシーファイル");
  add_wording_option(*serve, options->wording);
  add_language_option(*serve, global);
#ifdef NAGARE_SERVE_IN_PROCESS
  serve->callback([options, &global, &result] { result = run_serve(*options, global.lang()); });
#else
  // The options stay alive with the callback: the parser writes to them before it runs.
  serve->callback([options, &global, &result] {
    static_cast<void>(options);
    result = run_serve(global.argv, global.lang());
  });
#endif
}

}  // namespace nagare::cli
