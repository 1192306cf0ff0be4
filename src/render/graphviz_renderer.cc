// The only place that talks to Graphviz. cgraph is not thread-safe: all of this runs on
// the calling thread, one figure at a time.

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "fold.h"
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
    if (gvLayout(context_, graph_, "dot") != 0) {
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

}  // namespace

std::string render_figure(const Model& model, const MeasureCatalogue& catalogue,
                          const std::vector<Finding>& findings, const FigureOptions& options) {
  std::string dot = figure_dot(model, catalogue, findings, options);
  const bool may_fold = options.rows != 1 && model.nodes.size() <= kMostNodesToFold;
  if (options.format == FigureFormat::dot && !may_fold) return dot;
  auto with_dpi = [&options](std::string text) {
    // dpi is a graph attribute; add it to the first line's graph statement.
    if (options.format == FigureFormat::png)
      text.insert(text.find("graph [") + 7, "dpi=" + std::to_string(options.dpi) + ", ");
    return text;
  };
  // One context for the whole process: Graphviz 2.42's pango plugin remembers the last
  // font name it measured by pointer into the context's font table, so freeing the context
  // between figures would leave that pointer dangling for the next one.
  static const Context context(gvContext());
  if (!context) throw std::runtime_error("Graphviz could not start");
  // Collect Graphviz's messages instead of letting them reach the user's terminal; routing
  // warnings ("triangulation failed") do not stop the figure.
  graphviz_errors().clear();
  agseterr(AGERR);
  agseterrf(collect_error);
  LaidOutGraph one_row(context.get(), with_dpi(dot));
  if (may_fold) {
    const render::MeasuredFigure measured = measure(one_row.graph());
    const FigureRows rows = render::choose_rows(
        measured, render::block_links(model, catalogue, findings, options), options);
    if (!rows.row_of.empty()) {
      const std::string folded_dot = figure_dot(model, catalogue, findings, options, rows);
      std::optional<LaidOutGraph> folded;
      try {
        folded.emplace(context.get(), with_dpi(folded_dot));
      } catch (const std::runtime_error&) {
        // The rows are laid out without newrank (see figure_dot.cc), whose older ranking
        // can fail on some nestings of frames; the one-row figure is still good.
        graphviz_errors().clear();
      }
      // The estimate behind the rows is rough; the folded figure is kept only when it does
      // print larger (or rows were asked for).
      if (folded &&
          (options.rows >= 2 || render::print_scale(box_of(GD_bb(folded->graph())), options) >
                                    render::print_scale(measured.whole, options))) {
        if (options.format == FigureFormat::dot) return folded_dot;
        return folded->render(graphviz_format(options.format));
      }
    }
  }
  if (options.format == FigureFormat::dot) return dot;
  return one_row.render(graphviz_format(options.format));
}

}  // namespace nagare
