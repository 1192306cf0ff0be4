// `nagare serve DIR`: the model editor in the browser.

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
  serve->callback([options, &global, &result] { result = run_serve(*options, global.lang()); });
}

}  // namespace nagare::cli
