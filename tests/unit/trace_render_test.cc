// `nagare trace --render`: the whole figure with one item's reach highlighted, checked on
// the DOT of seed 002 (資料72-1), where the staff visit carries no personal item.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "nagare/load.h"
#include "nagare/reach.h"
#include "nagare/render.h"
#include "nagare/trace.h"
#include "test_support.h"

namespace nagare {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr std::string_view kLit = "color=\"#1565c0\", penwidth=3";
constexpr std::string_view kDimNode = "color=\"#cfd8dc\", fontcolor=\"#9e9e9e\"";
constexpr std::string_view kDimEdge = "color=\"#cfd8dc\"";

Model tablet() { return test::bundled_model("shinjuku-child-consultation-tablet.toml"); }

std::vector<std::string> node_ids(const Model& model, const std::vector<std::size_t>& nodes) {
  std::vector<std::string> ids;
  for (std::size_t n : nodes) ids.push_back(model.nodes[n].id);
  return ids;
}

std::vector<std::string> flow_ids(const Model& model, const std::vector<std::size_t>& flows) {
  std::vector<std::string> ids;
  for (std::size_t f : flows) ids.push_back(model.flows[f].id);
  return ids;
}

/// The DOT statements that start with `prefix` (after the indentation).
std::vector<std::string> statements(const std::string& dot, const std::string& prefix) {
  std::vector<std::string> found;
  std::istringstream lines(dot);
  for (std::string line; std::getline(lines, line);) {
    const auto start = line.find_first_not_of(' ');
    if (start != std::string::npos && line.compare(start, prefix.size(), prefix) == 0)
      found.push_back(line);
  }
  return found;
}

/// The edges drawing flow `id` (every stretch, every end).
std::vector<std::string> edges_of(const std::string& dot, const std::string& id) {
  std::vector<std::string> found;
  std::istringstream lines(dot);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("class=\"flow_" + id + "_") != std::string::npos) found.push_back(line);
  }
  return found;
}

struct Highlighted {
  Model model;
  std::string dot;
};

Highlighted highlight_subject_info() {
  Highlighted out{tablet(), ""};
  const ItemReach reach(out.model);
  const auto items = select_items(out.model, "subject-info");
  EXPECT_EQ(items.size(), 1u);
  ItemFootprint footprint = footprint_of(out.model, reach, items);
  FigureOptions options;
  options.format = FigureFormat::dot;
  options.highlight = FigureHighlight{std::move(footprint.nodes), std::move(footprint.flows),
                                      "強調: 項目「対象者情報」の届くノードと運ぶ流れ"};
  out.dot = figure_dot(out.model, test::catalogue(), {}, options);
  return out;
}

TEST(TraceRender, FootprintIsWhereTheRecordGoesAndTheFlowsCarryingIt) {
  const Model model = tablet();
  const ItemReach reach(model);
  const ItemFootprint footprint = footprint_of(model, reach, select_items(model, "subject-info"));
  EXPECT_THAT(node_ids(model, footprint.nodes),
              ElementsAre("subject", "tablet", "support-system", "aican-maintenance",
                          "dedicated-terminal", "usb", "intranet-pc", "consultation-system"));
  EXPECT_THAT(flow_ids(model, footprint.flows),
              ElementsAre("interview", "record", "review-chat", "register", "to-dedicated-terminal",
                          "usb-transfer", "maintenance"));
}

TEST(TraceRender, ReachedNodesAreHighlightedAndTheRestGrey) {
  const auto [model, dot] = highlight_subject_info();
  for (std::string_view id : {"subject", "tablet", "support-system", "dedicated-terminal", "usb",
                              "intranet-pc", "consultation-system"}) {
    const auto lines = statements(dot, "n" + std::to_string(test::node_index(model, id)) + " [");
    ASSERT_FALSE(lines.empty()) << id;
    for (const std::string& line : lines) EXPECT_THAT(line, HasSubstr(kLit)) << id;
  }
  const auto staff = statements(dot, "n" + std::to_string(test::node_index(model, "staff")) + " [");
  ASSERT_FALSE(staff.empty());
  for (const std::string& line : staff) {
    EXPECT_THAT(line, HasSubstr(kDimNode));
    EXPECT_THAT(line, Not(HasSubstr("#1565c0")));
  }
}

TEST(TraceRender, FlowsCarryingTheRecordAreHighlightedAndTheVisitGrey) {
  const auto [model, dot] = highlight_subject_info();
  for (const std::string id : {"interview", "record", "review-chat", "register",
                               "to-dedicated-terminal", "usb-transfer"}) {
    const auto edges = edges_of(dot, id);
    ASSERT_FALSE(edges.empty()) << id;
    for (const std::string& edge : edges) EXPECT_THAT(edge, HasSubstr(kLit)) << edge;
  }
  const auto visit = edges_of(dot, "visit");
  ASSERT_FALSE(visit.empty());
  for (const std::string& edge : visit) {
    EXPECT_THAT(edge, HasSubstr(kDimEdge));
    EXPECT_THAT(edge, Not(HasSubstr("#1565c0")));
  }
}

TEST(TraceRender, LegendSaysWhichItemIsHighlighted) {
  const auto [model, dot] = highlight_subject_info();
  EXPECT_THAT(dot, HasSubstr("<FONT COLOR=\"#1565c0\"><B>━ 強調: "
                             "項目「対象者情報」の届くノードと運ぶ流れ</B></FONT>"));
}

TEST(TraceRender, HighlightIsNotTheFindingsRedAndIsDeterministic) {
  const auto first = highlight_subject_info();
  const auto second = highlight_subject_info();
  EXPECT_EQ(first.dot, second.dot);
  EXPECT_THAT(first.dot, Not(HasSubstr("#c62828")));
}

TEST(TraceRender, WithoutAHighlightTheFigureIsUnchanged) {
  const Model model = tablet();
  FigureOptions options;
  options.format = FigureFormat::dot;
  const std::string dot = figure_dot(model, test::catalogue(), {}, options);
  EXPECT_THAT(dot, Not(HasSubstr("#1565c0")));
  EXPECT_THAT(dot, Not(HasSubstr("#cfd8dc")));
  EXPECT_THAT(statements(dot, "n0 ["), Not(IsEmpty()));
}

}  // namespace
}  // namespace nagare
