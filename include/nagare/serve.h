#pragma once

// `nagare serve`: the model editor as a local web application, in-process.

#include <string>

#include "nagare/catalogue.h"
#include "nagare/policy.h"

namespace nagare {

struct ServeOptions {
  std::string directory;             // the models; nothing outside it is read or written
  std::string listen = "127.0.0.1";  // anything else needs the token in the URL
  int port = 8470;                   // 0: any free port
  std::string token;                 // empty: a random one
  /// A file whose first line is a password (never the password itself on the command line,
  /// where `ps` shows it): the browser then logs in on a page of its own and keeps a session
  /// cookie. Empty: no password.
  std::string password_file;
};

/// Serves until the process is ended (SIGINT, SIGTERM). Prints the URL (with the token when
/// listening beyond the loopback without a password) on standard output once listening. Throws
/// EnvironmentError when the address cannot be bound.
void run_server(const ServeOptions& options, const MeasureCatalogue& catalogue,
                const Policy& policy);

}  // namespace nagare
