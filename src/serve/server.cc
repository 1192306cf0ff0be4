// The HTTP side of `nagare serve`: routes, who may call them, and nothing else. The only
// file that includes httplib.h.

#include <httplib.h>

#include <openssl/crypto.h>

#include <filesystem>
#include <iostream>
#include <optional>
#include <set>

#include "access.h"
#include "assets.h"
#include "editor_session.h"
#include "nagare/diagnostics.h"
#include "nagare/report.h"
#include "nagare/serve.h"

namespace nagare {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kTokenHeader = "X-Nagare-Token";
constexpr const char* kCookie = "nagare_token";
constexpr const char* kSessionCookie = "nagare_session";
constexpr std::size_t kMaxBody = 16u * 1024u * 1024u;

bool loopback(const std::string& address) {
  return address == "127.0.0.1" || address == "localhost" || address == "::1";
}

void send_json(httplib::Response& response, const json& body, int status = 200) {
  response.status = status;
  response.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace),
                       "application/json; charset=utf-8");
}

void refuse(httplib::Response& response, int status, const std::string& message) {
  send_json(response, {{"error", message}}, status);
}

class Routes {
 public:
  Routes(const ServeOptions& options, serve::EditorSession& session, fs::path root, int port,
         std::optional<serve::PasswordHash> password, bool token_enabled)
      : options_(options),
        session_(session),
        root_(std::move(root)),
        password_(std::move(password)),
        token_enabled_(token_enabled) {
    const std::string suffix = ":" + std::to_string(port);
    if (loopback(options.listen)) {
      hosts_ = {"127.0.0.1" + suffix, "localhost" + suffix, "[::1]" + suffix};
    }
  }

