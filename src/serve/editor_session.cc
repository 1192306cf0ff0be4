#include "editor_session.h"

#include <map>

#include "access.h"
#include "model_json.h"
#include "model_merge.h"
#include "nagare/atomic_file.h"
#include "nagare/check.h"
#include "nagare/checklist.h"
#include "nagare/load.h"
#include "nagare/render.h"
#include "nagare/report.h"
#include "nagare/schema.h"

namespace nagare::serve {
namespace {

using nlohmann::json;

/// The Japanese word the schema's description gives a value: "役割: ward 区, department
/// 担当課" gives 区 for ward. The id itself when the description names none.
std::string value_name(std::string_view description, std::string_view value) {
  std::size_t at = 0;
  while ((at = description.find(value, at)) != std::string_view::npos) {
    const std::size_t end = at + value.size();
    const bool starts = at == 0 || description[at - 1] == ' ';
    if (starts && end < description.size() && description[end] == ' ') {
      std::size_t stop = description.find(", ", end + 1);
      if (stop == std::string_view::npos) stop = description.size();
      std::string name(description.substr(end + 1, stop - end - 1));
      if (!name.empty() && name.size() < 60) return name;
    }
    at = end;
  }
  return std::string(value);
}

/// The table ("flows") and its ordinal among tables of that name, for line `line` of `text`.
std::pair<std::string, int> table_at(std::string_view text, std::uint32_t line) {
  std::string table;
  std::map<std::string, int> seen;
  std::uint32_t number = 1;
  std::size_t start = 0;
  while (start < text.size() && number <= line) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view row = text.substr(start, end - start);
    if (row.substr(0, 2) == "[[" && row.find("]]") != std::string_view::npos) {
      table = std::string(row.substr(2, row.find("]]") - 2));
      ++seen[table];
    } else if (row.substr(0, 1) == "[" && row.find(']') != std::string_view::npos) {
      table = std::string(row.substr(1, row.find(']') - 1));
      ++seen[table];
    }
    start = end + 1;
    ++number;
  }
  return {table, table.empty() ? -1 : seen[table] - 1};
}

json diagnostics_json(const Diagnostics& diagnostics, std::string_view text) {
  json out = json::array();
  for (const Diagnostic& diagnostic : diagnostics) {
    auto [table, index] = table_at(text, diagnostic.where.line);
    out.push_back({{"line", diagnostic.where.line},
                   {"text", format_diagnostic(diagnostic)},
                   {"message", diagnostic.message},
                   {"table", table},
                   {"index", index}});
  }
  return out;
}

template <typename Entity>
int index_of(const std::vector<Entity>& entities, const std::optional<std::string>& id) {
  if (!id) return -1;
  for (std::size_t i = 0; i < entities.size(); ++i) {
    if (entities[i].id == *id) return static_cast<int>(i);
  }
  return -1;
}

json findings_json(const Model& model, const std::vector<Finding>& findings) {
  json out = json::array();
  for (const Finding& finding : findings) {
    out.push_back({{"id", finding.id},
                   {"severity", to_string(finding.severity)},
                   {"message", finding.message},
                   {"accepted", finding.accepted.value_or("")},
                   {"flow", index_of(model.flows, finding.flow)},
                   {"node", index_of(model.nodes, finding.node)},
                   {"org", index_of(model.orgs, finding.org)}});
  }
  return out;
}

/// What the figure's layout follows: which nodes are in which frames and how flows join
/// them, the item sets carried; not the wording.
std::string shape_of(const Model& model, const std::string& file) {
  std::string shape = file + '\n';
  auto add = [&](std::size_t value) { shape += std::to_string(value) + ','; };
  for (const Organization& org : model.orgs) add(org.parent);
  shape += '|';
  for (const Node& node : model.nodes) {
    add(node.org);
    add(static_cast<std::size_t>(node.kind));
  }
  for (const Flow& flow : model.flows) {
    shape += '|';
    add(flow.from);
    add(flow.to);
    add(static_cast<std::size_t>(flow.direction));
    for (std::size_t via : flow.via) add(via);
    shape += ';';
    for (std::size_t item : flow.items) add(item);
  }
  return shape;
}

}  // namespace

