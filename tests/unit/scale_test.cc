// Scale and hardening: nesting thousands deep stays linear and keeps its meaning, the parts
// `render --org` and `--item` draw, and the TOML characters toml++ 3.3 cannot take safely.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "nagare/render.h"
#include "nagare/subset.h"
#include "test_support.h"
#include "toml_library.h"

namespace nagare {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

/// A contractor nested `depth` deep under its root, which holds `designated-handlers`;
/// the deepest one receives personal items by USB, and a vendor at the bottom must not.
std::string deep_model(int depth) {
  std::string text =
      "[paper]\ntitle = \"深い入れ子\"\n\n"
      "[[items]]\nid = \"form\"\nname = \"申請書\"\nclass = \"personal\"\n\n"
      "[[orgs]]\nid = \"ward\"\nname = \"区\"\nrole = \"ward\"\n\n"
      "[[orgs]]\nid = \"c0\"\nname = \"受託者\"\nrole = \"contractor\"\n"
      "measures = [\"designated-handlers\"]\n\n";
  for (int i = 1; i < depth; ++i) {
    text += "[[orgs]]\nid = \"c" + std::to_string(i) + "\"\nname = \"部署" + std::to_string(i) +
            "\"\nrole = \"contractor\"\nparent = \"c" + std::to_string(i - 1) + "\"\n\n";
  }
  const std::string bottom = "c" + std::to_string(depth - 1);
  text += "[[orgs]]\nid = \"vendor\"\nname = \"保守\"\nrole = \"vendor\"\nparent = \"" + bottom +
          "\"\nmust_not_receive = [\"personal\"]\n\n"
          "[[nodes]]\nid = \"pc\"\nname = \"端末\"\nkind = \"terminal\"\norg = \"ward\"\n\n"
          "[[nodes]]\nid = \"usb\"\nname = \"USB\"\nkind = \"medium\"\nmedium = \"usb\"\n\n"
          "[[nodes]]\nid = \"deep-pc\"\nname = \"受託者端末\"\nkind = \"terminal\"\norg = \"" +
          bottom +
          "\"\n\n"
          "[[nodes]]\nid = \"maint\"\nname = \"保守端末\"\nkind = \"terminal\"\norg = "
          "\"vendor\"\n\n"
          "[[flows]]\nid = \"hand-over\"\nfrom = \"pc\"\nto = \"deep-pc\"\nvia = [\"usb\"]\n"
          "items = [\"form\"]\n\n"
          "[[flows]]\nid = \"leak\"\nfrom = \"deep-pc\"\nto = \"maint\"\n";
  return text;
}

TEST(Scale, NestingThousandsDeepIsCheckedQuicklyAndInheritsMeasures) {
  const auto start = std::chrono::steady_clock::now();
  const Model model = test::model_from(deep_model(5000));
  const auto findings = check_model(model, test::catalogue(), test::default_policy());
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 20.0);  // linear: well under a second in Release, a few under ASan
  std::vector<std::string> ids;
  for (const Finding& finding : findings) ids.push_back(finding.id);
  // The root's designated handlers reach the bottom of the chain ...
  EXPECT_THAT(ids, Not(Contains("contractor-handlers@org.c4999")));
  // ... and what reaches the vendor's node is found, through the flow that brings it.
  const Finding* leak = test::find(findings, "must-not-receive@org.vendor");
  ASSERT_NE(leak, nullptr);
  EXPECT_EQ(leak->flow, "leak");
  // Every organization of the chain contains the vendor, so each must-not-receive holder
  // up the chain would be found through the same node.
  EXPECT_EQ(leak->node, "maint");
}

TEST(Scale, AParentCycleIsReportedOncePerOrganizationOnIt) {
  const auto errors = test::errors_from(
      "[paper]\ntitle = \"t\"\n"
      "[[orgs]]\nid = \"a\"\nname = \"A\"\nrole = \"contractor\"\nparent = \"b\"\n"
      "[[orgs]]\nid = \"b\"\nname = \"B\"\nrole = \"contractor\"\nparent = \"a\"\n"
      "[[orgs]]\nid = \"c\"\nname = \"C\"\nrole = \"contractor\"\nparent = \"c\"\n");
  EXPECT_THAT(errors, ElementsAre("m.toml:3:1: error: 組織 \"a\" の parent が循環しています",
                                  "m.toml:13:1: error: 組織 \"c\" の parent が循環しています"));
}

const char* kTwoOrganizations = R"(
[paper]
title = "一部を描く"

[[items]]
id = "form"
name = "申請書"
class = "personal"

[[items]]
id = "stats"
name = "統計"
class = "non-personal"

[[orgs]]
id = "ward"
name = "区"
role = "ward"

[[orgs]]
id = "dept"
name = "課"
role = "department"
parent = "ward"

[[orgs]]
id = "contractor"
name = "受託者"
role = "contractor"

