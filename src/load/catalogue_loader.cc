#include <algorithm>

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
        reporter.error(measure.where, "category は operational か technical です",
                       "category must be operational or technical");
      }
      t.strings("checklists", [&](const std::string& id, const SourceLocation& where) {
        if (auto procedure = parse_procedure(id)) {
          measure.checklists.push_back(*procedure);
        } else {
          reporter.error(where, "checklists の \"" + id + "\" は手続の id ではありません",
                         "checklists: \"" + id + "\" is not a procedure id");
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
        reporter.error(where, "対策 \"" + id + "\" が重複しています",
                       "measure \"" + id + "\" is defined twice");
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

Diagnostics apply_wording_text(std::string_view text, const std::string& path,
                               MeasureCatalogue& catalogue) {
  Diagnostics diagnostics;
  auto root = load::parse_toml(text, path, diagnostics);
  if (!root) return diagnostics;
  load::Reporter reporter(path, diagnostics);
  MeasureCatalogue reworded = catalogue;  // applied whole or not at all
  std::vector<std::string> seen;
  {
    load::TableReader top(*root, "文言ファイル", reporter, "the wording file");
    top.string("name");  // whose wording this is: for people reading the file
    top.tables("measure", [&](load::TableReader& t) {
      const SourceLocation where = t.where();
      auto id = t.string("id", true);
      auto short_text = t.string("short");
      auto english = t.string("en");
      auto ward = t.string("ward");
      auto other = t.string("other");
      auto ward_cp = t.string("ward_cp");
      auto other_cp = t.string("other_cp");
      auto ward_os = t.string("ward_os");
      auto other_os = t.string("other_os");
      auto edogawa = t.string("edogawa");
      if (!id) return;
      auto index = catalogue.find(*id);
      if (!index) {
        reporter.error(
            where, "対策 \"" + *id + "\" は標準の対策にありません (nagare measures で一覧できます)",
            "measure \"" + *id + "\" is not a catalogue measure (nagare measures lists them)");
        return;
      }
      if (std::find(seen.begin(), seen.end(), *id) != seen.end()) {
        reporter.error(where, "対策 \"" + *id + "\" の文言が二度書かれています",
                       "the wording of measure \"" + *id + "\" is given twice");
        return;
      }
      seen.push_back(*id);
      MeasureDefinition& measure = reworded.at(*index);
      if (short_text) measure.short_text = *short_text;
      if (english) measure.english = *english;
      if (ward) {
        measure.ward_text = *ward;
        measure.ward_text_cp = ward_cp.value_or("");
        measure.ward_text_os = ward_os.value_or("");
      } else {
        if (ward_cp) measure.ward_text_cp = *ward_cp;
        if (ward_os) measure.ward_text_os = *ward_os;
      }
      if (other) {
        measure.other_text = *other;
        measure.other_text_cp = other_cp.value_or("");
        measure.other_text_os = other_os.value_or("");
      } else {
        if (other_cp) measure.other_text_cp = *other_cp;
        if (other_os) measure.other_text_os = *other_os;
      }
      if (edogawa) measure.edogawa_text = *edogawa;
    });
  }
  load::sort_by_position(diagnostics);
  if (diagnostics.empty()) catalogue = std::move(reworded);
  return diagnostics;
}

Diagnostics apply_wording_file(const std::string& path, MeasureCatalogue& catalogue) {
  auto text = read_input_file(path);
  if (!text.value) return std::move(text.diagnostics);
  return apply_wording_text(*text.value, path, catalogue);
}

}  // namespace nagare
