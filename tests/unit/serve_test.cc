// `nagare serve` without a socket: which files a request may reach, the token and CSRF
// rules, the edit of a model through its JSON (comments kept, the same file back when nothing
// changed) and the refusal to save over a file changed meanwhile.

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "access.h"
#include "editor_session.h"
#include "model_json.h"
#include "nagare/diagnostics.h"
#include "test_support.h"

namespace nagare {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const fs::path& path, std::string_view text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

/// A fresh directory of models under the test's temporary directory.
class ServeDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() /
            ("nagare-serve-" +
             std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "-" +
             std::to_string(::getpid()));
    fs::remove_all(base_);
    fs::create_directories(base_ / "models" / "sub");
    fs::create_directories(base_ / "elsewhere");
    root_ = fs::canonical(base_ / "models");
    write(root_ / "a.toml", "[paper]\ntitle = \"a\"\n");
    write(root_ / "sub" / "b.toml", "[paper]\ntitle = \"b\"\n");
    write(root_ / "notes.txt", "text\n");
    write(base_ / "elsewhere" / "secret.toml", "[paper]\ntitle = \"secret\"\n");
    write(base_ / "outside.toml", "[paper]\ntitle = \"outside\"\n");
    fs::create_symlink(base_ / "elsewhere" / "secret.toml", root_ / "link-out.toml");
    fs::create_symlink(base_ / "elsewhere", root_ / "dir-out");
    fs::create_symlink(root_ / "a.toml", root_ / "link-in.toml");
  }
  void TearDown() override { fs::remove_all(base_); }

  fs::path base_;
  fs::path root_;
};

TEST_F(ServeDirectory, ModelFilesInsideTheDirectoryAreReached) {
  EXPECT_EQ(serve::model_path_within(root_, "a.toml"), root_ / "a.toml");
  EXPECT_EQ(serve::model_path_within(root_, "sub/b.toml"), root_ / "sub" / "b.toml");
  EXPECT_EQ(serve::model_path_within(root_, "link-in.toml"), root_ / "a.toml");
}

TEST_F(ServeDirectory, NothingOutsideTheDirectoryIsReached) {
  const std::string absolute = (base_ / "outside.toml").string();
  for (const std::string& name : std::vector<std::string>{
           "../outside.toml", "../elsewhere/secret.toml", "sub/../../outside.toml", absolute,
           "/etc/passwd", "link-out.toml", "dir-out/secret.toml", "notes.txt", "missing.toml",
           "sub/../a.toml",  // ".." is refused outright, even where it stays inside
           "sub", "", "a.toml/..", "./../outside.toml"}) {
    EXPECT_EQ(serve::model_path_within(root_, name), std::nullopt) << name;
  }
  EXPECT_EQ(serve::model_path_within(root_, std::string("a.toml\0x", 8)), std::nullopt);
}

TEST_F(ServeDirectory, TheListHoldsOnlyModelsInside) {
  EXPECT_THAT(serve::model_files_within(root_),
              ::testing::ElementsAre("a.toml", "link-in.toml", "sub/b.toml"));
}

TEST(ServeAccess, WritesNeedTheTokenAndTheServersOwnOrigin) {
  const std::string token = "0123456789abcdef0123456789abcdef";
  EXPECT_TRUE(serve::write_allowed(token, "", "127.0.0.1:8470", token));
  EXPECT_TRUE(serve::write_allowed(token, "http://127.0.0.1:8470", "127.0.0.1:8470", token));
  EXPECT_FALSE(serve::write_allowed("", "http://127.0.0.1:8470", "127.0.0.1:8470", token));
  EXPECT_FALSE(serve::write_allowed(token.substr(1), "", "127.0.0.1:8470", token));
  EXPECT_FALSE(serve::write_allowed(token, "http://evil.example", "127.0.0.1:8470", token));
  EXPECT_FALSE(serve::write_allowed(token, "null", "127.0.0.1:8470", token));
}

