// `nagare fmt`: canonical order and layout, comments kept with what follows them, the same
// model after as before, and nothing more to do the second time. `nagare init`: a starter
// that loads and checks clean.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <tuple>

#include "nagare/format.h"
#include "nagare/schema.h"
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

/// Findings without their positions (formatting moves lines), in a fixed order.
std::vector<std::string> findings_without_positions(const Model& model) {
  std::vector<std::string> out;
  for (const Finding& f : check_model(model, test::catalogue(), test::default_policy())) {
    std::string missing;
    for (const std::string& id : f.missing) missing += id + ",";
    // Messages may name a line ("(101行目)", "(line 101)"): formatting moves lines.
    static const std::regex kLine(R"(\((\d+行目|line \d+)\))");
    out.push_back(f.id + "|" + to_string(f.severity) + "|" +
                  std::regex_replace(f.message, kLine, "") + "|" +
                  std::regex_replace(f.message_en, kLine, "") + "|" + missing + "|" +
                  f.accepted.value_or("-"));
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string marks(const std::vector<MeasureMark>& list) {
  std::string out;
  for (const MeasureMark& m : list) {
    out += m.measure_id + (m.not_applicable ? "(-" + m.reason + ")" : "") + "/" +
           std::string(id_of(m.party)) + ";";
  }
  return out;
}

/// Everything of a model but positions, as text.
std::string describe(const Model& m) {
  std::ostringstream out;
  out << m.paper.title << m.paper.document << m.paper.subject_count << m.paper.purpose << '\n';
  for (const auto& i : m.items) out << i.id << id_of(i.item_class) << i.fields.size() << '\n';
  for (const auto& o : m.orgs)
    out << o.id << id_of(o.role) << o.parent << marks(o.measures) << '\n';
  for (const auto& n : m.nodes) {
    out << n.id << id_of(n.kind) << n.org << n.stores << n.note << marks(n.measures) << '\n';
  }
  for (const auto& f : m.flows) {
    out << f.id << f.step.value_or(-1) << f.from << f.to << f.via.size() << f.items.size()
        << id_of(f.direction) << f.label << marks(f.measures) << '\n';
  }
  for (const auto& c : m.custom_measures) out << c.id << c.name << c.technical << '\n';
  for (const auto& a : m.acceptances) out << a.finding_id << a.justification << a.date << '\n';
  return out.str();
}

TEST(Format, BundledModelsKeepTheirMeaningAndFormatOnce) {
  for (const std::string& file : bundled_models()) {
    SCOPED_TRACE(file);
    const std::string original = read(file);
    const std::string formatted = format_model_text(original);
    const Model before = test::model_from(original);
    const Model after = test::model_from(formatted);
    EXPECT_EQ(describe(after), describe(before));
    EXPECT_EQ(findings_without_positions(after), findings_without_positions(before));
    EXPECT_EQ(format_model_text(formatted), formatted) << "not idempotent";
    // Every comment line survives.
    auto comments = [](const std::string& text) {
      std::vector<std::string> lines;
      std::istringstream in(text);
      for (std::string line; std::getline(in, line);) {
        const auto start = line.find_first_not_of(" \t");
        if (start != std::string::npos && line[start] == '#') lines.push_back(line.substr(start));
      }
      std::sort(lines.begin(), lines.end());
      return lines;
    };
    EXPECT_EQ(comments(formatted), comments(original));
  }
}

TEST(Format, OrdersTablesAndKeysAndKeepsCommentsWithWhatFollows) {
  const std::string input =
      "#:schema ./schema/nagare-model.schema.json\n"
      "# A model about something\n"
      "\n"
      "# the flow\n"
      "[[flows]]\n"
      "to   =  \"b\"   \n"
      "# where it starts\n"
      "from=\"a\"\n"
      "id = \"f\"\n"
      "\n"
      "\n"
      "[[nodes]]\n"
      "kind = \"system\"\n"
      "name = \"\"\"two\n"
      "lines  \"\"\"\n"
      "id = \"a\"\n"
      "[[nodes]]\n"
      "id = \"b\"\n"
      "name = \"b\"\n"
      "kind = \"system\"\n"
      "measures = [\n"
      "  \"access-control\",  # ○\n"
      "]\n"
      "# the paper\n"
      "[paper]\n"
      "title = \"t\"  # 件名\n";
  const std::string expected =
      "#:schema ./schema/nagare-model.schema.json\n"
      "# A model about something\n"
      "\n"
      "# the paper\n"
      "[paper]\n"
      "title = \"t\"  # 件名\n"
      "\n"
      "[[nodes]]\n"
      "id = \"a\"\n"
      "name = \"\"\"two\n"
      "lines  \"\"\"\n"
      "kind = \"system\"\n"
      "\n"
      "[[nodes]]\n"
      "id = \"b\"\n"
      "name = \"b\"\n"
      "kind = \"system\"\n"
      "measures = [\n"
      "  \"access-control\",  # ○\n"
      "]\n"
      "\n"
      "# the flow\n"
      "[[flows]]\n"
      "id = \"f\"\n"
      "# where it starts\n"
      "from = \"a\"\n"
      "to = \"b\"\n";
  EXPECT_EQ(format_model_text(input), expected);
  EXPECT_EQ(format_model_text(expected), expected);
  test::model_from(expected);
}

TEST(Format, SubTablesStayWithTheirTable) {
  const std::string input =
      "[[orgs]]\nrole = \"contractor\"\nname = \"n\"\nid = \"o\"\n"
      "[[orgs.certifications]]\nsince = 2019\nkind = \"ISMS\"\n"
      "[paper]\ntitle = \"t\"\n";
  const std::string formatted = format_model_text(input);
  EXPECT_EQ(formatted,
            "[paper]\ntitle = \"t\"\n\n[[orgs]]\nid = \"o\"\nname = \"n\"\nrole = \"contractor\"\n"
            "\n[[orgs.certifications]]\nkind = \"ISMS\"\nsince = 2019\n");
  EXPECT_EQ(test::model_from(formatted).orgs.at(0).certifications.size(), 1u);
}

TEST(Init, TheStarterModelLoadsAndChecksClean) {
  const std::string starter = starter_model("");
  const Model model = test::model_from(starter);
  EXPECT_EQ(model.orgs.size(), 1u);
  EXPECT_EQ(model.nodes.size(), 2u);
  EXPECT_EQ(model.flows.size(), 1u);
  EXPECT_THAT(test::finding_ids(model), testing::IsEmpty());
  EXPECT_EQ(format_model_text(starter), starter) << "the starter is already formatted";
  EXPECT_THAT(starter_model("./schema/x.json"),
              testing::StartsWith("#:schema ./schema/x.json\n# nagare"));
}

}  // namespace
}  // namespace nagare
