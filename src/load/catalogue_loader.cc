#include "nagare/load.h"
#include "toml_reader.h"

namespace nagare {

Loaded<MeasureCatalogue> load_catalogue_text(std::string_view text, const std::string& path) {
  Loaded<MeasureCatalogue> result;
  auto root = load::parse_toml(text, path, result.diagnostics);
  if (!root) return result;
  load::Reporter reporter(path, result.diagnostics);
  MeasureCatalogue catalogue;
  {
    load::TableReader top(*root, "対策カタログ", reporter);
    top.tables("measure", [&](load::TableReader& t) {
      MeasureDefinition measure;
      measure.where = t.where();
      measure.id = t.string("id", true).value_or("");
      auto category = t.string("category", true).value_or("operational");
      if (category == "technical") {
        measure.technical = true;
      } else if (category != "operational") {
        reporter.error(measure.where, "category は operational か technical です");
      }
      t.strings("checklists", [&](const std::string& id, const SourceLocation& where) {
        if (auto procedure = parse_procedure(id)) {
          measure.checklists.push_back(*procedure);
        } else {
          reporter.error(where, "checklists の \"" + id + "\" は手続の id ではありません");
        }
      });
      measure.short_text = t.string("short", true).value_or("");
      measure.english = t.string("en", true).value_or("");
      measure.ward_text = t.string("ward").value_or("");
      measure.other_text = t.string("other").value_or("");
      measure.ward_text_cp = t.string("ward_cp").value_or("");
      measure.other_text_cp = t.string("other_cp").value_or("");
      measure.ward_text_os = t.string("ward_os").value_or("");
      measure.other_text_os = t.string("other_os").value_or("");
      measure.edogawa_text = t.string("edogawa").value_or("");
      if (measure.id.empty()) return;
      const std::string id = measure.id;
      const SourceLocation where = measure.where;
      if (!catalogue.add(std::move(measure))) {
        reporter.error(where, "対策 \"" + id + "\" が重複しています");
      }
    });
  }
  load::sort_by_position(result.diagnostics);
  if (result.diagnostics.empty()) result.value = std::move(catalogue);
  return result;
}

Loaded<MeasureCatalogue> load_catalogue_file(const std::string& path) {
  auto text = read_input_file(path);
  if (!text.value) return Loaded<MeasureCatalogue>{std::nullopt, std::move(text.diagnostics)};
  return load_catalogue_text(*text.value, path);
}

}  // namespace nagare
