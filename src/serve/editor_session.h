#pragma once

// What the editor's requests do, apart from HTTP: preview an edited model (the same loader,
// checker and renderer as the command line) and save it unless the file changed meanwhile.

#include <nlohmann/json.hpp>

#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
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
  /// Writes the edited model (atomically). When the file on disk no longer has version `base`
  /// (another tab or person saved meanwhile), the edit is merged entity by entity with the
  /// file as it is now (model_merge.h), from the text of `base` as this session served it;
  /// a save that changes what the other changed is a conflict. `reply` receives {version,
  /// model, merged} or {diagnostics} or, on conflict, {version, error, conflicts}.
  SaveResult save(const std::filesystem::path& path, const std::string& base,
                  const nlohmann::json& edited, nlohmann::json& reply);

  /// The file as download `kind` (xlsx, html, svg, png, pdf): bytes and MIME type; the bytes
  /// are empty when the model does not load or `kind` is unknown.
  std::pair<std::string, std::string> download(const std::filesystem::path& path,
                                               const std::string& kind);

 private:
  nlohmann::json choices() const;
  nlohmann::json check_text(const std::string& text, const std::string& file, bool draw);

  /// Remembers the text of a version of `path` that a client may start an edit from.
  void remember(const std::filesystem::path& path, const std::string& version,
                const std::string& text) const;
  std::optional<std::string> remembered(const std::filesystem::path& path,
                                        const std::string& version) const;

  const MeasureCatalogue& catalogue_;
  mutable std::mutex versions_mutex_;
  /// The last texts of each file by version (kVersionsKept of each), for three-way merges.
  mutable std::map<std::string, std::deque<std::pair<std::string, std::string>>> versions_;
  const Policy& policy_;
  std::mutex graphviz_;   // cgraph is not thread-safe; saves also wait here, one at a time
  std::string last_dot_;  // the last figure drawn, by the DOT text it was drawn from
  std::string last_svg_;
  FigureLayout layout_;       // the layout the renderer chose for the last figure
  std::string layout_shape_;  // … and the shape of the model it chose it for (shape_of)
};

}  // namespace nagare::serve
