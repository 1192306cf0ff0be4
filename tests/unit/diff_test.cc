#include <gtest/gtest.h>

#include <string>

#include "nagare/audit_output.h"
#include "nagare/diff.h"
#include "test_support.h"

namespace nagare {
namespace {

constexpr std::string_view kBase = R"(
[paper]
title = "t"
[[items]]
id = "rec"
name = "記録"
class = "personal"
fields = ["氏名", "住所"]
[[items]]
id = "code"
name = "番号"
class = "pseudonymous"
[[orgs]]
id = "ward"
name = "区"
role = "ward"
[[orgs]]
id = "vendor"
name = "委託先"
role = "contractor"
certifications = [{ kind = "ISMS" }]
measures = ["designated-handlers"]
[[orgs]]
id = "cloud"
name = "クラウド"
role = "cloud"
region = "japan"
[[nodes]]
id = "tablet"
name = "タブレット"
kind = "mobile"
org = "ward"
stores = false
[[nodes]]
id = "pc"
name = "委託先PC"
kind = "terminal"
org = "vendor"
measures = ["antivirus"]
[[nodes]]
id = "store"
name = "クラウドストレージ"
kind = "cloud"
org = "cloud"
[[nodes]]
id = "line"
name = "回線"
kind = "network"
network = "internet"
[[flows]]
id = "upload"
from = "tablet"
to = "store"
via = ["line"]
items = ["code"]
label = "番号を送信"
measures = ["encrypt-transit"]
[[flows]]
id = "fetch"
from = "store"
to = "pc"
via = ["line"]
items = ["code"]
label = "委託先が取得"
)";

std::string variant(std::string_view old_text, std::string_view new_text) {
  std::string text(kBase);
  const auto at = text.find(old_text);
  if (at == std::string::npos)
    ADD_FAILURE() << "no '" << old_text << "' in the base model";
  else
    text.replace(at, old_text.size(), new_text);
  return text;
}

ModelDiff diff_of(std::string_view declared, std::string_view actual) {
  return diff_models(test::model_from(declared), test::model_from(actual), test::catalogue());
}

std::vector<std::string> kinds(const ModelDiff& diff) {
  std::vector<std::string> ids;
  for (const Difference& d : diff.differences) ids.emplace_back(id_of(d.kind));
  return ids;
}

using Kinds = std::vector<std::string>;

TEST(Diff, SameModelHasNoDifference) {
  const ModelDiff diff = diff_of(kBase, kBase);
  EXPECT_TRUE(diff.differences.empty());
  EXPECT_FALSE(diff.material());
  EXPECT_TRUE(diff.by_name.empty());
}

TEST(Diff, FlowAdded) {
  const ModelDiff diff = diff_of(kBase, std::string(kBase) + R"(
[[flows]]
id = "copy"
from = "pc"
to = "tablet"
items = ["code"]
)");
  EXPECT_EQ(kinds(diff), Kinds{"flow-added"});
  EXPECT_EQ(diff.differences[0].actual_id, "copy");
  EXPECT_TRUE(diff.material());
  EXPECT_EQ(diff.differences[0].message, "宣言にない流れ「copy」（委託先PC → タブレット）");
}

TEST(Diff, FlowRemoved) {
  const std::string without = std::string(kBase.substr(0, kBase.find("[[flows]]\nid = \"fetch\"")));
  const ModelDiff diff = diff_of(kBase, without);
  EXPECT_EQ(kinds(diff), Kinds{"flow-removed"});
  EXPECT_EQ(diff.differences[0].declared_id, "fetch");
}

TEST(Diff, ItemsAddedToAFlow) {
  const ModelDiff diff =
      diff_of(kBase, variant("items = [\"code\"]\nlabel = \"番号を送信\"",
                             "items = [\"code\", \"rec\"]\nlabel = \"番号を送信\""));
  EXPECT_EQ(kinds(diff), Kinds{"flow-items-added"});
  EXPECT_EQ(diff.differences[0].details, std::vector<std::string>{"rec"});
}

TEST(Diff, FieldsAddedToAnItemSet) {
  const ModelDiff diff = diff_of(kBase, variant("fields = [\"氏名\", \"住所\"]",
                                                "fields = [\"氏名\", \"住所\", \"電話番号\"]"));
  EXPECT_EQ(kinds(diff), Kinds{"item-fields-added"});
  EXPECT_EQ(diff.differences[0].details, std::vector<std::string>{"電話番号"});
}

TEST(Diff, MeasureLostOnAFlow) {
  const ModelDiff diff = diff_of(kBase, variant("measures = [\"encrypt-transit\"]", ""));
  EXPECT_EQ(kinds(diff), Kinds{"measure-lost"});
  EXPECT_EQ(diff.differences[0].entity, "flow");
  EXPECT_EQ(diff.differences[0].details, std::vector<std::string>{"encrypt-transit@ward"});
}

TEST(Diff, MeasureMarkedNotApplicableCountsAsLost) {
  const ModelDiff diff =
      diff_of(kBase, variant("measures = [\"encrypt-transit\"]",
                             "measures = [{ id = \"encrypt-transit\", na = \"暗号化しない\" }]"));
  EXPECT_EQ(kinds(diff), Kinds{"measure-lost"});
  EXPECT_NE(diff.differences[0].message.find("今は－: 暗号化しない"), std::string::npos)
      << diff.differences[0].message;
}

TEST(Diff, MeasureLostOnANode) {
  const ModelDiff diff = diff_of(kBase, variant("measures = [\"antivirus\"]", ""));
  EXPECT_EQ(kinds(diff), Kinds{"measure-lost"});
  EXPECT_EQ(diff.differences[0].entity, "node");
  EXPECT_EQ(diff.differences[0].declared_id, "pc");
}

TEST(Diff, MeasureLostOnAnOrganization) {
  const ModelDiff diff = diff_of(kBase, variant("measures = [\"designated-handlers\"]", ""));
  EXPECT_EQ(kinds(diff), Kinds{"measure-lost"});
  EXPECT_EQ(diff.differences[0].entity, "org");
}

TEST(Diff, CertificationLost) {
  const ModelDiff diff = diff_of(kBase, variant("certifications = [{ kind = \"ISMS\" }]", ""));
  EXPECT_EQ(kinds(diff), Kinds{"certification-lost"});
  EXPECT_EQ(diff.differences[0].details, std::vector<std::string>{"ISMS"});
}

TEST(Diff, OrganizationAdded) {
  const ModelDiff diff = diff_of(kBase, std::string(kBase) + R"(
[[orgs]]
id = "sub"
name = "再委託先"
role = "subcontractor"
parent = "vendor"
)");
  EXPECT_EQ(kinds(diff), Kinds{"org-added"});
  EXPECT_EQ(diff.differences[0].actual_id, "sub");
}

TEST(Diff, CloudLeavesJapan) {
  for (std::string_view region : {"overseas", "unknown"}) {
    const ModelDiff diff =
        diff_of(kBase, variant("region = \"japan\"", "region = \"" + std::string(region) + "\""));
    EXPECT_EQ(kinds(diff), Kinds{"cloud-left-japan"}) << region;
  }
}

TEST(Diff, NodeStartsStoring) {
  const ModelDiff diff = diff_of(kBase, variant("stores = false", "stores = true"));
  EXPECT_EQ(kinds(diff), Kinds{"node-starts-storing"});
  EXPECT_EQ(diff.differences[0].actual_id, "tablet");
}

TEST(Diff, PairsByNameWhenIdsDiffer) {
  std::string actual = variant("id = \"pc\"", "id = \"vendor-pc\"");
  for (std::size_t at = actual.find("to = \"pc\""); at != std::string::npos;
       at = actual.find("to = \"pc\"")) {
    actual.replace(at, 9, "to = \"vendor-pc\"");
  }
  const ModelDiff diff = diff_of(kBase, actual);
  EXPECT_TRUE(diff.differences.empty()) << kinds(diff).size();
  ASSERT_EQ(diff.by_name.size(), 1u);
  EXPECT_EQ(diff.by_name[0].entity, "node");
  EXPECT_EQ(diff.by_name[0].declared_id, "pc");
  EXPECT_EQ(diff.by_name[0].actual_id, "vendor-pc");
}

TEST(Diff, PairsFlowsByLabelAndEndsWhenIdsDiffer) {
  const ModelDiff diff = diff_of(kBase, variant("id = \"fetch\"", "id = \"download\""));
  EXPECT_TRUE(diff.differences.empty());
  ASSERT_EQ(diff.by_name.size(), 1u);
  EXPECT_EQ(diff.by_name[0].entity, "flow");
  EXPECT_EQ(diff.by_name[0].actual_id, "download");
}

TEST(Diff, ReportsWhichPairingADifferenceUsed) {
  std::string actual = variant("id = \"fetch\"", "id = \"download\"");
  actual += "\n";
  const auto at = actual.find("label = \"委託先が取得\"");
  actual.insert(at, "items = [\"code\", \"rec\"]\n");
  actual.erase(actual.find("items = [\"code\"]\nitems"), 17);
  const ModelDiff diff = diff_of(kBase, actual);
  ASSERT_EQ(kinds(diff), Kinds{"flow-items-added"});
  EXPECT_EQ(diff.differences[0].matched_by, MatchedBy::name);
  EXPECT_EQ(diff.differences[0].declared_id, "fetch");
  EXPECT_EQ(diff.differences[0].actual_id, "download");
}

TEST(Diff, FlowRerouted) {
  const ModelDiff diff =
      diff_of(kBase, variant("from = \"store\"\nto = \"pc\"", "from = \"store\"\nto = \"tablet\""));
  ASSERT_EQ(kinds(diff), Kinds{"flow-rerouted"});
  const Difference& d = diff.differences[0];
  EXPECT_TRUE(diff.material());
  EXPECT_EQ(d.entity, "flow");
  EXPECT_EQ(d.declared_id, "fetch");
  EXPECT_EQ(d.actual_id, "fetch");
  EXPECT_EQ(d.matched_by, MatchedBy::id);
  EXPECT_EQ(d.details, (std::vector<std::string>{"store", "pc", "store", "tablet"}));
  EXPECT_EQ(d.message,
            "流れ「委託先が取得」の経路が変わりました: "
            "宣言（クラウドストレージ → 委託先PC）、実際（クラウドストレージ → タブレット）");
  EXPECT_EQ(d.message_en,
            "flow \"fetch\" was rerouted: declared (store -> pc), actual (store -> tablet)");
}

TEST(Diff, FlowThroughAnotherChannel) {
  std::string actual(kBase);  // the second flow, fetch, now comes on a USB stick
  const std::string line = "via = [\"line\"]";
  actual.replace(actual.rfind(line), line.size(), "via = [\"usb\"]");
  actual += R"(
[[nodes]]
id = "usb"
name = "USBメモリ"
kind = "medium"
medium = "usb"
)";
  const ModelDiff diff = diff_of(kBase, actual);
  ASSERT_EQ(kinds(diff), (Kinds{"node-added", "flow-channel-changed"}));
  const Difference& d = diff.differences[1];
  EXPECT_EQ(d.declared_id, "fetch");
  EXPECT_EQ(d.details, (std::vector<std::string>{"line", "usb"}));
  EXPECT_EQ(d.message,
            "流れ「委託先が取得」の通る回線・媒体が変わりました: 宣言【回線】、実際【USBメモリ】");
  EXPECT_EQ(d.message_en,
            "flow \"fetch\" passes other networks or media: declared [line], actual [usb]");
}

