// The only place that talks to Graphviz. cgraph is not thread-safe: all of this runs on
// the calling thread, one figure at a time.

#include <fcntl.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "fold.h"
#include "geometry.h"
#include "nagare/render.h"

namespace nagare {
namespace {

/// Graphviz reports errors through a callback; collect them for the exception message.
std::string& graphviz_errors() {
  static std::string errors;
  return errors;
}

int collect_error(char* message) {
  graphviz_errors() += message;
  return 0;
}

// cgraph's default ID discipline uses the address of each interned name as the object's
// ID, and orders subgraphs by ID: the clusters' order, and so the layout, would then depend
// on where the heap put the names. This discipline numbers names in the order they are met,
// so the same DOT text always gives the same figure.
struct SequentialIds {
  std::unordered_map<std::string, IDTYPE> ids;
  std::vector<std::string> names;  // names[id / 2 - 1]
  IDTYPE next_anonymous = 1;       // anonymous objects get odd IDs, named ones even
};

void* ids_open(Agraph_t*, Agdisc_t*) { return new SequentialIds; }

long ids_map(void* state, int, char* name, IDTYPE* id, int create) {
  auto* ids = static_cast<SequentialIds*>(state);
  if (name == nullptr) {
    *id = ids->next_anonymous;
    ids->next_anonymous += 2;
    return 1;
  }
  auto found = ids->ids.find(name);
  if (found != ids->ids.end()) {
    *id = found->second;
    return 1;
  }
  if (create == 0) return 0;
  ids->names.emplace_back(name);
  *id = static_cast<IDTYPE>(2 * ids->names.size());
  ids->ids.emplace(name, *id);
  return 1;
}

long ids_alloc(void*, int, IDTYPE) { return 0; }  // callers may not choose IDs
void ids_free(void*, int, IDTYPE) {}
char* ids_print(void* state, int, IDTYPE id) {
  auto* ids = static_cast<SequentialIds*>(state);
  if (id % 2 != 0 || id == 0 || id / 2 > ids->names.size()) return nullptr;
  return ids->names[id / 2 - 1].data();
}
void ids_close(void* state) { delete static_cast<SequentialIds*>(state); }
void ids_register(void*, int, void*) {}

Agiddisc_t sequential_id_discipline{ids_open,  ids_map,   ids_alloc,   ids_free,
                                    ids_print, ids_close, ids_register};

/// Reads DOT text from memory, a line at a time as cgraph's own reader does.
struct TextChannel {
  const std::string& text;
  std::size_t position = 0;
};

int read_text(void* channel, char* buffer, int size) {
  auto* input = static_cast<TextChannel*>(channel);
  int length = 0;
  while (length < size && input->position < input->text.size()) {
    const char c = input->text[input->position++];
    buffer[length++] = c;
    if (c == '\n') break;
  }
  return length;
}

Agraph_t* read_dot(const std::string& dot) {
  static Agiodisc_t io = [] {
    Agiodisc_t disc = AgIoDisc;
    disc.afread = read_text;
    return disc;
  }();
  static Agdisc_t disc{&AgMemDisc, &sequential_id_discipline, &io};
  TextChannel channel{dot};
  return agread(&channel, &disc);
}

/// Graphviz's path planner reports a route it cannot find ("libpath/shortest.c:324:
/// triangulation failed") by printing to stderr itself, not through agerr; the edge is still
/// drawn, and the lines would only puzzle the user. stderr points at /dev/null while a
/// layout runs (figures are laid out on one thread, with nothing else writing).
class QuietStderr {
 public:
  QuietStderr() {
    std::fflush(stderr);
    saved_ = dup(STDERR_FILENO);
    const int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved_ >= 0 && null >= 0) dup2(null, STDERR_FILENO);
    if (null >= 0) close(null);
  }
  ~QuietStderr() {
    std::fflush(stderr);
    if (saved_ < 0) return;
    dup2(saved_, STDERR_FILENO);
    close(saved_);
  }
  QuietStderr(const QuietStderr&) = delete;
  QuietStderr& operator=(const QuietStderr&) = delete;

