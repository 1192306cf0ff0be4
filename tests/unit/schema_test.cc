// The schema and the loader must not drift apart: every key the loader reads is in the
// schema table and the other way round, and every enumeration the schema offers is exactly
// what the loader accepts (the loader's own "使える値" list).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "key_probe.h"
#include "nagare/schema.h"
#include "test_support.h"

namespace nagare {
namespace {

std::set<std::string> names(const std::vector<KeySpec>& keys) {
  std::set<std::string> out;
  for (const KeySpec& key : keys) out.emplace(key.key);
  return out;
}

const TableSpec& table(std::string_view name) {
  for (const TableSpec& spec : model_tables()) {
    if (spec.key == name) return spec;
  }
  throw std::runtime_error("no table " + std::string(name));
}

// A model with every table once, each kind of nested table once.
constexpr std::string_view kEveryTable = R"(
[paper]
title = "t"
[[custom_measures]]
id = "own"
name = "n"
[[items]]
id = "i"
name = "n"
class = "personal"
[[orgs]]
id = "o"
name = "n"
role = "ward"
certifications = [{ kind = "ISMS" }]
measures = [{ id = "access-control" }]
[[nodes]]
id = "a"
name = "a"
kind = "system"
measures = [{ id = "access-control" }]
[[nodes]]
id = "b"
name = "b"
kind = "system"
[[flows]]
id = "f"
from = "a"
to = "b"
measures = [{ id = "access-control" }]
[[accept]]
finding = "x"
justification = "y"
)";

TEST(Schema, EveryKeyTheLoaderReadsIsInTheSchemaAndTheOtherWayRound) {
  const auto read = load::model_keys_read(kEveryTable, test::catalogue());
  std::map<std::string, std::set<std::string>> expected;
  std::set<std::string> top;
  for (const TableSpec& spec : model_tables()) {
    top.emplace(spec.key);
    expected[spec.array ? "[[" + std::string(spec.key) + "]]" : "モデル." + std::string(spec.key)] =
        names(spec.keys);
  }
  expected["モデル"] = top;
  expected["[[certifications]]"] = names(certification_keys());
  for (const char* owner : {"[[orgs]]", "[[nodes]]", "[[flows]]"}) {
    expected[std::string(owner) + " の measures の要素"] = names(measure_entry_keys());
  }
  std::map<std::string, std::set<std::string>> actual(read.begin(), read.end());
  EXPECT_EQ(actual, expected);
}

struct Override {
  std::string table;  // "paper", "nodes" (the first node), "measure" (node a's entry), "cert"
  std::string key;
  std::string value;  // TOML text
};

/// kEveryTable-like text with one key set; the extra keys a kind needs come along.
std::string model_with(const Override& o) {
  std::map<std::string, std::map<std::string, std::string>> tables{
      {"paper", {{"title", "\"t\""}}},
      {"custom_measures", {{"id", "\"own\""}, {"name", "\"n\""}}},
      {"items", {{"id", "\"i\""}, {"name", "\"n\""}, {"class", "\"personal\""}}},
      {"orgs", {{"id", "\"o\""}, {"name", "\"n\""}, {"role", "\"ward\""}}},
      {"nodes", {{"id", "\"a\""}, {"name", "\"a\""}, {"kind", "\"system\""}}},
      {"flows", {{"id", "\"f\""}, {"from", "\"a\""}, {"to", "\"b\""}}},
  };
  std::string measure = "{ id = \"access-control\" }";
  std::string certification = "{ kind = \"ISMS\" }";
  if (o.table == "measure") {
    measure = "{ id = \"access-control\", " + o.key + " = " + o.value + " }";
  } else if (o.table == "cert") {
    certification = "{ " + o.key + " = " + o.value + " }";
  } else {
    tables[o.table][o.key] = o.value;
  }
  auto& node = tables["nodes"];
  if (node["kind"] == "\"network\"" && !node.count("network")) node["network"] = "\"internet\"";
  if (node["kind"] == "\"medium\"" && !node.count("medium")) node["medium"] = "\"usb\"";
  if (node.count("network")) node["kind"] = "\"network\"";
  if (node.count("medium")) node["kind"] = "\"medium\"";
  if (node["kind"] == "\"network\"" || node["kind"] == "\"medium\"") {
    tables["flows"]["from"] = "\"b\"";
    tables["flows"]["to"] = "\"c\"";
  }
  std::string text;
  for (const char* name : {"paper", "custom_measures", "items", "orgs", "nodes", "flows"}) {
    text += std::string(name) == "paper" ? "[paper]\n" : "[[" + std::string(name) + "]]\n";
    for (const auto& [key, value] : tables[name]) text += key + " = " + value + "\n";
    if (std::string(name) == "orgs") text += "certifications = [" + certification + "]\n";
    if (std::string(name) == "nodes") {
      text += "measures = [" + measure + "]\n";
      text += "[[nodes]]\nid = \"b\"\nname = \"b\"\nkind = \"system\"\n";
      text += "[[nodes]]\nid = \"c\"\nname = \"c\"\nkind = \"system\"\n";
    }
  }
  return text;
}

/// The values the loader's message lists: "… (使える値: a, b, c)".
std::set<std::string> allowed_in(const std::vector<std::string>& errors) {
  std::set<std::string> values;
  for (const std::string& error : errors) {
    const auto start = error.find("使える値: ");
    if (start == std::string::npos) continue;
    std::string list = error.substr(start + std::string("使える値: ").size());
    list = list.substr(0, list.find(')'));
    std::stringstream in(list);
    for (std::string value; std::getline(in, value, ',');) {
      values.insert(value.substr(value.find_first_not_of(' ')));
    }
  }
  return values;
}

void expect_enum_agrees(const std::string& where, const KeySpec& key) {
  const bool array = key.type == ValueType::enumerated_array;
  for (std::string_view value : key.values) {
    std::string text = "\"" + std::string(value) + "\"";
    if (array) text = "[" + text + "]";
    const std::string model = model_with({where, std::string(key.key), text});
    auto loaded = load_model_text(model, "enum.toml", test::catalogue());
    EXPECT_TRUE(loaded.value.has_value())
        << where << "." << key.key << " = " << text << "\n"
        << (loaded.diagnostics.empty() ? "" : format_diagnostic(loaded.diagnostics[0]));
  }
  const std::string bogus = array ? "[\"no-such-value\"]" : "\"no-such-value\"";
  const auto errors = test::errors_from(model_with({where, std::string(key.key), bogus}));
  std::set<std::string> schema(key.values.begin(), key.values.end());
  EXPECT_EQ(allowed_in(errors), schema) << where << "." << key.key;
}

TEST(Schema, EveryEnumerationIsWhatTheLoaderAccepts) {
  int checked = 0;
  for (const TableSpec& spec : model_tables()) {
    if (spec.key == "accept") continue;
    for (const KeySpec& key : spec.keys) {
      if (key.type != ValueType::enumerated && key.type != ValueType::enumerated_array) continue;
      expect_enum_agrees(std::string(spec.key), key);
      ++checked;
    }
  }
  for (const KeySpec& key : measure_entry_keys()) {
    if (key.type == ValueType::enumerated) {
      expect_enum_agrees("measure", key);
      ++checked;
    }
  }
  for (const KeySpec& key : certification_keys()) {
    if (key.type == ValueType::enumerated) {
      expect_enum_agrees("cert", key);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 15);
}

TEST(Schema, EveryKeyHasJapaneseAndEnglishDescriptions) {
  auto check = [](const std::vector<KeySpec>& keys) {
    for (const KeySpec& key : keys) {
      EXPECT_FALSE(key.ja.empty()) << key.key;
      EXPECT_FALSE(key.en.empty()) << key.key;
    }
  };
  for (const TableSpec& spec : model_tables()) {
    EXPECT_FALSE(spec.ja.empty());
    EXPECT_FALSE(spec.en.empty());
    check(spec.keys);
  }
  check(measure_entry_keys());
  check(certification_keys());
}

TEST(Schema, TheCheckedInSchemaIsTheGeneratedOne) {
  std::ifstream in(std::string(NAGARE_TEST_SOURCE_DIR) + "/schema/nagare-model.schema.json");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), model_schema_json(test::catalogue()))
      << "run: nagare schema -o schema/nagare-model.schema.json";
  // Measure ids come from the catalogue.
  EXPECT_THAT(text.str(), testing::HasSubstr("\"encrypt-transit\""));
  EXPECT_EQ(table("nodes").keys.front().key, "id");
}

}  // namespace
}  // namespace nagare
