#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>
#include <tuple>

#include "../../bench/synthetic.h"
#include "nagare/findings_output.h"
#include "test_support.h"

namespace nagare {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::IsSupersetOf;
using ::testing::Not;

// The ward's PC uploads consultation records over the internet to a contractor's system.
constexpr std::string_view kBase = R"([paper]
title = "t"
[[items]]
id = "rec"
name = "相談記録"
class = "personal"
[[items]]
id = "stats"
name = "集計"
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
id = "vendor"
name = "受託者"
role = "contractor"
certifications = [{ kind = "Pmark" }]
measures = ["designated-handlers", "onsite-inspection", "incident-plan", "return-erase", "access-control", "antivirus", "monitoring-logs", "attack-defense"]
[[nodes]]
id = "pc"
name = "区PC"
kind = "terminal"
org = "dept"
measures = ["security-wire"]
[[nodes]]
id = "net"
name = "インターネット"
kind = "network"
network = "internet"
[[nodes]]
id = "sys"
name = "受託者システム"
kind = "system"
org = "vendor"
)";

std::string with(std::string_view extra) { return std::string(kBase) + std::string(extra); }

std::vector<Finding> check(std::string_view text) {
  return check_model(test::model_from(text), test::catalogue(), test::default_policy());
}

std::vector<std::string> ids(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(f.id);
  return out;
}

constexpr std::string_view kUpload = R"([[flows]]
id = "upload"
step = 1
from = "pc"
to = "sys"
via = ["net"]
items = ["rec"]
label = "記録を送る"
)";

TEST(Checker, UncoveredInternetTransferNamesEveryMissingMeasure) {
  auto findings = check(with(kUpload));
  EXPECT_THAT(ids(findings), ElementsAre("authenticate@flow.upload", "encrypt-transit@flow.upload",
                                         "specific-party@flow.upload"));
  const Finding& encrypt = findings[1];
  EXPECT_EQ(encrypt.severity, Severity::error);
  EXPECT_EQ(encrypt.rule, "encrypt-transit");
  EXPECT_EQ(encrypt.where.line, 42u);
  EXPECT_EQ(encrypt.where.column, 1u);
  EXPECT_EQ(*encrypt.flow, "upload");
  EXPECT_EQ(*encrypt.from, "pc");
  EXPECT_EQ(*encrypt.to, "sys");
  EXPECT_THAT(encrypt.missing, ElementsAre("encrypt-transit"));
  EXPECT_EQ(encrypt.message,
            "流れ「①記録を送る」(pc → sys) に必要な対策がありません: 通信内容の暗号化"
            "（規則: 他の組織との回線による通信は暗号化する）");
  EXPECT_EQ(encrypt.message_en,
            "flow \"upload\" (pc -> sys) lacks: Encrypted communication "
            "(rule: Encrypt communication with another organization over a line)");
}

TEST(Checker, AMeasureCountsOnTheFlowTheNetworkOrTheReceivingOrganization) {
  const std::string on_flow =
      with(std::string(kUpload) +
           "measures = [\"encrypt-transit\", \"specific-party-only\", \"authentication\"]\n");
  EXPECT_THAT(check(on_flow), IsEmpty());
  std::string on_net = with(kUpload);
  on_net.replace(on_net.find("network = \"internet\""), 20,
                 "network = \"internet\"\nmeasures = [\"encrypt-transit\"]");
  EXPECT_THAT(ids(check(on_net)), Not(Contains("encrypt-transit@flow.upload")));
  std::string on_org = with(kUpload);
  on_org.replace(on_org.find("\"attack-defense\"]"), 17,
                 "\"attack-defense\", \"encrypt-transit\"]");
  EXPECT_THAT(ids(check(on_org)), Not(Contains("encrypt-transit@flow.upload")));
}

TEST(Checker, AnOrganizationsMeasuresApplyToNestedOrganizations) {
  std::string text = with(std::string(kUpload));
  text.replace(text.find("role = \"ward\""), 13,
               "role = \"ward\"\nmeasures = [\"encrypt-transit\"]");
  EXPECT_THAT(ids(check(text)), Not(Contains("encrypt-transit@flow.upload")))
      << "the ward's measure reaches the department's PC";
}