 private:
  int saved_ = -1;
};

struct ContextDeleter {
  void operator()(GVC_t* context) const { gvFreeContext(context); }
};
using Context = std::unique_ptr<GVC_t, ContextDeleter>;

/// A graph read from DOT text, laid out at most once; frees layout, then graph.
class LaidOutGraph {
 public:
  LaidOutGraph(GVC_t* context, const std::string& dot) : context_(context) {
    graph_ = read_dot(dot);
    if (graph_ == nullptr)
      throw std::runtime_error("Graphviz could not read the figure: " + graphviz_errors());
    int status = 0;
    {
      const QuietStderr quiet;
      status = gvLayout(context_, graph_, "dot");
    }
    if (status != 0) {
      agclose(graph_);
      throw std::runtime_error("Graphviz could not lay out the figure: " + graphviz_errors());
    }
  }
  ~LaidOutGraph() {
    gvFreeLayout(context_, graph_);
    agclose(graph_);
  }
  LaidOutGraph(const LaidOutGraph&) = delete;
  LaidOutGraph& operator=(const LaidOutGraph&) = delete;

  Agraph_t* graph() const { return graph_; }

  std::string render(const char* format) {
    char* data = nullptr;
    unsigned int length = 0;
    if (gvRenderData(context_, graph_, format, &data, &length) != 0 || data == nullptr) {
      if (data != nullptr) gvFreeRenderData(data);
      throw std::runtime_error(std::string("Graphviz could not render ") + format + ": " +
                               graphviz_errors());
    }
    std::string bytes(data, length);
    gvFreeRenderData(data);
    return bytes;
  }

 private:
  GVC_t* context_;
  Agraph_t* graph_ = nullptr;
};

/// One context for the whole process: Graphviz 2.42's pango plugin remembers the last font
/// name it measured by pointer into the context's font table, so freeing the context between
/// figures would leave that pointer dangling for the next one.
GVC_t* graphviz_context() {
  static const Context context(gvContext());
  if (!context) throw std::runtime_error("Graphviz could not start");
  return context.get();
}

const char* graphviz_format(FigureFormat format) {
  switch (format) {
    case FigureFormat::svg:
      return "svg";
    case FigureFormat::png:
      return "png:cairo";
    case FigureFormat::pdf:
      return "pdf:cairo";
    case FigureFormat::dot:
      return "dot";
  }
  return "svg";
}

render::Box box_of(const boxf& bb) { return {bb.LL.x, bb.LL.y, bb.UR.x, bb.UR.y}; }

render::Box box_of(Agnode_t* node) {
  const double half_width = ND_width(node) * 36, half_height = ND_height(node) * 36;
  return {ND_coord(node).x - half_width, ND_coord(node).y - half_height,
          ND_coord(node).x + half_width, ND_coord(node).y + half_height};
}

void grow(render::Box& box, const render::Box& more) {
  box.x0 = std::min(box.x0, more.x0);
  box.y0 = std::min(box.y0, more.y0);
  box.x1 = std::max(box.x1, more.x1);
  box.y1 = std::max(box.y1, more.y1);
}

/// The blocks of a one-row figure where Graphviz put them: each frame directly inside the
/// figure, and each node outside every frame with its callout of measures.
render::MeasuredFigure measure(Agraph_t* graph) {
  render::MeasuredFigure measured;
  measured.whole = box_of(GD_bb(graph));
  Agraph_t* figure = agsubg(graph, const_cast<char*>("cluster_figure"), 0);
  if (figure == nullptr) return measured;
  std::vector<Agraph_t*> frames;
  for (Agraph_t* sub = agfstsubg(figure); sub != nullptr; sub = agnxtsubg(sub)) {
    const std::string name = agnameof(sub);
    if (name.rfind("cluster_o", 0) != 0) continue;
    frames.push_back(sub);
    measured.blocks[name] = box_of(GD_bb(sub));
  }
  for (Agnode_t* node = agfstnode(figure); node != nullptr; node = agnxtnode(figure, node)) {
    const std::string name = agnameof(node);
    if (name.size() < 2 || name[0] != 'n' || name.find_first_not_of("0123456789", 1) != npos)
      continue;
    if (std::any_of(frames.begin(), frames.end(),
                    [&](Agraph_t* frame) { return agsubnode(frame, node, 0) != nullptr; }))
      continue;
    render::Box box = box_of(node);
    if (Agnode_t* callout = agnode(graph, const_cast<char*>(("m_" + name).c_str()), 0))
      grow(box, box_of(callout));
    measured.blocks[name] = box;
  }
  return measured;
}

// Past this many nodes a figure is drawn only on request (--force) and one layout already
// takes seconds: it is not laid out a second time to try rows.
constexpr std::size_t kMostNodesToFold = 300;
// Trying another callout shape or direction costs a layout each; past this many nodes the
// callouts are a small part of the figure anyway.
constexpr std::size_t kMostNodesToReshape = 120;
constexpr std::size_t kShortCallouts = 6, kLongCallouts = 16;
// Another callout shape or a fold must print this much larger to replace the figure's own
// choice (it is measured without its edges routed, which can make it a little smaller).
constexpr double kClearlyLarger = 1.03;
// A top-to-bottom figure must print this much larger to replace a left-to-right one.
constexpr double kTurnedMustBeLarger = 1.2;

// A tabled figure's table is fitted to it (see fit_table) when it prints at this fraction
// of the legible scale or more.
constexpr double kFitTableFrom = 0.5;
// Headings still crossed after all were moved the same way, each then tried in the other
// corners on its own, when there are at most this many.
constexpr std::size_t kMostHeadingsToMoveAlone = 2;

/// One layout tried: its DOT text, what was measured on it and the scale it prints at.
struct Candidate {
  std::string dot;
  FigureLayout layout;
  render::MeasuredFigure measured;
  double scale = 0;
};

/// Lays figures out one after another. Graphviz keeps the attribute handles of the last
/// graph laid out in globals, so only that graph can be rendered: an earlier candidate is
/// laid out again when it is the one chosen.
class Layouts {
 public:
  explicit Layouts(GVC_t* context, const FigureOptions& options)
      : context_(context), options_(options) {}