TEST(ServeAccess, TokensAreRandomAndCompared) {
  const std::string a = serve::new_token();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, serve::new_token());
  EXPECT_TRUE(serve::same_secret(a, a));
  EXPECT_FALSE(serve::same_secret(a, a + "0"));
  EXPECT_FALSE(serve::same_secret("", a));
  EXPECT_EQ(serve::cookie_value("x=1; nagare_token=abc; y=2", "nagare_token"), "abc");
  EXPECT_EQ(serve::cookie_value("nagare_token_x=abc", "nagare_token"), "");
}

TEST(ServeAccess, PasswordsAreKeptHashedAndComparedWhole) {
  const serve::PasswordHash stored = serve::hash_password("区役所の合言葉2026");
  EXPECT_EQ(stored.salt.size(), 32u);
  EXPECT_EQ(stored.hash.size(), 32u);
  EXPECT_EQ(stored.hash.find("合言葉"), std::string::npos);
  EXPECT_TRUE(serve::password_matches(stored, "区役所の合言葉2026"));
  EXPECT_FALSE(serve::password_matches(stored, "区役所の合言葉2027"));
  EXPECT_FALSE(serve::password_matches(stored, "区役所の合言葉202"));
  EXPECT_FALSE(serve::password_matches(stored, ""));
  // The same password under another salt is another hash.
  const serve::PasswordHash again = serve::hash_password("区役所の合言葉2026");
  EXPECT_NE(stored.salt, again.salt);
  EXPECT_NE(stored.hash, again.hash);
  EXPECT_TRUE(serve::password_matches(again, "区役所の合言葉2026"));
  const std::string random = serve::random_hex(32);
  EXPECT_EQ(random.size(), 64u);
  EXPECT_NE(random, serve::random_hex(32));
}

TEST_F(ServeDirectory, APasswordFileHoldsItOnItsFirstLine) {
  const fs::path file = base_ / "password";
  write(file, "合言葉は8文字以上\r\nsecond line\n");
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
  std::string warning;
  EXPECT_EQ(serve::read_password_file(file, warning), "合言葉は8文字以上");
  EXPECT_EQ(warning, "");
  fs::permissions(file, fs::perms::others_read, fs::perm_options::add);
  serve::read_password_file(file, warning);
  EXPECT_THAT(warning, ::testing::HasSubstr("chmod 600"));
  write(file, "short\n");
  EXPECT_THROW(serve::read_password_file(file, warning), EnvironmentError);
  EXPECT_THROW(serve::read_password_file(base_ / "missing", warning), EnvironmentError);
}

TEST(ServeAccess, FailedLoginsWaitLongerAndLonger) {
  serve::LoginGuard guard;
  const auto start = serve::LoginGuard::Clock::now();
  const auto zero = serve::LoginGuard::Clock::duration::zero();
  for (int i = 0; i < serve::LoginGuard::kFreeAttempts - 1; ++i) {
    guard.failed("10.0.0.1", start);
    EXPECT_EQ(guard.wait("10.0.0.1", start), zero);
  }
  guard.failed("10.0.0.1", start);
  EXPECT_EQ(guard.wait("10.0.0.1", start), std::chrono::seconds(1));
  EXPECT_EQ(guard.wait("10.0.0.2", start), zero);  // another address is not slowed
  const auto later = start + std::chrono::seconds(1);
  EXPECT_EQ(guard.wait("10.0.0.1", later), zero);
  guard.failed("10.0.0.1", later);
  EXPECT_EQ(guard.wait("10.0.0.1", later), std::chrono::seconds(2));
  for (int i = 0; i < 20; ++i) guard.failed("10.0.0.1", later);
  EXPECT_EQ(guard.wait("10.0.0.1", later), std::chrono::minutes(5));
  guard.succeeded("10.0.0.1");
  EXPECT_EQ(guard.wait("10.0.0.1", later), zero);
}

TEST(ServeAccess, SessionsAreRandomAndEnd) {
  serve::Sessions sessions;
  const auto now = serve::Sessions::Clock::now();
  const serve::Sessions::Session a = sessions.create(now);
  const serve::Sessions::Session b = sessions.create(now);
  EXPECT_EQ(a.id.size(), 64u);
  EXPECT_NE(a.id, b.id);
  EXPECT_NE(a.csrf, b.csrf);
  EXPECT_EQ(sessions.find(a.id, now), a.csrf);
  EXPECT_EQ(sessions.find("", now), std::nullopt);
  EXPECT_EQ(sessions.find(a.id.substr(1), now), std::nullopt);
  sessions.end(a.id);
  EXPECT_EQ(sessions.find(a.id, now), std::nullopt);
  EXPECT_EQ(sessions.find(b.id, now + std::chrono::hours(11)), b.csrf);
  EXPECT_EQ(sessions.find(b.id, now + std::chrono::hours(24)), std::nullopt);
}