TEST(Checker, NotApplicableWithAReasonIsInfoForTheReviewer) {
  auto findings =
      check(with(std::string(kUpload) + "measures = [\"specific-party-only\", \"authentication\", "
                                        "{ id = \"encrypt-transit\", na = \"公開情報のみ\" }]\n"));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, Severity::info);
  EXPECT_THAT(findings[0].missing, IsEmpty());
  EXPECT_EQ(
      findings[0].message,
      "流れ「①記録を送る」(pc → sys) では 通信内容の暗号化 が「－（公開情報のみ）」とされています"
      "（規則: 他の組織との回線による通信は暗号化する）");
}

TEST(Checker, RequirementsFollowTheClassOfWhatTheFlowCarries) {
  std::string text = with(kUpload);
  text.replace(text.find("items = [\"rec\"]"), 15, "items = [\"stats\"]");
  EXPECT_THAT(check(text), IsEmpty());
}

TEST(Checker, InsideTheWardNoExternalLineRules) {
  auto findings = check(with(R"([[nodes]]
id = "db"
name = "区DB"
kind = "system"
org = "ward"
measures = ["entry-control"]
[[nodes]]
id = "lg"
name = "LGWAN"
kind = "network"
network = "lgwan"
[[flows]]
id = "internal"
from = "pc"
to = "db"
via = ["lg"]
items = ["rec"]
)"));
  EXPECT_THAT(ids(findings), ElementsAre("internal-access-control@flow.internal"));
  EXPECT_EQ(findings[0].severity, Severity::warning);
}

constexpr std::string_view kPaperHandOver = R"([[orgs]]
id = "police"
name = "警察署"
role = "recipient"
measures = [{ id = "locked-storage", na = "電子データのみの取扱いのため" }]
[[nodes]]
id = "officer"
name = "警察官"
kind = "person"
org = "police"
stores = true
[[nodes]]
id = "roster"
name = "名簿（紙）"
kind = "medium"
medium = "paper"
[[flows]]
id = "give"
from = "pc"
to = "officer"
via = ["roster"]
items = ["rec"]
)";

TEST(Checker, PaperHandOverNeedsBagLedgerAndReceipt) {
  auto found = ids(check(with(kPaperHandOver)));
  EXPECT_THAT(found, Contains("locked-transport@flow.give"));
  EXPECT_THAT(found, Contains("handover-ledger@flow.give"));
  EXPECT_THAT(found, Contains("delivery@flow.give"));
  EXPECT_THAT(found, Contains("receipt@flow.give"));
  EXPECT_THAT(found, Contains("return-erase@org.police"));
  EXPECT_THAT(found, Not(Contains("media-encryption@flow.give"))) << "paper is not encrypted";
}

TEST(Checker, ElectronicOnlyClaimContradictedByPaper) {
  auto findings = check(with(kPaperHandOver));
  const Finding* contradiction =
      test::find(findings, "electronic-only-contradiction@org.police.locked-storage");
  ASSERT_NE(contradiction, nullptr);
  EXPECT_EQ(contradiction->severity, Severity::warning);
  EXPECT_EQ(contradiction->where.line, 46u);
  EXPECT_EQ(contradiction->message,
            "組織「警察署」の「施錠保管」は「－（電子データのみの取扱いのため）」とされていますが、"
            "紙または電磁的媒体の受渡しがあります");
}

TEST(Checker, ChecklistsOfBothSidesDisagree) {
  std::string text = with(kUpload);
  text.replace(
      text.find("\"attack-defense\"]"), 17,
      "\"attack-defense\", { id = \"locked-bag\", by = \"ward\", na = \"電子データのみ\" }, "
      "{ id = \"locked-bag\", by = \"other\" }]");
  auto findings = check(text);
  const Finding* disagreement =
      test::find(findings, "checklist-disagreement@org.vendor.locked-bag");
  ASSERT_NE(disagreement, nullptr);
  EXPECT_EQ(disagreement->message,
            "組織「受託者」の「鍵付きカバン等での運搬」は区が行う対策では「－（電子データのみ）」、"
            "相手方に行わせる対策では○です (25行目)");
}

