// The laid-out figure, checked by geometry on every bundled model and on generated ones:
// no line runs through a heading, callout or item list it does not belong to, no two text
// boxes overlap, no label line starts or ends inside a word (by ICU's Japanese word
// boundaries), and a chain of steps reads in order along the rows.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <sstream>

#include "../../bench/synthetic.h"
#include "../../src/render/geometry.h"
#include "nagare/render.h"
#include "test_support.h"

namespace nagare {
namespace {

using render::Box;
using render::FigureGeometry;
using Kind = FigureGeometry::Kind;

// Graphviz's own rounding puts neighbours up to a point or two into each other.
constexpr double kSlack = 2;

bool inside(const Box& box, double x, double y) {
  return x > box.x0 + kSlack && x < box.x1 - kSlack && y > box.y0 + kSlack && y < box.y1 - kSlack;
}

bool overlap(const Box& a, const Box& b) {
  return a.x0 + kSlack < b.x1 && b.x0 + kSlack < a.x1 && a.y0 + kSlack < b.y1 &&
         b.y0 + kSlack < a.y1;
}

struct Figure {
  std::string name;
  Model model;
};

std::vector<Figure> figures() {
  std::vector<Figure> all;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(NAGARE_TEST_MODELS_DIR)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    auto loaded = load_model_file(file, test::catalogue());
    if (loaded.value) all.push_back({file, *loaded.value});
  }
  for (std::uint32_t seed : {1u, 2u}) {
    std::ostringstream text;
    bench::write_synthetic_model(text, seed, bench::kBusinessFlows, 25);
    all.push_back({"generated seed " + std::to_string(seed), test::model_from(text.str())});
  }
  return all;
}

/// Each figure with and without findings, laid out once for every check below.
struct LaidOut {
  std::string name;
  const Model* model;
  FigureGeometry geometry;
};

const std::vector<LaidOut>& laid_out() {
  static const std::vector<Figure> all = figures();
  static const std::vector<LaidOut> figures = [] {
    std::vector<LaidOut> out;
    for (const Figure& figure : all) {
      for (const bool findings : {false, true}) {
        FigureOptions options;
        options.show_findings = findings;
        std::vector<Finding> found;
        if (findings) found = check_model(figure.model, test::catalogue(), test::default_policy());
        out.push_back({figure.name + (findings ? " --findings" : ""), &figure.model,
                       render::figure_geometry(figure.model, test::catalogue(), found, options)});
      }
    }
    return out;
  }();
  return figures;
}

bool guarded(Kind kind) {
  return kind == Kind::heading || kind == Kind::callout || kind == Kind::items ||
         kind == Kind::legend;
}

TEST(FigureGeometry, NoLineCrossesAHeadingCalloutOrItemListItDoesNotBelongTo) {
  for (const LaidOut& figure : laid_out()) {
    for (const FigureGeometry::Text& text : figure.geometry.texts) {
      if (!guarded(text.kind)) continue;
      for (const FigureGeometry::Line& line : figure.geometry.lines) {
        if (line.tail == text.name || line.head == text.name) continue;
        const bool crosses = std::any_of(line.points.begin(), line.points.end(), [&](auto p) {
          return inside(text.box, p.first, p.second);
        });
        EXPECT_FALSE(crosses) << figure.name << ": " << line.tail << " -> " << line.head
                              << " crosses " << text.name;
      }
    }
  }
}

TEST(FigureGeometry, NoTwoTextBoxesOverlap) {
  for (const LaidOut& figure : laid_out()) {
    const auto& texts = figure.geometry.texts;
    for (std::size_t a = 0; a < texts.size(); ++a) {
      for (std::size_t b = a + 1; b < texts.size(); ++b) {
        if (!overlap(texts[a].box, texts[b].box)) continue;
        ADD_FAILURE() << figure.name << ": " << texts[a].name << " overlaps " << texts[b].name;
      }
    }
  }
}

/// The reading position of a box: row first, then across (or down a turned figure).
std::pair<std::size_t, double> reading_place(const FigureGeometry& geometry,
                                             const FigureGeometry::Text& text) {
  const double centre =
      geometry.top_to_bottom ? -(text.box.y0 + text.box.y1) / 2 : (text.box.x0 + text.box.x1) / 2;
  return {text.row, centre};
}

const FigureGeometry::Text* node_text(const FigureGeometry& geometry, std::size_t node) {
  const std::string name = "n" + std::to_string(node);
  for (const FigureGeometry::Text& text : geometry.texts) {
    if (text.name == name) return &text;
  }
  return nullptr;
}

TEST(FigureGeometry, AChainOfStepsReadsInOrderAlongTheRows) {
  for (const LaidOut& figure : laid_out()) {
    const Model& model = *figure.model;
    const FigureGeometry& geometry = figure.geometry;
    // The label of each flow's first stretch: the label node its flow_<id>_0 edges touch.
    std::map<std::string, const FigureGeometry::Text*> label_of;
    for (const FigureGeometry::Line& line : geometry.lines) {
      if (!line.flow.ends_with("_0")) continue;
      for (const FigureGeometry::Text& text : geometry.texts) {
        if (text.kind == Kind::label && (text.name == line.tail || text.name == line.head))
          label_of[line.flow.substr(5, line.flow.size() - 7)] = &text;
      }
    }
    for (const Flow& earlier : model.flows) {
      for (const Flow& later : model.flows) {
        if (!earlier.step || !later.step || *later.step != *earlier.step + 1) continue;
        if (later.from != earlier.to || later.to == earlier.from) continue;  // not a chain
        if (!label_of.count(earlier.id) || !label_of.count(later.id)) continue;
        // An answer or a report back runs against the reading order by nature: only steps
        // that both read forward make a chain.
        auto forward = [&](const Flow& flow) {
          const auto* sender = node_text(geometry, flow.from);
          const auto* recipient = node_text(geometry, flow.to);
          return sender != nullptr && recipient != nullptr &&
                 reading_place(geometry, *sender) < reading_place(geometry, *recipient);
        };
        if (!forward(earlier) || !forward(later)) continue;
        EXPECT_LE(reading_place(geometry, *label_of[earlier.id]),
                  reading_place(geometry, *label_of[later.id]))
            << figure.name << ": step " << *later.step << " (" << later.id << ") before step "
            << *earlier.step << " (" << earlier.id << ")";
      }
    }
  }
}

/// The lines of text of each label as the SVG draws them, in order.
std::vector<std::vector<std::string>> svg_label_lines(const std::string& svg) {
  static const std::regex group("<g id=\"(node|clust|graph)[^\"]*\"[^>]*>([\\s\\S]*?)</g>");
  static const std::regex text_element("<text[^>]*>([^<]*)</text>");
  std::vector<std::vector<std::string>> labels;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), group); it != std::sregex_iterator();
       ++it) {
    const std::string body = (*it)[2].str();
    std::vector<std::string> lines;
    for (auto t = std::sregex_iterator(body.begin(), body.end(), text_element);
         t != std::sregex_iterator(); ++t)
      lines.push_back((*t)[1].str());
    labels.push_back(std::move(lines));
  }
  return labels;
}

