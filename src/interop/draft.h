#pragma once

// A model being built from another tool's file, kept as the strings a model file holds, so
// that the writer emits exactly what the loader reads.

#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "nagare/format.h"

namespace nagare::interop {

struct DraftMeasure {
  std::string id;
  std::string na;
  std::string by;
  std::string procedure;
  std::string scope;
};

struct DraftCustomMeasure {
  std::string id;
  std::string name;
  std::string category;
  std::vector<std::string> satisfies;
};

struct DraftItem {
  std::string id;
  std::string name;
  std::string item_class = "personal";
  std::vector<std::string> fields;
  bool declared = true;
};

struct DraftCertification {
  std::string kind;
  std::optional<long long> since;
};

struct DraftOrg {
  std::string id;
  std::string name;
  std::string role = "other";
  std::string parent;
  std::string operator_name;
  std::vector<DraftCertification> certifications;
  std::string region;
  std::vector<std::string> must_not_receive;
  std::vector<DraftMeasure> measures;
};

struct DraftNode {
  std::string id;
  std::string name;
  std::string kind = "system";
  std::string org;
  std::string network;
  std::string medium;
  std::optional<bool> stores;
  std::string note;
  std::vector<DraftMeasure> measures;
};

struct DraftFlow {
  std::string id;
  std::optional<long long> step;
  std::string from;
  std::string to;
  std::vector<std::string> via;
  std::vector<std::string> items;
  std::string direction;
  std::string means;
  std::string label;
  std::vector<DraftMeasure> measures;
};

struct DraftAcceptance {
  std::string finding;
  std::string justification;
  std::string by;
  std::string date;
};

struct Draft {
  std::vector<std::pair<std::string, std::string>> paper;  // key, value (strings)
  std::vector<std::string> procedures;
  std::vector<DraftCustomMeasure> custom_measures;
  std::vector<DraftItem> items;
  std::vector<DraftOrg> orgs;
  std::vector<DraftNode> nodes;
  std::vector<DraftFlow> flows;
  std::vector<DraftAcceptance> acceptances;
  std::vector<std::string> unmapped;
  std::string source_note;  // first comment line: what the model was imported from
  /// Comments written with the tables, by table name and position (model_comments' shape):
  /// the workbook's 備考 column. `comments.file` goes at the top, after source_note.
  ModelComments comments;
};

/// Ids unique across the whole model, as the loader requires.
class IdPool {
 public:
  /// `wanted` when free (and non-empty), else `wanted-2`, `wanted-3` …
  std::string claim(std::string wanted, std::string_view fallback);

 private:
  std::set<std::string> used_;
};

/// A readable ASCII id from a name ("Web Server" -> "web-server"); empty when none.
std::string slug(std::string_view name);

/// The model's TOML text, with the unmapped notes as comments at the top.
std::string write_model(const Draft& draft, bool english);

/// Text of a JSON value when it is a string (or a number or a bool), else empty.
std::string text_of(const nlohmann::json& value);
/// value[key] as text when present.
std::string text_at(const nlohmann::json& object, std::string_view key);
/// Measures kept by `nagare export` in attributes["nagare-measures"].
std::vector<DraftMeasure> measures_from(const nlohmann::json& attributes);

/// Converters; they add what they cannot map to draft.unmapped.
Draft draft_from_otm(const nlohmann::json& document, std::string_view file_stem, bool english);
Draft draft_from_threat_dragon(const nlohmann::json& document, std::string_view file_stem,
                               bool english);

/// Japanese or English.
inline std::string tr(bool english, std::string_view ja, std::string_view en) {
  return std::string(english ? en : ja);
}

/// Nesting deeper than any threat model needs (OTM and Threat Dragon files nest about ten
/// levels). Deeper input is refused before a tree is built, since nlohmann's copy and dump
/// recurse, as does the conversion from YAML.
constexpr int kMaxDepth = 128;
/// Byte offset of the bracket that opens level kMaxDepth + 1 of a JSON text, or npos: a
/// linear scan, run before the parser.
std::size_t json_too_deep_at(std::string_view text);

/// Guesses from a type, name or tag: a node kind, a network kind, an item class.
std::string kind_from_words(std::string_view words);
std::string network_from_words(std::string_view words);
std::string class_from_words(std::string_view words);
/// True when `value` is an id of the enumeration (`ids` from model.h).
bool is_one_of(std::string_view value, const std::vector<std::string_view>& ids);

/// What a protocol name says of the line: an encrypted protocol gives encrypt-transit.
bool encrypted_protocol(std::string_view protocol);

}  // namespace nagare::interop