TEST(Checker, MustNeverReceiveIsAnsweredByReachabilityAcrossHops) {
  std::string text = with(std::string(kUpload) +
                          R"(measures = ["encrypt-transit", "specific-party-only", "authentication"]
[[orgs]]
id = "nec"
name = "NEC"
role = "vendor"
must_not_receive = ["personal", "special-care", "my-number"]
[[nodes]]
id = "nec-pc"
name = "NEC保守端末"
kind = "terminal"
org = "nec"
[[flows]]
id = "maintenance"
from = "sys"
to = "nec-pc"
)");
  auto findings = check(text);
  const Finding* breach = test::find(findings, "must-not-receive@org.nec");
  ASSERT_NE(breach, nullptr);
  EXPECT_EQ(breach->severity, Severity::error);
  EXPECT_EQ(*breach->flow, "maintenance");
  EXPECT_EQ(breach->message,
            "組織「NEC」は個人情報を受け取ってはなりませんが、「相談記録」が流れ「maintenance」で"
            "「NEC保守端末」に届きます");
}

TEST(Checker, CloudOutsideJapanAndUncertifiedSpecialCare) {
  std::string text = with(std::string(kUpload) + R"([[orgs]]
id = "foreign"
name = "海外クラウド"
role = "cloud"
region = "overseas"
[[nodes]]
id = "store"
name = "ストレージ"
kind = "cloud"
org = "foreign"
[[flows]]
id = "backup"
from = "sys"
to = "store"
)");
  text.replace(text.find("class = \"personal\""), 18, "class = \"special-care\"");
  auto found = ids(check(text));
  EXPECT_THAT(found, Contains("cloud-outside-japan@org.foreign"));
  EXPECT_THAT(found, Contains("uncertified-special-care@org.foreign"));
  EXPECT_THAT(found, Not(Contains("cloud-in-japan@node.store")))
      << "a region stated overseas is the error above, not a region left unstated";
  EXPECT_THAT(found, Not(Contains("uncertified-special-care@org.vendor"))) << "vendor holds Pmark";
}

// The upload's encryption finding accepted, and an acceptance of a flow no longer there.
constexpr std::string_view kAcceptances = R"([[accept]]
finding = "encrypt-transit@flow.upload"
justification = "VPN で保護"
by = "情報政策課"
[[accept]]
finding = "encrypt-transit@flow.gone"
justification = "古い"
)";

TEST(Checker, AcceptedFindingsBecomeInfoAndStaleOnesWarn) {
  auto findings = check(with(std::string(kUpload) + std::string(kAcceptances)));
  const Finding* accepted = test::find(findings, "encrypt-transit@flow.upload");
  ASSERT_NE(accepted, nullptr);
  EXPECT_EQ(accepted->severity, Severity::info);
  EXPECT_EQ(*accepted->accepted, "VPN で保護");
  EXPECT_EQ(*accepted->accepted_by, "情報政策課");
  const Finding* stale = test::find(findings, "stale-acceptance@accept.encrypt-transit@flow.gone");
  ASSERT_NE(stale, nullptr);
  EXPECT_EQ(stale->severity, Severity::warning);
}

/// Two findings are the same in every field an output writes.
void expect_same(const Finding& a, const Finding& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.rule, b.rule);
  EXPECT_EQ(a.severity, b.severity);
  EXPECT_EQ(a.where.file, b.where.file);
  EXPECT_EQ(a.where.line, b.where.line);
  EXPECT_EQ(a.where.column, b.where.column);
  EXPECT_EQ(a.flow, b.flow) << a.id;
  EXPECT_EQ(a.node, b.node) << a.id;
  EXPECT_EQ(a.org, b.org) << a.id;
  EXPECT_EQ(a.from, b.from) << a.id;
  EXPECT_EQ(a.to, b.to) << a.id;
  EXPECT_EQ(a.missing, b.missing) << a.id;
  EXPECT_EQ(a.message, b.message);
  EXPECT_EQ(a.message_en, b.message_en);
  EXPECT_EQ(a.accepted, b.accepted) << a.id;
  EXPECT_EQ(a.accepted_by, b.accepted_by) << a.id;
}

