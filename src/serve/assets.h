#pragma once

// The editor's page, script and style sheet, compiled into the binary (no network, no CDN).

#include <string_view>

namespace nagare::serve {

/// The asset's bytes ("editor.html", "editor.js", "editor.css"); empty when there is none.
std::string_view asset(std::string_view name);

}  // namespace nagare::serve
