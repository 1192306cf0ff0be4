// A large model parsed in parts on several cores gives the tree, the diagnostics and the
// findings the whole text gives.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../bench/synthetic.h"
#include "nagare/check.h"
#include "nagare/findings_output.h"
#include "nagare/load.h"
#include "test_support.h"
#include "toml_parts.h"
#include "toml_reader.h"

namespace nagare {
namespace {

std::string synthetic_model(long flows) {
  std::ostringstream text;
  bench::write_synthetic_model(text, 7, flows, 25);
  return text.str();
}

/// parse_toml_in_parts against parse_toml: the same tree at the same places, or the same
/// diagnostics.
void expect_as_one_document(std::string_view text, std::size_t parts) {
  Diagnostics whole_problems;
  Diagnostics part_problems;
  const auto whole = load::parse_toml(text, "m.toml", whole_problems);
  const auto joined = load::parse_toml_in_parts(text, "m.toml", part_problems, parts);
  ASSERT_EQ(whole.has_value(), joined.has_value()) << text;
  if (whole) {
    EXPECT_TRUE(load::same_tree(*whole, *joined)) << text;
  } else {
    ASSERT_EQ(whole_problems.size(), part_problems.size());
    for (std::size_t i = 0; i < whole_problems.size(); ++i) {
      EXPECT_EQ(format_diagnostic(whole_problems[i]), format_diagnostic(part_problems[i]));
    }
  }
}

TEST(TomlParts, CutsOnlyBeforeTopLevelArrayHeaders) {
  // A dotted header belongs to the table above it; an indented one, or one with blanks
  // inside its brackets, is not looked for.
  const std::string text =
      "[paper]\ntitle = \"t\"\n"
      "[[nodes.steps]]\nx = 1\n"
      "  [[nodes]]\nx = 1\n"
      "[[ nodes ]]\nx = 1\n"
      "[[nodes]] # a comment\nx = 1\n"
      "[[flows]]\r\nx = 1\n";
  const std::size_t commented = text.find("[[nodes]] #");
  const std::size_t crlf = text.find("[[flows]]");
  EXPECT_EQ(load::part_starts(text, 2), (std::vector<std::size_t>{0, commented}));
  EXPECT_EQ(load::part_starts(text, 3), (std::vector<std::size_t>{0, commented, crlf}));
  // More parts than places to cut: as many as there are.
  EXPECT_EQ(load::part_starts(text, 9), (std::vector<std::size_t>{0, commented, crlf}));
  EXPECT_EQ(load::part_starts("[paper]\ntitle = \"t\"\n", 4), (std::vector<std::size_t>{0}));
}

TEST(TomlParts, ALargeModelGivesTheTreeOfTheWholeText) {
  const std::string text = synthetic_model(2000);
  ASSERT_GT(load::part_starts(text, 4).size(), 3u);
  for (std::size_t parts : {2, 3, 4, 7}) expect_as_one_document(text, parts);
}

TEST(TomlParts, EveryBundledModelGivesTheTreeOfTheWholeText) {
  for (const auto& entry : std::filesystem::directory_iterator(NAGARE_TEST_MODELS_DIR)) {
    if (entry.path().extension() != ".toml") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), {}};
    SCOPED_TRACE(entry.path().filename().string());
    for (std::size_t parts : {2, 5, 40}) expect_as_one_document(text, parts);
  }
}

TEST(TomlParts, WhatTheJoinCannotVouchForIsParsedAsOneDocument) {
  const std::string flow = "[[flows]]\nid = \"f\"\n";
  for (const std::string& text : {
           // A cut inside a multi-line string: the part before it is unterminated.
           "[paper]\nnote = \"\"\"\n" + flow + "\"\"\"\n" + flow,
           // Inside a multi-line array.
           "[paper]\nx = [\n[[1]],\n[[2]]\n]\n" + flow,
           // [[flows]] after flows = [...]: an error in one document.
           "flows = [{ id = \"a\" }]\n" + flow,
           // After an empty flows = [].
           "flows = []\n" + flow,
           // A table defined in two parts: an error.
           "[paper]\ntitle = \"t\"\n" + flow + "[paper]\ntitle = \"u\"\n",
           // A super-table defined after its sub-table: valid TOML, in two parts.
           "[paper.x]\ny = 1\n" + flow + "[paper]\ntitle = \"t\"\n",
           // A sub-table of the last flow of the part before, after another header.
           flow + "[[nodes]]\nid = \"n\"\n" + "[[orgs]]\nid = \"o\"\n" + "[flows.extra]\na = 1\n",
           // [[flows.steps]] after a later header reaches back to the last flow.
           flow + "[[nodes]]\nid = \"n\"\n[[flows.steps]]\na = 1\n",
           // An error in a later part, and one in the first.
           flow + flow + "[[nodes]]\nid = = \"n\"\n",
           "x = = 1\n" + flow + flow,
           // Characters the guard refuses, in a later part.
           flow + flow + "[[nodes]]\nid、 = \"n\"\n",
       }) {
    for (std::size_t parts : {2, 3, 6}) expect_as_one_document(text, parts);
  }
}

TEST(TomlParts, AModelFileInPartsGivesTheFindingsOfTheWholeText) {
  // Large enough that load_model_file parses it in parts on a machine of two cores or more.
  const std::string text = synthetic_model(1500);
  ASSERT_GT(load::parts_for(text.size(), 2), 1u);
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / "nagare-toml-parts-test.toml";
  {
    std::ofstream out(file, std::ios::binary);
    out << text;
  }
  const auto from_file = load_model_file(file.string(), test::catalogue());
  const auto from_text = load_model_text(text, file.string(), test::catalogue());
  std::filesystem::remove(file);
  ASSERT_TRUE(from_file.value.has_value());
  ASSERT_TRUE(from_text.value.has_value());
  EXPECT_EQ(
      format_findings_json(check_model(*from_file.value, test::catalogue(), test::default_policy()),
                           Language::ja),
      format_findings_json(check_model(*from_text.value, test::catalogue(), test::default_policy()),
                           Language::ja));
}

}  // namespace
}  // namespace nagare
