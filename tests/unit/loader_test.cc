// Every way a model can be broken gives a one-line message at its file:line:column.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "test_support.h"

namespace nagare {
namespace {

using test::errors_from;
using test::model_from;
using ::testing::ElementsAre;

constexpr std::string_view kMinimal = R"(
[paper]
title = "件名"

[[orgs]]
id = "ward"
name = "新宿区"
role = "ward"

[[nodes]]
id = "pc"
name = "PC"
kind = "terminal"
org = "ward"

[[nodes]]
id = "db"
name = "DB"
kind = "system"
org = "ward"
)";

std::string with(std::string_view extra) { return std::string(kMinimal) + std::string(extra); }

TEST(Loader, ReadsEveryPartOfAModel) {
  Model model = model_from(R"(
[paper]
title = "児童相談業務用タブレット端末の導入"
document = "資料72-1"
municipality = "新宿区"
wording = "shinjuku"
department = "子ども家庭支援課"
procedures = ["computer-processing", "external-link", "outsourcing"]
subjects = "要保護児童"
subject_count = 485
period = "令和7年4月1日から"
source = "seed 002"

[[items]]
id = "record"
name = "相談記録"
class = "special-care"
fields = ["氏名", "健康状態"]

[[orgs]]
id = "ward"
name = "新宿区"
role = "ward"

[[orgs]]
id = "dept"
name = "子ども家庭支援課"
role = "department"
parent = "ward"
measures = ["designated-handlers", { id = "locked-bag", na = "電子データのみの取扱いのため", by = "other", procedure = "outsourcing" }]

[[orgs]]
id = "google"
name = "Google Cloud"
role = "cloud"
region = "japan"
certifications = [{ kind = "ISMS", since = 2015 }]
must_not_receive = ["my-number"]

[[nodes]]
id = "tablet"
name = "タブレット端末"
kind = "mobile"
org = "dept"
stores = false
note = "保存されない"

[[nodes]]
id = "line"
name = "専用回線"
kind = "network"
network = "dedicated-line"

[[nodes]]
id = "cloud"
name = "支援システム"
kind = "cloud"
org = "google"

[[flows]]
id = "create"
step = 2
from = "tablet"
to = "cloud"
via = ["line"]
items = ["record"]
direction = "both"
label = "相談記録を作成"
measures = ["encrypt-transit"]

[[accept]]
finding = "x@flow.create"
justification = "理由"
by = "総務課"
date = 2026-04-01
)");
  EXPECT_EQ(model.paper.document, "資料72-1");
  EXPECT_EQ(model.paper.subject_count, "485");
  ASSERT_EQ(model.paper.procedures.size(), 3u);
  ASSERT_EQ(model.items.size(), 1u);
  EXPECT_EQ(model.items[0].item_class, ItemClass::special_care);
  EXPECT_EQ(model.orgs[1].parent, 0u);
  EXPECT_TRUE(model.is_ward_side(1));
  EXPECT_FALSE(model.is_ward_side(2));
  EXPECT_EQ(model.orgs[2].region, Region::japan);
  ASSERT_EQ(model.orgs[1].measures.size(), 2u);
  EXPECT_EQ(model.orgs[1].measures[0].party, Party::ward) << "ward-side default";
  EXPECT_TRUE(model.orgs[1].measures[1].not_applicable);
  EXPECT_EQ(model.orgs[1].measures[1].party, Party::other);
  EXPECT_EQ(model.orgs[1].measures[1].procedure, Procedure::outsourcing);
  EXPECT_FALSE(model.nodes[0].stores);
  EXPECT_TRUE(model.nodes[2].stores) << "clouds store by default";
  EXPECT_FALSE(model.nodes[1].stores) << "networks store nothing by default";
  const Flow& flow = model.flows[0];
  EXPECT_EQ(flow.step, 2);
  EXPECT_EQ(flow.direction, Direction::both);
  EXPECT_EQ(model.transfer_kinds(flow), std::vector<TransferKind>{TransferKind::dedicated_line});
  EXPECT_EQ(flow.where.line, 60u);
  EXPECT_EQ(flow.measures[0].where.line, 69u);
  EXPECT_EQ(flow.measures[0].where.column, 13u);
  EXPECT_EQ(model.acceptances[0].date, "2026-04-01");
  EXPECT_EQ(model.flow_title(flow), "②相談記録を作成");
}

TEST(Loader, InvalidTomlPointsAtTheError) {
  EXPECT_THAT(
      errors_from("[paper]\ntitle = \"a\"\nname = \n"),
      ElementsAre(::testing::StartsWith("m.toml:3:8: error: TOML の書き方に誤りがあります: ")));
}

TEST(Loader, MissingPaper) {
  EXPECT_THAT(errors_from("[[items]]\nid = \"a\"\nname = \"a\"\nclass = \"personal\"\n"),
              ElementsAre("m.toml:1:1: error: [paper] がありません (件名 title を書いてください)"));
}

TEST(Loader, UnknownKeysAreErrorsSoTyposAreNotSilentlyDropped) {
  EXPECT_THAT(errors_from(with("\n[[flows]]\nid = \"f\"\nfrom = \"pc\"\nto = \"db\"\nmeasure = "
                               "[\"encrypt-transit\"]\n")),
              ElementsAre("m.toml:26:1: error: [[flows]] に不明なキー \"measure\" があります"));
}

TEST(Loader, WrongTypesAndBadEnumValues) {
  EXPECT_THAT(
      errors_from(with("\n[[nodes]]\nid = \"x\"\nname = 3\nkind = \"robot\"\n")),
      ElementsAre("m.toml:24:8: error: [[nodes]] の name は文字列で書いてください",
                  "m.toml:25:8: error: [[nodes]] の kind = \"robot\" は使えません (使える値: "
                  "person, terminal, mobile, system, cloud, datastore, network, medium)"));
}

TEST(Loader, MissingRequiredKeys) {
  EXPECT_THAT(errors_from(with("\n[[items]]\nname = \"a\"\n")),
              ElementsAre("m.toml:22:1: error: [[items]] に id がありません",
                          "m.toml:22:1: error: [[items]] に class がありません"));
}

TEST(Loader, DuplicateIdsAcrossKinds) {
  EXPECT_THAT(errors_from(with("\n[[items]]\nid = \"pc\"\nname = \"a\"\nclass = \"personal\"\n")),
              ElementsAre("m.toml:22:1: error: id \"pc\" が重複しています (最初の定義: 10行目)"));
}

TEST(Loader, UnknownReferences) {
  EXPECT_THAT(
      errors_from(with("\n[[flows]]\nid = \"f\"\nfrom = \"pc\"\nto = \"nowhere\"\nvia = [\"net\"]\n"
                       "items = [\"ghost\"]\nmeasures = [\"teleport\"]\n")),
      ElementsAre("m.toml:25:6: error: ノード \"nowhere\" は定義されていません",
                  "m.toml:26:8: error: ノード \"net\" は定義されていません",
                  "m.toml:27:10: error: 情報項目 \"ghost\" は定義されていません",
                  "m.toml:28:13: error: 対策 \"teleport\" は定義されていません (nagare measures "
                  "で一覧できます。独自の対策は [[custom_measures]] に書きます)"));
}

TEST(Loader, UnknownOrganizationAndParent) {
  EXPECT_THAT(
      errors_from(
          with("\n[[orgs]]\nid = \"c\"\nname = \"c\"\nrole = \"contractor\"\nparent = \"nobody\"\n"
               "\n[[nodes]]\nid = \"n\"\nname = \"n\"\nkind = \"terminal\"\norg = \"nobody\"\n")),
      ElementsAre("m.toml:22:1: error: 親組織 \"nobody\" は定義されていません",
                  "m.toml:32:7: error: 組織 \"nobody\" は定義されていません"));
}

TEST(Loader, FlowFromANodeToItself) {
  EXPECT_THAT(
      errors_from(with("\n[[flows]]\nid = \"loop\"\nfrom = \"pc\"\nto = \"pc\"\n")),
      ElementsAre("m.toml:22:1: error: 流れ \"loop\" の from と to が同じノード \"pc\" です"));
}

TEST(Loader, ViaMustBeANetworkOrMedium) {
  EXPECT_THAT(
      errors_from(with("\n[[nodes]]\nid = \"x\"\nname = \"x\"\nkind = \"terminal\"\n"
                       "\n[[flows]]\nid = \"f\"\nfrom = \"pc\"\nto = \"db\"\nvia = [\"x\"]\n")),
      ElementsAre(
          "m.toml:31:8: error: via には network か medium のノードを書きます (\"x\" は terminal)"));
}

TEST(Loader, NetworkAndMediumKindsGoWithTheirNodeKind) {
  EXPECT_THAT(
      errors_from(
          with("\n[[nodes]]\nid = \"n\"\nname = \"n\"\nkind = \"network\"\n"
               "\n[[nodes]]\nid = \"u\"\nname = \"u\"\nkind = \"terminal\"\nmedium = \"usb\"\n")),
      ElementsAre(
          "m.toml:22:1: error: kind = \"network\" のノードには network (internet, lgwan, "
          "closed, dedicated-line, intranet, telephone, mobile-carrier, unknown) を書いてください",
          "m.toml:31:10: error: medium は kind = \"medium\" のノードにだけ書けます"));
}

TEST(Loader, ParentCycles) {
  EXPECT_THAT(
      errors_from(with("\n[[orgs]]\nid = \"a\"\nname = \"a\"\nrole = \"other\"\nparent = \"b\"\n"
                       "\n[[orgs]]\nid = \"b\"\nname = \"b\"\nrole = \"other\"\nparent = \"a\"\n")),
      ElementsAre("m.toml:22:1: error: 組織 \"a\" の parent が循環しています"));
}

TEST(Loader, NotApplicableNeedsAReason) {
  EXPECT_THAT(errors_from(with("\n[[orgs]]\nid = \"c\"\nname = \"c\"\nrole = \"contractor\"\n"
                               "measures = [{ id = \"locked-bag\", na = \"\" }]\n")),
              ElementsAre("m.toml:26:39: error: na には対策が不要な理由を書いてください"));
}

TEST(Loader, CustomMeasuresMayNotShadowTheCatalogue) {
  EXPECT_THAT(
      errors_from(with("\n[[custom_measures]]\nid = \"encrypt-transit\"\nname = \"x\"\n")),
      ElementsAre(
          "m.toml:22:1: error: custom_measures の id \"encrypt-transit\" は標準の対策と同じです "
          "(nagare measures で一覧できます)"));
}

TEST(Loader, CustomMeasuresCanBeUsed) {
  Model model = model_from(
      with("\n[[custom_measures]]\nid = \"two-factor\"\nname = \"二段階認証\"\n"
           "category = \"technical\"\n"
           "\n[[flows]]\nid = \"f\"\nfrom = \"pc\"\nto = \"db\"\nmeasures = [\"two-factor\"]\n"));
  EXPECT_EQ(model.flows[0].measures[0].measure, test::catalogue().size());
  EXPECT_EQ(measure_name(test::catalogue(), model, model.flows[0].measures[0].measure),
            "二段階認証");
}

TEST(Loader, StepMustBeInRange) {
  EXPECT_THAT(errors_from(with("\n[[flows]]\nid = \"f\"\nstep = -1\nfrom = \"pc\"\nto = \"db\"\n")),
              ElementsAre("m.toml:24:8: error: step は 0 から 9999 までの整数で書いてください"));
}

TEST(Loader, EveryProblemIsReportedNotOnlyTheFirst) {
  auto errors =
      errors_from(with("\n[[flows]]\nid = \"a\"\nfrom = \"x\"\nto = \"pc\"\n"
                       "\n[[flows]]\nid = \"b\"\nfrom = \"pc\"\nto = \"y\"\n"));
  EXPECT_EQ(errors.size(), 2u);
}

TEST(Loader, InvalidUtf8IsAnErrorNotACrash) {
  std::string text = with("\n[[items]]\nid = \"a\"\nname = \"\xff\xfe\"\nclass = \"personal\"\n");
  auto errors = errors_from(text);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0],
              ::testing::StartsWith("m.toml:24:8: error: TOML の書き方に誤りがあります"));
}