bool is_word_boundary(icu::BreakIterator& words, const std::string& text, std::size_t at) {
  UErrorCode status = U_ZERO_ERROR;
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  words.setText(utext, status);
  const bool boundary = U_SUCCESS(status) && words.isBoundary(static_cast<int32_t>(at));
  words.setText(icu::UnicodeString());
  utext_close(utext);
  return boundary;
}

TEST(FigureGeometry, NoLabelLineStartsOrEndsInsideAWord) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getJapanese(), status));
  ASSERT_TRUE(U_SUCCESS(status));
  static const std::vector<Figure> all = figures();
  for (const Figure& figure : all) {
    FigureOptions options;
    const std::string svg = render_figure(figure.model, test::catalogue(), {}, options);
    for (const auto& lines : svg_label_lines(svg)) {
      for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        if (lines[i].empty() || lines[i + 1].empty()) continue;
        // Two lines of Latin text meet like one word (Box Japan / ISMS): which they are, the
        // SVG cannot tell; label_text_test checks that such words are not cut.
        if (std::isalnum(static_cast<unsigned char>(lines[i].back())) &&
            std::isalnum(static_cast<unsigned char>(lines[i + 1].front())))
          continue;
        const std::string joined = lines[i] + lines[i + 1];
        EXPECT_TRUE(is_word_boundary(*words, joined, lines[i].size()))
            << figure.name << ": 「" << lines[i] << "／" << lines[i + 1] << "」";
      }
    }
  }
}

}  // namespace
}  // namespace nagare