  /// Lays a figure out and measures it. `for_measuring` leaves out the routing of edges,
  /// a third of the time, which moves the bounding box by a point or two; the chosen
  /// figure is then laid out again in full.
  Candidate lay_out(std::string dot, FigureLayout layout, bool for_measuring = false) {
    current_.reset();
    std::string text = with_dpi(dot);
    if (for_measuring) text.insert(text.find("graph [") + 7, "splines=false, ");
    current_ = std::make_unique<LaidOutGraph>(context_, text);
    current_dot_ = for_measuring ? std::string() : dot;
    Candidate candidate;
    candidate.measured = measure(current_->graph());
    candidate.scale = render::print_scale(candidate.measured.whole, options_);
    candidate.dot = std::move(dot);
    candidate.layout = std::move(layout);
    return candidate;
  }

  /// The figure laid out last (its edges routed or not), for a look at where things went.
  Agraph_t* last() { return current_ ? current_->graph() : nullptr; }

  /// The chosen figure laid out in full, edges routed.
  Agraph_t* full(const Candidate& chosen) {
    if (!current_ || current_dot_ != chosen.dot) {
      current_.reset();
      current_ = std::make_unique<LaidOutGraph>(context_, with_dpi(chosen.dot));
      current_dot_ = chosen.dot;
    }
    return current_->graph();
  }

  std::string render(const Candidate& chosen) {
    full(chosen);
    return current_->render(graphviz_format(options_.format));
  }

 private:
  std::string with_dpi(std::string text) const {
    // dpi is a graph attribute; add it to the first line's graph statement.
    if (options_.format == FigureFormat::png)
      text.insert(text.find("graph [") + 7, "dpi=" + std::to_string(options_.dpi) + ", ");
    return text;
  }

