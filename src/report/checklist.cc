#include "nagare/checklist.h"
#include "nagare/visible_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

namespace nagare {
namespace {

bool is_en(Language language) { return language == Language::en; }

struct Form {
  Procedure procedure;
  int number;
  const char* title;
  const char* ward;
  const char* other;
  const char* title_en;
  const char* other_en;
};

// The three forms of the Shinjuku papers (seeds 000, 002, 003), in their order.
constexpr std::array<Form, 3> kForms{{
    {Procedure::computer_processing, 3, "電算処理にかかる個人情報保護対策チェックリスト",
     "開発等を委託する場合における区が行う情報保護対策",
     "開発等を委託する場合における委託先に行わせる情報保護対策",
     "Checklist of protective measures: computer processing",
     "Measures the development contractor is made to take"},
    {Procedure::external_link, 4, "外部結合にかかる個人情報保護対策チェックリスト",
     "区が行う情報保護対策", "結合先に行わせる情報保護対策",
     "Checklist of protective measures: external link",
     "Measures the connected party is made to take"},
    {Procedure::outsourcing, 5, "業務委託にかかる個人情報保護対策チェックリスト",
     "委託にあたり区が行う情報保護対策", "委託事業者に行わせる情報保護対策",
     "Checklist of protective measures: outsourcing", "Measures the contractor is made to take"},
}};

std::string replace_ward(std::string_view text, std::string_view body) {
  std::string out(text);
  const std::string_view ward = "区が行う";
  if (auto at = out.find(ward); at != std::string::npos) {
    out.replace(at, ward.size(), std::string(body) + "が行う");
  }
  return out;
}

const Form* form_of(Procedure procedure) {
  for (const Form& form : kForms) {
    if (form.procedure == procedure) return &form;
  }
  return nullptr;
}

const std::string& first_non_empty(const std::string& preferred, const std::string& fallback,
                                   const std::string& last) {
  if (!preferred.empty()) return preferred;
  if (!fallback.empty()) return fallback;
  return last;
}

/// The wording of a catalogue measure on one side of one checklist.
std::string wording(const MeasureDefinition& measure, const Model& model, Procedure procedure,
                    Party party, Language language) {
  if (is_en(language)) return measure.english.empty() ? measure.short_text : measure.english;
  const std::string& fallback = measure.short_text.empty() ? measure.id : measure.short_text;
  if (model.paper.wording == "edogawa") return first_non_empty(measure.edogawa_text, fallback, "");
  const bool ward = party == Party::ward;
  const std::string& base = ward ? measure.ward_text : measure.other_text;
  switch (procedure) {
    case Procedure::computer_processing:
      return first_non_empty(ward ? measure.ward_text_cp : measure.other_text_cp, base, fallback);
    case Procedure::outsourcing:
      return first_non_empty(ward ? measure.ward_text_os : measure.other_text_os, base, fallback);
    default:
      return first_non_empty(base, fallback, "");
  }
}

/// Every mark the model writes, wherever it is written.
std::vector<const MeasureMark*> all_marks(const Model& model) {
  std::vector<const MeasureMark*> marks;
  for (const Organization& org : model.orgs) {
    for (const MeasureMark& mark : org.measures) marks.push_back(&mark);
  }
  for (const Node& node : model.nodes) {
    for (const MeasureMark& mark : node.measures) marks.push_back(&mark);
  }
  for (const Flow& flow : model.flows) {
    for (const MeasureMark& mark : flow.measures) marks.push_back(&mark);
  }
  return marks;
}

void fill(ChecklistLine& line, const std::vector<const MeasureMark*>& marks, Procedure procedure,
          Party party) {
  std::vector<SourceLocation> done;
  const MeasureMark* not_applicable = nullptr;
  for (const MeasureMark* mark : marks) {
    if (mark->measure != line.measure || mark->party != party) continue;
    if (mark->procedure && *mark->procedure != procedure) continue;
    if (!mark->not_applicable) {
      done.push_back(mark->where);
    } else if (not_applicable == nullptr) {
      not_applicable = mark;
    }
  }
  if (!done.empty()) {
    line.mark = LineMark::done;
    line.marked_at = std::move(done);
  } else if (not_applicable != nullptr) {
    line.mark = LineMark::not_applicable;
    line.reason = not_applicable->reason;
    line.marked_at = {not_applicable->where};
  }
}

ChecklistSide build_side(const Model& model, const MeasureCatalogue& catalogue,
                         const std::vector<const MeasureMark*>& marks, const Form& form,
                         Party party, Language language) {
  ChecklistSide side;
  side.party = party;
  if (is_en(language)) {
    side.heading = party == Party::ward ? "Measures the ward takes" : form.other_en;
  } else {
    // The forms say 区; a 市 or 県 hands the checklist to its own committee.
    side.heading = party == Party::ward ? replace_ward(form.ward, model.paper.body) : form.other;
  }
  std::vector<ChecklistLine> operational;
  std::vector<ChecklistLine> technical;
  auto add = [&](ChecklistLine line) {
    fill(line, marks, form.procedure, party);
    (line.technical ? technical : operational).push_back(std::move(line));
  };
  for (std::size_t m = 0; m < catalogue.size(); ++m) {
    const MeasureDefinition& measure = catalogue.at(m);
    if (std::find(measure.checklists.begin(), measure.checklists.end(), form.procedure) ==
        measure.checklists.end()) {
      continue;
    }
    add({m,
         measure.id,
         measure.technical,
         worded(wording(measure, model, form.procedure, party, language), model.paper),
         measure_name(catalogue, model, m, is_en(language)),
         LineMark::blank,
         {},
         {}});
  }
  // The model's own measures join a checklist where a mark names its procedure.
  for (std::size_t c = 0; c < model.custom_measures.size(); ++c) {
    const std::size_t m = catalogue.size() + c;
    const bool named = std::any_of(marks.begin(), marks.end(), [&](const MeasureMark* mark) {
      return mark->measure == m && mark->party == party && mark->procedure == form.procedure;
    });
    if (!named) continue;
    const CustomMeasure& custom = model.custom_measures[c];
    add({m, custom.id, custom.technical, custom.name, custom.name, LineMark::blank, {}, {}});
  }
  side.lines = std::move(operational);
  side.lines.insert(side.lines.end(), std::make_move_iterator(technical.begin()),
                    std::make_move_iterator(technical.end()));
  return side;
}

// ---- Markdown --------------------------------------------------------------------------

std::string markdown_cell(std::string_view text) {
  std::string out;
  for (char c : visible_text(text)) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

// ---- CSV -------------------------------------------------------------------------------

std::string csv_cell(std::string_view text) {
  const std::string value = spreadsheet_cell(text);
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

struct CsvRecord {
  std::uint32_t line = 0;
  std::vector<std::string> cells;
};

/// RFC 4180 records; returns false (with the line of the open quote) when a quote never closes.
bool parse_csv(std::string_view text, std::vector<CsvRecord>& records, std::uint32_t& bad_line) {
  std::uint32_t line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    CsvRecord record;
    record.line = line;
    std::string cell;
    bool quoted = false;
    bool cell_started = false;
    for (;;) {
      if (i >= text.size()) {
        if (quoted) {
          bad_line = record.line;
          return false;
        }
        record.cells.push_back(std::move(cell));
        break;
      }
      const char c = text[i];
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            cell += '"';
            i += 2;
          } else {
            quoted = false;
            ++i;
          }
        } else {
          if (c == '\n') ++line;
          cell += c;
          ++i;
        }
        continue;
      }
      if (c == '"' && !cell_started) {
        quoted = true;
        cell_started = true;
        ++i;
      } else if (c == ',') {
        record.cells.push_back(std::move(cell));
        cell.clear();
        cell_started = false;
        ++i;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        record.cells.push_back(std::move(cell));
        break;
      } else {
        cell += c;
        cell_started = true;
        ++i;
      }
    }
    records.push_back(std::move(record));
  }
  return true;
}

