// The committee figure, checked by its structure: every node, step and callout is there,
// uncovered flows are red, hostile text stays text, and the output is deterministic.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "nagare/render.h"
#include "test_support.h"

namespace nagare {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string unescape(std::string text) {
  static const std::regex numeric("&#([0-9]+);");
  std::string decoded;
  std::sregex_iterator end;
  std::size_t last = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), numeric); it != end; ++it) {
    decoded += text.substr(last, static_cast<std::size_t>(it->position()) - last);
    const int code = std::stoi((*it)[1].str());
    if (code < 0x80) decoded += static_cast<char>(code);  // Graphviz escapes only ASCII so
    last = static_cast<std::size_t>(it->position() + it->length());
  }
  text = decoded + text.substr(last);
  const std::pair<std::string_view, std::string_view> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [entity, character] : entities) {
    for (std::size_t at = text.find(entity); at != std::string::npos;
         at = text.find(entity, at + character.size())) {
      text.replace(at, entity.size(), character);
    }
  }
  return text;
}

/// All text the SVG shows, joined without breaks (wrapped labels come back whole).
std::string svg_text(const std::string& svg) {
  static const std::regex text_element("<text[^>]*>([^<]*)</text>");
  std::string all;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), text_element);
       it != std::sregex_iterator(); ++it) {
    all += unescape((*it)[1].str());
  }
  all.erase(std::remove(all.begin(), all.end(), ' '), all.end());
  return all;
}

std::string squeeze(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
  text.erase(std::remove(text.begin(), text.end(), '\n'), text.end());
  return text;
}

std::string render(const Model& model, bool findings, FigureFormat format = FigureFormat::svg) {
  FigureOptions options;
  options.format = format;
  options.show_findings = findings;
  std::vector<Finding> found;
  if (findings) found = check_model(model, test::catalogue(), test::default_policy());
  return render_figure(model, test::catalogue(), found, options);
}

std::vector<std::string> bundled_models() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(NAGARE_TEST_MODELS_DIR)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(Render, EveryBundledFigureShowsEveryNodeStepAndCallout) {
  for (const std::string& file : bundled_models()) {
    auto loaded = load_model_file(file, test::catalogue());
    ASSERT_TRUE(loaded.value) << file;
    const Model& model = *loaded.value;
    const std::string svg = render(model, false);
    const std::string text = svg_text(svg);
    EXPECT_THAT(text, HasSubstr(squeeze(model.paper.title))) << file;
    for (const Node& node : model.nodes) {
      if (node.kind == NodeKind::network) continue;  // drawn as the channel of its flows
      EXPECT_THAT(text, HasSubstr(squeeze(node.name))) << file << ": node " << node.id;
      for (const MeasureMark& mark : node.measures) {
        if (mark.not_applicable) continue;
        EXPECT_THAT(text, HasSubstr(squeeze(measure_name(test::catalogue(), model, mark.measure))))
            << file << ": callout of " << node.id;
      }
    }
    for (const Organization& org : model.orgs) {
      if (org.role == OrgRole::subject) continue;
      EXPECT_THAT(text, HasSubstr(squeeze(org.name))) << file << ": frame " << org.id;
      for (const MeasureMark& mark : org.measures) {
        if (mark.not_applicable) continue;
        EXPECT_THAT(text, HasSubstr(squeeze(measure_name(test::catalogue(), model, mark.measure))))
            << file << ": callout of " << org.id;
      }
    }
    for (const Flow& flow : model.flows) {
      EXPECT_THAT(text, HasSubstr(squeeze(model.flow_title(flow)))) << file << ": flow " << flow.id;
    }
  }
}

TEST(Render, UncoveredFlowsAreRedOnlyWhenAsked) {
  auto loaded = load_model_file(
      std::string(NAGARE_TEST_MODELS_DIR) + "/shinjuku-child-consultation-tablet.toml",
      test::catalogue());
  ASSERT_TRUE(loaded.value);
  const std::string plain = render(*loaded.value, false);
  const std::string flagged = render(*loaded.value, true);
  EXPECT_THAT(plain, Not(HasSubstr("#c62828")));
  EXPECT_THAT(flagged, HasSubstr("stroke=\"#c62828\""));
  EXPECT_THAT(svg_text(flagged), HasSubstr("※1"));
  EXPECT_THAT(svg_text(flagged), HasSubstr("対策が確認できない箇所"));
}

