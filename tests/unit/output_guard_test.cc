#include "nagare/output_guard.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>

#include <fstream>

namespace nagare {
namespace {

namespace fs = std::filesystem;

class OutputGuard : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("nagare-output-guard-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "sub");
    std::ofstream(dir_ / "model.toml") << "[paper]\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(OutputGuard, RefusesTheInputByAnyName) {
  const std::vector<std::string> inputs{path("model.toml")};
  EXPECT_EQ(output_replacing_input(path("model.toml"), inputs), path("model.toml"));
  EXPECT_EQ(output_replacing_input(path("sub/../model.toml"), inputs), path("model.toml"));
  EXPECT_EQ(output_replacing_input(path("./model.toml"), inputs), path("model.toml"));
  fs::create_symlink(path("model.toml"), path("link.toml"));
  EXPECT_EQ(output_replacing_input(path("link.toml"), inputs), path("model.toml"));
  fs::create_symlink(dir_, path("sub/up"));
  EXPECT_EQ(output_replacing_input(path("sub/up/model.toml"), inputs), path("model.toml"));
  fs::create_hard_link(path("model.toml"), path("hard.toml"));
  EXPECT_EQ(output_replacing_input(path("hard.toml"), inputs), path("model.toml"));
}

TEST_F(OutputGuard, RefusesARelativeOutputNamingAnAbsoluteInput) {
  const fs::path before = fs::current_path();
  fs::current_path(dir_);
  EXPECT_EQ(output_replacing_input("model.toml", {path("model.toml")}), path("model.toml"));
  fs::current_path(before);
}

TEST_F(OutputGuard, AllowsOtherFilesAndStandardOutput) {
  const std::vector<std::string> inputs{path("model.toml")};
  EXPECT_EQ(output_replacing_input(path("out.svg"), inputs), std::nullopt);
  EXPECT_EQ(output_replacing_input(path("sub/model.toml"), inputs), std::nullopt);
  EXPECT_EQ(output_replacing_input("-", inputs), std::nullopt);
  EXPECT_EQ(output_replacing_input("/dev/null", {"/dev/null"}), std::nullopt);
}

}  // namespace
}  // namespace nagare