TEST(Diff, FlowNoLongerThroughAnyChannel) {
  std::string actual(kBase);
  const std::string line = "via = [\"line\"]\n";
  actual.erase(actual.rfind(line), line.size());
  const ModelDiff diff = diff_of(kBase, actual);
  ASSERT_EQ(kinds(diff), Kinds{"flow-channel-changed"});
  EXPECT_EQ(diff.differences[0].details, (std::vector<std::string>{"line", ""}));
  const std::string& message = diff.differences[0].message;
  EXPECT_EQ(message.substr(message.rfind("、")), "、実際（なし）");
}

TEST(Diff, ChannelRenamedButTheSameIsNoChange) {
  // The network keeps its name, so it pairs by name: the flow passes the same line.
  std::string actual = variant("id = \"line\"", "id = \"lgwan\"");
  const std::string line = "via = [\"line\"]";
  for (std::size_t at = actual.find(line); at != std::string::npos; at = actual.find(line))
    actual.replace(at, line.size(), "via = [\"lgwan\"]");
  EXPECT_TRUE(diff_of(kBase, actual).differences.empty());
}

TEST(Diff, FlowReroutedToANewNode) {
  std::string actual =
      variant("from = \"store\"\nto = \"pc\"", "from = \"store\"\nto = \"home-pc\"");
  actual += R"(
[[nodes]]
id = "home-pc"
name = "委託先社員の自宅PC"
kind = "terminal"
org = "vendor"
)";
  const ModelDiff diff = diff_of(kBase, actual);
  EXPECT_EQ(kinds(diff), (Kinds{"node-added", "flow-rerouted"}));
  EXPECT_EQ(diff.differences[1].details,
            (std::vector<std::string>{"store", "pc", "store", "home-pc"}));
}