json EditorSession::list(const std::filesystem::path& root) const {
  json out = json::array();
  for (const std::string& file : model_files_within(root)) {
    auto model = load_model_file((root / file).string(), catalogue_);
    json entry = {{"file", file}, {"title", ""}, {"problems", model.diagnostics.size()}};
    if (model.value) entry["title"] = model.value->paper.title;
    out.push_back(std::move(entry));
  }
  return out;
}

json EditorSession::choices() const {
  json measures = json::array();
  for (const MeasureDefinition& measure : catalogue_.all()) {
    measures.push_back({{"id", measure.id},
                        {"name", measure.short_text.empty() ? measure.id : measure.short_text},
                        {"technical", measure.technical}});
  }
  json tables = json::object();
  for (const TableSpec& table : model_tables()) {
    json keys = json::object();
    for (const KeySpec& key : table.keys) {
      json values = json::array();
      for (std::string_view value : key.values) {
        values.push_back({{"id", value}, {"name", value_name(key.ja, value)}});
      }
      keys[std::string(key.key)] = {{"label", std::string(key.ja)}, {"values", values}};
    }
    tables[std::string(table.key)] = {{"label", std::string(table.ja)}, {"keys", keys}};
  }
  json party = json::array();
  for (std::string_view value : party_ids()) {
    party.push_back({{"id", value}, {"name", value == "ward" ? "区が行う" : "行わせる"}});
  }
  return {{"measures", measures}, {"tables", tables}, {"party", party}};
}

json EditorSession::open(const std::filesystem::path& path, const std::string& file) const {
  auto text = read_input_file(path.string());
  if (!text.value) return {{"file", file}, {"diagnostics", diagnostics_json(text.diagnostics, "")}};
  json out = {{"file", file}, {"version", version_of(*text.value)}};
  remember(path, out["version"], *text.value);
  auto model = load_model_text(*text.value, file, catalogue_);
  if (!model.value) {
    out["diagnostics"] = diagnostics_json(model.diagnostics, *text.value);
    out["text"] = *text.value;
    return out;
  }
  out["model"] = model_to_json(*model.value);
  out["choices"] = choices();
  return out;
}

json EditorSession::check_text(const std::string& text, const std::string& file, bool draw) {
  json out = {{"text", text}};
  auto model = load_model_text(text, file, catalogue_);
  out["diagnostics"] = diagnostics_json(model.diagnostics, text);
  if (!model.value) return out;
  const std::vector<Finding> findings = check_model(*model.value, catalogue_, policy_);
  out["findings"] = findings_json(*model.value, findings);
  if (draw) {
    FigureOptions figure;
    figure.show_findings = true;
    figure.flow_classes = true;
    try {
      // Most keystrokes in the paper's text fields do not change the drawing: the DOT text,
      // cheap to make, tells, and the last figure is sent again without laying it out.
      std::string dot = figure_dot(*model.value, catalogue_, findings, figure);
      if (dot != last_dot_) {
        // The renderer tries a few layouts and keeps the one that prints largest; while the
        // figure keeps its shape (an edit of text or measures) the last choice is drawn again,
        // one layout instead of several. A change of shape chooses afresh.
        std::string shape = shape_of(*model.value, file);
        const bool reuse = shape == layout_shape_;
        last_svg_ =
            svg_element(render_figure(*model.value, catalogue_, findings, figure, layout_, reuse));
        layout_shape_ = std::move(shape);
        last_dot_ = std::move(dot);
      }
      out["svg"] = last_svg_;
    } catch (const std::runtime_error& error) {
      out["figure_error"] = error.what();
    }
  }
  return out;
}

json EditorSession::preview(const std::filesystem::path& path, const json& edited) {
  auto original = read_input_file(path.string());
  if (!original.value) return {{"diagnostics", diagnostics_json(original.diagnostics, "")}};
  const std::string file = path.filename().string();
  auto model = load_model_text(*original.value, file, catalogue_);
  if (!model.value) return {{"diagnostics", diagnostics_json(model.diagnostics, *original.value)}};
  const std::string text = edited_model_text(*original.value, *model.value, edited);
  std::lock_guard<std::mutex> lock(graphviz_);
  return check_text(text, file, true);
}