  void install(httplib::Server& server) {
    server.set_payload_max_length(kMaxBody);
    server.set_pre_routing_handler(
        [this](const httplib::Request& request, httplib::Response& response) {
          secure_headers(response);
          // A page of another site whose name resolves to 127.0.0.1 (DNS rebinding) is not ours.
          if (!hosts_.empty() && hosts_.count(request.get_header_value("Host")) == 0) {
            refuse(response, 403, "このホスト名では受け付けません");
            return httplib::Server::HandlerResponse::Handled;
          }
          return httplib::Server::HandlerResponse::Unhandled;
        });
    server.Get("/", [this](const httplib::Request& request, httplib::Response& response) {
      page(request, response);
    });
    server.Get(R"(/assets/(editor\.(?:js|css)))",
               [](const httplib::Request& request, httplib::Response& response) {
                 const std::string name = request.matches[1];
                 response.set_content(std::string(serve::asset(name)),
                                      name.ends_with(".js") ? "text/javascript; charset=utf-8"
                                                            : "text/css; charset=utf-8");
               });
    server.Get("/login", [this](const httplib::Request&, httplib::Response& response) {
      login_page(response, 200, "");
    });
    server.Post("/login", [this](const httplib::Request& request, httplib::Response& response) {
      login(request, response);
    });
    server.Post(
        "/api/logout", [this](const httplib::Request& request, httplib::Response& response) {
          json body;
          if (!writer(request, response, body)) return;
          sessions_.end(serve::cookie_value(request.get_header_value("Cookie"), kSessionCookie));
          response.set_header("Set-Cookie", std::string(kSessionCookie) +
                                                "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
          send_json(response, json::object());
        });
    server.Get("/favicon.ico",
               [](const httplib::Request&, httplib::Response& response) { response.status = 204; });
    server.Get("/api/models", [this](const httplib::Request& request, httplib::Response& response) {
      if (!reader(request, response)) return;
      send_json(response, session_.list(root_));
    });
    server.Get("/api/model", [this](const httplib::Request& request, httplib::Response& response) {
      if (!reader(request, response)) return;
      auto path = model_path(request.get_param_value("file"), response);
      if (!path) return;
      send_json(response, session_.open(*path, request.get_param_value("file")));
    });
    server.Get("/api/download",
               [this](const httplib::Request& request, httplib::Response& response) {
                 if (!reader(request, response)) return;
                 const std::string file = request.get_param_value("file");
                 auto path = model_path(file, response);
                 if (!path) return;
                 const std::string kind = request.get_param_value("kind");
                 static const std::set<std::string> kinds = {"xlsx", "html", "svg", "png", "pdf"};
                 if (kinds.count(kind) == 0) {
                   refuse(response, 400, "出力の種類は xlsx, html, svg, png, pdf のいずれかです");
                   return;
                 }
                 auto [bytes, type] = session_.download(*path, kind);
                 if (bytes.empty()) {
                   refuse(response, 422, "このモデルは読み込めないため出力できません");
                   return;
                 }
                 const std::string stem = path->stem().string();
                 const std::string name = kind == "xlsx"   ? stem + "-checklist.xlsx"
                                          : kind == "html" ? stem + "-report.html"
                                                           : stem + "." + kind;
                 response.set_header("Content-Disposition",
                                     "attachment; filename=\"" + ascii_name(name) + "\"");
                 response.set_content(bytes, type.c_str());
               });
    server.Post("/api/preview",
                [this](const httplib::Request& request, httplib::Response& response) {
                  json body;
                  if (!writer(request, response, body)) return;
                  auto path = model_path(body.value("file", ""), response);
                  if (!path) return;
                  send_json(response, session_.preview(*path, body["model"]));
                });
    server.Post("/api/save", [this](const httplib::Request& request, httplib::Response& response) {
      json body;
      if (!writer(request, response, body)) return;
      auto path = model_path(body.value("file", ""), response);
      if (!path) return;
      json reply;
      switch (session_.save(*path, body.value("base", ""), body["model"], reply)) {
        case serve::EditorSession::SaveResult::saved:
          send_json(response, reply);
          break;
        case serve::EditorSession::SaveResult::conflict:
          if (!reply.contains("error")) {
            reply["error"] =
                "このファイルは開いた後に別の画面か別の人が保存しています。上書きせずに止めました。"
                "読み込み直してから編集してください";
          }
          send_json(response, reply, 409);
          break;
        case serve::EditorSession::SaveResult::invalid:
          reply["error"] = "モデルに誤りがあるため保存しません";
          send_json(response, reply, 422);
          break;
      }
    });
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& response, std::exception_ptr error) {
          std::string message = "内部エラー";
          try {
            std::rethrow_exception(error);
          } catch (const std::exception& e) {
            message = e.what();
          } catch (...) {
          }
          refuse(response, 500, message);
        });
  }

 private:
  static void secure_headers(httplib::Response& response) {
    response.set_header(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("Referrer-Policy", "no-referrer");
    response.set_header("Cache-Control", "no-store");
  }

  static std::string ascii_name(const std::string& name) {
    std::string out;
    for (char c : name) out += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? c : '_';
    return out;
  }

  bool has_token(const httplib::Request& request) const {
    if (!token_enabled_) return false;
    return serve::same_secret(request.get_header_value(kTokenHeader), options_.token) ||
           serve::same_secret(serve::cookie_value(request.get_header_value("Cookie"), kCookie),
                              options_.token);
  }

  /// The CSRF token of the request's login session, when it has a live one.
  std::optional<std::string> session_csrf(const httplib::Request& request) const {
    if (!password_) return std::nullopt;
    return sessions_.find(serve::cookie_value(request.get_header_value("Cookie"), kSessionCookie),
                          serve::Sessions::Clock::now());
  }

  void page(const httplib::Request& request, httplib::Response& response) const {
    std::string token = options_.token;
    if (auto csrf = session_csrf(request)) {
      token = *csrf;  // logged in: the page sends its session's own CSRF token
    } else {
      const bool shown_token =
          token_enabled_ && serve::same_secret(request.get_param_value("token"), options_.token);
      if (password_ && !shown_token && !has_token(request)) {
        login_page(response, 200, "");
        return;
      }
      if (!loopback(options_.listen) && !shown_token && !has_token(request)) {
        response.status = 401;
        response.set_content("nagare serve: 起動時に表示された URL (token 付き) で開いてください\n",
                             "text/plain; charset=utf-8");
        return;
      }
      response.set_header("Set-Cookie", std::string(kCookie) + "=" + options_.token +
                                            "; Path=/; HttpOnly; SameSite=Strict");
    }
    std::string html(serve::asset("editor.html"));
    const std::string marker = "{{TOKEN}}";
    html.replace(html.find(marker), marker.size(), token);  // hexadecimal: no escaping
    const std::string login = "{{LOGIN}}";
    html.replace(html.find(login), login.size(), password_ ? "1" : "0");
    response.set_content(html, "text/html; charset=utf-8");
  }

  void login_page(httplib::Response& response, int status, const std::string& message) const {
    if (!password_) {
      response.status = 404;
      return;
    }
    // The login form posts to this server; everything else stays as forbidden as elsewhere.
    // (Replacing the policy of secure_headers: two would both apply.) The form's Origin must
    // be sent as it is, not as "null" (no-referrer), for login() to tell it is ours.
    response.headers.erase("Content-Security-Policy");
    response.headers.erase("Referrer-Policy");
    response.set_header("Referrer-Policy", "same-origin");
    response.set_header(
        "Content-Security-Policy",
        "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; "
        "base-uri 'none'; form-action 'self'");
    std::string html(serve::asset("login.html"));
    const std::string marker = "{{MESSAGE}}";
    html.replace(html.find(marker), marker.size(), escape_html(message));
    response.status = status;
    response.set_content(html, "text/html; charset=utf-8");
  }

  void login(const httplib::Request& request, httplib::Response& response) {
    if (!password_) {
      response.status = 404;
      return;
    }
    // A form of another site must not log this browser in (login CSRF).
    const std::string origin = request.get_header_value("Origin");
    if (!origin.empty() && origin != "http://" + request.get_header_value("Host")) {
      login_page(response, 403, "この送信元からはログインできません");
      return;
    }
    const auto now = serve::LoginGuard::Clock::now();
    const auto wait = guard_.wait(request.remote_addr, now);
    if (wait > serve::LoginGuard::Clock::duration::zero()) {
      const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(wait).count() + 1;
      response.set_header("Retry-After", std::to_string(seconds));
      login_page(response, 429,
                 "パスワードを何度も間違えたため、しばらく受け付けません。" +
                     std::to_string(seconds) + " 秒ほど待ってから、もう一度入力してください");
      return;
    }
    std::string attempt = request.get_param_value("password");
    const bool right = serve::password_matches(*password_, attempt);
    OPENSSL_cleanse(attempt.data(), attempt.size());
    if (!right) {
      guard_.failed(request.remote_addr, now);
      login_page(response, 401, "パスワードが違います");
      return;
    }
    guard_.succeeded(request.remote_addr);
    const serve::Sessions::Session session = sessions_.create(now);
    response.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + session.id +
                                          "; Path=/; HttpOnly; SameSite=Strict");
    response.status = 303;
    response.set_header("Location", "/");
  }

  bool reader(const httplib::Request& request, httplib::Response& response) const {
    if (has_token(request) || session_csrf(request)) return true;
    refuse(response, 401,
           password_ ? "ログインしていません。ページを開き直してログインしてください"
                     : "トークンがありません");
    return false;
  }

  bool writer(const httplib::Request& request, httplib::Response& response, json& body) const {
    const std::string header = request.get_header_value(kTokenHeader);
    const std::string origin = request.get_header_value("Origin");
    const std::string host = request.get_header_value("Host");
    const auto csrf = session_csrf(request);
    const bool allowed =
        (csrf && serve::write_allowed(header, origin, host, *csrf)) ||
        (token_enabled_ && serve::write_allowed(header, origin, host, options_.token));
    if (!allowed) {
      refuse(response, 403, "この要求は受け付けません (トークンか送信元が違います)");
      return false;
    }
    body = json::parse(request.body, nullptr, false);
    if (!body.is_object()) {
      refuse(response, 400, "要求の本文が JSON ではありません");
      return false;
    }
    return true;
  }

  std::optional<fs::path> model_path(const std::string& file, httplib::Response& response) const {
    auto path = serve::model_path_within(root_, file);
    if (!path) refuse(response, 404, "モデルのディレクトリにないファイルです: " + file);
    return path;
  }

  const ServeOptions& options_;
  serve::EditorSession& session_;
  fs::path root_;
  std::set<std::string> hosts_;
  std::optional<serve::PasswordHash> password_;
  bool token_enabled_;  // without a password, or with one and --token as well
  mutable serve::Sessions sessions_;
  serve::LoginGuard guard_;
};

}  // namespace