TEST(Render, SameModelGivesByteIdenticalSvg) {
  auto loaded = load_model_file(std::string(NAGARE_TEST_MODELS_DIR) + "/shinjuku-dv-hotline.toml",
                                test::catalogue());
  ASSERT_TRUE(loaded.value);
  EXPECT_EQ(render(*loaded.value, true), render(*loaded.value, true));
}

TEST(Render, HostileLabelsStayText) {
  const Model model = test::model_from(R"toml([paper]
title = "<script>alert('x')</script> & \"quotes\" {braces} ]]>"
[[orgs]]
id = "o"
name = "<b>組織</b>&amp;"
role = "contractor"
[[nodes]]
id = "a"
name = "A\u202e\u0007<img src=x onerror=alert(1)>"
kind = "terminal"
org = "o"
note = "}}{{ <!-- -->"
[[nodes]]
id = "b"
name = "B"
kind = "system"
[[flows]]
id = "f"
step = 1
from = "a"
to = "b"
label = "</text><script>"
)toml");
  const std::string dot = render(model, false, FigureFormat::dot);
  EXPECT_THAT(dot, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(dot, Not(HasSubstr("\u202e")));
  const std::string svg = render(model, false);
  EXPECT_THAT(svg, Not(HasSubstr("<script")));
  EXPECT_THAT(svg, Not(HasSubstr("<img")));
  EXPECT_THAT(svg, Not(HasSubstr("<b>")));
  EXPECT_THAT(svg_text(svg), HasSubstr("<script>alert('x')</script>&\"quotes\"{braces}]]>"));
  EXPECT_THAT(svg_text(svg), HasSubstr("</text><script>"));
}

TEST(Render, BackslashesAreDrawnAsWritten) {
  // Graphviz expands \N (node name), \G (graph name) and \\ even in HTML-like labels.
  const Model model = test::model_from(R"toml([paper]
title = 'C:\Users\G'
[[nodes]]
id = "a"
name = '\\fs01\Nagare\Gakko'
kind = "system"
[[nodes]]
id = "b"
name = "B"
kind = "terminal"
[[flows]]
id = "f"
step = 1
from = "b"
to = "a"
label = '\L\E\T\H\l\n'
)toml");
  const std::string text = svg_text(render(model, false));
  EXPECT_THAT(text, HasSubstr(R"(\\fs01\Nagare\Gakko)"));
  EXPECT_THAT(text, HasSubstr(R"(C:\Users\G)"));
  EXPECT_THAT(text, HasSubstr(R"(\L\E\T\H\l\n)"));
}

TEST(Render, AHugeLabelIsDrawnCutShortWithItsStep) {
  std::string label;
  for (int i = 0; i < 200000; ++i) label += "長い";
  const Model model = test::model_from(R"toml([paper]
title = "t"
[[nodes]]
id = "a"
name = "A"
kind = "terminal"
[[nodes]]
id = "b"
name = "B"
kind = "system"
[[flows]]
id = "f"
step = 1
from = "a"
to = "b"
label = ")toml" + label + "\"\n");
  const std::string svg = render(model, false);
  const std::string text = svg_text(svg);
  EXPECT_THAT(text, HasSubstr("①"));
  EXPECT_THAT(text, HasSubstr("長い長い…"));
  EXPECT_LT(svg.size(), 100000u);
}

TEST(Render, AMeansNoSourceStatesHasAStyleAndLegendOfItsOwn) {
  const std::string head = R"toml([paper]
title = "t"
[[orgs]]
id = "ward"
name = "区"
role = "ward"
[[orgs]]
id = "npo"
name = "法人"
role = "contractor"
[[nodes]]
id = "a"
name = "職員"
kind = "person"
org = "ward"
[[nodes]]
id = "b"
name = "相談員"
kind = "person"
org = "npo"
[[nodes]]
id = "net"
name = "インターネット"
kind = "network"
network = "internet"
)toml";
  const Model unstated = test::model_from(head + R"toml([[flows]]
id = "f"
step = 1
from = "a"
to = "b"
means = "unstated"
label = "連絡調整"
)toml");
  const std::string dot = render(unstated, false, FigureFormat::dot);
  EXPECT_THAT(dot, HasSubstr("style=dashed, color=\"#9e9e9e\", arrowhead=empty"));
  EXPECT_THAT(render(unstated, false), HasSubstr("手段の記載なし"));
  // Declared means keep their own styles, and the legend names no unstated line.
  const Model declared = test::model_from(head + R"toml([[flows]]
id = "f"
step = 1
from = "a"
to = "b"
via = ["net"]
label = "連絡調整"
)toml");
  const std::string declared_dot = render(declared, false, FigureFormat::dot);
  EXPECT_THAT(declared_dot, Not(HasSubstr("#9e9e9e\", arrowhead=empty")));
  EXPECT_THAT(declared_dot, Not(HasSubstr("手段の記載なし")));
}