  GVC_t* context_;
  const FigureOptions& options_;
  std::unique_ptr<LaidOutGraph> current_;
  std::string current_dot_;
};

render::FigureGeometry::Kind kind_of_node(const std::string& name) {
  using Kind = render::FigureGeometry::Kind;
  if (name.starts_with("m_") || (name.size() > 1 && name[0] == 'c' && std::isdigit(name[1])))
    return Kind::callout;
  if (name.size() > 1 && name[0] == 'i' && std::isdigit(name[1])) return Kind::items;
  if (name.size() > 1 && name[0] == 'l' && std::isdigit(name[1])) return Kind::label;
  if (name.starts_with("join")) return Kind::connector;
  if (name == "legend") return Kind::legend;
  return Kind::node;
}

render::Box label_box(const textlabel_t* label) {
  return {label->pos.x - label->dimen.x / 2, label->pos.y - label->dimen.y / 2,
          label->pos.x + label->dimen.x / 2, label->pos.y + label->dimen.y / 2};
}

void add_headings(Agraph_t* graph, std::size_t row, render::FigureGeometry& geometry) {
  for (Agraph_t* sub = agfstsubg(graph); sub != nullptr; sub = agnxtsubg(sub)) {
    const std::string name = agnameof(sub);
    if (!name.starts_with("cluster")) continue;
    std::size_t inner_row = row;
    if (name.starts_with("cluster_row")) inner_row = std::stoul(name.substr(11));
    const textlabel_t* label = GD_label(sub);
    if (label != nullptr && label->dimen.x > 0 && label->dimen.y > 0)
      geometry.texts.push_back(
          {name, render::FigureGeometry::Kind::heading, label_box(label), inner_row});
    add_headings(sub, inner_row, geometry);
  }
}

/// Where Graphviz put every text box and line of a laid-out figure.
render::FigureGeometry geometry_of(Agraph_t* graph) {
  render::FigureGeometry geometry;
  const char* rankdir = agget(graph, const_cast<char*>("rankdir"));
  geometry.top_to_bottom = rankdir != nullptr && std::string_view(rankdir) == "TB";
  std::map<std::string, std::size_t> row_of;
  for (Agraph_t* sub = agfstsubg(graph); sub != nullptr; sub = agnxtsubg(sub)) {
    const std::string name = agnameof(sub);
    if (!name.starts_with("cluster_row")) continue;
    for (Agnode_t* node = agfstnode(sub); node != nullptr; node = agnxtnode(sub, node))
      row_of[agnameof(node)] = std::stoul(name.substr(11));
  }
  for (Agnode_t* node = agfstnode(graph); node != nullptr; node = agnxtnode(graph, node)) {
    const std::string name = agnameof(node);
    if (name.starts_with("e_o")) continue;  // the invisible point keeping an empty frame
    geometry.texts.push_back({name, kind_of_node(name), box_of(node), row_of[name]});
    for (Agedge_t* edge = agfstout(graph, node); edge != nullptr; edge = agnxtout(graph, edge)) {
      render::FigureGeometry::Line line;
      line.tail = name;
      line.head = agnameof(aghead(edge));
      const char* flow = agget(edge, const_cast<char*>("class"));
      if (flow != nullptr) line.flow = flow;
      const splines* curves = ED_spl(edge);
      for (int b = 0; curves != nullptr && b < curves->size; ++b) {
        const bezier& curve = curves->list[b];
        for (int k = 0; k + 3 < curve.size; k += 3) {
          const pointf* p = curve.list + k;
          for (int step = 0; step <= 16; ++step) {
            const double t = step / 16.0, u = 1 - t;
            line.points.emplace_back(u * u * u * p[0].x + 3 * u * u * t * p[1].x +
                                         3 * u * t * t * p[2].x + t * t * t * p[3].x,
                                     u * u * u * p[0].y + 3 * u * u * t * p[1].y +
                                         3 * u * t * t * p[2].y + t * t * t * p[3].y);
          }
        }
      }
      geometry.lines.push_back(std::move(line));
    }
  }
  add_headings(graph, 0, geometry);
  if (const textlabel_t* legend = GD_label(graph); legend != nullptr && legend->dimen.x > 0)
    geometry.texts.push_back({"graph", render::FigureGeometry::Kind::legend, label_box(legend), 0});
  return geometry;
}

/// The frames (cluster_oN) and the figure's title (cluster_figure) that a line runs
/// through; a line never belongs to a heading.
std::vector<std::string> crossed_headings(const render::FigureGeometry& geometry) {
  constexpr double kSlack = 2;
  std::vector<std::string> crossed;
  for (const auto& text : geometry.texts) {
    if (text.kind != render::FigureGeometry::Kind::heading ||
        !(text.name.starts_with("cluster_o") || text.name.starts_with("cluster_band") ||
          text.name == "cluster_figure"))
      continue;
    const render::Box& box = text.box;
    for (const auto& line : geometry.lines) {
      if (std::any_of(line.points.begin(), line.points.end(), [&](const auto& p) {
            return p.first > box.x0 + kSlack && p.first < box.x1 - kSlack &&
                   p.second > box.y0 + kSlack && p.second < box.y1 - kSlack;
          })) {
        crossed.push_back(text.name);
        break;
      }
    }
  }
  return crossed;
}

/// Of a few one-row layouts of the figure with its measures written as `measures` (callouts
/// taller or wider, turned top to bottom), the one that prints largest on the paper, and the
/// first one tried.
std::pair<Candidate, Candidate> choose_layout(Layouts& layouts, const Model& model,
                                              const MeasureCatalogue& catalogue,
                                              const std::vector<Finding>& findings,
                                              const FigureOptions& options,
                                              MeasureDetail measures) {
  const bool may_reshape = model.nodes.size() <= kMostNodesToReshape;
  FigureLayout base;
  base.measures = measures;
  const Candidate first =
      layouts.lay_out(figure_dot(model, catalogue, findings, options, base), base);
  Candidate best = first;
  const bool too_wide = render::limited_by_width(best.measured.whole, options);
  // Callouts in fewer, longer columns and the steps closer together when the figure is too
  // wide for the paper; callouts in more, shorter columns when it is too tall.
  if (may_reshape) {
    FigureLayout layout = base;
    layout.callout_lines = too_wide ? kLongCallouts : kShortCallouts;
    layout.close_ranks = too_wide;
    layout.narrow_labels = too_wide;
    std::string text = figure_dot(model, catalogue, findings, options, layout);
    try {
      if (text != best.dot) {
        Candidate other = layouts.lay_out(std::move(text), layout, true);
        if (other.scale > best.scale * kClearlyLarger) best = std::move(other);
      }
    } catch (const std::runtime_error&) {
      graphviz_errors().clear();  // the figure's own choice stands
    }
  }
  // Top to bottom instead of left to right, kept only when clearly larger: the reading
  // order the papers use most is left to right. Tried when the figure is too tall for
  // landscape paper (a fan-out then stands side by side) or too wide for portrait paper
  // (a chain then runs down the page); not when rows were asked for.
  if (may_reshape && options.rows < 2 && too_wide == options.portrait) {
    FigureLayout layout = base;
    layout.top_to_bottom = true;
    try {
      Candidate turned =
          layouts.lay_out(figure_dot(model, catalogue, findings, options, layout), layout, true);
      if (turned.scale > best.scale * kTurnedMustBeLarger) best = std::move(turned);
    } catch (const std::runtime_error&) {
      graphviz_errors().clear();
    }
  }
  return {std::move(best), first};
}

/// Whether the title laid out beside the first row stands at the row's top, where a title is
/// read first. Graphviz centres it on the row: on a row much taller than the title it would
/// stand halfway down.
bool title_tops_first_row(Agraph_t* graph) {
  if (graph == nullptr) return false;
  Agnode_t* title = agnode(graph, const_cast<char*>("figure_title"), 0);
  Agraph_t* row = agsubg(graph, const_cast<char*>("cluster_row0"), 0);
  if (title == nullptr || row == nullptr) return false;
  constexpr double kMostBelowTop = 24;  // points: a line or two of the title
  const double title_top = ND_coord(title).y + ND_ht(title) / 2;
  return GD_bb(row).UR.y - title_top <= kMostBelowTop;
}

/// The folded figure with its title beside its first row, when that prints it larger and no
/// wider: the title then takes the room a short first row leaves and no height of its own.
/// Beside a first row as wide as the figure it would stand out past the figure's edge.
Candidate with_title_beside_first_row(Layouts& layouts, const Model& model,
                                      const MeasureCatalogue& catalogue,
                                      const std::vector<Finding>& findings,
                                      const FigureOptions& options, Candidate folded) {
  FigureLayout layout = folded.layout;
  layout.title_beside_first_row = true;
  try {
    Candidate beside =
        layouts.lay_out(figure_dot(model, catalogue, findings, options, layout), layout, true);
    constexpr double kSlack = 1;  // points: a layout moves a frame's edge by a point or so
    if (beside.scale > folded.scale &&
        beside.measured.whole.width() <= folded.measured.whole.width() + kSlack &&
        title_tops_first_row(layouts.last()))
      return beside;
  } catch (const std::runtime_error&) {
    graphviz_errors().clear();  // the title stays above the rows
  }
  return folded;
}

/// The chosen figure folded into rows (see FigureOptions::rows), when that prints it larger
/// or rows were asked for; otherwise the figure as it was.
Candidate fold(Layouts& layouts, const Model& model, const MeasureCatalogue& catalogue,
               const std::vector<Finding>& findings, const FigureOptions& options, Candidate best) {
  FigureLayout layout = render::choose_rows(
      best.measured, render::block_links(model, catalogue, findings, options), options);
  if (layout.row_of.empty()) return best;
  layout.callout_lines = best.layout.callout_lines;
  layout.close_ranks = best.layout.close_ranks;
  layout.narrow_labels = best.layout.narrow_labels;
  layout.measures = best.layout.measures;
  try {
    Candidate folded =
        layouts.lay_out(figure_dot(model, catalogue, findings, options, layout), layout, true);
    // The estimate behind the rows is rough; the folded figure is kept only when it does
    // print larger (or rows were asked for).
    if (options.rows >= 2 || folded.scale > best.scale * kClearlyLarger)
      return with_title_beside_first_row(layouts, model, catalogue, findings, options,
                                         std::move(folded));
  } catch (const std::runtime_error&) {
    // The rows are laid out without newrank (see figure_dot.cc), whose older ranking can
    // fail on some nestings of frames; the one-row figure is still good.
    graphviz_errors().clear();
  }
  return best;
}

/// The chosen tabled figure with its table in the number of parts that prints it largest.
Candidate fit_table(Layouts& layouts, const Model& model, const MeasureCatalogue& catalogue,
                    const std::vector<Finding>& findings, const FigureOptions& options,
                    Candidate chosen) {
  const FigureLayout first = chosen.layout;
  const std::string first_dot = chosen.dot;
  for (std::size_t parts = 1; parts <= 3; ++parts) {
    FigureLayout layout = first;
    layout.table_parts = parts;
    std::string text = figure_dot(model, catalogue, findings, options, layout);
    if (text == first_dot) continue;
    try {
      Candidate other = layouts.lay_out(std::move(text), layout, true);
      if (other.scale > chosen.scale) chosen = std::move(other);
    } catch (const std::runtime_error&) {
      graphviz_errors().clear();  // the parts chosen first stand
    }
  }
  return chosen;
}

}  // namespace