void run_server(const ServeOptions& given, const MeasureCatalogue& catalogue,
                const Policy& policy) {
  ServeOptions options = given;
  const bool token_given = !options.token.empty();
  if (options.token.empty()) options.token = serve::new_token();
  std::optional<serve::PasswordHash> password;
  if (!options.password_file.empty()) {
    std::string warning;
    std::string text = serve::read_password_file(options.password_file, warning);
    password = serve::hash_password(text);
    OPENSSL_cleanse(text.data(), text.size());
    if (!warning.empty()) std::cerr << "nagare: 警告: " << warning << "\n";
  }
  std::error_code error;
  const fs::path root = fs::canonical(options.directory, error);
  if (error || !fs::is_directory(root)) {
    throw EnvironmentError("モデルのディレクトリ \"" + options.directory + "\" を開けません",
                           "cannot open the model directory \"" + options.directory + "\"");
  }
  serve::EditorSession session(catalogue, policy);
  httplib::Server server;
  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.listen);
  } else if (!server.bind_to_port(options.listen, port)) {
    port = -1;
  }
  if (port < 0) {
    throw EnvironmentError(
        options.listen + ":" + std::to_string(options.port) + " で待ち受けられません",
        "cannot listen on " + options.listen + ":" + std::to_string(options.port));
  }
  Routes routes(options, session, root, port, password, !password || token_given);
  routes.install(server);
  const std::string host =
      options.listen.find(':') != std::string::npos ? "[" + options.listen + "]" : options.listen;
  std::string url = "http://" + host + ":" + std::to_string(port) + "/";
  // With a password the URL is all a colleague needs (and the password, told apart).
  if (!loopback(options.listen) && !password) url += "?token=" + options.token;
  std::cout << "nagare serve: " << url << "\n" << std::flush;
  // Ctrl-C ends the process through the handlers of signal_cleanup, which also remove the
  // temporary file of a save under way.
  server.listen_after_bind();
}

}  // namespace nagare