TEST(Render, FootnotesNameWhatTheFigureShowsWithoutIds) {
  const Model model = test::bundled_model("edogawa-nursery-contact.toml");
  const std::vector<Finding> found = check_model(model, test::catalogue(), test::default_policy());
  ASSERT_FALSE(found.empty());
  FigureOptions options;
  options.show_findings = true;
  const std::string dot = figure_dot(model, test::catalogue(), found, options, {});
  std::size_t flows = 0, named = 0;
  for (const Finding& finding : found) {
    if (finding.from && finding.to) {
      ++flows;
      EXPECT_THAT(dot, Not(HasSubstr("(" + *finding.from + " → " + *finding.to + ")")));
    }
    if (finding.node) {
      EXPECT_THAT(dot, Not(HasSubstr("」(" + *finding.node + ")")));
    }
    if (finding.org) {
      EXPECT_THAT(dot, Not(HasSubstr("」(" + *finding.org + ")")));
    }
    // The words around the ids stay: the flow's, node's or frame's name in 「」, then the rest.
    if (finding.org && finding.message.find("」(" + *finding.org + ") ") != std::string::npos)
      named += dot.find("」に必要な対策がありません") != std::string::npos ? 1 : 0;
  }
  EXPECT_GT(flows, 0u);
  EXPECT_GT(named, 0u);
}

TEST(Render, AnUndescribedInquiryDoesNotStretchItsFrame) {
  // The agent's clerk only answers inquiries whose means no source states: the clerk stands in
  // the column of the agent's system, and those lines do not place the clerk.
  const std::string text = R"toml([paper]
title = "t"
[[orgs]]
id = "ward"
name = "区"
role = "ward"
[[orgs]]
id = "agent"
name = "収納代行"
role = "contractor"
[[nodes]]
id = "clerk"
name = "区職員"
kind = "person"
org = "ward"
[[nodes]]
id = "system"
name = "収納代行システム"
kind = "system"
org = "agent"
[[nodes]]
id = "media"
name = "媒体"
kind = "medium"
medium = "usb"
org = "agent"
[[nodes]]
id = "agent-clerk"
name = "代行事業者の従事者"
kind = "person"
org = "agent"
[[nodes]]
id = "net"
name = "回線"
kind = "network"
network = "dedicated-line"
[[flows]]
id = "send"
step = 1
from = "system"
to = "media"
label = "媒体に書き出す"
[[flows]]
id = "deliver"
step = 2
from = "media"
to = "clerk"
via = []
means = "in-person"
label = "区に届ける"
[[flows]]
id = "inquiry"
step = 3
from = "clerk"
to = "agent-clerk"
means = "unstated"
label = "照会"
)toml";
  const Model model = test::model_from(text);
  const std::string dot = figure_dot(model, test::catalogue(), {}, {}, {});
  EXPECT_THAT(dot, HasSubstr("{rank=same; n1; n3;}"));
  EXPECT_THAT(dot, HasSubstr("l2 -> n3 [style=dashed, color=\"#9e9e9e\", arrowhead=empty, "
                             "arrowtail=empty, constraint=false"));
  // A clerk with a declared line keeps the place that line gives it.
  const Model declared = test::model_from(
      std::regex_replace(text, std::regex("means = \"unstated\""), "means = \"in-person\""));
  EXPECT_THAT(figure_dot(declared, test::catalogue(), {}, {}, {}),
              Not(HasSubstr("{rank=same; n1; n3;}")));
}

