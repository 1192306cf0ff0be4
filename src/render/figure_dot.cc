// Builds the DOT text of the committee figure 「個人情報の流れ」. Everything the figure
// shows is decided here; graphviz_renderer.cc only lays it out and renders it.

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <set>
#include <sstream>

#include "label_text.h"
#include "nagare/render.h"

namespace nagare {
namespace {

using render::escape_html;
using render::wrapped_html;

constexpr std::string_view kRed = "#c62828";
constexpr std::string_view kQuestionBlue = "#1565c0";  // info findings: questions, not gaps
// A flow whose means no source states: grey, dashed and with a hollow arrowhead, so that
// neither in colour nor in a grey print it passes for a declared line or hand-over.
constexpr std::string_view kUnstatedGrey = "#9e9e9e";
// The table under a figure in table mode: its width in display columns of its 8-point text
// (a committee figure that needs the table is some 1,100 points wide), and of its owner
// column.
constexpr std::size_t kTableColumns = 280;
constexpr std::size_t kOwnerColumns = 22;

/// White space round the figure, in inches: the page has its own margins, and every point
/// of pad is a point less of print scale.
constexpr std::string_view kPad = "0.1";

/// Frame colours per role, pale so that text stays readable when printed in grey.
std::string_view frame_colour(OrgRole role) {
  switch (role) {
    case OrgRole::ward:
    case OrgRole::department:
      return "#e8f0fb";
    case OrgRole::contractor:
    case OrgRole::subcontractor:
    case OrgRole::vendor:
      return "#fdf1e3";
    case OrgRole::cloud:
    case OrgRole::connected:
      return "#e6f5f7";
    case OrgRole::recipient:
    case OrgRole::public_body:
      return "#eef6e8";
    case OrgRole::service:
      return "#e6f5f7";
    case OrgRole::subject:
    case OrgRole::other:
    case OrgRole::unknown:
      return "#f4f4f4";
  }
  return "#f4f4f4";
}

std::string circled_step(int step) {
  static constexpr std::array<std::string_view, 20> kCircled{"①", "②", "③", "④", "⑤", "⑥", "⑦",
                                                             "⑧", "⑨", "⑩", "⑪", "⑫", "⑬", "⑭",
                                                             "⑮", "⑯", "⑰", "⑱", "⑲", "⑳"};
  if (step >= 1 && step <= 20) return std::string(kCircled[static_cast<std::size_t>(step - 1)]);
  return "(" + std::to_string(step) + ")";
}

std::string certification_text(const Organization& org) {
  std::string text;
  for (const Certification& certification : org.certifications) {
    if (!text.empty()) text += "・";
    text += certification.kind == "Pmark" ? "プライバシーマーク" : certification.kind;
    if (certification.since) text += "（" + std::to_string(*certification.since) + "年〜）";
  }
  return text;
}

class FigureBuilder {
 public:
  FigureBuilder(const Model& model, const MeasureCatalogue& catalogue,
                const std::vector<Finding>& findings, const FigureOptions& options,
                const FigureLayout& layout)
      : model_(model), catalogue_(catalogue), options_(options), layout_(layout) {
    if (options.show_findings) number_findings(findings);
    if (options.highlight) mark_highlight(*options.highlight);
    plan_shared_lines();
    plan_segments();
    keep_bands_of_several();
    plan_item_callouts();
    drawn_.assign(model.nodes.size(), false);
    for (const Flow& flow : model.flows) {
      drawn_[flow.from] = drawn_[flow.to] = true;
      for (std::size_t via : flow.via) {
        if (model.nodes[via].kind == NodeKind::medium || passes_through(via)) drawn_[via] = true;
      }
    }
    for (std::size_t n = 0; n < model.nodes.size(); ++n) {
      // A node no flow touches is still part of the business, unless it is only a line.
      if (model.nodes[n].kind != NodeKind::network) drawn_[n] = true;
    }
    plan_directions();
    plan_side_nodes();
    plan_edges();
    if (layout_.measures == MeasureDetail::table) plan_tables();
  }

  std::string build() {
    // Rows are cut across a left-to-right figure; a top-to-bottom one is not folded.
    if (!layout_.row_of.empty() && !layout_.top_to_bottom) return build_folded();
    const std::string font = escape_attribute(options_.font);
    out_ << "digraph nagare {\n";
    out_ << "  graph [rankdir=" << (layout_.top_to_bottom ? "TB" : "LR")
         << ", newrank=true, compound=true, splines=true, nodesep=0.3, ranksep=" << rank_gap()
         << ", pad=" << kPad << ", fontname=\"" << font
         << "\", fontsize=10, labelloc=b, labeljust=l";
    page_attributes();
    out_ << ", label=<" << legend_and_footnotes() << ">];\n";
    write_defaults(font);
    out_ << "  subgraph cluster_figure {\n    label=<" << title() << ">;\n"
         << "    labelloc=t; labeljust=" << title_place()
         << "; fontsize=16; pencolor=\"transparent\";\n";
    for (std::size_t o : top_level_orgs()) write_org(o, 2);
    for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
      const std::size_t org = model_.nodes[n].org;
      if (drawn_[n] && org == npos) write_node(n, 2);  // write_org draws the rest
    }
    write_labels(npos, "    ");
    out_ << "  }\n";
    write_edges();
    out_ << "}\n";
    return out_.str();
  }

  /// Which blocks each drawn stretch joins, by DOT name (see FigureLayout).
  std::vector<std::pair<std::string, std::string>> block_links() const {
    std::vector<std::pair<std::string, std::string>> links;
    for (const Segment& segment : segments_) {
      for (std::size_t from : segment.from) {
        for (std::size_t to : segment.to) {
          links.emplace_back(block_name(block_of(from)), block_name(block_of(to)));
        }
      }
    }
    return links;
  }

 private:
  static std::string escape_attribute(std::string_view text) {
    std::string out;
    for (char c : text) {
      if (c == '"' || c == '\\') out += '\\';
      if (static_cast<unsigned char>(c) >= 0x20) out += c;
    }
    return out;
  }

  void page_attributes() {
    if (options_.format != FigureFormat::pdf) return;
    double width = options_.paper == "a3" ? 16.54 : 11.69;
    double height = options_.paper == "a3" ? 11.69 : 8.27;
    if (options_.portrait) std::swap(width, height);
    // Scale down to the printable area (1 cm margins) so the figure fits on one page.
    out_ << ", size=\"" << width - 0.8 << "," << height - 0.8 << "\", page=\"" << width << ","
         << height << "\", center=true";
  }

  /// A label's width in display columns, two thirds of it in a figure too wide for the page.
  std::size_t narrow(std::size_t columns) const {
    return layout_.narrow_labels ? columns * 2 / 3 : columns;
  }

  /// Inches between ranks, as DOT text.
  std::string rank_gap() const { return layout_.close_ranks ? "0.2" : "0.45"; }

  void write_defaults(const std::string& font) {
    out_ << "  node [fontname=\"" << font << "\", fontsize=10, penwidth=1.2];\n";
    out_ << "  edge [fontname=\"" << font << "\", fontsize=9, color=\"#37474f\", arrowsize=0.7];\n";
  }

  /// Organizations outside any other, in reading order: written so, they give Graphviz's
  /// crossing reduction a good start.
  std::vector<std::size_t> top_level_orgs() const {
    std::vector<std::size_t> top;
    for (std::size_t o = 0; o < model_.orgs.size(); ++o) {
      if (model_.orgs[o].parent == npos) top.push_back(o);
    }
    std::stable_sort(top.begin(), top.end(), [this](std::size_t a, std::size_t b) {
      return block_rank_[a] < block_rank_[b];
    });
    return top;
  }

  /// The data subject is drawn outside every frame, as in the papers; so is an organization
  /// that is only a line (its network is drawn as a band the flows pass through).
  bool framed(std::size_t org) const {
    return model_.orgs[org].role != OrgRole::subject && !network_only(org);
  }

  /// A frame as narrow as its nodes: no frame inside it, no flow drawn between two of its
  /// nodes (Graphviz puts them in one rank) and no measure callouts beside them (the table
  /// holds the measures).
  bool one_column(std::size_t org) const {
    for (std::size_t inner = 0; inner < model_.orgs.size(); ++inner) {
      if (model_.orgs[inner].parent == org && framed(inner)) return false;
    }
    auto inside = [&](std::size_t node) {
      const auto frames = frames_of(node);
      return std::find(frames.begin(), frames.end(), org) != frames.end();
    };
    if (layout_.measures != MeasureDetail::table) {
      if (!done_measures(model_.orgs[org].measures).empty()) return false;
      for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
        if (drawn_[n] && inside(n) && !done_measures(model_.nodes[n].measures).empty())
          return false;
      }
    }
    for (const Flow& flow : model_.flows) {
      // A flow is drawn from node to node through the media and lines it passes.
      std::size_t last = flow.from;
      for (std::size_t next : flow.via) {
        if (!drawn_[next]) continue;
        if (drawn_[last] && inside(last) && inside(next)) return false;
        last = next;
      }
      if (drawn_[last] && drawn_[flow.to] && inside(last) && inside(flow.to)) return false;
    }
    return true;
  }

  /// An organization whose only nodes are networks, with none nested in it.
  bool network_only(std::size_t org) const {
    bool any = false;
    for (const Node& node : model_.nodes) {
      if (node.org != org) continue;
      if (node.kind != NodeKind::network) return false;
      any = true;
    }
    if (!any) return false;
    return std::none_of(model_.orgs.begin(), model_.orgs.end(),
                        [org](const Organization& child) { return child.parent == org; });
  }