TEST(Loader, MissingFileAndDirectory) {
  auto missing = load_model_file("/nonexistent/model.toml", test::catalogue());
  ASSERT_EQ(missing.diagnostics.size(), 1u);
  EXPECT_EQ(format_diagnostic(missing.diagnostics[0]),
            "/nonexistent/model.toml: error: ファイルがありません");
  auto directory =
      load_model_file(std::filesystem::temp_directory_path().string(), test::catalogue());
  ASSERT_EQ(directory.diagnostics.size(), 1u);
  EXPECT_THAT(format_diagnostic(directory.diagnostics[0]),
              ::testing::EndsWith("error: ディレクトリです (ファイルを指定してください)"));
}

std::vector<std::string> english_errors_from(std::string_view text) {
  auto loaded = load_model_text(text, "m.toml", test::catalogue());
  std::vector<std::string> lines;
  for (const Diagnostic& d : loaded.diagnostics) lines.push_back(format_diagnostic(d, true));
  return lines;
}

TEST(Loader, EveryModelProblemHasAnEnglishMessage) {
  // One of each kind of mistake; --lang en must not fall back to Japanese for any.
  const std::string broken = with(R"(
colour = "red"
[[custom_measures]]
id = "encrypt-transit"
name = "x"
[[items]]
id = "rec"
name = "記録"
class = "secret"
[[nodes]]
id = "usb"
name = "USB"
kind = "medium"
network = "lgwan"
[[flows]]
id = "f"
step = 10000
from = "pc"
to = "pc"
via = ["db", "nowhere"]
items = ["rec", "rec"]
measures = ["nope", { id = "encrypt-transit", na = "" }, 3]
direction = "sideways"
[[flows]]
id = "f"
from = "pc"
to = "db"
)");
  const auto lines = english_errors_from(broken);
  ASSERT_GE(lines.size(), 12u);
  for (const std::string& line : lines) {
    EXPECT_THAT(line, ::testing::MatchesRegex("m\\.toml:[0-9]+:[0-9]+: error: .*")) << line;
    std::string unquoted;  // text the user wrote may be Japanese; the message may not
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      if (!quoted) unquoted += c;
    }
    EXPECT_EQ(unquoted.find_first_of("\xe3\xe4\xe5\xe6\xe7\xe8\xe9"), std::string::npos) << line;
  }
  EXPECT_THAT(lines, ::testing::Contains("m.toml:22:1: error: [[nodes]]: unknown key \"colour\""));
  EXPECT_THAT(english_errors_from("size = 1\n"),
              ElementsAre("m.toml:1:1: error: [paper] is missing (write the paper's title)",
                          "m.toml:1:1: error: the model: unknown key \"size\""));
}