std::string trim(std::string_view text) {
  static constexpr std::string_view kFullWidthSpace = "\u3000";
  for (;;) {
    if (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
      text.remove_prefix(1);
    } else if (text.substr(0, kFullWidthSpace.size()) == kFullWidthSpace) {
      text.remove_prefix(kFullWidthSpace.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
      text.remove_suffix(1);
    } else if (text.size() >= kFullWidthSpace.size() &&
               text.substr(text.size() - kFullWidthSpace.size()) == kFullWidthSpace) {
      text.remove_suffix(kFullWidthSpace.size());
    } else {
      break;
    }
  }
  return std::string(text);
}

/// A cell as the user meant it: trimmed, the apostrophe that guards a formula removed.
std::string cell_value(std::string_view cell) {
  std::string value = trim(cell);
  if (starts_with_formula_guard(value)) value.erase(0, 1);
  return value;
}

std::string lower_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

/// Parses a mark cell: ○ (or 〇 ◯ o yes), － (or ー ― - n/a) with an optional （理由）,
/// blank. Returns false for anything else.
bool parse_mark(const std::string& cell, LineMark& mark, std::string& reason) {
  const std::string lowered = lower_ascii(cell);
  if (cell.empty() || cell == "（記載なし）" || lowered == "(not stated)") {
    mark = LineMark::blank;
    return true;
  }
  for (std::string_view done : {"○", "〇", "◯", "o", "yes", "done"}) {
    if (lowered == done) {
      mark = LineMark::done;
      return true;
    }
  }
  for (std::string_view dash : {"－", "ー", "―", "—", "–", "-", "n/a", "na"}) {
    if (lowered.compare(0, dash.size(), dash) != 0) continue;
    mark = LineMark::not_applicable;
    std::string rest = trim(std::string_view(cell).substr(dash.size()));
    for (auto [open, close] : {std::pair<std::string_view, std::string_view>{"（", "）"},
                               std::pair<std::string_view, std::string_view>{"(", ")"}}) {
      if (rest.size() >= open.size() + close.size() && rest.compare(0, open.size(), open) == 0 &&
          rest.compare(rest.size() - close.size(), close.size(), close) == 0) {
        rest = trim(
            std::string_view(rest).substr(open.size(), rest.size() - open.size() - close.size()));
        break;
      }
    }
    reason = rest;
    return true;
  }
  return false;
}

std::string mark_word(LineMark mark, Language language) {
  switch (mark) {
    case LineMark::done:
      return "○";
    case LineMark::not_applicable:
      return "－";
    case LineMark::blank:
      break;
  }
  return is_en(language) ? "(not stated)" : "（記載なし）";
}

std::string location_text(const SourceLocation& where) {
  return where.file.str() + ':' + std::to_string(where.line);
}

}  // namespace