TEST(Checker, KeptFindingsReadTheSameInAnyOrderIntoOneFinding) {
  // Rule findings on flows, nodes and organizations, built-in ones, one accepted and one
  // acceptance stale: read backwards into one Finding, no field of the one before may stay.
  std::string text = with(std::string(kUpload) + R"([[nodes]]
id = "tablet"
name = "タブレット"
kind = "mobile"
org = "dept"
[[flows]]
id = "copy"
from = "pc"
to = "tablet"
items = ["rec"]
)" + std::string(kAcceptances));
  const std::size_t vendor_measures = text.find("measures = [\"designated-handlers\"");
  text.replace(vendor_measures, text.find('\n', vendor_measures) - vendor_measures,
               "measures = []");
  const Model model = test::model_from(text);
  const CheckedFindings kept =
      check_model_compact(model, test::catalogue(), test::default_policy());
  const std::vector<Finding> fresh = kept.to_vector();
  ASSERT_EQ(fresh.size(), kept.size());
  ASSERT_GE(fresh.size(), 5u);
  std::set<std::string> kinds;
  for (const Finding& f : fresh) kinds.insert(f.id.substr(f.id.find('@') + 1, 4));
  EXPECT_THAT(kinds, IsSupersetOf({"flow", "node", "org.", "acce"}));
  const Finding* accepted = test::find(fresh, "encrypt-transit@flow.upload");
  ASSERT_NE(accepted, nullptr);
  EXPECT_EQ(accepted->accepted_by, "情報政策課");
  Finding reused;
  for (std::size_t i = kept.size(); i-- > 0;) {
    kept.read(i, reused);
    expect_same(reused, fresh[i]);
  }
  const SeverityCounts counts = kept.counts();
  const SeverityCounts expected = count_by_severity(fresh);
  EXPECT_EQ(counts.error, expected.error);
  EXPECT_EQ(counts.warning, expected.warning);
  EXPECT_EQ(counts.info, expected.info);
  // In order: by position, then id.
  for (std::size_t i = 1; i < fresh.size(); ++i) {
    const Finding& a = fresh[i - 1];
    const Finding& b = fresh[i];
    EXPECT_LE(std::tie(a.where.line, a.where.column, a.id),
              std::tie(b.where.line, b.where.column, b.id));
  }
}

TEST(Checker, FindingIdsSurviveEditsElsewhere) {
  auto before = ids(check(with(kUpload)));
  auto after =
      ids(check(with(std::string("[[flows]]\nid = \"first\"\nfrom = \"sys\"\nto = \"pc\"\n") +
                     std::string(kUpload))));
  for (const std::string& id : before) EXPECT_THAT(after, Contains(id));
}

TEST(Checker, TheDataSubjectsOwnDevicesNeedNoWardMeasures) {
  auto findings = check(with(R"([[orgs]]
id = "residents"
name = "保護者"
role = "subject"
[[nodes]]
id = "phone"
name = "スマートフォン"
kind = "mobile"
org = "residents"
[[flows]]
id = "notice"
from = "sys"
to = "phone"
via = ["net"]
items = ["rec"]
)"));
  auto found = ids(findings);
  EXPECT_THAT(found, Contains("subject-channel@flow.notice"))
      << "the subject's own channel still needs encryption and a check of who receives it";
  EXPECT_THAT(found, Not(Contains("specific-party@flow.notice")));
  EXPECT_THAT(found, Not(Contains("mobile-remote-wipe@node.phone")));
  EXPECT_THAT(found, Not(Contains("outside-access-control@node.phone")));
  EXPECT_THAT(found, Not(Contains("internet-defense@flow.notice")));
}

TEST(Checker, APolicyCanTurnABuiltinCheckOff) {
  auto policy =
      load_policy_text("[checks]\nchecklist-disagreement = \"off\"\n", "p.toml", test::catalogue());
  ASSERT_TRUE(policy.value);
  std::string text = with("");
  text.replace(text.find("\"attack-defense\"]"), 17,
               "\"attack-defense\", { id = \"locked-bag\", by = \"ward\", na = \"x\" }, "
               "{ id = \"locked-bag\", by = \"other\" }]");
  EXPECT_THAT(check_model(test::model_from(text), test::catalogue(), *policy.value), IsEmpty());
}

TEST(Checker, ARegionLeftUnstatedIsAWarningThatSaysSo) {
  std::string text = with(std::string(kUpload) + R"([[orgs]]
id = "saas"
name = "クラウド事業者"
role = "cloud"
[[nodes]]
id = "store"
name = "ストレージ"
kind = "cloud"
org = "saas"
[[flows]]
id = "backup"
from = "sys"
to = "store"
via = ["net"]
)");
  const auto findings = check(text);
  const Finding* region = test::find(findings, "cloud-in-japan@node.store");
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->severity, Severity::warning);
  EXPECT_EQ(test::find(findings, "cloud-outside-japan@org.saas"), nullptr);
}

