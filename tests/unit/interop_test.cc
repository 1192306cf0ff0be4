// nagare -> OTM -> nagare keeps every organization, node and flow (and what they carry);
// hand-written OTM and Threat Dragon samples import into models that load.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "nagare/interop.h"
#include "test_support.h"

namespace nagare {
namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> bundled_models() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(NAGARE_TEST_MODELS_DIR)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

bool known(std::string_view id) { return test::catalogue().find(id).has_value(); }

ImportResult import(const std::string& text, const std::string& path) {
  return import_threat_model(text, path, false, known);
}

std::vector<std::string> findings(const Model& model) {
  std::vector<std::string> out;
  for (const Finding& f : check_model(model, test::catalogue(), test::default_policy())) {
    out.push_back(f.id + " " + to_string(f.severity));
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(Interop, RoundTripThroughOtmKeepsEveryNodeFlowAndOrganization) {
  for (const std::string& file : bundled_models()) {
    SCOPED_TRACE(file);
    const Model original = test::model_from(read(file));
    const std::string otm = export_otm(original);
    ImportResult back = import(otm, "exported.otm.json");
    ASSERT_TRUE(back.diagnostics.empty()) << format_diagnostic(back.diagnostics.front());
    EXPECT_THAT(back.unmapped, testing::IsEmpty());
    const Model model = test::model_from(back.model_text);
    ASSERT_EQ(model.orgs.size(), original.orgs.size());
    for (std::size_t i = 0; i < model.orgs.size(); ++i) {
      EXPECT_EQ(model.orgs[i].id, original.orgs[i].id);
      EXPECT_EQ(model.orgs[i].name, original.orgs[i].name);
      EXPECT_EQ(model.orgs[i].role, original.orgs[i].role);
      EXPECT_EQ(model.orgs[i].parent, original.orgs[i].parent);
      EXPECT_EQ(model.orgs[i].measures.size(), original.orgs[i].measures.size());
    }
    ASSERT_EQ(model.nodes.size(), original.nodes.size());
    for (std::size_t i = 0; i < model.nodes.size(); ++i) {
      EXPECT_EQ(model.nodes[i].id, original.nodes[i].id);
      EXPECT_EQ(model.nodes[i].kind, original.nodes[i].kind);
      EXPECT_EQ(model.nodes[i].org, original.nodes[i].org);
      EXPECT_EQ(model.nodes[i].network, original.nodes[i].network);
      EXPECT_EQ(model.nodes[i].medium, original.nodes[i].medium);
      EXPECT_EQ(model.nodes[i].stores, original.nodes[i].stores);
      EXPECT_EQ(model.nodes[i].measures.size(), original.nodes[i].measures.size());
    }
    ASSERT_EQ(model.flows.size(), original.flows.size());
    for (std::size_t i = 0; i < model.flows.size(); ++i) {
      EXPECT_EQ(model.flows[i].id, original.flows[i].id);
      EXPECT_EQ(model.flows[i].from, original.flows[i].from);
      EXPECT_EQ(model.flows[i].to, original.flows[i].to);
      EXPECT_EQ(model.flows[i].via, original.flows[i].via);
      EXPECT_EQ(model.flows[i].items, original.flows[i].items);
      EXPECT_EQ(model.flows[i].step, original.flows[i].step);
      EXPECT_EQ(model.flows[i].direction, original.flows[i].direction);
    }
    ASSERT_EQ(model.items.size(), original.items.size());
    for (std::size_t i = 0; i < model.items.size(); ++i) {
      EXPECT_EQ(model.items[i].item_class, original.items[i].item_class);
    }
    // Acceptances are not part of OTM; everything the checker sees otherwise is.
    if (original.acceptances.empty()) {
      EXPECT_EQ(findings(model), findings(original));
    }
  }
}

TEST(Interop, OtmAttributesAreStringsAndReadBackInEitherForm) {
  const Model original = test::bundled_model("edogawa-convenience-payment.toml");
  const std::string otm = export_otm(original);
  nlohmann::json document = nlohmann::json::parse(otm);
  // OTM's attributes map names to strings; the same document with nagare's structured
  // attributes as plain JSON values (as nagare wrote them before) must import the same.
  nlohmann::json as_values = document;
  std::size_t structured = 0;
  auto visit = [&](nlohmann::json& element, nlohmann::json& plain) {
    if (!element.contains("attributes")) return;
    for (auto& [key, value] : element["attributes"].items()) {
      ASSERT_TRUE(value.is_string()) << key;
      const auto parsed = nlohmann::json::parse(value.get<std::string>(), nullptr, false);
      if (key.rfind("nagare-", 0) == 0 && !parsed.is_discarded() && !parsed.is_string()) {
        plain["attributes"][key] = parsed;
        ++structured;
      }
    }
  };
  visit(document["project"], as_values["project"]);
  for (const char* list : {"assets", "trustZones", "components", "dataflows", "mitigations"}) {
    if (!document.contains(list)) continue;
    for (std::size_t i = 0; i < document[list].size(); ++i)
      visit(document[list][i], as_values[list][i]);
  }
  EXPECT_GT(structured, 20u);
  const ImportResult strings = import(otm, "strings.otm.json");
  const ImportResult values = import(as_values.dump(2), "values.otm.json");
  ASSERT_TRUE(strings.diagnostics.empty());
  ASSERT_TRUE(values.diagnostics.empty());
  EXPECT_EQ(strings.model_text.substr(strings.model_text.find("[paper]")),
            values.model_text.substr(values.model_text.find("[paper]")));
}

TEST(Interop, OtmSampleInJsonAndYamlGiveTheSameModel) {
  const std::string dir = std::string(NAGARE_TEST_SOURCE_DIR) + "/tests/interop/";
  ImportResult json = import(read(dir + "sample.otm.json"), dir + "sample.otm.json");
  ImportResult yaml = import(read(dir + "sample.otm.yaml"), dir + "sample.otm.yaml");
  ASSERT_TRUE(json.diagnostics.empty());
  ASSERT_TRUE(yaml.diagnostics.empty()) << format_diagnostic(yaml.diagnostics.front());
  EXPECT_EQ(json.model_text, yaml.model_text);
  const Model model = test::model_from(json.model_text);
  EXPECT_GE(model.orgs.size(), 2u);
  EXPECT_GE(model.flows.size(), 2u);
  EXPECT_THAT(json.unmapped, testing::Not(testing::IsEmpty()));
}

TEST(Interop, ThreatDragonSampleImports) {
  const std::string path =
      std::string(NAGARE_TEST_SOURCE_DIR) + "/tests/interop/sample.threat-dragon.json";
  ImportResult result = import(read(path), path);
  ASSERT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(result.format, ImportFormat::threat_dragon);
  const Model model = test::model_from(result.model_text);
  EXPECT_GE(model.nodes.size(), 3u);
  EXPECT_GE(model.flows.size(), 2u);
}

TEST(Interop, ThreatDragonVersionOneImports) {
  const std::string path =
      std::string(NAGARE_TEST_SOURCE_DIR) + "/tests/interop/sample.threat-dragon-v1.json";
  ImportResult result = import(read(path), path);
  ASSERT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(result.format, ImportFormat::threat_dragon);
  const Model model = test::model_from(result.model_text);
  std::vector<std::string> nodes;
  for (const Node& node : model.nodes)
    nodes.push_back(node.name + " " + std::string(id_of(node.kind)));
  EXPECT_THAT(nodes, testing::IsSupersetOf({"Reader person", "Reservation\nservice system",
                                            "Loans database datastore"}));
  std::vector<std::string> flows;
  for (const Flow& flow : model.flows) {
    flows.push_back(flow.label + ": " + model.nodes[flow.from].name + " -> " +
                    model.nodes[flow.to].name);
  }
  EXPECT_THAT(flows,
              testing::UnorderedElementsAre("Reservation request: Reader -> Reservation\nservice",
                                            "Loan record: Reservation\nservice -> Loans database"));
  // Properties kept on the cell itself (version 1) are read: protocol, encryption, threats.
  EXPECT_THAT(result.model_text, testing::HasSubstr("encrypt-transit"));
  EXPECT_THAT(result.unmapped, testing::Contains(testing::HasSubstr("1 件の脅威")));
  EXPECT_THAT(result.unmapped, testing::Contains(testing::HasSubstr("Unfinished flow")));
  EXPECT_THAT(result.model_text, testing::HasSubstr("version 1.x"));
}

TEST(Interop, MalformedInputIsADiagnosticAtItsPosition) {
  ImportResult json = import("{\n  \"otmVersion\": \"0.2.0\",\n  \"project\": {,}\n}", "bad.json");
  ASSERT_EQ(json.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(json.diagnostics[0]),
            "bad.json:3:15: error: JSON の書き方に誤りがあります");
  ImportResult yaml = import("otmVersion: 0.2.0\nproject: [a, b\n", "bad.yaml");
  ASSERT_EQ(yaml.diagnostics.size(), 1u);
  EXPECT_THAT(format_diagnostic(yaml.diagnostics[0]), testing::StartsWith("bad.yaml:"));
  ImportResult neither = import("{\"hello\": 1}", "other.json");
  ASSERT_EQ(neither.diagnostics.size(), 1u);
  EXPECT_THAT(format_diagnostic(neither.diagnostics[0]),
              testing::HasSubstr("Open Threat Model (otmVersion) でも"));
}

}  // namespace
}  // namespace nagare