bool has_checklist(Procedure procedure) { return form_of(procedure) != nullptr; }

std::string_view procedure_name(Procedure procedure, Language language) {
  if (!is_en(language)) return japanese_name(procedure);
  switch (procedure) {
    case Procedure::computer_processing:
      return "computer processing";
    case Procedure::external_link:
      return "external link";
    case Procedure::outsourcing:
      return "outsourcing";
    case Procedure::external_provision:
      return "external provision";
    case Procedure::purpose_outside_use:
      return "use beyond purpose";
  }
  return id_of(procedure);
}

std::string party_name(Party party, Language language, std::string_view body) {
  if (is_en(language)) return party == Party::ward ? "ward" : "other party";
  return party == Party::ward ? std::string(body) + "が行う" : "相手方に行わせる";
}

std::string_view category_name(bool technical, Language language) {
  if (is_en(language)) return technical ? "technical" : "operational";
  return technical ? "システム上の対策" : "運用上の対策";
}

std::string mark_text(const ChecklistLine& line, Language language) {
  if (line.mark != LineMark::not_applicable || line.reason.empty()) {
    return mark_word(line.mark, language);
  }
  return is_en(language) ? "－ (" + line.reason + ")" : "－（" + line.reason + "）";
}

ChecklistSet build_checklists(const Model& model, const MeasureCatalogue& catalogue,
                              Language language) {
  ChecklistSet set;
  set.file = model.file;
  set.paper_title = model.paper.title;
  set.body = model.paper.body;
  const std::vector<const MeasureMark*> marks = all_marks(model);
  for (const Form& form : kForms) {
    const auto& declared = model.paper.procedures;
    if (std::find(declared.begin(), declared.end(), form.procedure) == declared.end()) continue;
    Checklist checklist;
    checklist.procedure = form.procedure;
    checklist.number = form.number;
    if (is_en(language)) {
      checklist.title = std::to_string(form.number) + ' ' + form.title_en;
    } else if (model.paper.wording == "edogawa") {
      checklist.title = form.title;
    } else {
      checklist.title = std::to_string(form.number) + ' ' + form.title;
    }
    checklist.ward = build_side(model, catalogue, marks, form, Party::ward, language);
    checklist.other = build_side(model, catalogue, marks, form, Party::other, language);
    set.checklists.push_back(std::move(checklist));
  }
  for (Procedure procedure : model.paper.procedures) {
    if (!has_checklist(procedure)) set.without_form.push_back(procedure);
  }
  return set;
}

