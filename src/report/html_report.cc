#include <algorithm>
#include <array>

#include "nagare/reach.h"
#include "nagare/report.h"
#include "nagare/visible_text.h"

namespace nagare {
namespace {

// Everything the page needs is here: no fonts, scripts or images from anywhere else.
constexpr std::string_view kStyle = R"css(
:root { --ink: #1a1a1a; --navy: #1f3864; --rule: #9aa3b1; --head: #e8edf5;
        --error: #b3261e; --warning: #8a5a00; --info: #3b5f8a; --gap: #fff2cc; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic",
       "Meiryo", sans-serif; font-size: 10.5pt; line-height: 1.6; color: var(--ink);
       max-width: 240mm; margin: 0 auto; padding: 10mm 6mm; background: #fff; }
header.cover h1 { font-size: 17pt; line-height: 1.4; margin: 0 0 2mm; padding-bottom: 2mm; text-wrap: balance;
                  border-bottom: 3px solid var(--navy); }
header.cover .subtitle { color: #555; margin: 0 0 5mm; }
h2 { font-size: 13.5pt; color: var(--navy); border-left: 6px solid var(--navy);
     padding: 1px 0 1px 8px; margin: 0 0 4mm; }
h3 { font-size: 11.5pt; margin: 6mm 0 2mm; }
h4 { font-size: 10.5pt; margin: 4mm 0 1.5mm; color: #333; }
section { margin-top: 12mm; }
table { border-collapse: collapse; width: 100%; margin: 0 0 3mm; }
th, td { border: 1px solid var(--rule); padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: var(--head); font-weight: 600; }
table.meta th { width: 22%; white-space: nowrap; }
.summary { display: flex; gap: 4mm; margin: 4mm 0 0; flex-wrap: wrap; }
.summary div { border: 1px solid var(--rule); border-radius: 3px; padding: 2mm 4mm; min-width: 32mm; }
.summary strong { font-size: 15pt; display: block; line-height: 1.2; }
.summary .error strong { color: var(--error); }
.summary .warning strong { color: var(--warning); }
.summary .info strong { color: var(--info); }
.badge { display: inline-block; font-size: 8.5pt; padding: 0 5px; border-radius: 3px; color: #fff;
         white-space: nowrap; }
.badge.error { background: var(--error); }
.badge.warning { background: var(--warning); }
.badge.info { background: var(--info); }
tr.finding td.where, td.id, code { font-family: "Noto Sans Mono CJK JP", monospace; font-size: 8.5pt;
                                  color: #444; word-break: break-all; }
td.mark { text-align: center; white-space: nowrap; width: 7em; }
td.mark.gap { background: var(--gap); font-weight: 600; }
td.category { white-space: nowrap; width: 8em; }
td.class, th.class { white-space: nowrap; }
table.flows td:first-child { width: 30%; }
table.flows td:nth-child(3) { width: 25%; }
td.reach { text-align: center; }
td.reach .nodes { display: block; font-size: 8pt; color: #555; }
td.none { color: #aaa; text-align: center; }
.fields { font-size: 9pt; }
.accepted { font-size: 9pt; color: #3b5f8a; }
.why { font-size: 9pt; color: #444; }
figure { margin: 0; text-align: center; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: 9pt; color: #555; margin-top: 2mm; }
.placeholder { border: 2px dashed var(--rule); padding: 12mm; text-align: center; color: #555; }
p.none { color: #555; }
footer { margin-top: 10mm; font-size: 8.5pt; color: #777; border-top: 1px solid var(--rule);
         padding-top: 2mm; }
@page { size: A4 portrait; margin: 14mm 12mm 14mm 12mm; }
@page landscape { size: A4 landscape; margin: 12mm 12mm 12mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  section { margin-top: 0; break-before: page; }
  section#items { margin-top: 8mm; break-before: auto; }
  section#figure { page: landscape; }
  figure svg { max-height: 165mm; }
  h2, h3, h4 { break-after: avoid; }
  tr, .summary div, figure { break-inside: avoid; }
  thead { display: table-header-group; }
}
)css";

struct Text {
  std::string_view ja;
  std::string_view en;
};

class Page {
 public:
  explicit Page(Language language) : en_(language == Language::en) {}
  std::string_view operator()(Text text) const { return en_ ? text.en : text.ja; }
  bool en() const { return en_; }

 private:
  bool en_;
};

std::string_view severity_name(Severity severity, const Page& t) {
  switch (severity) {
    case Severity::error:
      return t({"エラー", "Errors"});
    case Severity::warning:
      return t({"警告", "Warnings"});
    case Severity::info:
      return t({"情報", "Information"});
  }
  return "";
}

std::string_view role_name(OrgRole role, const Page& t, std::string_view body) {
  switch (role) {
    case OrgRole::ward:
      return t({body, "ward"});
    case OrgRole::department:
      return t({"担当課", "department"});
    case OrgRole::contractor:
      return t({"委託先", "contractor"});
    case OrgRole::subcontractor:
      return t({"再委託先", "subcontractor"});
    case OrgRole::connected:
      return t({"結合先", "connected party"});
    case OrgRole::cloud:
      return t({"クラウド事業者", "cloud operator"});
    case OrgRole::recipient:
      return t({"提供先", "recipient"});
    case OrgRole::subject:
      return t({"対象者", "data subject"});
    case OrgRole::vendor:
      return t({"開発事業者", "vendor"});
    case OrgRole::public_body:
      return t({"他の公的機関", "public body"});
    case OrgRole::service:
      return t({"利用する外部サービス", "outside service"});
    case OrgRole::unknown:
      return t({"委託先か不明", "role not stated"});
    case OrgRole::other:
      break;
  }
  return t({"その他", "other"});
}

std::string_view class_name(ItemClass item_class, const Page& t) {
  if (!t.en()) return japanese_name(item_class);
  switch (item_class) {
    case ItemClass::personal:
      return "personal";
    case ItemClass::special_care:
      return "special-care";
    case ItemClass::my_number:
      return "My Number";
    case ItemClass::pseudonymous:
      return "pseudonymous";
    case ItemClass::non_personal:
      return "not personal";
  }
  return "";
}

std::string location(const SourceLocation& where) {
  std::string out = where.file.str();
  if (where.line > 0) out += ':' + std::to_string(where.line);
  return out;
}

/// Index of a measure id (catalogue or the model's own), npos when unknown.
std::size_t measure_index(const MeasureCatalogue& catalogue, const Model& model,
                          std::string_view id) {
  if (auto found = catalogue.find(id)) return *found;
  for (std::size_t c = 0; c < model.custom_measures.size(); ++c) {
    if (model.custom_measures[c].id == id) return catalogue.size() + c;
  }
  return npos;
}

class ReportWriter {
 public:
  ReportWriter(const Model& model, const MeasureCatalogue& catalogue, const Policy& policy,
               const std::vector<Finding>& findings, const ChecklistSet& checklists,
               const ReportOptions& options)
      : model_(model),
        catalogue_(catalogue),
        policy_(policy),
        findings_(findings),
        checklists_(checklists),
        options_(options),
        t_(options.language) {}

  std::string write() {
    const std::string title = model_.paper.title.empty() ? model_.file : model_.paper.title;
    out_ += "<!DOCTYPE html>\n<html lang=\"";
    out_ += t_({"ja", "en"});
    out_ += "\">\n<head>\n<meta charset=\"utf-8\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    // Nothing may load: no network, no external assets, no scripts.
    out_ +=
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">\n";
    out_ += "<title>" + escape_html(title) + " — ";
    out_ += t_({"個人情報の流れ 審査資料", "privacy review report"});
    out_ += "</title>\n<style>";
    out_ += kStyle;
    out_ += "</style>\n</head>\n<body>\n";
    cover(title);
    items();
    figure();
    flows();
    findings();
    checklists();
    reach();
    out_ += "<footer>";
    out_ += t_({"nagare が作成。出典: ", "Made by nagare from "});
    out_ += escape_html(model_.file) + "</footer>\n</body>\n</html>\n";
    return std::move(out_);
  }

 private:
  void meta_row(Text label, const std::string& value) {
    if (value.empty()) return;
    out_ += "<tr><th scope=\"row\">";
    out_ += t_(label);
    out_ += "</th><td>" + escape_html(value) + "</td></tr>\n";
  }

  void cover(const std::string& title) {
    const Paper& paper = model_.paper;
    out_ += "<header class=\"cover\" id=\"paper\">\n<h1>" + escape_html(title) + "</h1>\n";
    std::string subtitle;
    for (const std::string* part : {&paper.municipality, &paper.document}) {
      if (part->empty()) continue;
      if (!subtitle.empty()) subtitle += "　";
      subtitle += *part;
    }
    out_ += "<p class=\"subtitle\">" + escape_html(subtitle) + (subtitle.empty() ? "" : "　");
    out_ += t_({"個人情報の流れ 審査資料", "Privacy review report"});
    out_ += "</p>\n<table class=\"meta\">\n";
    meta_row({"件名", "Title"}, paper.title);
    meta_row({"担当課", "Department"}, paper.department);
    std::string procedures;
    for (Procedure procedure : paper.procedures) {
      if (!procedures.empty()) procedures += t_({"・", ", "});
      procedures += procedure_name(procedure, options_.language);
    }
    meta_row({"付議事項", "Procedures"}, procedures);
    meta_row({"対象者", "Data subjects"}, paper.subjects);
    meta_row({"対象者数", "Number of subjects"}, paper.subject_count);
    meta_row({"付議内容（目的）", "Purpose"}, paper.purpose);
    meta_row({"期間", "Period"}, paper.period);
    meta_row({"出典", "Source"}, paper.source);
    out_ += "</table>\n";
    const SeverityCounts counts = count_by_severity(findings_);
    out_ += "<div class=\"summary\">\n";
    summary_box("error", severity_name(Severity::error, t_), std::to_string(counts.error));
    summary_box("warning", severity_name(Severity::warning, t_), std::to_string(counts.warning));
    summary_box("info", severity_name(Severity::info, t_), std::to_string(counts.info));
    summary_box("gaps", t_({"チェックリストの空欄", "Checklist gaps"}),
                std::to_string(count_gaps(checklists_)));
    out_ += "</div>\n</header>\n";
  }

  void summary_box(std::string_view css, std::string_view label, const std::string& value) {
    out_ += "<div class=\"" + std::string(css) + "\"><strong>" + value + "</strong>" +
            std::string(label) + "</div>\n";
  }

  void items() {
    out_ += "<section id=\"items\">\n<h2>";
    out_ += t_({"情報項目", "Item sets"});
    out_ += "</h2>\n";
    if (model_.items.empty()) {
      out_ += "<p class=\"none\">";
      out_ += t_({"情報項目の記載がありません。", "The model lists no item sets."});
      out_ += "</p>\n</section>\n";
      return;
    }
    out_ += "<table>\n<thead><tr><th>";
    out_ += t_({"項目セット", "Item set"});
    out_ += "</th><th>";
    out_ += t_({"区分", "Class"});
    out_ += "</th><th>";
    out_ += t_({"項目", "Fields"});
    out_ += "</th></tr></thead>\n<tbody>\n";
    for (const ItemSet& item : model_.items) {
      std::string fields;
      for (const std::string& field : item.fields) {
        if (!fields.empty()) fields += t_({"、", ", "});
        fields += field;
      }
      out_ += "<tr><td>" + escape_html(item.name) + "</td><td class=\"class\">" +
              escape_html(class_name(item.item_class, t_)) + "</td><td class=\"fields\">" +
              escape_html(fields) + "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n</section>\n";
  }

  void figure() {
    out_ += "<section id=\"figure\">\n<h2>";
    out_ += t_({"個人情報の流れ", "Flow of personal information"});
    out_ += "</h2>\n";
    if (options_.figure_svg && !options_.figure_svg->empty()) {
      out_ += "<figure class=\"figure\">\n" + svg_element(*options_.figure_svg) + "\n<figcaption>";
      out_ += t_({"対策のない流れ・指摘のある箇所を赤で示す。",
                  "Flows and places with findings are drawn in red."});
      out_ += "</figcaption>\n</figure>\n";
    } else {
      out_ += "<div class=\"placeholder\" id=\"figure-placeholder\">";
      out_ +=
          t_({"【図の挿入位置】図を作成できませんでした。", "[Figure placeholder] No figure: "});
      out_ += escape_html(options_.figure_missing_reason) + "</div>\n";
    }
    out_ += "</section>\n";
  }

  std::string node_name(std::size_t node) const {
    return node < model_.nodes.size() ? model_.nodes[node].name : std::string("?");
  }

  std::string mark_names(const std::vector<MeasureMark>& marks) const {
    std::string out;
    for (const MeasureMark& mark : marks) {
      if (!out.empty()) out += t_({"、", ", "});
      out += measure_name(catalogue_, model_, mark.measure, t_.en());
      if (mark.not_applicable) out += t_({"（－）", " (n/a)"});
    }
    return out;
  }

  void flows() {
    if (model_.flows.empty()) return;
    const ItemReach reach(model_);
    const bool any_measures = std::any_of(model_.flows.begin(), model_.flows.end(),
                                          [](const Flow& flow) { return !flow.measures.empty(); });
    out_ += "<section id=\"flows\">\n<h2>";
    out_ += t_({"流れの一覧", "Flows"});
    out_ += "</h2>\n<table class=\"flows\">\n<thead><tr><th>";
    out_ += t_({"流れ", "Flow"});
    out_ += "</th><th>";
    out_ += t_({"経路", "Route"});
    out_ += "</th><th>";
    out_ += t_({"情報項目", "Items"});
    if (any_measures) {
      out_ += "</th><th>";
      out_ += t_({"流れの対策", "Measures on the flow"});
    }
    out_ += "</th></tr></thead>\n<tbody>\n";
    for (std::size_t f = 0; f < model_.flows.size(); ++f) {
      const Flow& flow = model_.flows[f];
      std::string route = node_name(flow.from);
      for (std::size_t via : flow.via) route += " → " + node_name(via);
      route += (flow.direction == Direction::both ? " ⇄ " : " → ") + node_name(flow.to);
      std::string carried;
      for (std::size_t item : reach.carried_by(f)) {
        if (!carried.empty()) carried += t_({"、", ", "});
        carried += model_.items[item].name;
      }
      out_ += "<tr><td>" + escape_html(model_.flow_title(flow)) + "</td><td>" + escape_html(route) +
              "</td><td>" + escape_html(carried);
      if (any_measures) out_ += "</td><td>" + escape_html(mark_names(flow.measures));
      out_ += "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n</section>\n";
  }

  std::string why_of(const Finding& finding) const {
    for (const Rule& rule : policy_.rules) {
      if (rule.id != finding.rule) continue;
      const std::string& why = t_.en() && !rule.why_en.empty() ? rule.why_en : rule.why;
      const std::string& title = t_.en() && !rule.title_en.empty() ? rule.title_en : rule.title;
      return worded(why.empty() ? title : title + t_({"。", ". "}).data() + why, model_.paper.body);
    }
    for (const BuiltinCheck& check : builtin_checks()) {
      if (check.id == finding.rule) return std::string(t_.en() ? check.title_en : check.title);
    }
    return finding.rule;
  }

  void findings() {
    out_ += "<section id=\"findings\">\n<h2>";
    out_ += t_({"指摘事項", "Findings"});
    out_ += "</h2>\n";
    if (findings_.empty()) {
      out_ += "<p class=\"none\">";
      out_ += t_({"指摘はありません。", "No findings."});
      out_ += "</p>\n";
    }
    for (Severity severity : {Severity::error, Severity::warning, Severity::info}) {
      std::vector<const Finding*> group;
      for (const Finding& finding : findings_) {
        if (finding.severity == severity) group.push_back(&finding);
      }
      if (group.empty()) continue;
      const std::string css = to_string(severity);
      out_ += "<h3><span class=\"badge " + css + "\">" + std::string(severity_name(severity, t_)) +
              "</span> " + std::to_string(group.size()) + std::string(t_({" 件", ""})) + "</h3>\n";
      out_ += "<table class=\"findings " + css + "\">\n<thead><tr><th>";
      out_ += t_({"指摘", "Finding"});
      out_ += "</th><th>";
      out_ += t_({"不足している対策", "Missing measures"});
      out_ += "</th><th>";
      out_ += t_({"規則と理由", "Rule and why"});
      out_ += "</th></tr></thead>\n<tbody>\n";
      for (const Finding* finding : group) finding_row(*finding, css);
      out_ += "</tbody>\n</table>\n";
    }
    out_ += "</section>\n";
  }

  void finding_row(const Finding& finding, const std::string& css) {
    std::string missing;
    for (const std::string& id : finding.missing) {
      const std::size_t index = measure_index(catalogue_, model_, id);
      if (!missing.empty()) missing += t_({"、", ", "});
      missing += index == npos ? id : measure_name(catalogue_, model_, index, t_.en());
    }
    out_ += "<tr class=\"finding " + css + "\" data-finding=\"" + escape_html(finding.id) +
            "\"><td>" + escape_html(t_.en() ? finding.message_en : finding.message);
    if (finding.accepted) {
      std::string accepted = *finding.accepted;
      if (finding.accepted_by) accepted += " (" + *finding.accepted_by + ")";
      out_ += "<div class=\"accepted\">";
      out_ += t_({"受容済み: ", "Accepted: "});
      out_ += escape_html(accepted) + "</div>";
    }
    out_ += "<div class=\"where\"><code>" + escape_html(location(finding.where)) +
            "</code></div></td><td>" + escape_html(missing) + "</td><td class=\"why\"><code>" +
            escape_html(finding.rule) + "</code><br>" + escape_html(why_of(finding)) +
            "</td></tr>\n";
  }

  void checklists() {
    out_ += "<section id=\"checklists\">\n<h2>";
    out_ += t_({"別紙チェックリスト", "Checklists"});
    out_ += "</h2>\n";
    for (Procedure procedure : checklists_.without_form) {
      out_ += "<p class=\"none\">" + escape_html(procedure_name(procedure, options_.language));
      out_ += t_({"には別紙チェックリストの様式がありません。", ": there is no checklist form."});
      out_ += "</p>\n";
    }
    if (checklists_.checklists.empty() && checklists_.without_form.empty()) {
      out_ += "<p class=\"none\">";
      out_ += t_({"付議事項（手続）の記載がありません。", "The model declares no procedure."});
      out_ += "</p>\n";
    }
    for (const Checklist& checklist : checklists_.checklists) {
      out_ += "<h3>" + escape_html(checklist.title) + "</h3>\n";
      for (const ChecklistSide* side : {&checklist.ward, &checklist.other}) {
        out_ += "<h4>" + escape_html(side->heading) + "</h4>\n<table class=\"checklist\">\n";
        out_ += "<thead><tr><th>";
        out_ += t_({"区分", "Category"});
        out_ += "</th><th>";
        out_ += t_({"記入", "Mark"});
        out_ += "</th><th>";
        out_ += t_({"情報保護対策", "Measure"});
        out_ += "</th></tr></thead>\n<tbody>\n";
        for (std::size_t i = 0; i < side->lines.size(); ++i) {
          const ChecklistLine& line = side->lines[i];
          out_ += "<tr>";
          if (i == 0 || side->lines[i - 1].technical != line.technical) {
            std::size_t span = 1;
            while (i + span < side->lines.size() &&
                   side->lines[i + span].technical == line.technical) {
              ++span;
            }
            out_ += "<td class=\"category\" rowspan=\"" + std::to_string(span) + "\">" +
                    escape_html(category_name(line.technical, options_.language)) + "</td>";
          }
          out_ += "<td class=\"mark";
          if (line.mark == LineMark::blank) out_ += " gap";
          out_ += "\">" + escape_html(mark_text(line, options_.language)) + "</td><td>" +
                  escape_html(line.text) + "</td></tr>\n";
        }
        out_ += "</tbody>\n</table>\n";
      }
      out_ += "<p>";
      out_ += t_({"空欄（記載なし）: ", "Gaps (not stated): "});
      out_ += std::to_string(count_gaps(checklist)) + std::string(t_({" 件", ""})) + "</p>\n";
    }
    out_ += "</section>\n";
  }

  void reach() {
    out_ += "<section id=\"reach\">\n<h2>";
    out_ += t_({"組織ごとに見える情報項目", "Which organization sees which items"});
    out_ += "</h2>\n<p>";
    out_ +=
        t_({"流れをたどって各組織（その下の組織を含む）のノードに届く情報項目。●の下は届くノード。",
            "Item sets that reach the nodes of each organization (and those nested in it), "
            "following the flows. Under each ● the nodes they reach."});
    out_ += "</p>\n";
    if (model_.orgs.empty() || model_.items.empty()) {
      out_ += "<p class=\"none\">";
      out_ += t_({"組織または情報項目の記載がありません。", "No organizations or item sets."});
      out_ += "</p>\n</section>\n";
      return;
    }
    // A table of organizations × item sets past this many cells is unreadable and, for a
    // whole ward in one model, larger than memory: point to `nagare reach` instead.
    constexpr std::size_t kMaxReachCells = 250000;
    if (model_.orgs.size() * model_.items.size() > kMaxReachCells) {
      out_ += "<p class=\"none\">";
      out_ += t_({"表が大きすぎるため省略します (組織 ", "Too large to show (organizations "});
      out_ += std::to_string(model_.orgs.size());
      out_ += t_({" × 情報項目 ", " × item sets "});
      out_ += std::to_string(model_.items.size());
      out_ += t_({")。nagare reach --to 組織 で組織ごとに確かめてください。",
                  "). Ask nagare reach --to ORG for one organization at a time."});
      out_ += "</p>\n</section>\n";
      return;
    }
    const ItemReach reach(model_);
    // The nodes of each organization and of those nested in it, in node order: one pass
    // over what reaches them instead of organizations × items × nodes.
    std::vector<std::vector<std::size_t>> nodes_within(model_.orgs.size());
    for (std::size_t n = 0; n < model_.nodes.size(); ++n) {
      std::size_t org = model_.nodes[n].org;
      for (std::size_t hops = 0; org != npos && hops <= model_.orgs.size(); ++hops) {
        nodes_within[org].push_back(n);
        org = model_.orgs[org].parent;
      }
    }
    out_ += "<table class=\"reach\">\n<thead><tr><th>";
    out_ += t_({"組織", "Organization"});
    out_ += "</th>";
    for (const ItemSet& item : model_.items) out_ += "<th>" + escape_html(item.name) + "</th>";
    out_ += "</tr></thead>\n<tbody>\n";
    for (std::size_t o = 0; o < model_.orgs.size(); ++o) {
      const Organization& org = model_.orgs[o];
      out_ += "<tr><th scope=\"row\">" + escape_html(org.name) + "<div class=\"why\">" +
              escape_html(role_name(org.role, t_, model_.paper.body)) + "</div></th>";
      std::vector<std::string> cells(model_.items.size());
      for (std::size_t n : nodes_within[o]) {
        for (std::size_t item : reach.reaching(n)) {
          if (!cells[item].empty()) cells[item] += t_({"、", ", "});
          cells[item] += model_.nodes[n].name;
        }
      }
      for (std::size_t item = 0; item < model_.items.size(); ++item) {
        const std::string& nodes = cells[item];
        if (nodes.empty()) {
          out_ += "<td class=\"none\">－</td>";
        } else {
          out_ +=
              "<td class=\"reach\">●<span class=\"nodes\">" + escape_html(nodes) + "</span></td>";
        }
      }
      out_ += "</tr>\n";
    }
    out_ += "</tbody>\n</table>\n</section>\n";
  }

  const Model& model_;
  const MeasureCatalogue& catalogue_;
  const Policy& policy_;
  const std::vector<Finding>& findings_;
  const ChecklistSet& checklists_;
  const ReportOptions& options_;
  Page t_;
  std::string out_;
};

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  // Control characters become visible escapes (\x1b, \n): raw, a browser would hide them.
  for (char c : visible_text(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string svg_element(std::string_view svg_document) {
  const std::size_t start = svg_document.find("<svg");
  if (start == std::string_view::npos) return {};
  std::string_view svg = svg_document.substr(start);
  while (!svg.empty() && (svg.back() == '\n' || svg.back() == ' ' || svg.back() == '\r')) {
    svg.remove_suffix(1);
  }
  return std::string(svg);
}

std::string format_report_html(const Model& model, const MeasureCatalogue& catalogue,
                               const Policy& policy, const std::vector<Finding>& findings,
                               const ChecklistSet& checklists, const ReportOptions& options) {
  return ReportWriter(model, catalogue, policy, findings, checklists, options).write();
}

}  // namespace nagare