TEST(ServeAccess, VersionsFollowTheBytes) {
  EXPECT_EQ(serve::version_of("a"), serve::version_of("a"));
  EXPECT_NE(serve::version_of("a"), serve::version_of("a "));
  EXPECT_EQ(serve::version_of("").size(), 16u);
}

/// The model's own text from its JSON, as the editor sends it back unchanged.
std::string unchanged_text(const std::string& text) {
  auto model = load_model_text(text, "m.toml", test::catalogue());
  EXPECT_TRUE(model.value);
  return serve::edited_model_text(text, *model.value, serve::model_to_json(*model.value));
}

TEST(ServeEdit, EveryBundledModelComesBackByteForByte) {
  for (const auto& entry : fs::directory_iterator(NAGARE_TEST_MODELS_DIR)) {
    if (entry.path().extension() != ".toml") continue;
    const std::string text = read(entry.path());
    EXPECT_EQ(unchanged_text(text), text) << entry.path();
  }
}

constexpr std::string_view kCommented = R"(# The file's own header.

# About the paper.
[paper]
title = "t"
wording = "shinjuku"  # said although it is the default

[[nodes]]
id = "a"
name = "窓口"
kind = "person"

# Why b is a system.
[[nodes]]
id = "b"
name = "b"
kind = "system"

# The one flow.
[[flows]]
id = "ab"
from = "a"
to = "b"
# The measures, each with why.
measures = [
  "comply-law-policy",  # 契約書 第3条
]
label = "old"
)";

TEST(ServeEdit, AnEditKeepsTheCommentsOfWhatItDidNotRemove) {
  auto model = load_model_text(kCommented, "m.toml", test::catalogue());
  ASSERT_TRUE(model.value);
  json edited = serve::model_to_json(*model.value);
  edited["flows"][0]["label"] = "new";
  edited["nodes"].push_back({{"id", "c"}, {"name", "c"}, {"kind", "terminal"}});
  edited["flows"].push_back({{"id", "bc"}, {"from", "b"}, {"to", "c"}});
  const std::string text = serve::edited_model_text(kCommented, *model.value, edited);
  EXPECT_EQ(text, R"(# The file's own header.

# About the paper.
[paper]
title = "t"
wording = "shinjuku"  # said although it is the default

[[nodes]]
id = "a"
name = "窓口"
kind = "person"

# Why b is a system.
[[nodes]]
id = "b"
name = "b"
kind = "system"

[[nodes]]
id = "c"
name = "c"
kind = "terminal"

# The one flow.
[[flows]]
id = "ab"
from = "a"
to = "b"
label = "new"
# The measures, each with why.
measures = [
  "comply-law-policy",  # 契約書 第3条
]

[[flows]]
id = "bc"
from = "b"
to = "c"
)");
  EXPECT_TRUE(load_model_text(text, "m.toml", test::catalogue()).value);
}

TEST(ServeEdit, HostileJsonGivesAModelTheLoaderJudges) {
  auto model = load_model_text(kCommented, "m.toml", test::catalogue());
  ASSERT_TRUE(model.value);
  for (const json& edited :
       {json(nullptr), json::array(), json{{"paper", 3}},
        json{{"flows", {{{"id", 1}, {"from", json::array()}, {"step", "1e99"}}}}},
        json{
            {"nodes", {{{"id", "x\"\n[paper]\ntitle = \"y"}, {"name", "\\"}, {"kind", "system"}}}}},
        json{{"items", {"not an object"}}}}) {
    const std::string text = serve::edited_model_text(kCommented, *model.value, edited);
    auto loaded = load_model_text(text, "m.toml", test::catalogue());
    // Whatever came in, the text is TOML whose strings stay strings.
    for (const Diagnostic& diagnostic : loaded.diagnostics) {
      EXPECT_THAT(diagnostic.message, ::testing::Not(::testing::HasSubstr("parse")))
          << format_diagnostic(diagnostic) << "\n"
          << text;
    }
  }
}