TEST(Render, ALineSeveralFlowsShareIsABandNamedOnce) {
  const Model model = test::bundled_model("edogawa-nursery-contact.toml");
  const std::string dot = figure_dot(model, test::catalogue(), {}, {}, {});
  // The internet is a band behind the flows on it (one each side of the contractor), named
  // in its heading and no longer in brackets on each of its seventeen flows.
  EXPECT_THAT(dot, HasSubstr("subgraph cluster_band0 {"));
  EXPECT_THAT(dot, HasSubstr("subgraph cluster_band1 {"));
  EXPECT_THAT(dot, HasSubstr("label=<<B>インターネット</B>>"));
  EXPECT_THAT(dot, Not(HasSubstr("【インターネット】")));
  // A line one flow alone uses stays in brackets on that flow.
  EXPECT_THAT(dot, HasSubstr("【電話】"));
  // A shared line with measures of its own carries them once, in its band.
  const Model tablet = test::bundled_model("shinjuku-child-consultation-tablet.toml");
  FigureLayout table;
  table.measures = MeasureDetail::table;
  const std::string tabled = figure_dot(tablet, test::catalogue(), {}, {}, table);
  EXPECT_THAT(tabled, HasSubstr("subgraph cluster_band0 {"));
  EXPECT_THAT(tabled, Not(HasSubstr("【閉域ネットワーク")));
}

TEST(Render, MeasuresGoBesideTheirFlowOrIntoATable) {
  const Model model = test::bundled_model("shinjuku-dv-hotline.toml");
  FigureLayout full, table;
  table.measures = MeasureDetail::table;
  const std::string beside = figure_dot(model, test::catalogue(), {}, {}, full);
  // The flow's label is its step and its words; its measures are a callout beside it.
  EXPECT_THAT(beside, HasSubstr("label=<<B>①</B>DV相談ダイヤル"));
  EXPECT_THAT(beside, Not(HasSubstr("［対策")));
  const std::string tabled = figure_dot(model, test::catalogue(), {}, {}, table);
  EXPECT_THAT(tabled, HasSubstr("［対策1］"));
  EXPECT_THAT(tabled, HasSubstr("［項目1］"));
  EXPECT_THAT(tabled, HasSubstr("対策と情報項目"));
  EXPECT_THAT(tabled, Not(HasSubstr("m_n")));  // no callouts left on the figure
  EXPECT_THAT(tabled, Not(HasSubstr("m_o")));
}

TEST(Render, ATableInPartsKeepsItsOrderAndEachPartIsATableOfItsOwn) {
  const Model model = test::bundled_model("edogawa-convenience-payment.toml");
  FigureLayout table;
  table.measures = MeasureDetail::table;
  auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
      ++n;
    return n;
  };
  const std::string part_start = "<TD ALIGN=\"LEFT\" VALIGN=\"TOP\"><TABLE";
  for (std::size_t parts = 1; parts <= 3; ++parts) {
    table.table_parts = parts;
    const std::string dot = figure_dot(model, test::catalogue(), {}, {}, table);
    EXPECT_EQ(count(dot, part_start), parts) << parts;
    // Read down the first part and on into the next: the marks keep their order.
    std::size_t last = 0;
    for (int mark = 1; mark <= 16; ++mark) {
      const std::size_t at = dot.find("［対策" + std::to_string(mark) + "］", last);
      ASSERT_NE(at, std::string::npos) << parts << " parts, 対策" << mark;
      last = at;
    }
  }
  // Left to choose, the table takes the count whose tallest part is shortest: here more than
  // one, as twenty rows in one part would be far taller than the figure is wide.
  table.table_parts = 0;
  EXPECT_GT(count(figure_dot(model, test::catalogue(), {}, {}, table), part_start), 1u);
}