std::size_t count_gaps(const Checklist& checklist) {
  std::size_t gaps = 0;
  for (const ChecklistSide* side : {&checklist.ward, &checklist.other}) {
    for (const ChecklistLine& line : side->lines) gaps += line.mark == LineMark::blank ? 1 : 0;
  }
  return gaps;
}

std::size_t count_gaps(const ChecklistSet& set) {
  std::size_t gaps = 0;
  for (const Checklist& checklist : set.checklists) gaps += count_gaps(checklist);
  return gaps;
}

std::string format_checklists_markdown(const ChecklistSet& set, Language language) {
  const bool en = is_en(language);
  std::string out = en ? "# Checklists: " : "# 別紙チェックリスト：";
  out += markdown_cell(set.paper_title) + "\n\n";
  out += en ? "Marks: ○ in place; － (reason) not needed; (not stated) the model says nothing, "
              "counted as a gap.\n"
            : "記入：○ 対策を行う、－（理由）対策の必要がない、（記載なし）モデルに記載がない"
              "（空欄として数える）。\n";
  for (Procedure procedure : set.without_form) {
    out += '\n';
    out += en ? "There is no checklist form for " +
                    std::string(procedure_name(procedure, language)) + ".\n"
              : std::string(procedure_name(procedure, language)) +
                    "には別紙チェックリストの様式がありません。\n";
  }
  for (const Checklist& checklist : set.checklists) {
    out += "\n## " + checklist.title + "\n";
    for (const ChecklistSide* side : {&checklist.ward, &checklist.other}) {
      out += "\n### " + side->heading + "\n\n";
      out +=
          en ? "| category | mark | measure | id |\n" : "| 区分 | 記入 | 情報保護対策 | 対策ID |\n";
      out += "| --- | --- | --- | --- |\n";
      std::string_view last_category;
      for (const ChecklistLine& line : side->lines) {
        const std::string_view category = category_name(line.technical, language);
        out += "| " + std::string(category == last_category ? "" : category) + " | " +
               markdown_cell(mark_text(line, language)) + " | " + markdown_cell(line.text) +
               " | `" + line.measure_id + "` |\n";
        last_category = category;
      }
    }
    const std::size_t gaps = count_gaps(checklist);
    out += '\n';
    out += en ? "Gaps (not stated): " + std::to_string(gaps) + "\n"
              : "空欄（記載なし）：" + std::to_string(gaps) + " 件\n";
  }
  out += '\n';
  out += en ? "Total gaps: " + std::to_string(count_gaps(set))
            : "空欄の合計：" + std::to_string(count_gaps(set)) + " 件";
  // A procedure with no form was not checked line by line: the total does not make it complete.
  if (!set.without_form.empty()) {
    std::string names;
    for (Procedure procedure : set.without_form) {
      if (!names.empty()) names += en ? ", " : "、";
      names += procedure_name(procedure, language);
    }
    out += en ? " (not counted, having no form: " + names + ")"
              : "（様式のない" + names + "は数えていません）";
  }
  out += "\n";
  return out;
}

std::string format_checklists_csv(const ChecklistSet& set, Language language) {
  const bool en = is_en(language);
  std::string out = "\xEF\xBB\xBF";
  auto row = [&out](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      out += csv_cell(cells[i]);
    }
    out += "\r\n";
  };
  row(en ? std::vector<std::string>{"procedure", "party", "category", "measure", "mark", "reason",
                                    "text"}
         : std::vector<std::string>{"手続", "実施者", "区分", "対策ID", "記入", "理由",
                                    "情報保護対策"});
  for (const Checklist& checklist : set.checklists) {
    for (const ChecklistSide* side : {&checklist.ward, &checklist.other}) {
      for (const ChecklistLine& line : side->lines) {
        row({std::string(procedure_name(checklist.procedure, language)),
             party_name(side->party, language, set.body),
             std::string(category_name(line.technical, language)), line.measure_id,
             mark_word(line.mark, language), line.reason, line.text});
      }
    }
  }
  return out;
}