TEST(Loader, TomlSyntaxErrorsInEnglish) {
  const auto lines = english_errors_from("a = 1\nb = = 2\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], ::testing::StartsWith("m.toml:2:5: error: TOML syntax error: "));
  const auto guarded = english_errors_from("[paper]\ntitle = \"件名\"、\n");
  ASSERT_EQ(guarded.size(), 1u);
  EXPECT_THAT(guarded[0], ::testing::HasSubstr("outside a string"));
}

TEST(Wording, FileRewordsOnlyWhatItGives) {
  MeasureCatalogue catalogue = test::catalogue();
  const std::size_t comply = *catalogue.find("comply-law-policy");
  const std::string shipped_other = catalogue.at(comply).other_text;
  const std::string shipped_short = catalogue.at(comply).short_text;
  ASSERT_FALSE(catalogue.at(comply).ward_text_os.empty());
  const Diagnostics problems = apply_wording_text(R"(
name = "〇〇市"
[[measure]]
id = "comply-law-policy"
ward = "法及び{municipality}の規程を遵守する。"
)",
                                                  "w.toml", catalogue);
  EXPECT_TRUE(problems.empty());
  const MeasureDefinition& measure = catalogue.at(comply);
  EXPECT_EQ(measure.ward_text, "法及び{municipality}の規程を遵守する。");
  EXPECT_EQ(measure.ward_text_os, "");  // the shipped outsourcing variant would be another body's
  EXPECT_EQ(measure.other_text, shipped_other);
  EXPECT_EQ(measure.short_text, shipped_short);
}

