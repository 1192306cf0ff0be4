#pragma once

// The 別紙チェックリスト (checklists 3 電算処理, 4 外部結合, 5 業務委託) filled from a model:
// each standard measure once for the ward (区が行う) and once for the other party
// (相手方に行わせる), marked ○, 「－（理由）」 or left blank where the model says nothing.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "nagare/catalogue.h"
#include "nagare/diagnostics.h"
#include "nagare/findings_output.h"
#include "nagare/model.h"

namespace nagare {

enum class LineMark { done, not_applicable, blank };

/// One line of a checklist: a measure, its wording, and how the model marks it.
struct ChecklistLine {
  std::size_t measure = npos;  // catalogue index, or past it for the model's own measures
  std::string measure_id;
  bool technical = false;  // システム上の対策; else 運用上の対策
  std::string text;
  std::string name;  // the short name, for messages
  LineMark mark = LineMark::blank;
  std::string reason;                     // for not_applicable
  std::vector<SourceLocation> marked_at;  // the marks that decide the line
};

/// One side of a checklist: what the ward does, or what it has the other party do.
struct ChecklistSide {
  Party party = Party::ward;
  std::string heading;               // 「区が行う情報保護対策」…
  std::vector<ChecklistLine> lines;  // operational lines first, then technical ones
};

struct Checklist {
  Procedure procedure = Procedure::outsourcing;
  int number = 0;     // 3, 4 or 5, as the papers number the checklists
  std::string title;  // 「4 外部結合にかかる個人情報保護対策チェックリスト」
  ChecklistSide ward;
  ChecklistSide other;
};

struct ChecklistSet {
  std::string file;  // the model's file
  std::string paper_title;
  std::string body = "区";  // the paper's kind of body: the ward side is 「市が行う」 for a 市
  std::vector<Checklist> checklists;
  std::vector<Procedure> without_form;  // declared procedures that have no checklist form
};

/// True for the procedures that have a checklist form (3, 4, 5).
bool has_checklist(Procedure procedure);

/// The checklists of every procedure the model declares, in the wording of its ward.
/// A line takes the marks of any organization, node or flow with that measure, the
/// line's party and the checklist's procedure (or no procedure): ○ wins over －.
ChecklistSet build_checklists(const Model& model, const MeasureCatalogue& catalogue,
                              Language language);

std::size_t count_gaps(const Checklist& checklist);
std::size_t count_gaps(const ChecklistSet& set);

std::string_view procedure_name(Procedure procedure, Language language);
/// 「区が行う」 (the body's own side, as `body` reads) or 「相手方に行わせる」.
std::string party_name(Party party, Language language, std::string_view body = "区");
std::string_view category_name(bool technical, Language language);
/// 「○」, 「－（理由）」 or the visible blank 「（記載なし）」.
std::string mark_text(const ChecklistLine& line, Language language);

std::string format_checklists_markdown(const ChecklistSet& set, Language language);

/// UTF-8 with a byte order mark, RFC 4180 quoting, CRLF line ends; a cell that starts
/// with = + - @ gets a leading apostrophe so that a spreadsheet never runs it.
std::string format_checklists_csv(const ChecklistSet& set, Language language);

/// An .xlsx workbook, one sheet per checklist, laid out for A4. Returns its bytes.
/// Throws std::runtime_error when the workbook cannot be written.
std::string format_checklists_xlsx(const ChecklistSet& set, Language language);

/// A place where a filled checklist (CSV) and the model disagree.
struct ChecklistDisagreement {
  SourceLocation where;  // the CSV row (line 0: the row is missing)
  Procedure procedure = Procedure::outsourcing;
  Party party = Party::ward;
  std::string measure_id;
  LineMark in_file = LineMark::blank;
  LineMark in_model = LineMark::blank;
  std::string message;
  std::string message_en;
};

struct ChecklistComparison {
  std::vector<ChecklistDisagreement> disagreements;
  Diagnostics skipped;  // rows that could not be read, one each
  Diagnostics errors;   // the file as a whole cannot be read (no header, open quote)
};

/// Reads a checklist CSV in the layout format_checklists_csv writes (either language,
/// a byte order mark or none) and compares each line with the model's checklists.
ChecklistComparison compare_checklist_csv(const ChecklistSet& set, std::string_view csv,
                                          const std::string& path);

/// "file:line: message" for a disagreement, in the chosen language.
std::string format_disagreement(const ChecklistDisagreement& disagreement, Language language);

}  // namespace nagare