ChecklistComparison compare_checklist_csv(const ChecklistSet& set, std::string_view csv,
                                          const std::string& path) {
  ChecklistComparison result;
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  std::vector<CsvRecord> records;
  std::uint32_t bad_line = 0;
  if (!parse_csv(csv, records, bad_line)) {
    result.errors.push_back(
        {{path, bad_line, 1}, "引用符（\"）が閉じられていません", "a quote (\") is never closed"});
    return result;
  }
  auto is_empty = [](const CsvRecord& record) {
    return std::all_of(record.cells.begin(), record.cells.end(),
                       [](const std::string& cell) { return trim(cell).empty(); });
  };
  auto header = std::find_if_not(records.begin(), records.end(), is_empty);
  if (header == records.end()) {
    result.errors.push_back(
        {{path, 1, 1}, "見出し行がありません", "the checklist CSV has no header row"});
    return result;
  }
  // Columns by their heading, in either language, in any order.
  struct Column {
    std::string_view ja;
    std::string_view en;
    std::size_t index = npos;
  };
  // The reason (理由) and wording columns are for people; the comparison needs these four.
  std::array<Column, 4> columns{
      {{"手続", "procedure"}, {"実施者", "party"}, {"対策ID", "measure"}, {"記入", "mark"}}};
  for (std::size_t i = 0; i < header->cells.size(); ++i) {
    const std::string heading = cell_value(header->cells[i]);
    for (Column& column : columns) {
      if (column.index == npos && (heading == column.ja || lower_ascii(heading) == column.en)) {
        column.index = i;
      }
    }
  }
  for (const Column& column : columns) {
    if (column.index == npos) {
      result.errors.push_back({{path, header->line, 1},
                               "見出し行に「" + std::string(column.ja) + "」（" +
                                   std::string(column.en) + "）の列がありません",
                               "the header row has no column \"" + std::string(column.en) + "\" (" +
                                   std::string(column.ja) + ")"});
    }
  }
  if (!result.errors.empty()) return result;

  struct Key {
    Procedure procedure;
    Party party;
    std::string measure_id;
    bool operator<(const Key& other) const {
      return std::tie(procedure, party, measure_id) <
             std::tie(other.procedure, other.party, other.measure_id);
    }
  };
  struct Entry {
    const ChecklistLine* line = nullptr;
    bool seen = false;
  };
  std::map<Key, Entry> expected;
  std::vector<Key> order;
  for (const Checklist& checklist : set.checklists) {
    for (const ChecklistSide* side : {&checklist.ward, &checklist.other}) {
      for (const ChecklistLine& line : side->lines) {
        Key key{checklist.procedure, side->party, line.measure_id};
        expected[key].line = &line;
        order.push_back(std::move(key));
      }
    }
  }
  auto parse_procedure_cell = [](const std::string& text) -> std::optional<Procedure> {
    if (auto procedure = parse_procedure(text)) return procedure;
    for (const Form& form : kForms) {
      if (text == japanese_name(form.procedure) ||
          lower_ascii(text) == procedure_name(form.procedure, Language::en)) {
        return form.procedure;
      }
    }
    return std::nullopt;
  };
  auto parse_party_cell = [&set](const std::string& text) -> std::optional<Party> {
    if (auto party = parse_party(lower_ascii(text))) return party;
    for (Party party : {Party::ward, Party::other}) {
      // 「区が行う」 is read in a 市's file too: a checklist copied from another body's.
      if (text == party_name(party, Language::ja, set.body) ||
          text == party_name(party, Language::ja) ||
          lower_ascii(text) == party_name(party, Language::en)) {
        return party;
      }
    }
    return std::nullopt;
  };

  auto disagree = [&](const SourceLocation& where, const Key& key, const ChecklistLine& line,
                      LineMark in_file) {
    ChecklistDisagreement d;
    d.where = where;
    d.procedure = key.procedure;
    d.party = key.party;
    d.measure_id = key.measure_id;
    d.in_file = in_file;
    d.in_model = line.mark;
    const std::string subject_ja = std::string(procedure_name(key.procedure, Language::ja)) + "・" +
                                   party_name(key.party, Language::ja, set.body) + "「" +
                                   line.name + "」(" + key.measure_id + "): ";
    const std::string subject_en = std::string(procedure_name(key.procedure, Language::en)) + ", " +
                                   std::string(party_name(key.party, Language::en)) + ", " +
                                   key.measure_id + ": ";
    const std::string model_at =
        line.marked_at.empty() ? std::string() : " (" + location_text(line.marked_at.front()) + ")";
    if (in_file == LineMark::done) {
      d.message = subject_ja +
                  "チェックリストは○ですが、モデルのどの組織・ノード・流れにもこの対策がありません";
      d.message_en = subject_en +
                     "ticked ○ in the checklist, but no organization, node or flow of "
                     "the model carries it";
      if (line.mark == LineMark::not_applicable) {
        d.message += "。モデルでは" + mark_text(line, Language::ja) + "です" + model_at;
        d.message_en += "; the model marks it " + mark_text(line, Language::en) + model_at;
      }
    } else {
      const bool missing = where.line == 0;
      d.message = subject_ja +
                  (missing ? std::string("チェックリストにこの行がありませんが")
                           : "チェックリストは" + mark_word(in_file, Language::ja) + "ですが") +
                  "、モデルではこの対策を行います" + model_at;
      d.message_en = subject_en +
                     (missing ? std::string("the checklist lacks this line")
                              : "the checklist marks it " + mark_word(in_file, Language::en)) +
                     ", but the model has it in place" + model_at;
    }
    result.disagreements.push_back(std::move(d));
  };

  for (auto record = std::next(header); record != records.end(); ++record) {
    if (is_empty(*record)) continue;
    const SourceLocation where{path, record->line, 0};
    auto cell = [&](std::size_t column) {
      const std::size_t index = columns[column].index;
      return index < record->cells.size() ? cell_value(record->cells[index]) : std::string();
    };
    auto skip = [&](const std::string& why, const std::string& why_en) {
      result.skipped.push_back(
          {where, "この行を読み飛ばします: " + why, "this row is skipped: " + why_en});
    };
    const auto procedure = parse_procedure_cell(cell(0));
    if (!procedure) {
      skip("手続「" + cell(0) + "」が分かりません", "unknown procedure \"" + cell(0) + "\"");
      continue;
    }
    const auto party = parse_party_cell(cell(1));
    if (!party) {
      skip("実施者「" + cell(1) + "」が分かりません（" +
               party_name(Party::ward, Language::ja, set.body) + "／相手方に行わせる）",
           "unknown party \"" + cell(1) + "\" (the body itself, or the other party)");
      continue;
    }
    LineMark mark = LineMark::blank;
    std::string reason;
    if (!parse_mark(cell(3), mark, reason)) {
      skip("記入「" + cell(3) + "」が分かりません（○、－、空欄）",
           "unknown mark \"" + cell(3) + "\" (○, －, or blank)");
      continue;
    }
    const Key key{*procedure, *party, cell(2)};
    auto found = expected.find(key);
    if (found == expected.end()) {
      skip("対策ID「" + key.measure_id + "」はこのモデルの" +
               std::string(procedure_name(*procedure, Language::ja)) + "チェックリスト（" +
               party_name(*party, Language::ja, set.body) + "）にありません",
           "measure id \"" + key.measure_id + "\" is not on this model's " +
               std::string(procedure_name(*procedure, Language::en)) + " checklist (" +
               std::string(party_name(*party, Language::en)) + ")");
      continue;
    }
    if (found->second.seen) {
      skip("同じ対策の行が前にもあります", "the same measure has a row above");
      continue;
    }
    found->second.seen = true;
    const ChecklistLine& line = *found->second.line;
    const bool model_done = line.mark == LineMark::done;
    if ((mark == LineMark::done) != model_done) disagree(where, key, line, mark);
  }
  for (const Key& key : order) {
    const Entry& entry = expected.at(key);
    if (!entry.seen && entry.line->mark == LineMark::done) {
      disagree({path, 0, 0}, key, *entry.line, LineMark::blank);
    }
  }
  return result;
}

std::string format_disagreement(const ChecklistDisagreement& disagreement, Language language) {
  std::string out = disagreement.where.file.str();
  if (disagreement.where.line > 0) out += ':' + std::to_string(disagreement.where.line);
  out += ": ";
  out += is_en(language) ? disagreement.message_en : disagreement.message;
  return out;
}

}  // namespace nagare