TEST(Diff, FlowFollowingARenamedNodeIsNotRerouted) {
  // The node keeps its name, so it pairs by name and the flow still ends at the same node.
  std::string actual = variant("id = \"pc\"", "id = \"vendor-pc\"");
  actual.replace(actual.find("to = \"pc\""), 9, "to = \"vendor-pc\"");
  const ModelDiff diff = diff_of(kBase, actual);
  EXPECT_TRUE(diff.differences.empty()) << kinds(diff).size();
}

TEST(Diff, TwoWayFlowWithItsEndsSwappedIsNotRerouted) {
  const std::string declared = variant("from = \"store\"\nto = \"pc\"",
                                       "from = \"store\"\nto = \"pc\"\ndirection = \"both\"");
  const std::string actual = variant("from = \"store\"\nto = \"pc\"",
                                     "from = \"pc\"\nto = \"store\"\ndirection = \"both\"");
  EXPECT_TRUE(diff_of(declared, actual).differences.empty());
  // One way, the same swap is a change of route.
  EXPECT_EQ(kinds(diff_of(
                kBase, variant("from = \"store\"\nto = \"pc\"", "from = \"pc\"\nto = \"store\""))),
            Kinds{"flow-rerouted"});
}

TEST(Diff, FlowRenamedAndReroutedPairsByItsLabelAlone) {
  std::string actual = variant("id = \"fetch\"", "id = \"download\"");
  actual.replace(actual.find("to = \"pc\""), 9, "to = \"tablet\"");
  const ModelDiff diff = diff_of(kBase, actual);
  ASSERT_EQ(kinds(diff), Kinds{"flow-rerouted"});
  EXPECT_EQ(diff.differences[0].matched_by, MatchedBy::name);
  EXPECT_EQ(diff.differences[0].declared_id, "fetch");
  EXPECT_EQ(diff.differences[0].actual_id, "download");
  ASSERT_EQ(diff.by_name.size(), 1u);
  EXPECT_TRUE(diff.by_name[0].by_label_alone);
  EXPECT_NE(format_diff_text(diff, Language::ja)
                .find("flow fetch = download（ラベルだけで対応、両端は異なる）"),
            std::string::npos);
  EXPECT_NE(format_diff_json(diff, Language::en).find("\"by\": \"label-alone\""),
            std::string::npos);
}

