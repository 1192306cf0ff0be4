// `nagare serve`: two saves of one file that change different entities both go in; a save
// that changes what someone else changed since it began is refused, naming the entity.

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "editor_session.h"
#include "model_merge.h"
#include "nagare/load.h"
#include "test_support.h"

namespace nagare {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json base_model() {
  return json::parse(R"({
    "paper": {"title": "業務", "department": "総務課", "procedures": []},
    "custom_measures": [], "items": [], "orgs": [], "accept": [],
    "nodes": [{"id": "a", "name": "窓口"}, {"id": "b", "name": "システム"}],
    "flows": [{"id": "f", "step": 1, "from": "a", "to": "b", "label": "申請"}]
  })");
}

json& entity(json& model, const char* table, const char* id) {
  for (json& entry : model[table]) {
    if (entry["id"] == id) return entry;
  }
  throw std::runtime_error("no such entity");
}

TEST(ServeMerge, EditsOfDifferentEntitiesBothGoIn) {
  const json base = base_model();
  json theirs = base;
  entity(theirs, "flows", "f")["label"] = "申請書の入力";
  json mine = base;
  entity(mine, "nodes", "b")["name"] = "基幹システム";
  mine["paper"]["period"] = "令和8年度";
  serve::MergeResult result = serve::merge_models(base, theirs, mine);
  ASSERT_TRUE(result.conflicts.empty());
  EXPECT_EQ(entity(result.model, "flows", "f")["label"], "申請書の入力");
  EXPECT_EQ(entity(result.model, "nodes", "b")["name"], "基幹システム");
  EXPECT_EQ(result.model["paper"]["period"], "令和8年度");
  EXPECT_EQ(result.model["paper"]["department"], "総務課");
}

TEST(ServeMerge, AnEntityChangedOnBothSidesIsAConflictNamedAsAClerkKnowsIt) {
  const json base = base_model();
  json theirs = base;
  entity(theirs, "flows", "f")["label"] = "申請書の入力";
  json mine = base;
  entity(mine, "flows", "f")["label"] = "申請の受付";
  serve::MergeResult result = serve::merge_models(base, theirs, mine);
  ASSERT_EQ(result.conflicts.size(), 1u);
  EXPECT_EQ(result.conflicts[0].table, "flows");
  EXPECT_EQ(result.conflicts[0].id, "f");
  const std::string message = serve::conflict_message(result.conflicts);
  EXPECT_THAT(message, ::testing::HasSubstr("流れ「1. 窓口 → システム 申請の受付」 (両方で変更)"));
  // The same change on both sides is no conflict.
  EXPECT_TRUE(serve::merge_models(base, theirs, theirs).conflicts.empty());
  // The paper, key by key.
  json their_paper = base;
  their_paper["paper"]["department"] = "税務課";
  json my_paper = base;
  my_paper["paper"]["department"] = "福祉課";
  result = serve::merge_models(base, their_paper, my_paper);
  ASSERT_EQ(result.conflicts.size(), 1u);
  EXPECT_THAT(serve::conflict_message(result.conflicts),
              ::testing::HasSubstr("付議事項の概要「担当課」 (両方で変更)"));
}

TEST(ServeMerge, RemovalsMergeUnlessTheOtherSideChangedTheEntity) {
  const json base = base_model();
  // They removed the flow; I changed a node: both.
  json theirs = base;
  theirs["flows"] = json::array();
  json mine = base;
  entity(mine, "nodes", "a")["name"] = "区民窓口";
  serve::MergeResult result = serve::merge_models(base, theirs, mine);
  ASSERT_TRUE(result.conflicts.empty());
  EXPECT_TRUE(result.model["flows"].empty());
  EXPECT_EQ(entity(result.model, "nodes", "a")["name"], "区民窓口");
  // They removed the flow that I changed.
  json changed = base;
  entity(changed, "flows", "f")["label"] = "郵送";
  result = serve::merge_models(base, theirs, changed);
  ASSERT_EQ(result.conflicts.size(), 1u);
  EXPECT_EQ(result.conflicts[0].reason, "相手が削除");
  // I removed the flow that they changed.
  result = serve::merge_models(base, changed, theirs);
  ASSERT_EQ(result.conflicts.size(), 1u);
  EXPECT_EQ(result.conflicts[0].reason, "相手が変更 (こちらは削除)");
}

