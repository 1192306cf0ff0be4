#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "draft.h"
#include "nagare/interop.h"

namespace nagare {
namespace {

using nlohmann::json;

/// Line and column (1-based, in characters) of a byte offset.
SourceLocation position_of(std::string_view text, std::size_t offset, const std::string& path) {
  SourceLocation where{path, 1, 1};
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++where.line;
      where.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++where.column;
    }
  }
  return where;
}

/// Nesting deeper than any threat model needs (and aliases that refer to themselves).
constexpr int kMaxYamlDepth = 128;

json from_yaml(const YAML::Node& node, int depth = 0) {
  if (depth > kMaxYamlDepth) {
    throw YAML::Exception(node.Mark(), "nesting deeper than " + std::to_string(kMaxYamlDepth) +
                                           " levels (or an alias that contains itself)");
  }
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      json object = json::object();
      for (const auto& entry : node) {
        object[entry.first.as<std::string>()] = from_yaml(entry.second, depth + 1);
      }
      return object;
    }
    case YAML::NodeType::Sequence: {
      json array = json::array();
      for (const auto& element : node) array.push_back(from_yaml(element, depth + 1));
      return array;
    }
    case YAML::NodeType::Scalar: {
      const std::string text = node.Scalar();
      if (node.Tag() == "!") return text;  // quoted: always a string
      if (text == "true" || text == "True") return true;
      if (text == "false" || text == "False") return false;
      if (text == "null" || text == "~") return nullptr;
      try {
        std::size_t used = 0;
        const long long integer = std::stoll(text, &used);
        if (used == text.size()) return integer;
        const double real = std::stod(text, &used);
        if (used == text.size()) return real;
      } catch (const std::exception&) {
      }
      return text;
    }
    default:
      return nullptr;
  }
}

bool looks_like_json(std::string_view text, const std::string& path) {
  const std::string extension = std::filesystem::path(path).extension().string();
  if (extension == ".yaml" || extension == ".yml") return false;
  if (extension == ".json") return true;
  const auto first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

std::string message(bool english, std::string_view ja, std::string_view en) {
  return std::string(english ? en : ja);
}

/// Drops measure ids the catalogue does not know (and the model does not define).
void keep_known_measures(interop::Draft& draft, bool english,
                         const std::function<bool(std::string_view)>& known_measure) {
  auto known = [&](const interop::DraftMeasure& mark) {
    if (known_measure(mark.id)) return true;
    return std::any_of(draft.custom_measures.begin(), draft.custom_measures.end(),
                       [&](const auto& custom) { return custom.id == mark.id; });
  };
  auto filter = [&](std::vector<interop::DraftMeasure>& marks, const std::string& owner) {
    for (const auto& mark : marks) {
      if (!known(mark)) {
        draft.unmapped.push_back(owner + ": " + message(english, "対策 \"", "measure \"") +
                                 mark.id +
                                 message(english, "\" はカタログにないため外しました",
                                         "\" is not in the catalogue: dropped"));
      }
    }
    std::erase_if(marks, [&](const auto& mark) { return !known(mark); });
    // The loader reads `by` and `procedure` strictly: keep only values it accepts.
    for (auto& mark : marks) {
      if (!mark.by.empty() && !interop::is_one_of(mark.by, party_ids())) mark.by.clear();
      if (!mark.procedure.empty() && !interop::is_one_of(mark.procedure, procedure_ids())) {
        mark.procedure.clear();
      }
    }
  };
  for (auto& org : draft.orgs) filter(org.measures, org.id);
  for (auto& node : draft.nodes) filter(node.measures, node.id);
  for (auto& flow : draft.flows) filter(flow.measures, flow.id);
}

}  // namespace

ImportResult import_threat_model(std::string_view text, const std::string& path, bool english,
                                 const std::function<bool(std::string_view)>& known_measure) {
  ImportResult result;
  auto fail = [&](SourceLocation where, std::string text_of_error) {
    result.diagnostics.push_back(Diagnostic{std::move(where), std::move(text_of_error)});
    return result;
  };
  json document;
  if (looks_like_json(text, path)) {
    try {
      document = json::parse(text);
    } catch (const json::parse_error& error) {
      return fail(position_of(text, error.byte == 0 ? 0 : error.byte - 1, path),
                  message(english, "JSON の書き方に誤りがあります", "malformed JSON"));
    } catch (const json::exception& error) {
      // A number too large for any C++ type (found by fuzz/import_fuzzer).
      return fail(SourceLocation{path, 0, 0},
                  message(english, "JSON を読めません: ", "cannot read the JSON: ") + error.what());
    }
  } else {
    try {
      document = from_yaml(YAML::Load(std::string(text)));
    } catch (const YAML::Exception& error) {
      SourceLocation where{path, static_cast<std::uint32_t>(error.mark.line + 1),
                           static_cast<std::uint32_t>(error.mark.column + 1)};
      if (error.mark.is_null()) where = SourceLocation{path, 0, 0};
      return fail(where, message(english, "YAML の書き方に誤りがあります: ", "malformed YAML: ") +
                             error.msg);
    }
  }
  const std::string stem = std::filesystem::path(path).stem().string();
  interop::Draft draft;
  if (document.is_object() && document.contains("otmVersion")) {
    result.format = ImportFormat::otm;
    draft = interop::draft_from_otm(document, stem, english);
  } else if (document.is_object() && document.contains("summary") && document.contains("detail")) {
    result.format = ImportFormat::threat_dragon;
    draft = interop::draft_from_threat_dragon(document, stem, english);
  } else {
    return fail(SourceLocation{path, 1, 1},
                message(english,
                        "Open Threat Model (otmVersion) でも Threat Dragon (summary と detail) "
                        "でもありません",
                        "neither an Open Threat Model (otmVersion) nor a Threat Dragon model "
                        "(summary and detail)"));
  }
  keep_known_measures(draft, english, known_measure);
  result.unmapped = draft.unmapped;
  result.model_text = interop::write_model(draft, english);
  return result;
}

}  // namespace nagare