std::string render_figure(const Model& model, const MeasureCatalogue& catalogue,
                          const std::vector<Finding>& findings, const FigureOptions& options) {
  FigureLayout chosen;
  return render_figure(model, catalogue, findings, options, chosen, false);
}

std::string render_figure(const Model& model, const MeasureCatalogue& catalogue,
                          const std::vector<Finding>& findings, const FigureOptions& options,
                          FigureLayout& chosen, bool reuse) {
  const MeasureDetail measures =
      options.measures == MeasureDetail::automatic ? MeasureDetail::full : options.measures;
  const bool may_fold = options.rows != 1 && model.nodes.size() <= kMostNodesToFold;
  const bool may_reshape = model.nodes.size() <= kMostNodesToReshape;
  if (options.format == FigureFormat::dot && !may_fold && !may_reshape) {
    FigureLayout layout;
    layout.measures = measures;
    return figure_dot(model, catalogue, findings, options, layout);
  }
  GVC_t* context = graphviz_context();
  // Collect Graphviz's messages instead of letting them reach the user's terminal; routing
  // warnings ("triangulation failed") do not stop the figure.
  graphviz_errors().clear();
  agseterr(AGERR);
  agseterrf(collect_error);

  Layouts layouts(context, options);
  if (reuse) {
    // The editor redraws after each edit: while the figure keeps its shape, the layout
    // chosen last time is drawn again (one layout instead of the several tried below).
    try {
      const Candidate again =
          layouts.lay_out(figure_dot(model, catalogue, findings, options, chosen), chosen);
      if (options.format == FigureFormat::dot) return again.dot;
      return layouts.render(again);
    } catch (const std::runtime_error&) {
      graphviz_errors().clear();  // choose afresh below
    }
  }
  // Not a structured binding: the lambda below captures `best`, which clang (as of 15)
  // refuses for a binding.
  std::pair<Candidate, Candidate> chosen_pair =
      choose_layout(layouts, model, catalogue, findings, options, measures);
  Candidate& best = chosen_pair.first;
  Candidate& first = chosen_pair.second;
  // Measure lists that would print the figure too small move to a table under it.
  if (options.measures == MeasureDetail::automatic && best.scale < kLegibleScale && may_reshape) {
    auto [tabled, tabled_first] =
        choose_layout(layouts, model, catalogue, findings, options, MeasureDetail::table);
    if (tabled.scale > best.scale * kClearlyLarger) {
      best = std::move(tabled);
      first = std::move(tabled_first);
    }
  }
  // A figure that prints legibly in one row reads as the paper reads: it is folded only when
  // no one-row layout prints at kLegibleScale, or when rows were asked for.
  if (may_fold && (options.rows >= 2 || best.scale < kLegibleScale))
    best = fold(layouts, model, catalogue, findings, options, std::move(best));
  // The table under a tabled figure in the number of parts side by side that prints the
  // whole largest: the parts' own balance knows nothing of the figure above the table.
  // Not tried on a figure printing below half the legible scale: each try is a layout, and
  // a table's arrangement moves the scale by a few per cent, which cannot make that
  // figure readable (it wants rows or a part of it, --org or --item).
  if (best.layout.measures == MeasureDetail::table && best.layout.table_parts == 0 && may_reshape &&
      best.scale >= kLegibleScale * kFitTableFrom)
    best = fit_table(layouts, model, catalogue, findings, options, std::move(best));
  // A heading a line runs through moves to another corner of its frame (every such heading
  // the same way), when that leaves fewer headings crossed; then each heading still crossed
  // tries the other corners on its own.
  try {
    std::vector<std::string> crossed = crossed_headings(geometry_of(layouts.full(best)));
    std::size_t fewest = crossed.size();
    auto try_layout = [&](const FigureLayout& layout) {
      Candidate moved =
          layouts.lay_out(figure_dot(model, catalogue, findings, options, layout), layout);
      std::vector<std::string> left = crossed_headings(geometry_of(layouts.full(moved)));
      if (left.size() >= fewest) return false;
      fewest = left.size();
      crossed = std::move(left);
      best = std::move(moved);
      return true;
    };
    const std::vector<std::string> first_crossed = crossed;
    for (const char* place : {"r", "b", "br"}) {
      if (fewest == 0 || !may_reshape) break;
      FigureLayout layout = best.layout;
      for (const std::string& frame : first_crossed) layout.heading_places[frame] = place;
      try_layout(layout);
    }
    // Only a few: each try is a layout with its lines routed, and a figure with many
    // crossed headings is past what moving one heading at a time can mend.
    const std::vector<std::string> still_crossed =
        crossed.size() <= kMostHeadingsToMoveAlone ? crossed : std::vector<std::string>{};
    for (const std::string& frame : still_crossed) {
      if (fewest == 0 || !may_reshape) break;
      for (const char* place : {"", "r", "b", "br"}) {
        FigureLayout layout = best.layout;
        if (layout.heading_places[frame] == place) continue;
        layout.heading_places[frame] = place;
        if (try_layout(layout)) break;
      }
    }
  } catch (const std::runtime_error&) {
    graphviz_errors().clear();  // the chosen figure stands, headings as they are
  }
  chosen = best.layout;
  if (options.format == FigureFormat::dot) return best.dot;
  try {
    return layouts.render(best);
  } catch (const std::runtime_error&) {
    if (best.dot == first.dot) throw;
    graphviz_errors().clear();  // the chosen layout failed with its edges routed
    chosen = first.layout;
    return layouts.render(first);
  }
}

}  // namespace nagare

namespace nagare::render {

FigureGeometry figure_geometry(const Model& model, const MeasureCatalogue& catalogue,
                               const std::vector<Finding>& findings, const FigureOptions& options) {
  FigureOptions as_dot = options;
  as_dot.format = FigureFormat::dot;
  const std::string dot = render_figure(model, catalogue, findings, as_dot);
  LaidOutGraph laid_out(graphviz_context(), dot);
  return geometry_of(laid_out.graph());
}

}  // namespace nagare::render
