#pragma once

// What the editor's requests do, apart from HTTP: preview an edited model (the same loader,
// checker and renderer as the command line) and save it unless the file changed meanwhile.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <mutex>
#include <string>

#include "nagare/catalogue.h"
#include "nagare/policy.h"
#include "nagare/render.h"

namespace nagare::serve {

class EditorSession {
 public:
  EditorSession(const MeasureCatalogue& catalogue, const Policy& policy)
      : catalogue_(catalogue), policy_(policy) {}

  /// The models of `root` by their papers' titles: [{file, title, problems}].
  nlohmann::json list(const std::filesystem::path& root) const;

  /// {file, version, model, choices} for a model that loads; {file, version, diagnostics,
  /// text} for one that does not (the editor shows why).
  nlohmann::json open(const std::filesystem::path& path, const std::string& file) const;

  /// {text, diagnostics, findings, svg} for the edited model: diagnostics carry the table and
  /// index of the entity they are about, findings the index of their flow.
  nlohmann::json preview(const std::filesystem::path& path, const nlohmann::json& edited);

  enum class SaveResult { saved, conflict, invalid };
  /// Writes the edited model (atomically) when the file on disk still has version `base`.
  /// `reply` receives {version} or {diagnostics} or the current version on conflict.
  SaveResult save(const std::filesystem::path& path, const std::string& base,
                  const nlohmann::json& edited, nlohmann::json& reply);

  /// The file as download `kind` (xlsx, html, svg, png, pdf): bytes and MIME type; the bytes
  /// are empty when the model does not load or `kind` is unknown.
  std::pair<std::string, std::string> download(const std::filesystem::path& path,
                                               const std::string& kind);

 private:
  nlohmann::json choices() const;
  nlohmann::json check_text(const std::string& text, const std::string& file, bool draw);

  const MeasureCatalogue& catalogue_;
  const Policy& policy_;
  std::mutex graphviz_;   // cgraph is not thread-safe; saves also wait here, one at a time
  std::string last_dot_;  // the last figure drawn, by the DOT text it was drawn from
  std::string last_svg_;
  FigureLayout layout_;       // the layout the renderer chose for the last figure
  std::string layout_shape_;  // … and the shape of the model it chose it for (shape_of)
};

}  // namespace nagare::serve