[[orgs]]
id = "cloud"
name = "クラウド"
role = "cloud"

[[nodes]]
id = "pc"
name = "端末"
kind = "terminal"
org = "dept"

[[nodes]]
id = "line"
name = "回線"
kind = "network"
network = "internet"

[[nodes]]
id = "vendor-pc"
name = "受託者端末"
kind = "terminal"
org = "contractor"

[[nodes]]
id = "saas"
name = "SaaS"
kind = "cloud"
org = "cloud"

[[flows]]
id = "send"
step = 1
from = "pc"
to = "vendor-pc"
via = ["line"]
items = ["form"]

[[flows]]
id = "pass-on"
step = 2
from = "vendor-pc"
to = "saas"

[[flows]]
id = "report"
step = 3
from = "saas"
to = "pc"
items = ["stats"]
)";

std::vector<std::string> ids_of(const auto& entities) {
  std::vector<std::string> ids;
  for (const auto& entity : entities) ids.push_back(entity.id);
  return ids;
}

TEST(Subset, AnOrganizationKeepsItsNestedOnesTheFlowsTouchingThemAndTheirOtherEnds) {
  const Model model = test::model_from(kTwoOrganizations);
  const auto part = organization_subset(model, "ward");
  ASSERT_TRUE(part.has_value());
  EXPECT_THAT(ids_of(part->orgs), ElementsAre("ward", "dept", "contractor", "cloud"));
  EXPECT_THAT(ids_of(part->nodes), ElementsAre("pc", "line", "vendor-pc", "saas"));
  EXPECT_THAT(ids_of(part->flows), ElementsAre("send", "report"));
  // Indices are renumbered: the part stands on its own.
  EXPECT_EQ(part->nodes[part->flows[0].from].id, "pc");
  EXPECT_EQ(part->nodes[part->flows[0].via[0]].id, "line");
  EXPECT_EQ(part->orgs[part->nodes[0].org].id, "dept");
  EXPECT_EQ(part->orgs[part->orgs[1].parent].id, "ward");

  const auto contractor = organization_subset(model, "contractor");
  ASSERT_TRUE(contractor.has_value());
  EXPECT_THAT(ids_of(contractor->flows), ElementsAre("send", "pass-on"));
  EXPECT_THAT(ids_of(contractor->orgs), ElementsAre("ward", "dept", "contractor", "cloud"));
  EXPECT_FALSE(organization_subset(model, "nobody").has_value());
}

TEST(Subset, AnOrganizationAndAnItemKeepTheItemsFlowsTouchingTheOrganization) {
  const Model model = test::model_from(kTwoOrganizations);
  const auto ward_form = organization_item_subset(model, "ward", "form");
  ASSERT_TRUE(ward_form.has_value());
  EXPECT_THAT(ids_of(ward_form->flows), ElementsAre("send")) << "not report (stats), not pass-on";
  const auto cloud_stats = organization_item_subset(model, "cloud", "stats");
  ASSERT_TRUE(cloud_stats.has_value());
  EXPECT_THAT(ids_of(cloud_stats->flows), ElementsAre("report"));
  const auto none = organization_item_subset(model, "contractor", "stats");
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->flows.empty());
  EXPECT_THAT(ids_of(none->orgs), ElementsAre("contractor")) << "the frame stays";
  EXPECT_FALSE(organization_item_subset(model, "ward", "nothing").has_value());
  EXPECT_FALSE(organization_item_subset(model, "nobody", "form").has_value());
}

TEST(Subset, AnItemKeepsTheFlowsCarryingItNamedOrPassedOn) {
  const Model model = test::model_from(kTwoOrganizations);
  const auto part = item_subset(model, "form");
  ASSERT_TRUE(part.has_value());
  EXPECT_THAT(ids_of(part->flows), ElementsAre("send", "pass-on"));
  EXPECT_THAT(ids_of(part->nodes), ElementsAre("pc", "line", "vendor-pc", "saas"));
  EXPECT_FALSE(item_subset(model, "nothing").has_value());

  // The part draws, and findings about what it left out are left out too.
  const auto findings = check_model(model, test::catalogue(), test::default_policy());
  const auto kept = findings_within(findings, *part);
  for (const Finding& finding : kept) {
    EXPECT_NE(finding.flow.value_or(""), "report");
  }
  FigureOptions options;
  options.format = FigureFormat::dot;
  options.show_findings = true;
  EXPECT_THAT(figure_dot(*part, test::catalogue(), kept, options), HasSubstr("受託者端末"));
}

TEST(Subset, TheDrawnNodesAreAllButLines) {
  EXPECT_EQ(drawn_node_count(test::model_from(kTwoOrganizations)), 3u);
}

