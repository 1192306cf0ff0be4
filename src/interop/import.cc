#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>

#include "draft.h"
#include "nagare/interop.h"

namespace nagare {
namespace {

using interop::kMaxDepth;
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

/// Values a YAML document may hold once its aliases are expanded: one per byte of the file
/// (without aliases no YAML holds more), and at least kMinYamlValues. A few bytes of nested
/// aliases ("billion laughs") would otherwise expand to billions of JSON values.
constexpr std::size_t kMinYamlValues = 100'000;

/// A problem in the input found while reading it, with where it is.
struct ImportError {
  YAML::Mark mark;
  std::string ja, en;  // empty: nested too deep
};

std::string depth_message(bool english) {
  return english ? "nested deeper than " + std::to_string(kMaxDepth) +
                       " levels (or an alias that contains itself)"
                 : "入れ子が深すぎます (上限 " + std::to_string(kMaxDepth) +
                       " 段、または自分自身を含むエイリアス)";
}

class YamlToJson {
 public:
  explicit YamlToJson(std::size_t file_bytes) : max_values_(std::max(file_bytes, kMinYamlValues)) {}

  json convert(const YAML::Node& node, int depth = 0) {
    if (depth > kMaxDepth) throw ImportError{node.Mark(), "", ""};
    if (++values_ > max_values_) {
      throw ImportError{
          node.Mark(),
          "エイリアスを展開すると値が多すぎます (上限はファイルのバイト数、少なくとも "
          "100000 個)",
          "too many values once aliases are expanded (at most one per byte of the "
          "file, and at least 100000)"};
    }
    switch (node.Type()) {
      case YAML::NodeType::Map: {
        json object = json::object();
        for (const auto& entry : node) {
          object[entry.first.as<std::string>()] = convert(entry.second, depth + 1);
        }
        return object;
      }
      case YAML::NodeType::Sequence: {
        json array = json::array();
        for (const auto& element : node) array.push_back(convert(element, depth + 1));
        return array;
      }
      default:
        return scalar(node);
    }
  }

 private:
  static json scalar(const YAML::Node& node) {
    if (!node.IsScalar()) return nullptr;
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

  std::size_t max_values_;
  std::size_t values_ = 0;
};

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
  auto yaml_place = [&](const YAML::Mark& mark) {
    if (mark.is_null()) return SourceLocation{path, 0, 0};
    return SourceLocation{path, static_cast<std::uint32_t>(mark.line + 1),
                          static_cast<std::uint32_t>(mark.column + 1)};
  };
  // yaml-cpp reads a flow collection to its end before its nodes, so its marks point past
  // the brackets; where they open too deep is where to look.
  auto too_deep_place = [&](const YAML::Mark& mark) {
    const std::size_t deep = interop::json_too_deep_at(text);
    return deep != std::string_view::npos ? position_of(text, deep, path) : yaml_place(mark);
  };
  json document;
  if (looks_like_json(text, path)) {
    if (const std::size_t deep = interop::json_too_deep_at(text); deep != std::string_view::npos) {
      return fail(position_of(text, deep, path), depth_message(english));
    }
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
      document = YamlToJson(text.size()).convert(YAML::Load(std::string(text)));
    } catch (const ImportError& error) {
      if (!error.ja.empty())
        return fail(yaml_place(error.mark), message(english, error.ja, error.en));
      return fail(too_deep_place(error.mark), depth_message(english));
    } catch (const YAML::DeepRecursion& error) {
      // yaml-cpp's own bound (2,000 levels), met before the conversion's.
      return fail(too_deep_place(error.mark), depth_message(english));
    } catch (const YAML::Exception& error) {
      return fail(
          yaml_place(error.mark),
          message(english, "YAML の書き方に誤りがあります: ", "malformed YAML: ") + error.msg);
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

namespace interop {

std::size_t json_too_deep_at(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::string_view::npos;
}

}  // namespace interop
}  // namespace nagare
