// Folding a long figure into rows: where it is cut, that rows pay for themselves, and that
// a folded figure joins its rows only through pairs of connector marks.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "../../src/render/fold.h"
#include "../../src/render/geometry.h"
#include "nagare/render.h"
#include "test_support.h"

namespace nagare {
namespace {

using render::Box;
using render::MeasuredFigure;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::Pair;

/// A one-row figure of `count` blocks b0, b1, … of 600 × 200 points side by side, each
/// joined to the next, with 100 points of title and legend.
MeasuredFigure chain(int count, double overlap = 0) {
  MeasuredFigure figure;
  for (int i = 0; i < count; ++i) {
    const double left = i * (600 - overlap);
    figure.blocks["b" + std::to_string(i)] = Box{left, 0, left + 600, 200};
  }
  figure.whole = Box{0, 0, count * (600 - overlap) + overlap, 300};
  return figure;
}

render::BlockLinks links_of(int count) {
  render::BlockLinks links;
  for (int i = 0; i + 1 < count; ++i)
    links.emplace_back("b" + std::to_string(i), "b" + std::to_string(i + 1));
  return links;
}

TEST(Fold, LongChainIsCutIntoTwoRowsInReadingOrder) {
  const FigureLayout rows = render::choose_rows(chain(4), links_of(4), FigureOptions{});
  EXPECT_THAT(rows.row_of, ElementsAre(Pair("b0", 0), Pair("b1", 0), Pair("b2", 1), Pair("b3", 1)));
}

TEST(Fold, FigureThatFitsStaysOneRow) {
  MeasuredFigure small = chain(2);
  for (auto& [name, box] : small.blocks) box = Box{box.x0 / 4, 0, box.x1 / 4, 50};
  small.whole = Box{0, 0, 300, 75};
  EXPECT_THAT(render::choose_rows(small, links_of(2), FigureOptions{}).row_of, IsEmpty());
}

TEST(Fold, BlocksSideBySideAreNeverCutApart) {
  // Every block overlaps the next left to right: no place to start a row.
  EXPECT_THAT(render::choose_rows(chain(4, 100), links_of(4), FigureOptions{}).row_of, IsEmpty());
}

TEST(Fold, OneRowAskedIsOneRow) {
  FigureOptions options;
  options.rows = 1;
  EXPECT_THAT(render::choose_rows(chain(6), links_of(6), options).row_of, IsEmpty());
}

TEST(Fold, RowsAskedForAreHonoured) {
  FigureOptions options;
  options.rows = 3;
  const FigureLayout rows = render::choose_rows(chain(6), links_of(6), options);
  std::vector<std::size_t> row_numbers;
  for (const auto& [name, row] : rows.row_of) row_numbers.push_back(row);
  EXPECT_THAT(row_numbers, ElementsAre(0, 0, 1, 1, 2, 2));
}

TEST(Fold, AFoldNeverLeavesABlockAloneBehindConnectors) {
  // On portrait A4 three blocks would print larger in two rows, but either cut leaves an end
  // of the chain alone in its row, every line of it cut: the chain stays one row, unless
  // rows are asked for.
  FigureOptions portrait;
  portrait.portrait = true;
  EXPECT_THAT(render::choose_rows(chain(3), links_of(3), portrait).row_of, IsEmpty());
  EXPECT_THAT(render::choose_rows(chain(4), links_of(4), portrait).row_of,
              ElementsAre(Pair("b0", 0), Pair("b1", 0), Pair("b2", 1), Pair("b3", 1)));
  portrait.rows = 2;
  EXPECT_THAT(render::choose_rows(chain(3), links_of(3), portrait).row_of, Not(IsEmpty()));
}

/// Which row cluster each DOT node statement stands in, read from the text.
std::map<std::string, int> rows_of_statements(const std::string& dot) {
  static const std::regex row_start(R"(^  subgraph cluster_row(\d+) \{)");
  static const std::regex node(R"(^\s+([A-Za-z_0-9]+) \[)");
  std::map<std::string, int> rows;
  std::istringstream lines(dot);
  std::string line;
  int row = -1, depth = 0;
  std::smatch match;
  while (std::getline(lines, line)) {
    if (std::regex_search(line, match, row_start)) {
      row = std::stoi(match[1]);
      depth = 0;
    }
    if (row >= 0) {
      for (char c : line) depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (std::regex_search(line, match, node) && line.find("->") == std::string::npos)
        rows[match[1]] = row;
      if (depth == 0) row = -1;
    }
  }
  return rows;
}

TEST(Fold, RowsMeetOnlyAtConnectorPairs) {
  const Model model = test::model_from(test::kChainModel);
  // a (n0), e (n4) and the USB stick (n5) on the first row; b, c, d below.
  FigureLayout rows;
  rows.row_of = {{"n0", 0}, {"n1", 1}, {"n2", 1}, {"n3", 1}, {"n4", 0}, {"n5", 0}};
  const std::string dot = figure_dot(model, test::catalogue(), {}, FigureOptions{}, rows);
  const auto where = rows_of_statements(dot);
  static const std::regex edge(R"re(^  ([A-Za-z_0-9]+) -> ([A-Za-z_0-9]+) \[.*class="([^"]+)")re");
  std::istringstream lines(dot);
  std::string line;
  std::smatch match;
  std::map<std::string, int> outs, ins;
  std::set<std::string> classes;
  while (std::getline(lines, line)) {
    if (!std::regex_search(line, match, edge)) continue;
    const std::string tail = match[1], head = match[2];
    classes.insert(match[3]);
    ASSERT_TRUE(where.count(tail) && where.count(head)) << line;
    EXPECT_EQ(where.at(tail), where.at(head)) << "an edge crosses rows: " << line;
    if (head.rfind("join", 0) == 0) outs[head.substr(0, head.find('_'))] = where.at(head);
    if (tail.rfind("join", 0) == 0) ins[tail.substr(0, tail.find('_'))] = where.at(tail);
  }
  // USB stick → b is the one stretch between the rows: one pair, from row 0 to row 1.
  EXPECT_THAT(outs, ElementsAre(Pair("join0", 0)));
  EXPECT_THAT(ins, ElementsAre(Pair("join0", 1)));
  EXPECT_THAT(dot, HasSubstr("join0_out [shape=circle"));
  EXPECT_THAT(dot, HasSubstr("label=<<B>A</B>>"));
  // Every flow is still drawn.
  for (const Flow& flow : model.flows) {
    EXPECT_TRUE(std::any_of(classes.begin(), classes.end(), [&](const std::string& c) {
      return c.rfind("flow_" + flow.id + "_", 0) == 0;
    })) << flow.id;
  }
  // Rows are stacked from the bottom up: the legend, then the last row, then the first.
  EXPECT_LT(dot.find("cluster_legend"), dot.find("cluster_row1"));
  EXPECT_LT(dot.find("cluster_row1"), dot.find("cluster_row0"));
}

TEST(Fold, UncoveredFlowKeepsItsRedAcrossTheCut) {
  const Model model = test::model_from(test::kChainModel);
  const auto findings = check_model(model, test::catalogue(), test::default_policy());
  FigureOptions options;
  options.show_findings = true;
  FigureLayout rows;
  rows.row_of = {{"n0", 0}, {"n1", 1}, {"n2", 1}, {"n3", 1}, {"n4", 0}, {"n5", 0}};
  const std::string dot = figure_dot(model, test::catalogue(), findings, options, rows);
  const bool ab_uncovered = std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return f.flow && *f.flow == "ab" && f.severity != Severity::info;
  });
  ASSERT_TRUE(ab_uncovered) << "the chain's USB hand-over needs measures it does not declare";
  EXPECT_THAT(dot, HasSubstr("join0_in [shape=circle, fixedsize=true, width=0.34, fontsize=11, "
                             "label=<<B>A</B>>, color=\"#c62828\""));
}

TEST(Fold, LongBundledChainIsFoldedAndPrintsLarger) {
  const Model model = test::bundled_model("edogawa-convenience-payment.toml");
  FigureOptions options;
  options.format = FigureFormat::dot;
  const std::string folded = render_figure(model, test::catalogue(), {}, options);
  EXPECT_THAT(folded, HasSubstr("subgraph cluster_row1"));
  EXPECT_THAT(folded, HasSubstr("join0_out"));
  options.rows = 1;
  EXPECT_THAT(render_figure(model, test::catalogue(), {}, options), Not(HasSubstr("cluster_row")));

  auto size_of = [&](int rows) {
    FigureOptions svg;
    svg.rows = rows;
    const std::string text = render_figure(model, test::catalogue(), {}, svg);
    std::smatch match;
    static const std::regex size(R"re(<svg width="([0-9.]+)pt" height="([0-9.]+)pt")re");
    EXPECT_TRUE(std::regex_search(text, match, size));
    return Box{0, 0, std::stod(match[1]), std::stod(match[2])};
  };
  // With its measures in a table under it the one-row chain is narrower than it was, so
  // the rows gain less, but still a fifth.
  EXPECT_GT(render::print_scale(size_of(0), FigureOptions{}),
            1.2 * render::print_scale(size_of(1), FigureOptions{}));
}

TEST(Fold, AShortFirstRowTakesTheTitleBesideIt) {
  // 第30号's first row is the paper slip's three steps; the long chain is the second row.
  // The title stands in the room the first row leaves, so it costs the figure no height.
  const Model model = test::bundled_model("edogawa-convenience-payment.toml");
  const render::FigureGeometry geometry =
      render::figure_geometry(model, test::catalogue(), {}, FigureOptions{});
  const auto title = std::find_if(geometry.texts.begin(), geometry.texts.end(),
                                  [](const auto& text) { return text.name == "figure_title"; });
  ASSERT_NE(title, geometry.texts.end());
  EXPECT_EQ(title->row, 0u);
  for (const auto& text : geometry.texts) {
    // Headings and the legend (under every row) stand outside the rows' own nodes.
    if (text.row != 0 || text.name == "figure_title" ||
        text.kind == render::FigureGeometry::Kind::heading ||
        text.kind == render::FigureGeometry::Kind::legend)
      continue;
    EXPECT_LT(text.box.x1, title->box.x0) << text.name << " stands right of the title";
  }

  auto size_of = [&](bool beside) {
    FigureLayout layout;
    (void)render_figure(model, test::catalogue(), {}, FigureOptions{}, layout, false);
    layout.title_beside_first_row = beside;
    const std::string text =
        render_figure(model, test::catalogue(), {}, FigureOptions{}, layout, true);
    std::smatch match;
    static const std::regex size(R"re(<svg width="([0-9.]+)pt" height="([0-9.]+)pt")re");
    EXPECT_TRUE(std::regex_search(text, match, size));
    return Box{0, 0, std::stod(match[1]), std::stod(match[2])};
  };
  EXPECT_GT(render::print_scale(size_of(true), FigureOptions{}),
            render::print_scale(size_of(false), FigureOptions{}));
}

TEST(Fold, TheTitleStaysAboveAFirstRowItWouldWidenOrStandHalfwayDown) {
  // Two rows of the same chain, each as wide as the other: a title beside the first would
  // only widen the figure.
  FigureOptions options;
  options.format = FigureFormat::dot;
  options.rows = 2;
  const std::string chain =
      render_figure(test::model_from(test::kChainModel), test::catalogue(), {}, options);
  ASSERT_THAT(chain, HasSubstr("subgraph cluster_row1"));
  EXPECT_THAT(chain, Not(HasSubstr("figure_title")));
  EXPECT_THAT(chain, HasSubstr("label=<個人情報の流れ"));
  // 第31号 in two rows: its first row (the ward and the consultation centre) is several
  // times as tall as the title, which Graphviz would centre on it, halfway down the page.
  const std::string tall = render_figure(test::bundled_model("edogawa-counselling-npo.toml"),
                                         test::catalogue(), {}, options);
  ASSERT_THAT(tall, HasSubstr("subgraph cluster_row1"));
  EXPECT_THAT(tall, Not(HasSubstr("figure_title")));
}

TEST(Fold, HubFigureIsNotFolded) {
  // 第28号's figure is a hub around the contact system: no place to cut it.
  const Model model = test::bundled_model("edogawa-nursery-contact.toml");
  FigureOptions options;
  options.format = FigureFormat::dot;
  EXPECT_THAT(render_figure(model, test::catalogue(), {}, options), Not(HasSubstr("cluster_row")));
}

TEST(Fold, FanOutToManyRecipientsTurnsTopToBottom) {
  // 第27号 hands the roster to six stations: left to right they stack into a tall figure,
  // top to bottom they stand side by side under the ward.
  const Model model = test::bundled_model("edogawa-evacuation-roster.toml");
  FigureOptions options;
  options.format = FigureFormat::dot;
  const std::string dot = render_figure(model, test::catalogue(), {}, options);
  EXPECT_THAT(dot, HasSubstr("rankdir=TB"));
  // Flows enter the recipients' frames from above: their names and callouts sit below; the
  // ward's, where the flows start, stay on top.
  auto line_with = [&dot](const std::string& text) {
    const std::size_t at = dot.find(text);
    if (at == std::string::npos) return std::string();
    const std::size_t start = dot.rfind('\n', at) + 1;
    return dot.substr(start, dot.find('\n', at) - start);
  };
  EXPECT_THAT(line_with("<B>警視庁</B>"), HasSubstr("labelloc=b;"));
  EXPECT_THAT(line_with("<B>東京消防庁</B>"), HasSubstr("labelloc=b;"));
  EXPECT_THAT(line_with("<B>江戸川区</B>"), Not(HasSubstr("labelloc=b;")));
  EXPECT_THAT(line_with("<B>江戸川区</B>"), HasSubstr("labeljust=l"));
}

TEST(Fold, CalloutLinesOverrideTheFiguresChoice) {
  const Model model = test::bundled_model("shinjuku-child-consultation-tablet.toml");
  FigureLayout six, sixteen;
  six.callout_lines = 6;
  sixteen.callout_lines = 16;
  const std::string short_columns = figure_dot(model, test::catalogue(), {}, {}, six);
  const std::string long_columns = figure_dot(model, test::catalogue(), {}, {}, sixteen);
  // The cloud frame's callout of 16 measures: three columns of six, or one of sixteen.
  auto columns = [](const std::string& dot, const std::string& measure) {
    const std::size_t at = dot.find(measure, dot.find("m_o", dot.find("外部クラウド")));
    const std::size_t row_start = dot.rfind("<TR>", at), row_end = dot.find("</TR>", at);
    std::size_t cells = 0;
    for (std::size_t p = dot.find("<TD", row_start); p < row_end; p = dot.find("<TD", p + 1))
      ++cells;
    return cells;
  };
  EXPECT_EQ(columns(short_columns, "・特定相手以外との通信不可"), 3u);
  EXPECT_EQ(columns(long_columns, "・特定相手以外との通信不可"), 1u);
}

TEST(Fold, CloseRanksBringTheStepsTogether) {
  const Model model = test::model_from(test::kChainModel);
  FigureLayout close;
  close.close_ranks = true;
  EXPECT_THAT(figure_dot(model, test::catalogue(), {}, {}), HasSubstr("ranksep=0.45"));
  EXPECT_THAT(figure_dot(model, test::catalogue(), {}, {}, close), HasSubstr("ranksep=0.2"));
  close.row_of = {{"n0", 0}, {"n1", 1}};
  EXPECT_THAT(figure_dot(model, test::catalogue(), {}, {}, close), HasSubstr("ranksep=0.2"));
}

}  // namespace
}  // namespace nagare
