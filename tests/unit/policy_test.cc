#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support.h"

namespace nagare {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> policy_errors(std::string_view text) {
  auto result = load_policy_text(text, "p.toml", test::catalogue());
  EXPECT_FALSE(result.value.has_value());
  std::vector<std::string> lines;
  for (const auto& d : result.diagnostics) lines.push_back(format_diagnostic(d));
  return lines;
}

TEST(Policy, DefaultPolicyLoadsAndNamesOnlyCatalogueMeasures) {
  const Policy& policy = test::default_policy();
  EXPECT_GE(policy.rules.size(), 20u);
  for (const Rule& rule : policy.rules) {
    EXPECT_FALSE(rule.title.empty()) << rule.id;
    EXPECT_FALSE(rule.why.empty()) << rule.id;
    EXPECT_FALSE(rule.at.empty()) << rule.id;
  }
}

TEST(Policy, CatalogueHasStableIdsAndWording) {
  const MeasureCatalogue& catalogue = test::catalogue();
  for (const char* id : {"encrypt-transit", "specific-party-only", "locked-bag", "handover-ledger",
                         "servers-in-japan", "certified-operator", "remote-wipe"}) {
    auto index = catalogue.find(id);
    ASSERT_TRUE(index) << id;
    EXPECT_FALSE(catalogue.at(*index).short_text.empty()) << id;
  }
  EXPECT_EQ(catalogue.at(*catalogue.find("encrypt-transit")).short_text, "通信内容の暗号化");
}

TEST(Policy, UnknownMeasureInARule) {
  EXPECT_THAT(
      policy_errors("[[rule]]\nid = \"r\"\ntitle = \"t\"\n[rule.require]\nall = [\"teleport\"]\n"),
      ElementsAre("p.toml:5:8: error: 対策 \"teleport\" はカタログにありません"));
}

TEST(Policy, RuleWithoutRequirement) {
  EXPECT_THAT(
      policy_errors("[[rule]]\nid = \"r\"\ntitle = \"t\"\n"),
      ElementsAre("p.toml:1:1: error: 規則 \"r\" に [rule.require] の all か any がありません"));
}

TEST(Policy, DuplicateRuleAndBadCondition) {
  EXPECT_THAT(
      policy_errors("[[rule]]\nid = \"r\"\ntitle = \"t\"\n[rule.when]\ntransfer = [\"pigeon\"]\n"
                    "[rule.require]\nall = [\"antivirus\"]\n"
                    "[[rule]]\nid = \"r\"\ntitle = \"t\"\n[rule.require]\nall = [\"antivirus\"]\n"),
      ElementsAre(
          "p.toml:5:13: error: transfer の \"pigeon\" は使えません (使える値: internet, "
          "lgwan, closed, dedicated-line, intranet, telephone, mobile-carrier, unknown, media, "
          "paper, direct, unstated)",
          "p.toml:8:1: error: 規則 \"r\" が重複しています"));
}

TEST(Policy, BuiltinChecksCanBeTunedOrTurnedOff) {
  auto result =
      load_policy_text("[checks]\ncloud-outside-japan = \"warning\"\nstale-acceptance = \"off\"\n",
                       "p.toml", test::catalogue());
  ASSERT_TRUE(result.value);
  EXPECT_EQ(result.value->checks.at("cloud-outside-japan").severity, Severity::warning);
  EXPECT_FALSE(result.value->checks.at("stale-acceptance").enabled);
  EXPECT_THAT(policy_errors("[checks]\nno-such-check = \"error\"\n"),
              ElementsAre("p.toml:2:17: error: 組込みの検査 \"no-such-check\" はありません"));
}

}  // namespace
}  // namespace nagare