TEST(Wording, ProblemsAreLocatedAndLeaveTheCatalogueAlone) {
  MeasureCatalogue catalogue = test::catalogue();
  const std::size_t comply = *catalogue.find("comply-law-policy");
  const std::string shipped = catalogue.at(comply).ward_text;
  const Diagnostics problems = apply_wording_text(R"([[measure]]
id = "comply-law-policy"
ward = "x"
[[measure]]
id = "no-such-measure"
ward = "y"
[[measure]]
id = "comply-law-policy"
wrd = "z"
)",
                                                  "w.toml", catalogue);
  std::vector<std::string> lines;
  for (const Diagnostic& d : problems) lines.push_back(format_diagnostic(d, true));
  EXPECT_THAT(lines,
              ElementsAre("w.toml:4:1: error: measure \"no-such-measure\" is not a catalogue "
                          "measure (nagare measures lists them)",
                          "w.toml:7:1: error: the wording of measure \"comply-law-policy\" is "
                          "given twice",
                          "w.toml:9:1: error: [[measure]]: unknown key \"wrd\""));
  EXPECT_EQ(catalogue.at(comply).ward_text, shipped);
}

TEST(Wording, PlaceholdersFollowThePaper) {
  Paper city;
  city.body = "市";
  city.municipality = "〇〇市";
  EXPECT_EQ(worded("{municipality}情報セキュリティポリシー、{body}職員", city),
            "〇〇市情報セキュリティポリシー、市職員");
  Paper unnamed;
  unnamed.body = "県";
  EXPECT_EQ(worded("{municipality}の規程", unnamed), "県の規程");
}

}  // namespace
}  // namespace nagare