TEST(Checker, AFlowBetweenOrganizationsWithoutMeansIsNotStatedNotInPerson) {
  std::string text = with(R"([[flows]]
id = "hand"
from = "pc"
to = "sys"
items = ["rec"]
)");
  const auto findings = check(text);
  const Finding* means = test::find(findings, "means-unstated@flow.hand");
  ASSERT_NE(means, nullptr);
  EXPECT_EQ(means->severity, Severity::warning);
  EXPECT_EQ(test::find(findings, "encrypt-transit@flow.hand"), nullptr)
      << "an unstated means is asked about, never assumed to be an internet line";
  text += "means = \"in-person\"\n";
  EXPECT_EQ(test::find(check(text), "means-unstated@flow.hand"), nullptr)
      << "handed over in person, as the paper says";
}

TEST(Checker, AClosedNetworkIsItsOwnIsolationAndSpecificParty) {
  std::string text = with(kUpload);
  text.replace(text.find("network = \"internet\""), 20, "network = \"lgwan\"");
  const auto found = ids(check(text));
  EXPECT_THAT(found, Not(Contains("specific-party@flow.upload")));
  EXPECT_THAT(found, Not(Contains("encrypt-transit@flow.upload")));
  EXPECT_THAT(found, Contains("authenticate@flow.upload")) << "who logs in is still asked";
}

TEST(Checker, CompensatingMeasuresLowerAMediumHandOverToAWarning) {
  std::string text = with(R"([[nodes]]
id = "usb"
name = "USBメモリ"
kind = "medium"
medium = "usb"
[[flows]]
id = "carry"
from = "pc"
to = "sys"
via = ["usb"]
items = ["rec"]
measures = ["locked-bag", "hand-delivery", "handover-ledger", "receipt", "media-management"]
)");
  const auto with_bag = check(text);
  const Finding* encryption = test::find(with_bag, "media-encryption@flow.carry");
  ASSERT_NE(encryption, nullptr);
  EXPECT_EQ(encryption->severity, Severity::warning);
  text.replace(text.find("\"locked-bag\", "), 14, "");
  encryption = nullptr;
  const auto without_bag = check(text);
  encryption = test::find(without_bag, "media-encryption@flow.carry");
  ASSERT_NE(encryption, nullptr);
  EXPECT_EQ(encryption->severity, Severity::error);
}

TEST(Checker, ReachingIsNotHandling) {
  std::string text = with(std::string(kUpload) +
                          R"(measures = ["encrypt-transit", "specific-party-only", "authentication"]
[[orgs]]
id = "chain"
name = "チェーン本部"
role = "contractor"
[[orgs]]
id = "store"
name = "店舗"
role = "contractor"
parent = "chain"
[[nodes]]
id = "clerk"
name = "店員"
kind = "person"
org = "store"
[[flows]]
id = "show"
from = "sys"
to = "clerk"
means = "in-person"
)");
  const auto found = ids(check(text));
  EXPECT_THAT(found, Not(Contains("contractor-handlers@org.chain")))
      << "a store's clerk does not make its chain a holder";
  EXPECT_THAT(found, Not(Contains("contractor-handlers@org.store")))
      << "a clerk who only sees the data does not keep it";
}

