// Choosing where to fold a long figure. Blocks are cut into rows only between two blocks
// that do not overlap left to right in the one-row layout, so each row keeps the reading
// order and reads on from the end of the row above.

#include "fold.h"

#include <algorithm>
#include <cstddef>
#include <functional>

namespace nagare::render {
namespace {

constexpr double kPointsPerInch = 72;
constexpr double kRowGap = 16;         // points between rows (the pack margin and some air)
constexpr double kConnectorRoom = 40;  // points a row grows by for its connector marks
// Shares of the scale that a pair of connector marks and a further row are worth: a reader
// follows one row more easily than a jump, so rows must pay for themselves.
constexpr double kCostPerConnector = 0.03;
constexpr double kCostPerRow = 0.08;
// A row much shorter than the widest leaves the page half empty beside it.
constexpr double kCostOfEmptyRow = 0.2;
constexpr double kWorthFolding = 1.15;  // folding must print this much larger to be chosen
constexpr std::size_t kMaxRows = 4;
constexpr std::size_t kMaxCutPlaces = 40;  // beyond this, only two rows are tried

struct Block {
  std::string name;
  Box box;
};

struct Candidate {
  std::vector<std::size_t> starts;  // index of the first block of each row after the first
  double scale = 0;                 // estimated print scale
  double score = 0;                 // the scale less what connectors and rows cost
};

}  // namespace

/// The printable area of the paper in points (1 cm margins all round).
std::pair<double, double> printable_area(const FigureOptions& options) {
  double width = options.paper == "a3" ? 16.54 : 11.69;
  double height = options.paper == "a3" ? 11.69 : 8.27;
  if (options.portrait) std::swap(width, height);
  return {(width - 0.8) * kPointsPerInch, (height - 0.8) * kPointsPerInch};
}

double print_scale(const Box& figure, const FigureOptions& options) {
  const auto [width, height] = printable_area(options);
  if (figure.width() <= 0 || figure.height() <= 0) return 1;
  return std::min(width / figure.width(), height / figure.height());
}

bool limited_by_width(const Box& figure, const FigureOptions& options) {
  const auto [width, height] = printable_area(options);
  return figure.width() * height > figure.height() * width;
}

FigureLayout choose_rows(const MeasuredFigure& figure, const BlockLinks& links,
                         const FigureOptions& options) {
  if (options.rows == 1 || figure.blocks.size() < 2) return {};
  std::vector<Block> blocks;
  for (const auto& [name, box] : figure.blocks) blocks.push_back({name, box});
  std::stable_sort(blocks.begin(), blocks.end(),
                   [](const Block& a, const Block& b) { return a.box.x0 < b.box.x0; });
  // A row may start at block i when every block before it ends left of it.
  std::vector<std::size_t> cut_places;
  double right = blocks.front().box.x1;
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    if (blocks[i].box.x0 >= right - 1) cut_places.push_back(i);
    right = std::max(right, blocks[i].box.x1);
  }
  if (cut_places.empty()) return {};

  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < blocks.size(); ++i) index[blocks[i].name] = i;
  Box all = blocks.front().box;
  for (const Block& block : blocks) {
    all.x0 = std::min(all.x0, block.box.x0);
    all.x1 = std::max(all.x1, block.box.x1);
    all.y0 = std::min(all.y0, block.box.y0);
    all.y1 = std::max(all.y1, block.box.y1);
  }
  // Title, legend, footnotes and margins stay as they are; only the blocks' part is folded.
  const double overhead_height = figure.whole.height() - all.height();
  const double overhead_width = std::max(0.0, figure.whole.width() - all.width());
  const double one_row = print_scale(figure.whole, options);

  auto estimate = [&](const std::vector<std::size_t>& starts) {
    std::vector<std::size_t> row_of(blocks.size(), 0);
    for (std::size_t i = 0, row = 0; i < blocks.size(); ++i) {
      if (row < starts.size() && i == starts[row]) ++row;
      row_of[i] = row;
    }
    const std::size_t rows = starts.size() + 1;
    std::vector<Box> extent(rows);
    std::vector<bool> seen(rows, false), joined(rows, false);
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      Box& box = extent[row_of[i]];
      if (!seen[row_of[i]]) {
        box = blocks[i].box;
        seen[row_of[i]] = true;
      }
      box.x0 = std::min(box.x0, blocks[i].box.x0);
      box.x1 = std::max(box.x1, blocks[i].box.x1);
      box.y0 = std::min(box.y0, blocks[i].box.y0);
      box.y1 = std::max(box.y1, blocks[i].box.y1);
    }
    std::size_t connectors = 0;
    // A block with lines whose every line is cut would stand alone behind connector marks:
    // such a cut is not made unless rows were asked for.
    std::vector<std::size_t> lines_of(blocks.size(), 0), cut_of(blocks.size(), 0);
    for (const auto& [a, b] : links) {
      auto from = index.find(a), to = index.find(b);
      if (from == index.end() || to == index.end() || from->second == to->second) continue;
      ++lines_of[from->second];
      ++lines_of[to->second];
      if (row_of[from->second] == row_of[to->second]) continue;
      ++connectors;
      ++cut_of[from->second];
      ++cut_of[to->second];
      joined[row_of[from->second]] = joined[row_of[to->second]] = true;
    }
    bool strands = false;
    for (std::size_t i = 0; i < blocks.size(); ++i)
      strands = strands || (lines_of[i] > 0 && cut_of[i] == lines_of[i]);
    Box folded;
    folded.y1 = overhead_height + kRowGap * static_cast<double>(rows - 1);
    folded.x1 = overhead_width;
    double widest = 0;
    for (std::size_t row = 0; row < rows; ++row) {
      widest = std::max(widest, extent[row].width() + (joined[row] ? kConnectorRoom : 0));
      folded.y1 += extent[row].height();
    }
    folded.x1 += widest;
    double empty = 0;
    for (const Box& row : extent) empty += 1 - row.width() / widest;
    Candidate candidate{starts, print_scale(folded, options), 0};
    candidate.score = candidate.scale * (1 - kCostPerConnector * static_cast<double>(connectors)) *
                      (1 - kCostPerRow * static_cast<double>(rows - 1)) *
                      (1 - kCostOfEmptyRow * empty);
    if (strands && options.rows < 2) candidate.score = 0;
    return candidate;
  };

  const std::size_t wanted = static_cast<std::size_t>(std::max(0, options.rows));
  const std::size_t most =
      wanted >= 2 ? wanted : (cut_places.size() > kMaxCutPlaces ? 2 : kMaxRows);
  Candidate best;
  std::vector<std::size_t> starts;
  std::function<void(std::size_t)> extend = [&](std::size_t from) {
    if (!starts.empty() && (wanted < 2 || starts.size() + 1 == wanted)) {
      Candidate candidate = estimate(starts);
      if (candidate.score > best.score) best = std::move(candidate);
    }
    if (starts.size() + 1 >= most) return;
    for (std::size_t k = from; k < cut_places.size(); ++k) {
      starts.push_back(cut_places[k]);
      extend(k + 1);
      starts.pop_back();
    }
  };
  extend(0);
  if (best.starts.empty()) return {};
  if (wanted < 2 && (one_row >= 1 || best.scale < one_row * kWorthFolding)) return {};

  FigureLayout rows;
  for (std::size_t i = 0, row = 0; i < blocks.size(); ++i) {
    if (row < best.starts.size() && i == best.starts[row]) ++row;
    rows.row_of[blocks[i].name] = row;
  }
  return rows;
}

}  // namespace nagare::render