EditorSession::SaveResult EditorSession::save(const std::filesystem::path& path,
                                              const std::string& base, const json& edited,
                                              json& reply) {
  std::lock_guard<std::mutex> lock(graphviz_);
  auto original = read_input_file(path.string());
  if (!original.value) {
    reply = {{"diagnostics", diagnostics_json(original.diagnostics, "")}};
    return SaveResult::invalid;
  }
  const std::string current = version_of(*original.value);
  const std::string file = path.filename().string();
  auto model = load_model_text(*original.value, file, catalogue_);
  if (!model.value) {
    reply = {{"diagnostics", diagnostics_json(model.diagnostics, *original.value)}};
    return SaveResult::invalid;
  }
  json wanted = edited;
  bool merged = false;
  if (current != base) {
    // Someone saved since this edit began: merge it with theirs, entity by entity, from the
    // version it began with. Without that version (a restart since) nothing can be merged.
    auto base_text = remembered(path, base);
    std::optional<json> base_model;
    if (base_text) {
      auto loaded = load_model_text(*base_text, file, catalogue_);
      if (loaded.value) base_model = model_to_json(*loaded.value);
    }
    if (!base_model) {
      reply = {{"version", current}};
      return SaveResult::conflict;
    }
    MergeResult result =
        merge_models(*base_model, model_to_json(*model.value), normalized_model_json(edited));
    if (!result.conflicts.empty()) {
      json conflicts = json::array();
      for (const MergeConflict& conflict : result.conflicts) {
        conflicts.push_back({{"table", conflict.table},
                             {"id", conflict.id},
                             {"name", conflict.name},
                             {"reason", conflict.reason}});
      }
      reply = {{"version", current},
               {"conflicts", conflicts},
               {"error", conflict_message(result.conflicts)}};
      return SaveResult::conflict;
    }
    wanted = std::move(result.model);
    merged = true;
  }
  const std::string text = edited_model_text(*original.value, *model.value, wanted);
  reply = check_text(text, file, false);
  if (!reply["diagnostics"].empty()) return SaveResult::invalid;
  write_file_atomically(path.string(), text);
  reply["version"] = version_of(text);
  reply["merged"] = merged;
  auto saved = load_model_text(text, file, catalogue_);
  if (saved.value) reply["model"] = model_to_json(*saved.value);
  remember(path, reply["version"], text);
  return SaveResult::saved;
}

void EditorSession::remember(const std::filesystem::path& path, const std::string& version,
                             const std::string& text) const {
  constexpr std::size_t kVersionsKept = 16;
  std::lock_guard<std::mutex> lock(versions_mutex_);
  auto& kept = versions_[path.string()];
  for (const auto& [known, unused] : kept) {
    if (known == version) return;
  }
  kept.emplace_back(version, text);
  if (kept.size() > kVersionsKept) kept.pop_front();
}

std::optional<std::string> EditorSession::remembered(const std::filesystem::path& path,
                                                     const std::string& version) const {
  std::lock_guard<std::mutex> lock(versions_mutex_);
  auto it = versions_.find(path.string());
  if (it == versions_.end()) return std::nullopt;
  for (const auto& [known, text] : it->second) {
    if (known == version) return text;
  }
  return std::nullopt;
}

std::pair<std::string, std::string> EditorSession::download(const std::filesystem::path& path,
                                                            const std::string& kind) {
  auto model = load_model_file(path.string(), catalogue_);
  if (!model.value) return {};
  std::lock_guard<std::mutex> lock(graphviz_);
  const std::vector<Finding> findings = check_model(*model.value, catalogue_, policy_);
  if (kind == "xlsx") {
    return {format_checklists_xlsx(build_checklists(*model.value, catalogue_, Language::ja),
                                   Language::ja),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
  }
  FigureOptions figure;
  figure.show_findings = true;
  if (kind == "html") {
    ReportOptions options;
    try {
      options.figure_svg = render_figure(*model.value, catalogue_, findings, figure);
    } catch (const std::runtime_error& error) {
      options.figure_missing_reason = error.what();
    }
    return {format_report_html(*model.value, catalogue_, policy_, findings,
                               build_checklists(*model.value, catalogue_, Language::ja), options),
            "text/html; charset=utf-8"};
  }
  static const std::map<std::string, std::pair<FigureFormat, std::string>> figures = {
      {"svg", {FigureFormat::svg, "image/svg+xml"}},
      {"png", {FigureFormat::png, "image/png"}},
      {"pdf", {FigureFormat::pdf, "application/pdf"}}};
  auto it = figures.find(kind);
  if (it == figures.end()) return {};
  figure.format = it->second.first;
  return {render_figure(*model.value, catalogue_, findings, figure), it->second.second};
}

}  // namespace nagare::serve