  /// A network drawn as a node of its own that its flows pass through: the line of an
  /// organization that is only a line (LGWAN, a carrier's closed network).
  bool passes_through(std::size_t n) const {
    const Node& node = model_.nodes[n];
    return node.kind == NodeKind::network && node.org != npos && network_only(node.org);
  }

  /// A line of no organization that several flows share, or that carries measures of its
  /// own (the internet between a ward, its contractor and the parents): drawn as a band
  /// behind the labels of the flows on it, named once with its measures, rather than in
  /// brackets on every flow. A node in the middle would gather every flow into one hub and
  /// lose which line goes on to where.
  void plan_shared_lines() {
    std::vector<std::size_t> uses(model_.nodes.size(), 0);
    for (const Flow& flow : model_.flows) {
      for (std::size_t via : flow.via) ++uses[via];
    }
    shared_line_.assign(model_.nodes.size(), false);
    for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
      const Node& node = model_.nodes[n];
      shared_line_[n] = node.kind == NodeKind::network && node.org == npos && uses[n] > 0 &&
                        (uses[n] >= 2 || !done_measures(node.measures).empty());
    }
  }

  /// The band a labelled stretch on a shared line stands in: one per line, frame and pair of
  /// blocks, so that a band never has to reach round a block between its flows.
  std::size_t band_for(std::size_t line, std::size_t frame, std::size_t from, std::size_t to) {
    const std::size_t a = std::min(block_of(from), block_of(to));
    const std::size_t b = std::max(block_of(from), block_of(to));
    for (std::size_t k = 0; k < bands_.size(); ++k) {
      const Band& band = bands_[k];
      if (band.line == line && band.frame == frame && band.block_a == a && band.block_b == b)
        return k;
    }
    bands_.push_back(Band{line, frame, a, b});
    return bands_.size() - 1;
  }

  std::string title() const {
    // A long title on one line would set the figure's width and shrink it on the page;
    // wrapped_html balances its lines, so the last is not a stub.
    std::string text = "<B>" + wrapped_html(model_.paper.title, 64) + "</B>";
    std::string sub;
    if (!model_.paper.document.empty()) sub += "（" + model_.paper.document + "）";
    text = "個人情報の流れ<BR/>" + text;
    if (!sub.empty()) text += " " + escape_html(sub);
    if (!model_.paper.municipality.empty() || !model_.paper.department.empty()) {
      text += "<BR/><FONT POINT-SIZE=\"11\">" +
              escape_html(model_.paper.municipality + " " + model_.paper.department) + "</FONT>";
    }
    return text;
  }

  // ---- organizations and nodes -----------------------------------------------------------

  std::vector<std::size_t> done_measures(const std::vector<MeasureMark>& marks) const {
    std::vector<std::size_t> measures;
    for (const MeasureMark& mark : marks) {
      if (!mark.not_applicable &&
          std::find(measures.begin(), measures.end(), mark.measure) == measures.end()) {
        measures.push_back(mark.measure);
      }
    }
    return measures;
  }

  /// The measures as the papers list them (・…), in columns of at most `rows` lines (up to
  /// three columns) when the list is long.
  std::string callout_label(const std::vector<std::size_t>& measures, std::size_t rows_wanted,
                            std::size_t max_columns) const {
    const std::size_t columns =
        std::clamp<std::size_t>((measures.size() + rows_wanted - 1) / rows_wanted, 1, max_columns);
    const std::size_t rows = (measures.size() + columns - 1) / columns;
    std::string label = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">";
    for (std::size_t row = 0; row < rows; ++row) {
      label += "<TR>";
      for (std::size_t column = 0; column < columns; ++column) {
        const std::size_t i = column * rows + row;
        label += "<TD ALIGN=\"LEFT\" BALIGN=\"LEFT\">";
        if (i < measures.size()) {
          label += wrapped_html("・" + measure_name(catalogue_, model_, measures[i]), 30);
        }
        label += "</TD>";
      }
      label += "</TR>";
    }
    return label + "</TABLE>";
  }

  /// A list of measures as this figure writes it (FigureLayout::measures): one per line in
  /// columns, or run together in a narrow paragraph.
  std::string measure_box(const std::vector<std::size_t>& measures, std::size_t rows_wanted,
                          std::size_t max_columns) const {
    if (layout_.measures != MeasureDetail::short_lists)
      return callout_label(measures, rows_wanted, max_columns);
    std::string text;
    for (std::size_t m : measures)
      text += (text.empty() ? "" : "・") + measure_name(catalogue_, model_, m);
    return wrapped_html(text, 34, "LEFT");
  }

  /// The marks that point from a node, frame or flow to its rows of the tables under a
  /// figure in table mode.
  std::string table_refs(const std::string& key) const {
    std::string refs;
    auto found = table_refs_.find(key);
    if (found == table_refs_.end()) return refs;
    for (std::size_t row : found->second) refs += table_rows_[row].mark;
    return "<FONT POINT-SIZE=\"8\" COLOR=\"#6d4c41\">" + escape_html(refs) + "</FONT>";
  }

  /// One row of a table under the figure: its mark, whose it is, and what.
  struct TableRow {
    std::string mark;  // ［対策3］, ［項目2］
    std::vector<std::string> owners;
    std::string text;
  };

  /// The table mode's rows in reading order: frames and their nodes block by block, then the
  /// flows by step; owners with the same list share one row. Then the item sets, each where
  /// it is first carried.
  void plan_tables() {
    std::map<std::vector<std::size_t>, std::size_t> row_of_list;
    std::size_t measure_rows = 0;
    auto add = [&](const std::string& key, std::string owner,
                   const std::vector<std::size_t>& measures) {
      if (measures.empty()) return;
      auto [found, fresh] = row_of_list.emplace(measures, table_rows_.size());
      if (fresh) {
        std::string text;
        for (std::size_t m : measures)
          text += (text.empty() ? "" : "・") + measure_name(catalogue_, model_, m);
        table_rows_.push_back({"［対策" + std::to_string(++measure_rows) + "］", {}, text});
      }
      table_rows_[found->second].owners.push_back(std::move(owner));
      table_refs_[key].push_back(found->second);
    };
    std::vector<std::size_t> orgs(model_.orgs.size());
    for (std::size_t o = 0; o < orgs.size(); ++o) orgs[o] = o;
    auto outermost = [this](std::size_t o) {
      for (std::size_t hops = 0; model_.orgs[o].parent != npos && hops <= model_.orgs.size();
           ++hops)
        o = model_.orgs[o].parent;
      return o;
    };
    std::stable_sort(orgs.begin(), orgs.end(), [&](std::size_t a, std::size_t b) {
      return block_rank_[outermost(a)] < block_rank_[outermost(b)];
    });
    auto add_node = [&](std::size_t n) {
      if ((drawn_[n] || shared_line_[n]) &&
          (model_.nodes[n].kind != NodeKind::network || passes_through(n) || shared_line_[n]))
        add("node:" + std::to_string(n), model_.nodes[n].name,
            done_measures(model_.nodes[n].measures));
    };
    for (std::size_t o : orgs) {
      if (framed(o))
        add("org:" + std::to_string(o), model_.orgs[o].name,
            done_measures(model_.orgs[o].measures));
      for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
        if (model_.nodes[n].org == o) add_node(n);
      }
    }
    for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
      if (model_.nodes[n].org == npos) add_node(n);
    }
    const std::vector<std::size_t> order = segments_in_step_order();
    for (std::size_t s : order) {
      const Flow& flow = model_.flows[segments_[s].flow];
      add("segment:" + std::to_string(s), flow.step ? circled_step(*flow.step) : flow.id,
          segments_[s].measures);
    }
    std::size_t item_rows = 0;
    for (std::size_t s : order) {
      auto items = item_callouts_.find(s);
      if (items == item_callouts_.end()) continue;
      for (std::size_t item : items->second) {
        const ItemSet& set = model_.items[item];
        std::string fields;
        for (const std::string& field : set.fields) fields += (fields.empty() ? "" : "・") + field;
        table_refs_["segment:" + std::to_string(s)].push_back(table_rows_.size());
        table_rows_.push_back(
            {"［項目" + std::to_string(++item_rows) + "］",
             {set.name + "（" + std::string(japanese_name(set.item_class)) + "）"},
             fields});
      }
    }
  }

  /// The table under a figure in table mode, in one, two or three parts side by side when
  /// it is long, so that it uses the page's width rather than its height. Each part is a table
  /// of its own, so a tall row in one part does not stretch the rows beside it.
  std::string measure_table() const {
    if (table_rows_.empty()) return "";
    auto owners_of = [](const TableRow& entry) {
      std::string owners;
      for (const std::string& owner : entry.owners) owners += (owners.empty() ? "" : "、") + owner;
      return owners;
    };
    // The table is about as wide as a committee figure (kTableColumns). Of one, two or three
    // parts (unless the layout says how many), the one whose tallest part has the fewest
    // lines; the rows keep their order, read down the first part and on into the next.
    std::vector<std::size_t> best_starts;
    std::size_t fewest_lines = npos;
    const std::size_t first_count = layout_.table_parts == 0 ? 1 : layout_.table_parts;
    const std::size_t last_count = layout_.table_parts == 0 ? 3 : layout_.table_parts;
    for (std::size_t parts = first_count; parts <= last_count; ++parts) {
      const std::size_t width = kTableColumns / parts - kOwnerColumns;
      std::vector<std::size_t> lines;
      for (const TableRow& row : table_rows_) {
        lines.push_back(std::max(render::wrap(row.text, width).size(),
                                 render::wrap(owners_of(row), kOwnerColumns).size()));
      }
      const auto [starts, tallest] = balanced_parts(lines, parts);
      if (tallest < fewest_lines) {
        fewest_lines = tallest;
        best_starts = starts;
      }
    }
    const std::size_t parts = best_starts.size();
    const std::size_t text_width = kTableColumns / parts - kOwnerColumns;
    std::string html =
        "<TR><TD ALIGN=\"LEFT\"><TABLE BORDER=\"1\" COLOR=\"#9e9e9e\" BGCOLOR=\"#fffde7\" "
        "CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\">"
        "<TR><TD ALIGN=\"LEFT\" COLSPAN=\"" +
        std::to_string(parts) + "\" CELLPADDING=\"2\"><B>対策と情報項目</B></TD></TR><TR>";
    for (std::size_t part = 0; part < parts; ++part) {
      const std::size_t end = part + 1 < parts ? best_starts[part + 1] : table_rows_.size();
      html +=
          "<TD ALIGN=\"LEFT\" VALIGN=\"TOP\"><TABLE BORDER=\"0\" CELLBORDER=\"0\" "
          "CELLSPACING=\"0\" CELLPADDING=\"2\">";
      for (std::size_t row = best_starts[part]; row < end; ++row) {
        const TableRow& entry = table_rows_[row];
        html += "<TR><TD ALIGN=\"LEFT\" VALIGN=\"TOP\" BALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\">" +
                escape_html(entry.mark) + wrapped_html(owners_of(entry), kOwnerColumns) +
                "</FONT></TD><TD ALIGN=\"LEFT\" VALIGN=\"TOP\" BALIGN=\"LEFT\"><FONT "
                "POINT-SIZE=\"8\">" +
                wrapped_html(entry.text, text_width) + "</FONT></TD></TR>";
      }
      html += "</TABLE></TD>";
    }
    return html + "</TR></TABLE></TD></TR>";
  }

  /// Where each of `parts` runs of consecutive rows starts, so that the run with the most
  /// lines has as few as can be, and that many lines. Fewer runs when the rows run out.
  static std::pair<std::vector<std::size_t>, std::size_t> balanced_parts(
      const std::vector<std::size_t>& lines, std::size_t parts) {
    std::size_t limit = *std::max_element(lines.begin(), lines.end());
    for (;; ++limit) {
      std::vector<std::size_t> starts{0};
      std::size_t used = 0;
      for (std::size_t row = 0; row < lines.size(); ++row) {
        if (used + lines[row] > limit) {
          starts.push_back(row);
          used = 0;
        }
        used += lines[row];
      }
      if (starts.size() <= parts) return {starts, limit};
    }
  }

  void write_org(std::size_t o, int depth) {
    const Organization& org = model_.orgs[o];
    const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
    const bool frame = framed(o);
    if (frame) {
      // A heading is wrapped short: a heading as wide as its frame leaves no way out of the
      // frame's top for the lines that must leave it there. A frame one node wide gets a
      // heading as narrow as its nodes' names, or the heading alone widens the gap between
      // two ranks of the whole figure.
      std::string label = "<B>" + wrapped_html(org.name, one_column(o) ? 16 : 24) + "</B>";
      if (!org.operator_name.empty() && org.operator_name != org.name) {
        label += "<BR/>" + escape_html(org.operator_name);
      }
      std::string attributes = certification_text(org);
      if (org.region == Region::japan)
        attributes += std::string(attributes.empty() ? "" : "・") + "国内";
      if (org.region == Region::overseas)
        attributes += std::string(attributes.empty() ? "" : "・") + "国外";
      if (!attributes.empty())
        label += "<BR/><FONT POINT-SIZE=\"9\">" + escape_html(attributes) + "</FONT>";
      const auto footnote = footnote_marks("org:" + org.id);
      if (!footnote.empty())
        label +=
            " <FONT COLOR=\"" + std::string(mark_colour(footnote)) + "\">" + footnote + "</FONT>";
      // The frame's own measures sit under its name, as the papers' callouts do.
      if (layout_.measures == MeasureDetail::table) label += table_refs("org:" + std::to_string(o));
      out_ << indent << "subgraph cluster_o" << o << " {\n"
           << indent << "  label=<" << label
           << ">; labeljust=" << (heading_place(o).ends_with('r') ? "r" : "l")
           << "; style=\"rounded,filled\"; "
           << "fillcolor=\"" << (nesting_level(o) % 2 == 1 ? "#ffffff" : frame_colour(org.role))
           << "\"; color=\"" << (is_gap(footnote) ? kRed : "#607d8b") << "\"; fontsize=11;"
           << (captioned_below(o) != heading_place(o).starts_with('b') ? " labelloc=b;" : "")
           // A figure too wide for the page has its frames closer round their nodes too:
           // nested frames add their margins on both sides of every rank they span.
           << (layout_.close_ranks ? " margin=5;" : "") << "\n";
    }
    for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
      if (model_.nodes[n].org == o && drawn_[n]) write_node(n, depth + (frame ? 1 : 0));
    }
    for (std::size_t n = 0; frame && n < model_.nodes.size(); ++n) {
      if (beside_[n] != npos && !frames_of(n).empty() && frames_of(n).front() == o)
        out_ << indent << "  {rank=same; n" << beside_[n] << "; n" << n << ";}\n";
    }
    const auto measures = done_measures(org.measures);
    if (frame && !measures.empty() && layout_.measures != MeasureDetail::table) {
      // The frame's own measures in a callout inside it, beside its first node: a node, unlike
      // a heading, is kept clear by Graphviz's routing of the lines.
      out_ << indent << "  m_o" << o << " [shape=note, style=filled, fillcolor=\"#fffde7\", "
           << "color=\"#9e9e9e\", fontsize=8, margin=\"0.08,0.04\", label=<"
           << measure_box(measures, frame_rows_, 3) << ">];\n";
      if (const std::size_t anchor = first_node_within(o); anchor != npos)
        out_ << indent << "  {rank=same; m_o" << o << "; n" << anchor << ";}\n";
    } else if (frame && !has_content(o)) {
      // Graphviz drops an empty cluster; an invisible point keeps the frame on the figure.
      out_ << indent << "  e_o" << o << " [shape=point, style=invis];\n";
    }
    for (std::size_t child = 0; child < model_.orgs.size(); ++child) {
      if (model_.orgs[child].parent == o) write_org(child, depth + (frame ? 1 : 0));
    }
    if (frame) {
      write_labels(o, indent + "  ");
      out_ << indent << "}\n";
    }
  }

  /// How many frames are drawn around this one: a frame inside another is drawn white inside
  /// its tinted parent, so that a department inside its ward reads as a box inside a box.
  std::size_t nesting_level(std::size_t o) const {
    std::size_t level = 0;
    for (std::size_t org = model_.orgs[o].parent, hops = 0;
         org != npos && hops <= model_.orgs.size(); org = model_.orgs[org].parent, ++hops) {
      if (framed(org)) ++level;
    }
    return level;
  }

  /// The title stands centred unless a line round the figure ran through it there.
  std::string title_place() const {
    auto found = layout_.heading_places.find("cluster_figure");
    if (found == layout_.heading_places.end()) return "c";
    return found->second.ends_with('r') ? "r" : "l";
  }

  /// Where a frame's heading was moved to (see FigureLayout::heading_places), or "".
  std::string heading_place(std::size_t o) const {
    return heading_place("cluster_o" + std::to_string(o));
  }

  std::string heading_place(const std::string& cluster) const {
    auto found = layout_.heading_places.find(cluster);
    return found == layout_.heading_places.end() ? "" : found->second;
  }

  /// Top to bottom, flows enter the later frames from above, and Graphviz would route them
  /// through a name and callout at the top: those frames carry theirs below, as a caption.
  bool captioned_below(std::size_t o) const {
    if (!layout_.top_to_bottom) return false;
    std::size_t outermost = o;
    for (std::size_t org = o, hops = 0; org != npos && hops <= model_.orgs.size();
         org = model_.orgs[org].parent, ++hops) {
      if (framed(org)) outermost = org;
    }
    std::size_t first = npos;
    for (std::size_t block = 0; block < block_rank_.size(); ++block) {
      if (first == npos || block_rank_[block] < block_rank_[first]) first = block;
    }
    return outermost != first;
  }

  /// The first drawn node in a frame or the frames nested in it, or npos.
  std::size_t first_node_within(std::size_t o, std::size_t depth = 0) const {
    for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
      if (model_.nodes[n].org == o && drawn_[n]) return n;
    }
    if (depth > model_.orgs.size()) return npos;  // a cycle of parents (reported on loading)
    for (std::size_t child = 0; child < model_.orgs.size(); ++child) {
      if (model_.orgs[child].parent != o) continue;
      if (const std::size_t n = first_node_within(child, depth + 1); n != npos) return n;
    }
    return npos;
  }

  /// Whether a frame holds anything drawn: a node, a nested frame, or a label.
  bool has_content(std::size_t o) const {
    for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
      if (model_.nodes[n].org == o && drawn_[n]) return true;
    }
    for (const Organization& child : model_.orgs) {
      if (child.parent == o) return true;
    }
    return false;
  }

  static std::string node_shape(const Node& node) {
    switch (node.kind) {
      case NodeKind::person:
        return "shape=ellipse, style=filled, fillcolor=\"#ffffff\"";
      case NodeKind::terminal:
        return "shape=box3d, style=filled, fillcolor=\"#ffffff\"";
      case NodeKind::mobile:
        return "shape=box, style=\"rounded,filled,bold\", fillcolor=\"#ffffff\"";
      case NodeKind::system:
      case NodeKind::datastore:
        return "shape=cylinder, style=filled, fillcolor=\"#ffffff\"";
      case NodeKind::cloud:
        return "shape=ellipse, peripheries=2, style=filled, fillcolor=\"#e1f5fe\"";
      case NodeKind::network:
        // A band across the reading direction, as the papers draw LGWAN or a closed line.
        return "shape=box, style=\"rounded,filled\", fillcolor=\"#eceff1\", color=\"#78909c\", "
               "penwidth=2, height=1.1";
      case NodeKind::medium:
        return node.medium == MediumKind::paper ? "shape=note, style=filled, fillcolor=\"#ffffff\""
                                                : "shape=tab, style=filled, fillcolor=\"#ffffff\"";
    }
    return "shape=box";
  }

  void write_node(std::size_t n, int depth) {
    const Node& node = model_.nodes[n];
    const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
    std::string label = wrapped_html(node.name, narrow(18));
    if (passes_through(n) && model_.orgs[node.org].name != node.name) {
      label +=
          "<BR/><FONT POINT-SIZE=\"8\">" + wrapped_html(model_.orgs[node.org].name, 20) + "</FONT>";
    }
    if (!node.note.empty()) {
      label += "<BR/><FONT POINT-SIZE=\"8\">※" + wrapped_html(node.note, 20) + "</FONT>";
    }
    const auto footnote = footnote_marks("node:" + node.id);
    if (!footnote.empty())
      label +=
          "<BR/><FONT COLOR=\"" + std::string(mark_colour(footnote)) + "\">" + footnote + "</FONT>";
    const bool table = layout_.measures == MeasureDetail::table;
    if (table && (node.kind != NodeKind::network || passes_through(n))) {
      const std::string ref = table_refs("node:" + std::to_string(n));
      if (!ref.empty()) label += "<BR/>" + ref;
    }
    out_ << indent << "n" << n << " [" << node_shape(node) << ", label=<" << label << ">";
    if (is_gap(footnote)) out_ << ", color=\"" << kRed << "\", penwidth=2";
    out_ << highlight_node(n) << "];\n";
    const auto measures = done_measures(node.measures);
    if (!measures.empty() && (node.kind != NodeKind::network || passes_through(n)) && !table) {
      out_ << indent << "m_n" << n << " [shape=note, style=filled, fillcolor=\"#fffde7\", "
           << "color=\"#9e9e9e\", fontsize=8, margin=\"0.08,0.04\", label=<"
           << measure_box(measures, node_rows_, 2) << ">" << dim_unless(lit_node(n)) << "];\n";
      out_ << indent << "{rank=same; n" << n << "; m_n" << n << ";}\n";
      out_ << indent << "n" << n << " -> m_n" << n
           << " [style=dotted, arrowhead=none, color=\"#9e9e9e\"];\n";
    }
  }

  /// Beside the first flow (in step order) that carries each item set: its name and fields.
  void plan_item_callouts() {
    std::vector<std::size_t> order(model_.flows.size());
    for (std::size_t f = 0; f < order.size(); ++f) order[f] = f;
    std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
      return model_.flows[a].step.value_or(1 << 20) < model_.flows[b].step.value_or(1 << 20);
    });
    std::vector<std::size_t> first_segment(model_.flows.size(), npos);
    for (std::size_t s = segments_.size(); s-- > 0;) {
      for (std::size_t member : segments_[s].members) first_segment[member] = s;
    }
    std::set<std::size_t> shown;
    for (std::size_t f : order) {
      for (std::size_t item : model_.flows[f].items) {
        if (shown.insert(item).second) item_callouts_[first_segment[f]].push_back(item);
      }
    }
  }

  // ---- flows ------------------------------------------------------------------------------

  /// Line style by transfer kind: network solid, dedicated or closed line bold, hand-over of
  /// media or paper dashed, telephone dotted.
  static std::string style_of(const Model& model, const std::vector<std::size_t>& networks,
                              bool carried) {
    if (carried) return "dashed";
    for (std::size_t n : networks) {
      const auto kind = model.nodes[n].network;
      if (kind == NetworkKind::telephone) return "dotted";
      if (kind == NetworkKind::dedicated_line || kind == NetworkKind::closed) return "bold";
    }
    return "solid";
  }

  bool unstated_means(const Flow& flow) const {
    const auto kinds = model_.transfer_kinds(flow);
    return std::find(kinds.begin(), kinds.end(), TransferKind::unstated) != kinds.end();
  }

  bool any_unstated() const {
    return std::any_of(segments_.begin(), segments_.end(),
                       [](const Segment& segment) { return segment.unstated; });
  }

  bool any_in_person() const {
    return std::any_of(segments_.begin(), segments_.end(),
                       [](const Segment& segment) { return segment.in_person; });
  }

  /// The measures of the flow and of the networks it passes, for its callout.
  std::vector<std::size_t> stretch_measures(const Flow& flow,
                                            const std::vector<std::size_t>& networks) const {
    std::vector<std::size_t> measures = done_measures(flow.measures);
    for (std::size_t n : networks) {
      for (std::size_t m : done_measures(model_.nodes[n].measures)) {
        if (std::find(measures.begin(), measures.end(), m) == measures.end()) measures.push_back(m);
      }
    }
    return measures;
  }

  /// The networks a stretch passes, by name: 【専用回線】.
  std::string channel_text(const std::vector<std::size_t>& networks) const {
    std::string text;
    for (std::size_t n : networks) text += "【" + model_.nodes[n].name + "】";
    return text;
  }

  /// One drawn stretch of a flow, between two groups of stops: the flow is split at the
  /// media it passes (media next to each other carry it side by side, e.g. paper and a
  /// DVD), and each stretch is labelled by a node of its own so labels never overlap.
  struct Segment {
    std::size_t flow;                  // the first of the flows drawn as one
    std::vector<std::size_t> members;  // every flow drawn by this stretch
    std::size_t index;
    std::vector<std::size_t> from;
    std::vector<std::size_t> to;
    std::string label;  // HTML; empty for an unlabelled stretch
    std::string style;
    std::size_t frame;  // innermost frame holding both ends, or npos
    bool unstated;      // between places, and no source says how (drawn in a style of its own)
    std::vector<std::size_t> measures;  // of the flow and its networks, on the first stretch
    bool in_person = false;             // handed over face to face: a double line, not a network's
    std::size_t band = npos;            // the shared line's band its label stands in
  };

  struct Band {
    std::size_t line;   // the network node
    std::size_t frame;  // where its labels are written, or npos
    std::size_t block_a;
    std::size_t block_b;
  };

  /// The framed organizations around a node, innermost first.
  std::vector<std::size_t> frames_of(std::size_t node) const {
    std::vector<std::size_t> frames;
    for (std::size_t org = model_.nodes[node].org, hops = 0;
         org != npos && hops <= model_.orgs.size(); org = model_.orgs[org].parent, ++hops) {
      if (framed(org)) frames.push_back(org);
    }
    return frames;
  }

  /// The innermost frame holding every node of both groups, or npos.
  std::size_t common_frame(const std::vector<std::size_t>& a,
                           const std::vector<std::size_t>& b) const {
    std::vector<std::size_t> shared = frames_of(a.front());
    auto keep_common = [&](std::size_t node) {
      const auto frames = frames_of(node);
      shared.erase(std::remove_if(shared.begin(), shared.end(),
                                  [&](std::size_t frame) {
                                    return std::find(frames.begin(), frames.end(), frame) ==
                                           frames.end();
                                  }),
                   shared.end());
    };
    for (std::size_t node : a) keep_common(node);
    for (std::size_t node : b) keep_common(node);
    return shared.empty() ? npos : shared.front();
  }

  /// Flows drawn as one: the same step, label, direction, channel and measures, from one
  /// source to several recipients (or from several to one), as a paper draws 「各署へ」.
  std::vector<std::vector<std::size_t>> merged_flows() const {
    auto key_of = [this](const Flow& flow) {
      std::string key = std::to_string(flow.step.value_or(-1)) + '\x1f' + flow.label + '\x1f' +
                        std::string(id_of(flow.direction)) + '\x1f' +
                        (is_gap(footnote_marks("flow:" + flow.id)) ? "!" : "");
      for (std::size_t via : flow.via) key += '\x1f' + std::to_string(via);
      key += '\x1d';
      for (std::size_t item : flow.items) key += std::to_string(item) + ',';
      key += '\x1e';
      for (std::size_t m : done_measures(flow.measures)) key += std::to_string(m) + ',';
      return key;
    };
    std::vector<std::vector<std::size_t>> groups;
    std::map<std::string, std::vector<std::size_t>> by_key;  // key -> indices into groups
    for (std::size_t f = 0; f < model_.flows.size(); ++f) {
      const Flow& flow = model_.flows[f];
      bool merged = false;
      for (std::size_t g : by_key[key_of(flow)]) {
        const Flow& first = model_.flows[groups[g].front()];
        const bool same_from = std::all_of(groups[g].begin(), groups[g].end(), [&](std::size_t o) {
          return model_.flows[o].from == flow.from;
        });
        const bool same_to = std::all_of(groups[g].begin(), groups[g].end(), [&](std::size_t o) {
          return model_.flows[o].to == flow.to;
        });
        if ((same_from && first.from == flow.from) || (same_to && first.to == flow.to)) {
          groups[g].push_back(f);
          merged = true;
          break;
        }
      }
      if (!merged) {
        by_key[key_of(flow)].push_back(groups.size());
        groups.push_back({f});
      }
    }
    return groups;
  }

  static void add_unique(std::vector<std::size_t>& group, std::size_t node) {
    if (std::find(group.begin(), group.end(), node) == group.end()) group.push_back(node);
  }

  void plan_segments() {
    for (const std::vector<std::size_t>& group : merged_flows()) {
      const std::size_t f = group.front();
      const Flow& flow = model_.flows[f];
      std::vector<std::vector<std::size_t>> stops{{}};
      for (std::size_t member : group) add_unique(stops.front(), model_.flows[member].from);
      std::vector<std::vector<std::size_t>> networks(1);
      bool after_medium = false;
      bool carried = false;  // a medium is carried on every stretch
      for (std::size_t via : flow.via) {
        if (passes_through(via)) {
          networks.back().push_back(via);
          stops.push_back({via});
          networks.push_back({via});
          after_medium = false;
        } else if (model_.nodes[via].kind != NodeKind::medium) {
          networks.back().push_back(via);
          after_medium = false;
        } else if (after_medium && networks.back().empty()) {
          stops.back().push_back(via);
        } else {
          stops.push_back({via});
          networks.emplace_back();
          after_medium = true;
          carried = true;
        }
      }
      stops.emplace_back();
      for (std::size_t member : group) add_unique(stops.back(), model_.flows[member].to);
      std::string footnote;
      for (std::size_t member : group)
        footnote += footnote_marks("flow:" + model_.flows[member].id);
      for (std::size_t k = 0; k + 1 < stops.size(); ++k) {
        std::string label;
        if (k == 0) {
          const std::string step = flow.step ? circled_step(*flow.step) : "";
          // Graphviz drops a whole HTML label holding an empty <B></B>: no step, no tag.
          label = (step.empty() ? "" : "<B>" + escape_html(step) + "</B>") +
                  wrapped_html(flow.label.empty() ? flow.id : flow.label, narrow(22));
          if (!footnote.empty()) {
            label += " <FONT COLOR=\"" + std::string(mark_colour(footnote)) + "\">" + footnote +
                     "</FONT>";
          }
        }
        // A band names its line itself; the stretches beside it only take its style.
        std::vector<std::size_t> named;
        std::size_t shared = npos;
        for (std::size_t n : networks[k]) {
          if (shared_line_[n] && shared == npos) {
            shared = n;
          } else if (!passes_through(n)) {
            named.push_back(n);
          }
        }
        const std::string channel = channel_text(named);
        if (!channel.empty()) {
          label += (label.empty() ? "" : "<BR/>") + std::string("<FONT POINT-SIZE=\"8\">") +
                   wrapped_html(channel, narrow(26)) + "</FONT>";
        }
        const bool unstated = flow.via.empty() && unstated_means(flow);
        const bool in_person = flow.via.empty() && flow.means == Means::in_person;
        segments_.push_back(Segment{
            f, group, k, stops[k], stops[k + 1], label,
            unstated ? "dashed" : style_of(model_, networks[k], carried),
            common_frame(stops[k], stops[k + 1]), unstated,
            k == 0 ? stretch_measures(flow, named) : std::vector<std::size_t>{}, in_person});
        Segment& added = segments_.back();
        if (shared != npos && !added.label.empty())
          added.band = band_for(shared, added.frame, added.from.front(), added.to.front());
      }
    }
  }

  /// A band around a single label says no more than the label would: such a stretch names
  /// its line in brackets and carries the line's measures in its own callout, as before.
  void keep_bands_of_several() {
    std::vector<std::size_t> members(bands_.size(), 0);
    for (const Segment& segment : segments_) {
      if (segment.band != npos) ++members[segment.band];
    }
    for (Segment& segment : segments_) {
      if (segment.band == npos || members[segment.band] >= 2) continue;
      const std::size_t line = bands_[segment.band].line;
      segment.band = npos;
      segment.label += "<BR/><FONT POINT-SIZE=\"8\">" +
                       wrapped_html(channel_text({line}), narrow(26)) + "</FONT>";
      if (segment.index != 0) continue;
      for (std::size_t m : done_measures(model_.nodes[line].measures)) {
        if (std::find(segment.measures.begin(), segment.measures.end(), m) ==
            segment.measures.end())
          segment.measures.push_back(m);
      }
    }
  }

  // ---- reading order ----------------------------------------------------------------------
  // Graphviz ranks along the edges and, where flows form cycles (a ward terminal sends to a
  // cloud and later reads from it), turns round whichever edge its search meets last, so a
  // hub-shaped business zigzags. Each stretch's direction is decided here instead.

  /// What the figure places as one block: the outermost frame around a node, or the node
  /// itself when it stands outside every frame.
  std::size_t block_of(std::size_t node) const {
    const std::vector<std::size_t> frames = frames_of(node);
    return frames.empty() ? model_.orgs.size() + node : frames.back();
  }

  std::vector<std::size_t> segments_in_step_order() const {
    std::vector<std::size_t> order(segments_.size());
    for (std::size_t s = 0; s < order.size(); ++s) order[s] = s;
    std::stable_sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
      return model_.flows[segments_[a].flow].step.value_or(1 << 20) <
             model_.flows[segments_[b].flow].step.value_or(1 << 20);
    });
    return order;
  }

  /// Whether `to` can already be reached from `from` along the edges decided so far.
  static bool reaches(const std::vector<std::vector<std::size_t>>& edges, std::size_t from,
                      std::size_t to) {
    std::vector<bool> seen(edges.size(), false);
    std::vector<std::size_t> stack{from};
    seen[from] = true;
    while (!stack.empty()) {
      const std::size_t node = stack.back();
      stack.pop_back();
      if (node == to) return true;
      for (std::size_t next : edges[node]) {
        if (!seen[next]) {
          seen[next] = true;
          stack.push_back(next);
        }
      }
    }
    return false;
  }

  void plan_directions() {
    const std::vector<std::size_t> order = segments_in_step_order();
    // Blocks are ordered by how the flows reach them, breadth first from the first step's
    // sender: a ward that uploads to a cloud which delivers to residents reads ward, cloud,
    // residents, even when a resident's registration (an earlier step) goes the other way.
    const std::size_t blocks = model_.orgs.size() + model_.nodes.size();
    std::vector<std::vector<std::size_t>> block_edges(blocks);
    std::vector<std::size_t> appearance;
    std::set<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t s : order) {
      const Segment& segment = segments_[s];
      const bool both = model_.flows[segment.flow].direction == Direction::both;
      for (std::size_t from : segment.from) {
        for (std::size_t to : segment.to) {
          pairs.emplace(from, to);
          const std::size_t a = block_of(from), b = block_of(to);
          appearance.push_back(a);
          appearance.push_back(b);
          if (a == b) continue;
          block_edges[a].push_back(b);
          if (both) block_edges[b].push_back(a);
        }
      }
    }
    std::vector<std::size_t>& block_rank = block_rank_;
    block_rank.assign(blocks, npos);
    std::size_t next_rank = 0;
    for (std::size_t root : appearance) {
      if (block_rank[root] != npos) continue;
      block_rank[root] = next_rank++;
      std::deque<std::size_t> queue{root};
      while (!queue.empty()) {
        const std::size_t block = queue.front();
        queue.pop_front();
        for (std::size_t next : block_edges[block]) {
          if (block_rank[next] == npos) {
            block_rank[next] = next_rank++;
            queue.push_back(next);
          }
        }
      }
    }
    auto two_way = [&](const Segment& segment) {
      if (model_.flows[segment.flow].direction == Direction::both) return true;
      for (std::size_t from : segment.from) {
        for (std::size_t to : segment.to) {
          if (pairs.count({to, from}) != 0) return true;
        }
      }
      return false;
    };
    std::vector<std::vector<std::size_t>> edges(model_.nodes.size());
    auto decide = [&](std::size_t s, bool back) {
      reversed_[s] = back;
      for (std::size_t from : segments_[s].from) {
        for (std::size_t to : segments_[s].to) {
          if (back) {
            edges[to].push_back(from);
          } else {
            edges[from].push_back(to);
          }
        }
      }
    };
    reversed_.assign(segments_.size(), false);
    std::vector<bool> decided(segments_.size(), false);
    // Sending and answering between two blocks follows the blocks' order.
    for (std::size_t s : order) {
      const Segment& segment = segments_[s];
      const std::size_t a = block_of(segment.from.front()), b = block_of(segment.to.front());
      if (a == b || !two_way(segment)) continue;
      decide(s, block_rank[a] > block_rank[b]);
      decided[s] = true;
    }
    // A frame with several nodes that send to and answer another block is a hub's spoke:
    // its inner flows run down the frame, so it stays one column beside the hub.
    std::map<std::size_t, std::set<std::size_t>> spokes;  // block -> its answering nodes
    for (std::size_t s : order) {
      if (!decided[s]) continue;
      for (std::size_t node : segments_[s].from) spokes[block_of(node)].insert(node);
      for (std::size_t node : segments_[s].to) spokes[block_of(node)].insert(node);
    }
    loose_.assign(segments_.size(), false);
    for (std::size_t s = 0; s < segments_.size(); ++s) {
      const std::size_t a = block_of(segments_[s].from.front());
      loose_[s] =
          a < model_.orgs.size() && a == block_of(segments_[s].to.front()) && spokes[a].size() >= 2;
      if (loose_[s]) decided[s] = true;
    }
    // Everything else in step order, turned round only where it would close a cycle. A flow
    // carried on a medium turns round as a whole (judged from its two ends), so that the
    // medium stands between sender and recipient rather than beyond one of them.
    for (std::size_t s : order) {
      if (decided[s]) continue;
      std::vector<std::size_t> stretches;
      for (std::size_t t : order) {
        if (!decided[t] && segments_[t].members == segments_[s].members) stretches.push_back(t);
      }
      const Segment& first = segments_[stretches.front()];
      const Segment& last = segments_[stretches.back()];
      bool closes = false;
      for (std::size_t from : first.from) {
        for (std::size_t to : last.to) closes = closes || reaches(edges, to, from);
      }
      for (std::size_t t : stretches) {
        decide(t, closes);
        decided[t] = true;
      }
    }
    // A figure many ranks long and few nodes deep is already wider than the page: callouts
    // then grow downwards in one column rather than sideways.
    const auto [ranks, breadth] = ranks_along(edges);
    if (ranks >= 7 && ranks >= 4 * breadth + 1 && !layout_.top_to_bottom) {
      frame_rows_ = 16;
      node_rows_ = 16;
    }
    if (layout_.callout_lines > 0) frame_rows_ = node_rows_ = layout_.callout_lines;
  }

  /// A node that exchanges nothing within its own frame while the frame's other nodes pass
  /// the data along among themselves, and whose every line is one whose means no source
  /// states (a clerk who answers inquiries beside the system that receives the data), stands
  /// in the same column as the first of those nodes. Its lines then do not place it, so an
  /// undescribed inquiry does not stretch its frame across the whole figure; the declared
  /// transfers alone set the reading order.
  void plan_side_nodes() {
    beside_.assign(model_.nodes.size(), npos);
    auto inner_frame = [this](std::size_t node) {
      const std::vector<std::size_t> frames = frames_of(node);
      return frames.empty() ? npos : frames.front();
    };
    std::vector<bool> inside(model_.nodes.size(), false);    // has a stretch within its frame
    std::vector<bool> outside(model_.nodes.size(), false);   // has one leaving it
    std::vector<bool> declared(model_.nodes.size(), false);  // has a line of stated means
    std::map<std::size_t, std::size_t> chain_head;           // frame -> first node passing data
    for (std::size_t s : segments_in_step_order()) {
      const Segment& segment = segments_[s];
      for (std::size_t from : segment.from) {
        for (std::size_t to : segment.to) {
          if (!segment.unstated) declared[from] = declared[to] = true;
          const std::size_t frame = inner_frame(from);
          if (frame != npos && frame == inner_frame(to)) {
            inside[from] = inside[to] = true;
            const std::size_t tail = reversed_[s] ? to : from;
            chain_head.emplace(frame, tail);
          } else {
            outside[from] = outside[to] = true;
          }
        }
      }
    }
    for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
      if (!drawn_[n] || inside[n] || !outside[n] || declared[n]) continue;
      auto head = chain_head.find(inner_frame(n));
      if (head != chain_head.end()) beside_[n] = head->second;
    }
  }

  /// The number of ranks of the longest chain of stretches (label nodes included), and the
  /// most nodes any rank holds.
  std::pair<std::size_t, std::size_t> ranks_along(
      const std::vector<std::vector<std::size_t>>& edges) const {
    std::vector<std::size_t> incoming(edges.size(), 0), ranks(edges.size(), 1);
    for (const auto& heads : edges) {
      for (std::size_t head : heads) ++incoming[head];
    }
    std::vector<std::size_t> ready;
    for (std::size_t n = 0; n < edges.size(); ++n) {
      if (incoming[n] == 0) ready.push_back(n);
    }
    std::size_t longest = 1;
    while (!ready.empty()) {
      const std::size_t node = ready.back();
      ready.pop_back();
      longest = std::max(longest, ranks[node]);
      for (std::size_t head : edges[node]) {
        ranks[head] = std::max(ranks[head], ranks[node] + 2);  // the label's rank between
        if (--incoming[head] == 0) ready.push_back(head);
      }
    }
    std::map<std::size_t, std::size_t> per_rank;
    std::size_t breadth = 1;
    for (std::size_t n = 0; n < edges.size(); ++n) {
      if (drawn_[n]) breadth = std::max(breadth, ++per_rank[ranks[n]]);
    }
    return {longest, breadth};
  }

  std::string flow_colour(const Flow& flow) const {
    return is_gap(footnote_marks("flow:" + flow.id)) ? std::string(kRed) : "";
  }

  /// Label nodes (and item callouts beside them) that belong in `frame`; of a folded figure's
  /// outermost level, only those of `row`.
  void write_labels(std::size_t frame, const std::string& indent, std::size_t row = npos) {
    auto here = [&](std::size_t s) {
      const Segment& segment = segments_[s];
      return segment.frame == frame && !segment.label.empty() &&
             (row == npos || row_of_label(segment, reversed_[s]) == row);
    };
    for (std::size_t s = 0; s < segments_.size(); ++s) {
      if (here(s) && segments_[s].band == npos) write_label(s, indent);
    }
    for (std::size_t b = 0; b < bands_.size(); ++b) {
      std::vector<std::size_t> members;
      for (std::size_t s = 0; s < segments_.size(); ++s) {
        if (here(s) && segments_[s].band == b) members.push_back(s);
      }
      if (members.empty()) continue;
      const std::size_t line = bands_[b].line;
      const Node& node = model_.nodes[line];
      // No wider than the labels in the band, which it would otherwise widen.
      std::string heading = "<B>" + wrapped_html(node.name, 14) + "</B>";
      const auto footnote = footnote_marks("node:" + node.id);
      if (!footnote.empty())
        heading +=
            " <FONT COLOR=\"" + std::string(mark_colour(footnote)) + "\">" + footnote + "</FONT>";
      if (layout_.measures == MeasureDetail::table) {
        const std::string refs = table_refs("node:" + std::to_string(line));
        if (!refs.empty()) heading += "<BR/>" + refs;
      }
      const std::string cluster =
          "cluster_band" + std::to_string(b) + (row == npos ? "" : "_r" + std::to_string(row));
      const std::string place = heading_place(cluster);
      out_ << indent << "subgraph " << cluster << " {\n"
           << indent << "  label=<" << heading
           << ">; labeljust=" << (place.ends_with('r') ? "r" : "l") << ";"
           << (place.starts_with('b') ? " labelloc=b;" : "") << " style=\"rounded,filled\"; "
           << "fillcolor=\"#eceff1\"; color=\"#78909c\"; fontsize=10; margin=4;\n";
      const auto measures = done_measures(node.measures);
      if (!measures.empty() && layout_.measures != MeasureDetail::table) {
        const std::string callout =
            "m_b" + std::to_string(b) + (row == npos ? "" : "_r" + std::to_string(row));
        out_ << indent << "  " << callout << " [shape=note, style=filled, fillcolor=\"#fffde7\", "
             << "color=\"#9e9e9e\", fontsize=8, margin=\"0.08,0.04\", label=<"
             << measure_box(measures, node_rows_, 2) << ">];\n";
        out_ << indent << "  {rank=same; " << callout << "; l" << members.front() << ";}\n";
      }
      for (std::size_t s : members) write_label(s, indent + "  ");
      out_ << indent << "}\n";
    }
  }

  void write_label(std::size_t s, const std::string& indent) {
    const Segment& segment = segments_[s];
    const std::string colour = flow_colour(model_.flows[segment.flow]);
    std::string text = segment.label;
    if (layout_.measures == MeasureDetail::table) {
      const std::string ref = table_refs("segment:" + std::to_string(s));
      if (!ref.empty()) text += "<BR/>" + ref;
    }
    out_ << indent << "l" << s << " [shape=plaintext, fontsize=9, margin=\"0.02,0.01\", label=<"
         << text << ">";
    if (!colour.empty()) out_ << ", fontcolor=\"" << colour << "\"";
    if (options_.flow_classes) out_ << ", class=\"flow-" << segment.flow << "\"";
    out_ << highlight_label(lit_segment(segment)) << "];\n";
    if (!segment.measures.empty() && layout_.measures != MeasureDetail::table) {
      // The flow's measures beside its label, so the label on the line stays short.
      out_ << indent << "c" << s << " [shape=note, style=filled, fillcolor=\"#fffde7\", "
           << "color=\"#9e9e9e\", fontsize=8, margin=\"0.06,0.03\", label=<"
           << measure_box(segment.measures, node_rows_, 2) << ">"
           << dim_unless(lit_segment(segment)) << "];\n";
      out_ << indent << "{rank=same; l" << s << "; c" << s << ";}\n";
      out_ << indent << "l" << s << " -> c" << s
           << " [style=dotted, arrowhead=none, color=\"#9e9e9e\"];\n";
    }
    auto items = item_callouts_.find(s);
    if (items == item_callouts_.end() || layout_.measures == MeasureDetail::table) return;
    for (std::size_t item : items->second) {
      const ItemSet& set = model_.items[item];
      std::string fields;
      for (const std::string& field : set.fields) fields += (fields.empty() ? "" : "・") + field;
      std::string label = "<B>" + escape_html(set.name) + "</B><BR/><FONT POINT-SIZE=\"8\">" +
                          escape_html(std::string(japanese_name(set.item_class))) + "</FONT>";
      if (!fields.empty()) label += "<BR/>" + wrapped_html(fields, narrow(30), "LEFT");
      out_ << indent << "i" << item << " [shape=note, style=filled, fillcolor=\"#f3e5f5\", "
           << "color=\"#8e24aa\", fontsize=8, label=<" << label << ">"
           << dim_unless(lit_segment(segment)) << "];\n";
      out_ << indent << "{rank=same; l" << s << "; i" << item << ";}\n";
      out_ << indent << "l" << s << " -> i" << item
           << " [style=dashed, arrowhead=none, color=\"#8e24aa\"];\n";
    }
  }

  /// One line of the figure as Graphviz draws it: a stretch, or half of a labelled one.
  struct DrawnEdge {
    std::string tail, head;  // DOT names
    std::size_t tail_row = 0, head_row = 0;
    std::string attributes;  // style and colour
    std::string arrows;      // as written when the edge is not cut
    bool tail_arrow = false, head_arrow = true;
    std::string id;
    std::string colour;            // of the connector marks, when the flow has one of its own
    std::size_t connector = npos;  // a folded figure's cut edge: its pair of marks
  };

  void add_edge(std::size_t s, std::string tail, std::size_t tail_row, std::string head,
                std::size_t head_row, std::string arrows, bool tail_arrow, bool head_arrow,
                bool ranks = true) {
    const Segment& segment = segments_[s];
    const Flow& flow = model_.flows[segment.flow];
    DrawnEdge edge;
    edge.tail = std::move(tail);
    edge.head = std::move(head);
    edge.tail_row = tail_row;
    edge.head_row = head_row;
    edge.colour = flow_colour(flow);
    edge.attributes = "style=" + segment.style;
    if (segment.unstated) {
      edge.attributes +=
          ", color=\"" + std::string(kUnstatedGrey) + "\", arrowhead=empty, arrowtail=empty";
    }
    if (segment.in_person) {
      // Graphviz draws a colour list as parallel lines: two lines with a gap between.
      const std::string line = edge.colour.empty() ? std::string("black") : edge.colour;
      edge.attributes += ", color=\"" + line + ":invis:" + line + "\"";
      if (!edge.colour.empty()) edge.attributes += ", penwidth=2";
    } else if (!edge.colour.empty()) {
      edge.attributes += ", color=\"" + edge.colour + "\", penwidth=2";
    }
    const bool lit = lit_segment(segment);
    edge.attributes += highlight_edge(lit);
    if (options_.highlight) edge.colour = std::string(lit ? kHighlight : kDimText);
    if (loose_[s] || !ranks) edge.attributes += ", constraint=false";
    edge.arrows = std::move(arrows);
    edge.tail_arrow = tail_arrow;
    edge.head_arrow = head_arrow;
    edge.id = "flow_" + escape_attribute(flow.id) + "_" + std::to_string(segment.index);
    if (options_.flow_classes) edge.id += " flow-" + std::to_string(segment.flow);
    if (tail_row != head_row) edge.connector = next_connector_++;
    edges_.push_back(std::move(edge));
  }

  void plan_edges() {
    const bool folded = !layout_.row_of.empty();
    auto row = [&](std::size_t n) { return folded ? row_of_node(n) : 0; };
    for (std::size_t s = 0; s < segments_.size(); ++s) {
      const Segment& segment = segments_[s];
      const bool both = model_.flows[segment.flow].direction == Direction::both;
      // A stretch against the reading order is written from its recipient, so that Graphviz
      // ranks it like the others, and its arrow is turned round with dir.
      const bool back = reversed_[s];
      const auto& tails = back ? segment.to : segment.from;
      const auto& heads = back ? segment.from : segment.to;
      auto placed = [this](std::size_t node) { return beside_[node] == npos; };
      if (segment.label.empty()) {
        for (std::size_t tail : tails) {
          for (std::size_t head : heads) {
            add_edge(s, "n" + std::to_string(tail), row(tail), "n" + std::to_string(head),
                     row(head),
                     both   ? ", dir=both"
                     : back ? ", dir=back"
                            : "",
                     both || back, both || !back, placed(tail) && placed(head));
          }
        }
        continue;
      }
      const std::string label = "l" + std::to_string(s);
      const std::size_t label_row = folded ? row_of_label(segment, back) : 0;
      // The label keeps a rank from one end at least, or it would drift to the figure's edge.
      const bool heads_placed = std::all_of(heads.begin(), heads.end(), placed);
      for (std::size_t tail : tails) {
        add_edge(s, "n" + std::to_string(tail), row(tail), label, label_row,
                 back || both ? ", dir=back" : ", arrowhead=none", back || both, false,
                 placed(tail) || !heads_placed);
      }
      for (std::size_t head : heads) {
        add_edge(s, label, label_row, "n" + std::to_string(head), row(head),
                 back && !both ? ", dir=none" : "", false, !back || both, placed(head));
      }
    }
  }

  /// The edges, each cut one as a line to its mark in one row and from its mark in the other.
  void write_edges() {
    for (const DrawnEdge& edge : edges_) {
      const std::string id = ", class=\"" + edge.id + "\"";
      if (edge.connector == npos) {
        out_ << "  " << edge.tail << " -> " << edge.head << " [" << edge.attributes << edge.arrows
             << id << "];\n";
        continue;
      }
      const std::string join = "join" + std::to_string(edge.connector);
      out_ << "  " << edge.tail << " -> " << join << "_out [" << edge.attributes
           << (edge.tail_arrow ? ", dir=back" : ", dir=none") << id << "];\n";
      out_ << "  " << join << "_in -> " << edge.head << " [" << edge.attributes
           << (edge.head_arrow ? "" : ", dir=none") << id << "];\n";
    }
  }

  // ---- a figure folded into rows (FigureLayout) ---------------------------------------------
  // Each row is a cluster of its own with no edge to another row, so Graphviz lays the rows
  // out apart and packs them one under the other; flows between rows end at connector marks.

  std::string build_folded() {
    const std::string font = escape_attribute(options_.font);
    std::size_t rows = 1;
    for (const auto& [name, row] : layout_.row_of) rows = std::max(rows, row + 1);
    out_ << "digraph nagare {\n";
    // Graphviz 2.42 crashes when newrank is combined with packing; every rank=same below
    // stays within one row's cluster, which the old ranking handles.
    out_ << "  graph [rankdir=LR, compound=true, splines=true, nodesep=0.3, ranksep=" << rank_gap()
         << ", pad=" << kPad << ", fontname=\"" << font
         << "\", fontsize=16, labelloc=t, labeljust=c, packmode=\"array_itc1\"";
    page_attributes();
    if (!layout_.title_beside_first_row) out_ << ", label=<" << title() << ">";
    out_ << "];\n";
    write_defaults(font);
    // The array stacks its cells from the bottom up, in the order the clusters are written:
    // the legend first, then the rows from the last to the first.
    out_ << "  subgraph cluster_legend {\n    pencolor=\"transparent\"; label=\"\";\n"
         << "    legend [shape=plaintext, fontsize=10, label=<" << legend_and_footnotes()
         << ">];\n  }\n";
    const std::vector<std::size_t> top = top_level_orgs();
    for (std::size_t row = rows; row-- > 0;) {
      out_ << "  subgraph cluster_row" << row << " {\n    pencolor=\"transparent\"; label=\"\";\n";
      for (std::size_t o : top) write_row_blocks(o, row);
      for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
        if (drawn_[n] && model_.nodes[n].org == npos && row_of_node(n) == row) write_node(n, 2);
      }
      write_labels(npos, "    ", row);
      write_connectors(row);
      // The last rank of the row's own cluster: the title follows the row's last step.
      if (row == 0 && layout_.title_beside_first_row)
        out_ << "    subgraph title_rank {\n      rank=sink;\n      figure_title [shape=plaintext, "
                "fontsize=16, label=<"
             << title() << ">];\n    }\n";
      out_ << "  }\n";
    }
    write_edges();
    out_ << "}\n";
    return out_.str();
  }

  /// The blocks of one row under a top-level organization: the organization itself when it
  /// is framed, else its nodes and framed children, each a block of its own.
  void write_row_blocks(std::size_t o, std::size_t row) {
    if (framed(o)) {
      if (row_of_block(o) == row) write_org(o, 2);
      return;
    }
    for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
      if (model_.nodes[n].org == o && drawn_[n] && row_of_node(n) == row) write_node(n, 2);
    }
    for (std::size_t child = 0; child < model_.orgs.size(); ++child) {
      if (model_.orgs[child].parent == o) write_row_blocks(child, row);
    }
  }

  std::string block_name(std::size_t block) const {
    // Appended, not `"n" + std::to_string(…)`: GCC 12 warns falsely (-Wrestrict) on that.
    std::string name = block < model_.orgs.size() ? "cluster_o" : "n";
    name += std::to_string(block < model_.orgs.size() ? block : block - model_.orgs.size());
    return name;
  }

  std::size_t row_of_block(std::size_t block) const {
    auto found = layout_.row_of.find(block_name(block));
    return found == layout_.row_of.end() ? 0 : found->second;
  }

  std::size_t row_of_node(std::size_t n) const { return row_of_block(block_of(n)); }

  /// A label stands in the row of the stretch's drawn tail, so the cut (if any) comes after it;
  /// when the tail stands beside its frame's column (see plan_side_nodes), the label is placed
  /// by the other end and stands in that end's row.
  std::size_t row_of_label(const Segment& segment, bool back) const {
    const std::size_t tail = back ? segment.to.front() : segment.from.front();
    const std::size_t head = back ? segment.from.front() : segment.to.front();
    if (beside_[tail] != npos && beside_[head] == npos) return row_of_node(head);
    return row_of_node(tail);
  }

  static std::string connector_mark(std::size_t k) {
    std::string mark(1, static_cast<char>('A' + k % 26));
    if (k >= 26) mark += std::to_string(k / 26 + 1);
    return mark;
  }

  void write_connectors(std::size_t row) {
    for (const DrawnEdge& edge : edges_) {
      if (edge.connector == npos) continue;
      for (const bool out : {true, false}) {
        if ((out ? edge.tail_row : edge.head_row) != row) continue;
        out_ << "    join" << edge.connector << (out ? "_out" : "_in")
             << " [shape=circle, fixedsize=true, width=0.34, fontsize=11, label=<<B>"
             << connector_mark(edge.connector) << "</B>>";
        if (!edge.colour.empty())
          out_ << ", color=\"" << edge.colour << "\", fontcolor=\"" << edge.colour << "\"";
        out_ << "];\n";
      }
    }
  }

  // ---- one item's reach (nagare trace --render) -------------------------------------------
  // Appended after an element's own attributes, so the last value wins in Graphviz; blue so
  // that a highlighted flow is never mistaken for an uncovered (red) one.

  static constexpr std::string_view kHighlight = "#1565c0";
  static constexpr std::string_view kDimLine = "#cfd8dc";
  static constexpr std::string_view kDimText = "#9e9e9e";

  void mark_highlight(const FigureHighlight& highlight) {
    lit_nodes_.assign(model_.nodes.size(), false);
    lit_flows_.assign(model_.flows.size(), false);
    for (std::size_t n : highlight.nodes) {
      if (n < lit_nodes_.size()) lit_nodes_[n] = true;
    }
    for (std::size_t f : highlight.flows) {
      if (f < lit_flows_.size()) lit_flows_[f] = true;
    }
  }

  bool lit_node(std::size_t n) const { return !options_.highlight || lit_nodes_[n]; }

  /// A stretch drawing several alike flows is lit when any of them carries the item.
  bool lit_segment(const Segment& segment) const {
    return !options_.highlight || std::any_of(segment.members.begin(), segment.members.end(),
                                              [this](std::size_t f) { return lit_flows_[f]; });
  }

  std::string highlight_node(std::size_t n) const {
    if (!options_.highlight) return "";
    if (lit_nodes_[n]) return ", color=\"" + std::string(kHighlight) + "\", penwidth=3";
    return ", color=\"" + std::string(kDimLine) + "\", fontcolor=\"" + std::string(kDimText) + "\"";
  }

  std::string highlight_edge(bool lit) const {
    if (!options_.highlight) return "";
    if (lit) return ", color=\"" + std::string(kHighlight) + "\", penwidth=3";
    return ", color=\"" + std::string(kDimLine) + "\"";
  }

  std::string highlight_label(bool lit) const {
    if (!options_.highlight) return "";
    return ", fontcolor=\"" + std::string(lit ? kHighlight : kDimText) + "\"";
  }

  /// Callouts (measures, item lists) of what the item does not touch fade with it.
  std::string dim_unless(bool lit) const {
    if (!options_.highlight || lit) return "";
    return ", color=\"" + std::string(kDimLine) + "\", fillcolor=\"#fafafa\", fontcolor=\"" +
           std::string(kDimText) + "\"";
  }

  std::string highlight_legend() const {
    if (!options_.highlight) return "";
    return "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"" + std::string(kHighlight) + "\"><B>━ " +
           escape_html(options_.highlight->caption) + "</B></FONT></TD></TR>";
  }

  // ---- findings ---------------------------------------------------------------------------

  void number_findings(const std::vector<Finding>& findings) {
    // Gaps first, then the questions (info), each numbered in the order of the findings.
    std::vector<const Finding*> ordered;
    for (const Finding& finding : findings) {
      if (finding.severity != Severity::info) ordered.push_back(&finding);
    }
    for (const Finding& finding : findings) {
      if (finding.severity == Severity::info) ordered.push_back(&finding);
    }
    for (const Finding* found : ordered) {
      const Finding& finding = *found;
      std::string key;
      if (finding.flow) {
        key = "flow:" + *finding.flow;
      } else if (finding.node) {
        key = "node:" + *finding.node;
      } else if (finding.org) {
        key = "org:" + *finding.org;
      } else {
        continue;
      }
      footnotes_.push_back(&finding);
      marks_[key].push_back(footnotes_.size());
    }
  }

  // A mark opens with ⚠ where a gap is found, with ？ where only questions are asked.
  static bool is_gap(std::string_view marks) { return marks.starts_with("⚠"); }
  static std::string_view mark_colour(std::string_view marks) {
    return is_gap(marks) ? kRed : kQuestionBlue;
  }

  std::string footnote_marks(const std::string& key) const {
    auto it = marks_.find(key);
    if (it == marks_.end()) return "";
    const bool gap = std::any_of(it->second.begin(), it->second.end(), [&](std::size_t number) {
      return footnotes_[number - 1]->severity != Severity::info;
    });
    std::string text = gap ? "⚠" : "？";
    for (std::size_t number : it->second) text += "※" + std::to_string(number);
    return text;
  }

  /// A finding's message as the figure's footnote: the figure names every flow, node and frame
  /// already, so the ids the command line prints for the model's author are left out.
  static std::string without_ids(const Finding& finding) {
    constexpr std::string_view kClose = "」";
    std::string text = finding.message;
    auto drop = [&text, kClose](const std::string& ids) {
      const std::string after_name = std::string(kClose) + ids;
      const auto at = text.find(after_name);
      if (at == std::string::npos) return;
      const std::size_t end = at + after_name.size();
      text.erase(at + kClose.size(), ids.size() + (text.compare(end, 1, " ") == 0 ? 1 : 0));
    };
    if (finding.from && finding.to) drop("(" + *finding.from + " → " + *finding.to + ")");
    if (finding.node) drop("(" + *finding.node + ")");
    if (finding.org) drop("(" + *finding.org + ")");
    return text;
  }

  std::string legend_and_footnotes() const {
    std::string html = "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">";
    html +=
        "<TR><TD ALIGN=\"LEFT\"><B>凡例</B>　━ 通信（ネットワーク）　<B>━━</B> 専用回線・閉域網　"
        "╍╍ 電磁的媒体・紙の受渡し　┈┈ 電話　⇄ 双方向" +
        std::string(any_in_person() ? "　═ 対面・手渡し" : "") +
        std::string(any_unstated() ? "　<FONT COLOR=\"" + std::string(kUnstatedGrey) +
                                         "\">╌╌▷ 手段の記載なし</FONT>"
                                   : "") +
        std::string(next_connector_ > 0 ? "　Ⓐ→Ⓐ 結合子（次の段の同じ記号へ続く）" : "") +
        "</TD></TR>";
    html += highlight_legend();
    bool gaps_heading = false, questions_heading = false;
    for (std::size_t i = 0; i < footnotes_.size(); ++i) {
      const bool question = footnotes_[i]->severity == Severity::info;
      const std::string_view colour = question ? kQuestionBlue : kRed;
      bool& shown = question ? questions_heading : gaps_heading;
      if (!shown) {
        html += "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"" + std::string(colour) + "\"><B>" +
                (question ? "？ 確認事項（文書に記載がない・確かめたい点）"
                          : "⚠ 対策が確認できない箇所") +
                "</B></FONT></TD></TR>";
        shown = true;
      }
      html += "<TR><TD ALIGN=\"LEFT\"><FONT COLOR=\"" + std::string(colour) + "\">※" +
              std::to_string(i + 1) + "</FONT> " +
              wrapped_html(without_ids(*footnotes_[i]), 110, "LEFT") + "</TD></TR>";
    }
    return html + measure_table() + "</TABLE>";
  }

  const Model& model_;
  const MeasureCatalogue& catalogue_;
  const FigureOptions& options_;
  const FigureLayout& layout_;
  std::vector<bool> drawn_;
  std::vector<bool> shared_line_;  // per node: a line of no organization drawn as a band
  std::vector<Band> bands_;
  std::vector<const Finding*> footnotes_;
  std::map<std::string, std::vector<std::size_t>> marks_;
  std::vector<Segment> segments_;
  std::vector<bool> reversed_;       // per segment: drawn from its recipient (see plan_directions)
  std::vector<bool> loose_;          // per segment: does not rank its ends (see plan_directions)
  std::vector<std::size_t> beside_;  // per node: the node whose column it stands in, or npos
  std::vector<std::size_t> block_rank_;  // per block (see block_of): place in reading order
  std::size_t frame_rows_ = 12, node_rows_ = 10;  // callout lines before another column
  std::map<std::size_t, std::vector<std::size_t>> item_callouts_;  // segment -> item sets
  std::vector<bool> lit_nodes_, lit_flows_;                        // with options_.highlight
  std::vector<DrawnEdge> edges_;
  std::size_t next_connector_ = 0;
  std::map<std::string, std::vector<std::size_t>> table_refs_;  // owner key -> table rows
  std::vector<TableRow> table_rows_;                            // table mode
  std::ostringstream out_;
};

}  // namespace

std::string figure_dot(const Model& model, const MeasureCatalogue& catalogue,
                       const std::vector<Finding>& findings, const FigureOptions& options,
                       const FigureLayout& layout) {
  return FigureBuilder(model, catalogue, findings, options, layout).build();
}

namespace render {

std::vector<std::pair<std::string, std::string>> block_links(const Model& model,
                                                             const MeasureCatalogue& catalogue,
                                                             const std::vector<Finding>& findings,
                                                             const FigureOptions& options) {
  const FigureLayout one_row;
  return FigureBuilder(model, catalogue, findings, options, one_row).block_links();
}

}  // namespace render

}  // namespace nagare