TEST(Checker, AContractorWhoReachesMyNumberWithoutKeepingItIsAsked) {
  // A maintenance contractor working on the prefecture's tax system: it keeps nothing, so the
  // keepers' rules (an error each) do not apply, and its supervision is asked about.
  const std::string text = R"toml([paper]
title = "t"
body = "県"
[[items]]
id = "tax"
name = "課税情報"
class = "my-number"
[[orgs]]
id = "pref"
name = "県"
role = "ward"
[[orgs]]
id = "vendor"
name = "保守業者"
role = "contractor"
measures = ["comply-law-policy"]
[[nodes]]
id = "system"
name = "税務システム"
kind = "system"
org = "pref"
stores = true
measures = ["access-control", "authentication", "monitoring-logs"]
[[nodes]]
id = "engineer"
name = "保守作業者"
kind = "person"
org = "vendor"
[[flows]]
id = "maintain"
from = "system"
to = "engineer"
means = "in-person"
items = ["tax"]
label = "維持管理"
)toml";
  const auto reaching = check(text);
  const Finding* asked = test::find(reaching, "contractor-my-number-access@org.vendor");
  ASSERT_NE(asked, nullptr) << ::testing::PrintToString(ids(reaching));
  EXPECT_EQ(asked->severity, Severity::info);
  EXPECT_THAT(asked->missing, ElementsAre("onsite-inspection"));
  EXPECT_THAT(ids(reaching), Not(Contains("contractor-inspection@org.vendor")));
  // Inspection declared: nothing to ask.
  std::string inspected = text;
  inspected.replace(inspected.find("[\"comply-law-policy\"]"), 21,
                    "[\"comply-law-policy\", \"onsite-inspection\"]");
  EXPECT_THAT(ids(check(inspected)), Not(Contains("contractor-my-number-access@org.vendor")));
  // A contractor that keeps the data gets the keepers' rules instead of this question.
  std::string keeping = text;
  keeping.replace(keeping.find("org = \"vendor\""), 14, "org = \"vendor\"\nstores = true");
  const auto kept = ids(check(keeping));
  EXPECT_THAT(kept, Not(Contains("contractor-my-number-access@org.vendor")));
  EXPECT_THAT(kept, Contains("contractor-inspection@org.vendor"));
}

TEST(Checker, TheWordingFollowsTheKindOfBody) {
  std::string text = with(R"([[nodes]]
id = "usb"
name = "USBメモリ"
kind = "medium"
medium = "usb"
[[flows]]
id = "carry"
from = "sys"
to = "pc"
via = ["usb"]
items = ["rec"]
)");
  text.replace(text.find("title = \"t\""), 11, "title = \"t\"\nbody = \"市\"");
  const auto findings = check(text);
  const Finding* storage = test::find(findings, "locked-storage@org.vendor");
  ASSERT_NE(storage, nullptr);
  EXPECT_NE(storage->message.find("市の外の組織"), std::string::npos) << storage->message;
  EXPECT_EQ(storage->message.find("区の外"), std::string::npos) << storage->message;
}

TEST(Checker, CountsBySeverity) {
  auto counts = count_by_severity(check(with(kUpload)));
  EXPECT_EQ(counts.error, 3);  // a contractor's system: encryption, specific party, authentication
  EXPECT_EQ(counts.warning, 0);
  EXPECT_EQ(counts.info, 0);
}

}  // namespace
}  // namespace nagare

namespace nagare {
namespace {

std::string findings_json(const Model& model, CheckThreads threads) {
  return format_findings_json(
      check_model_compact(model, test::catalogue(), test::default_policy(), threads).to_vector(),
      Language::ja);
}

TEST(Checker, TwoThreadsFindWhatOneFinds) {
  std::vector<Model> models;
  for (const auto& entry : std::filesystem::directory_iterator(NAGARE_TEST_MODELS_DIR)) {
    if (entry.path().extension() != ".toml") continue;
    auto loaded = load_model_file(entry.path().string(), test::catalogue());
    ASSERT_TRUE(loaded.value) << entry.path();
    models.push_back(std::move(*loaded.value));
  }
  // Many flows and accepted findings, some stale, as large models have.
  std::ostringstream text;
  bench::write_synthetic_model(text, 3, 5000, 30);
  auto synthetic = load_model_text(text.str(), "synthetic.toml", test::catalogue());
  ASSERT_TRUE(synthetic.value);
  ASSERT_FALSE(synthetic.value->acceptances.empty());
  models.push_back(std::move(*synthetic.value));
  for (const Model& model : models) {
    const std::string one = findings_json(model, CheckThreads::one);
    EXPECT_EQ(findings_json(model, CheckThreads::two), one) << model.file;
    EXPECT_EQ(findings_json(model, CheckThreads::automatic), one) << model.file;
  }
}

}  // namespace
}  // namespace nagare