// toml++ 3.3 (Debian) reaches an unreachable branch for these characters where whitespace
// may stand; nagare reports them itself instead (found by fuzz/model_fuzzer).
TEST(TomlGuard, JapanesePunctuationOutsideAStringIsASyntaxErrorAtItsPlace) {
  EXPECT_THAT(test::errors_from("[paper]\ntitle = \"件名\"、\n"),
              ElementsAre("m.toml:2:13: error: TOML の書き方に誤りがあります: 文字列の外に「、」"
                          "があります (値は \"…\" で囲み、キーは半角英数字で書いてください)"));
  EXPECT_THAT(test::errors_from("しめい = 1\n"),
              ElementsAre(HasSubstr("m.toml:1:1: error: TOML の書き方に誤りがあります: "
                                    "文字列の外に「し」があります")));
  EXPECT_THAT(test::errors_from("\xcc\xaa"), ElementsAre(HasSubstr("m.toml:1:1: error:")));
}

TEST(TomlGuard, TheSameCharactersInStringsAndCommentsAreFine) {
  const Model model = test::model_from(
      "# 、。§×° in a comment\n[paper]\ntitle = \"、。しーЖ§\"\n"
      "purpose = '''\n、リテラル。'''\nsubjects = \"\"\"\n、基本。\"\"\"\n"
      "source = \"\"\"続けて\\\n  書く。\"\"\"\n");
  EXPECT_EQ(model.paper.title, "、。しーЖ§");
  EXPECT_EQ(model.paper.source, "続けて書く。");
}

TEST(TomlGuard, TheseCharactersAfterABackslashInAMultiLineStringAreRefusedClearly) {
  EXPECT_THAT(test::errors_from("[paper]\ntitle = \"\"\"前半\\\n  、後半\"\"\"\n"),
              ElementsAre("m.toml:3:3: error: TOML の書き方に誤りがあります: \"\"\" の中の \\ "
                          "の後 (続けた次の行の始めを含む) に「、」は書けません (前に別の文字を"
                          "置いてください)"));
  EXPECT_THAT(test::errors_from("s = \"\"\"\\\xc2\xa7\"\"\"\n"),
              ElementsAre(HasSubstr("m.toml:1:9: error:")));
  EXPECT_THAT(test::errors_from("s = \"\"\"\\  \xc2\xa7\"\"\"\n"),
              ElementsAre(HasSubstr("m.toml:1:11: error:")));
  // A quote that cannot open a string there is read as part of a bare value.
  EXPECT_THAT(test::errors_from("s2 =0\"\"\"\xc2\xa7*\"\n"),
              ElementsAre(HasSubstr("m.toml:1:9: error:")));
  EXPECT_THAT(test::errors_from("s = 件\"§\"\n"), ElementsAre(HasSubstr("m.toml:1:7: error:")));
  // Control characters do not end a bare value for toml++ either.
  EXPECT_THAT(test::errors_from("s = 0\a.\"、\"\n"), ElementsAre(HasSubstr("m.toml:1:9: error:")));
  // Escaped backslashes and quotes are what they are.
  EXPECT_THAT(test::errors_from("s = \"\"\"\\\\§\\\"、\"\"\"\n"),
              Contains(HasSubstr("不明なキー \"s\"")));
}

// Past the guard, straight to toml++ as the loader includes it: without toml_library.h the
// sanitizer build (UBSan) stops at the unreachable branch on each of these.
TEST(TomlGuard, TomlPlusPlusAsIncludedAnswersForEveryCodePoint) {
  EXPECT_EQ(toml::parse("s = \"\"\"\\\n\xc2\xa7\"\"\"\n")["s"].value_or(std::string()), "\xc2\xa7");
  EXPECT_EQ(toml::parse("s = \"\"\"\\\n  、\"\"\"\n")["s"].value_or(std::string()), "、");
  for (const char* broken : {"s = 0\a.\"、\"\n", "s = 件\"§\"\n", "s2 =0\"\"\"\xc2\xa7*\"\n",
                             "[paper]\ntitle = \"件名\"、\n"}) {
    EXPECT_THROW(toml::parse(broken), toml::parse_error) << broken;
  }
}

// toml++ nests the tables of a dotted key recursively: 100,000 deep overflowed the stack.
TEST(TomlGuard, DottedKeysDeeperThanTheLimitAreRefused) {
  std::string header = "[paper]\ntitle = \"t\"\n[x";
  for (int i = 0; i < 100000; ++i) header += ".a";
  header += "]\n";
  EXPECT_THAT(test::errors_from(header),
              ElementsAre("m.toml:3:131: error: TOML の書き方に誤りがあります: キーの入れ子が"
                          "深すぎます (a.b.c… は 64 段まで)"));
  // Dots in shallow keys, floats and arrays are not counted as depth.
  EXPECT_THAT(test::errors_from("x = { a.a.a = 1.5, b = [1.5, 2.5] }\n"),
              Contains(HasSubstr("不明なキー \"x\"")));
}

}  // namespace
}  // namespace nagare