TEST(Diff, LabelSharedByTwoNewFlowsDoesNotPair) {
  std::string actual = variant("id = \"fetch\"", "id = \"download\"");
  actual.replace(actual.find("to = \"pc\""), 9, "to = \"tablet\"");
  actual += R"(
[[flows]]
id = "download-again"
from = "pc"
to = "tablet"
items = ["code"]
label = "委託先が取得"
)";
  const ModelDiff diff = diff_of(kBase, actual);
  EXPECT_EQ(kinds(diff), (Kinds{"flow-added", "flow-added", "flow-removed"}));
  EXPECT_TRUE(diff.by_name.empty());
}

TEST(Diff, TextAndJsonSayWhetherAFlowPairedByIdOrByLabel) {
  const ModelDiff by_id = diff_of(kBase, variant("measures = [\"encrypt-transit\"]", ""));
  ASSERT_EQ(kinds(by_id), Kinds{"measure-lost"});
  EXPECT_EQ(by_id.differences[0].matched_by, MatchedBy::id);
  EXPECT_NE(format_diff_json(by_id, Language::ja).find("\"matched_by\": \"id\""),
            std::string::npos);
  const std::string text = format_diff_text(by_id, Language::ja);
  EXPECT_NE(text.find("0 件を名前・ラベルで対応付けました"), std::string::npos) << text;

  std::string relabelled = variant("id = \"upload\"", "id = \"send\"");
  relabelled.replace(relabelled.find("measures = [\"encrypt-transit\"]"), 30, "");
  const ModelDiff by_label = diff_of(kBase, relabelled);
  ASSERT_EQ(kinds(by_label), Kinds{"measure-lost"});
  EXPECT_EQ(by_label.differences[0].matched_by, MatchedBy::name);
  EXPECT_NE(format_diff_json(by_label, Language::ja).find("\"matched_by\": \"name\""),
            std::string::npos);
  EXPECT_NE(format_diff_text(by_label, Language::en).find("flow upload = send (by label and ends)"),
            std::string::npos);
}

}  // namespace
}  // namespace nagare