TEST(ServeMerge, EntitiesBothSidesAddedUnderOneIdAreKeptApart) {
  const json base = base_model();
  json theirs = base;
  theirs["nodes"].push_back({{"id", "node-1"}, {"name", "タブレット"}});
  json mine = base;
  mine["nodes"].push_back({{"id", "node-1"}, {"name", "USBメモリ"}});
  mine["flows"].push_back({{"id", "flow-1"}, {"from", "b"}, {"to", "node-1"}});
  serve::MergeResult result = serve::merge_models(base, theirs, mine);
  ASSERT_TRUE(result.conflicts.empty());
  ASSERT_EQ(result.model["nodes"].size(), 4u);
  EXPECT_EQ(result.model["nodes"][2]["name"], "タブレット");
  EXPECT_EQ(result.model["nodes"][3]["id"], "node-1-2");
  EXPECT_EQ(result.model["nodes"][3]["name"], "USBメモリ");
  EXPECT_EQ(entity(result.model, "flows", "flow-1")["to"], "node-1-2");
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr const char* kModel = R"(# 業務の流れ (資料1)

[paper]
title = "業務"

[[nodes]]
id = "a"
name = "窓口"
kind = "person"

# 資料1:12 基幹システム
[[nodes]]
id = "b"
name = "システム"
kind = "system"

# 資料1:20 ①
[[flows]]
id = "f"
from = "a"
to = "b"
label = "申請"
)";

class ServeMergeFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nagare-serve-merge-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    file_ = fs::canonical(dir_) / "m.toml";
    std::ofstream(file_, std::ios::binary) << kModel;
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
  fs::path file_;
};

TEST_F(ServeMergeFile, TwoTabsEditingDifferentEntitiesBothSave) {
  serve::EditorSession session(test::catalogue(), test::default_policy());
  // Both tabs open the same version.
  json tab_a = session.open(file_, "m.toml");
  json tab_b = session.open(file_, "m.toml");
  ASSERT_TRUE(tab_a.contains("model"));
  ASSERT_EQ(tab_a["version"], tab_b["version"]);
  json edit_a = tab_a["model"];
  entity(edit_a, "flows", "f")["label"] = "申請書の入力";
  json reply;
  ASSERT_EQ(session.save(file_, tab_a["version"], edit_a, reply),
            serve::EditorSession::SaveResult::saved);
  EXPECT_FALSE(reply["merged"].get<bool>());
  json edit_b = tab_b["model"];
  entity(edit_b, "nodes", "b")["name"] = "基幹システム";
  ASSERT_EQ(session.save(file_, tab_b["version"], edit_b, reply),
            serve::EditorSession::SaveResult::saved)
      << reply.dump();
  EXPECT_TRUE(reply["merged"].get<bool>());
  EXPECT_EQ(entity(reply["model"], "flows", "f")["label"], "申請書の入力");
  const std::string text = read(file_);
  EXPECT_THAT(text, ::testing::HasSubstr("label = \"申請書の入力\""));
  EXPECT_THAT(text, ::testing::HasSubstr("name = \"基幹システム\""));
  EXPECT_THAT(text, ::testing::HasSubstr("# 資料1:12 基幹システム"));
  EXPECT_THAT(text, ::testing::HasSubstr("# 資料1:20 ①"));
  EXPECT_TRUE(load_model_text(text, "m.toml", test::catalogue()).value);

  // A third tab, opened before both, changes the flow the first tab changed: refused.
  json edit_c = tab_a["model"];
  entity(edit_c, "flows", "f")["label"] = "郵送で受付";
  EXPECT_EQ(session.save(file_, tab_a["version"], edit_c, reply),
            serve::EditorSession::SaveResult::conflict);
  EXPECT_THAT(reply["error"].get<std::string>(), ::testing::HasSubstr("流れ「窓口 → 基幹システム"));
  ASSERT_EQ(reply["conflicts"].size(), 1u);
  EXPECT_EQ(reply["conflicts"][0]["id"], "f");
  EXPECT_EQ(read(file_), text);
}

TEST_F(ServeMergeFile, AVersionTheSessionNeverServedIsAConflict) {
  serve::EditorSession session(test::catalogue(), test::default_policy());
  json opened = session.open(file_, "m.toml");
  json reply;
  EXPECT_EQ(session.save(file_, "0123456789abcdef", opened["model"], reply),
            serve::EditorSession::SaveResult::conflict);
  EXPECT_FALSE(reply.contains("conflicts"));
}

}  // namespace
}  // namespace nagare