TEST_F(ServeDirectory, ASaveOverAFileChangedMeanwhileIsRefused) {
  serve::EditorSession session(test::catalogue(), test::default_policy());
  const fs::path file = root_ / "a.toml";
  json opened = session.open(file, "a.toml");
  ASSERT_TRUE(opened.contains("model"));
  json model = opened["model"];
  model["paper"]["department"] = "first";
  json reply;
  EXPECT_EQ(session.save(file, opened["version"], model, reply),
            serve::EditorSession::SaveResult::saved);
  EXPECT_THAT(read(file), ::testing::HasSubstr("department = \"first\""));
  // A second tab, opened before that save, still holds the old version.
  model["paper"]["department"] = "second";
  EXPECT_EQ(session.save(file, opened["version"], model, reply),
            serve::EditorSession::SaveResult::conflict);
  EXPECT_THAT(read(file), ::testing::HasSubstr("department = \"first\""));
  // A model with errors is not written.
  json broken = session.open(file, "a.toml");
  broken["model"]["flows"] = {{{"id", "f"}, {"from", "nowhere"}, {"to", "a"}}};
  EXPECT_EQ(session.save(file, broken["version"], broken["model"], reply),
            serve::EditorSession::SaveResult::invalid);
  EXPECT_FALSE(reply["diagnostics"].empty());
  EXPECT_THAT(read(file), ::testing::Not(::testing::HasSubstr("nowhere")));
}

TEST_F(ServeDirectory, APreviewLocatesItsMessagesAndFindings) {
  serve::EditorSession session(test::catalogue(), test::default_policy());
  json opened = session.open(root_ / "a.toml", "a.toml");
  json model = opened["model"];
  model["nodes"] = {{{"id", "n1"}, {"name", "窓口"}, {"kind", "person"}},
                    {{"id", "n2"}, {"name", "システム"}, {"kind", "system"}}};
  model["flows"] = {{{"id", "f1"}, {"from", "n1"}, {"to", "n2"}}, {{"id", "f2"}, {"from", "n1"}}};
  json preview = session.preview(root_ / "a.toml", model);
  ASSERT_EQ(preview["diagnostics"].size(), 1u) << preview.dump();
  EXPECT_EQ(preview["diagnostics"][0]["table"], "flows");
  EXPECT_EQ(preview["diagnostics"][0]["index"], 1);
  EXPECT_THAT(preview["diagnostics"][0]["text"].get<std::string>(),
              ::testing::HasSubstr("error: [[flows]] に to がありません"));
  model["flows"].erase(1);
  preview = session.preview(root_ / "a.toml", model);
  EXPECT_TRUE(preview["diagnostics"].empty());
  EXPECT_THAT(preview["svg"].get<std::string>(), ::testing::HasSubstr("flow&#45;0"));
}

TEST_F(ServeDirectory, ARedrawAfterTypingIsTheFigureDrawnAfresh) {
  // The editor draws the renderer's last layout again while the figure keeps its shape; the
  // result must be the committee figure itself.
  const std::string seed = "shinjuku-dv-hotline.toml";
  fs::copy_file(fs::path(NAGARE_TEST_MODELS_DIR) / seed, root_ / seed);
  serve::EditorSession editing(test::catalogue(), test::default_policy());
  json model = editing.open(root_ / seed, seed)["model"];
  editing.preview(root_ / seed, model);
  model["paper"]["department"] = "男女共同参画課（編集中）";
  const json again = editing.preview(root_ / seed, model);
  serve::EditorSession fresh(test::catalogue(), test::default_policy());
  const json afresh = fresh.preview(root_ / seed, model);
  ASSERT_TRUE(again.contains("svg"));
  EXPECT_EQ(again["svg"], afresh["svg"]);
  EXPECT_THAT(again["svg"].get<std::string>(), ::testing::HasSubstr("（編集中）"));
}

}  // namespace
}  // namespace nagare