TEST(Render, AFrameOneNodeWideHasAHeadingAsNarrowAsItsNode) {
  const std::string frames = R"toml([paper]
title = "t"
[[orgs]]
id = "ward"
name = "区"
role = "ward"
[[orgs]]
id = "vendor"
name = "アプリ管理者（モバイルアプリケーション各社）"
role = "contractor"
[[nodes]]
id = "clerk"
name = "職員"
kind = "person"
org = "ward"
[[nodes]]
id = "server"
name = "サーバー"
kind = "system"
org = "vendor"
[[flows]]
id = "f"
step = 1
from = "clerk"
to = "server"
label = "送信"
)toml";
  FigureLayout table;
  table.measures = MeasureDetail::table;
  const std::string narrow = figure_dot(test::model_from(frames), test::catalogue(), {}, {}, table);
  EXPECT_THAT(narrow,
              HasSubstr("<B>アプリ管理者<BR/>（モバイル<BR/>アプリケーション<BR/>各社）</B>"));
  // Without measures beside its node, the frame is as narrow in any mode.
  EXPECT_THAT(figure_dot(test::model_from(frames), test::catalogue(), {}, {}, {}),
              HasSubstr("<BR/>アプリケーション<BR/>"));
  // A callout of measures beside the node widens the frame anyway; and with a flow between
  // two of its nodes the frame is two ranks wide: the heading may be as wide.
  std::string with_callout = frames;
  with_callout.replace(with_callout.find("org = \"vendor\""), 14,
                       "org = \"vendor\"\nmeasures = [{ id = \"access-control\" }]");
  EXPECT_THAT(figure_dot(test::model_from(with_callout), test::catalogue(), {}, {}, {}),
              HasSubstr("<BR/>アプリケーション各社）</B>"));
  const std::string wide = figure_dot(test::model_from(frames + R"toml([[nodes]]
id = "store"
name = "保管庫"
kind = "datastore"
org = "vendor"
[[flows]]
id = "g"
step = 2
from = "server"
to = "store"
label = "保存"
)toml"),
                                      test::catalogue(), {}, {}, table);
  EXPECT_THAT(wide, HasSubstr("<BR/>アプリケーション各社）</B>"));
}

TEST(Render, NestedOrganizationsAreFramesInFramesAndALineOrganizationIsABand) {
  const Model model = test::model_from(R"toml([paper]
title = "t"
[[orgs]]
id = "pref"
name = "県"
role = "ward"
[[orgs]]
id = "board"
name = "教育委員会"
role = "department"
parent = "pref"
[[orgs]]
id = "school"
name = "県立学校"
role = "department"
parent = "board"
[[orgs]]
id = "lgwan"
name = "LGWAN"
role = "other"
[[orgs]]
id = "vendor"
name = "委託先"
role = "contractor"
[[nodes]]
id = "teacher"
name = "教員"
kind = "person"
org = "school"
[[nodes]]
id = "line"
name = "LGWAN回線"
kind = "network"
network = "lgwan"
org = "lgwan"
[[nodes]]
id = "server"
name = "サーバー"
kind = "system"
org = "vendor"
[[flows]]
id = "f"
step = 1
from = "teacher"
to = "server"
via = ["line"]
label = "送信"
)toml");
  const std::string dot = figure_dot(model, test::catalogue(), {}, {}, {});
  const std::size_t pref = dot.find("subgraph cluster_o0"), board = dot.find("subgraph cluster_o1"),
                    school = dot.find("subgraph cluster_o2"), teacher = dot.find("n0 [");
  ASSERT_NE(pref, std::string::npos);
  EXPECT_LT(pref, board);
  EXPECT_LT(board, school);
  EXPECT_LT(school, teacher);
  // 県 > 教育委員会 > 県立学校: each frame opens inside its parent before the parent closes.
  const std::string inner = dot.substr(pref, teacher - pref);
  EXPECT_EQ(
      std::count(inner.begin(), inner.end(), '}') - std::count(inner.begin(), inner.end(), '{'),
      -3);
  // The line is no empty frame: a band node the flow passes through.
  EXPECT_THAT(dot, Not(HasSubstr("subgraph cluster_o3")));
  EXPECT_THAT(dot, HasSubstr("n1 [shape=box, style=\"rounded,filled\", fillcolor=\"#eceff1\""));
  EXPECT_THAT(dot, HasSubstr("-> n1 ["));
  EXPECT_THAT(dot, HasSubstr("n1 -> n2 ["));
}

TEST(Render, PngAndPdfComeOut) {
  auto loaded = load_model_file(std::string(NAGARE_TEST_MODELS_DIR) + "/shinjuku-dv-hotline.toml",
                                test::catalogue());
  ASSERT_TRUE(loaded.value);
  EXPECT_EQ(render(*loaded.value, false, FigureFormat::png).substr(1, 3), "PNG");
  EXPECT_EQ(render(*loaded.value, false, FigureFormat::pdf).substr(0, 5), "%PDF-");
}

}  // namespace
}  // namespace nagare
