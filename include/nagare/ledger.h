#pragma once

// Logs of actual transfers (a hand-over ledger 受渡簿, or an export of file transfers) and
// their comparison with a declared model. The CSV columns are described in docs/audit-log.md.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nagare/diagnostics.h"
#include "nagare/model.h"
#include "nagare/text_encoding.h"

namespace nagare {

/// One CSV record and the physical line it starts on.
struct CsvRecord {
  std::uint32_t line = 0;
  std::vector<std::string> fields;
};

/// A record the CSV reader could not read; the reader goes on with the next one.
struct CsvProblem {
  std::uint32_t line = 0;
  std::string message;  // Japanese
  std::string message_en;
};

struct CsvText {
  std::vector<CsvRecord> records;
  std::vector<CsvProblem> problems;
};

/// Reads RFC 4180 CSV: comma-separated, fields optionally in double quotes, "" for a
/// quote inside quotes, commas and line breaks inside quotes kept, CRLF or LF, a UTF-8
/// byte-order mark at the start ignored. A record whose quotes are broken (never closed,
/// or text after the closing quote) is one problem at its first line, and reading goes on
/// at the line after it: one stray quote costs one row, not the rest of the file.
CsvText parse_csv(std::string_view text);

/// A date, or why a text written like a date is not one.
struct DateReading {
  std::optional<int> date;  // yyyymmdd
  std::string problem;      // empty when the text is not written like a date at all
  std::string problem_en;
};

/// A date from 2025-04-01, 2025/4/1, 2025年4月1日, 令和7年4月1日 (元年 = 1), R7.4.1 or
/// H31/4/30 (eras 明治 M, 大正 T, 昭和 S, 平成 H, 令和 R). The year must be within the
/// era (平成 ends with 31, 令和0年 does not exist) and within 1868 … 2099, the day within
/// the month (leap years counted), and an era date within the era's days.
DateReading read_date(std::string_view text);

/// read_date's date alone.
std::optional<int> parse_date(std::string_view text);

struct LedgerEntry {
  std::uint32_t line = 0;
  int date = 0;  // yyyymmdd
  std::string date_text;
  std::string from;
  std::string to;
  std::vector<std::string> items;  // split on 、 , ・ ; / and line breaks
  std::string medium;
  std::string handler;
  std::string quantity;
};

/// A row left out of the audit, with why.
struct SkippedRow {
  std::uint32_t line = 0;
  std::string message;
  std::string message_en;
};

struct Ledger {
  std::string file;
  TextEncoding encoding = TextEncoding::utf8;  // what the file was read as
  bool bom = false;
  std::vector<LedgerEntry> entries;
  std::vector<SkippedRow> skipped;
};

/// Reads a ledger from the file's bytes (UTF-8, UTF-16 with a byte-order mark or CP932; see
/// decode_text). Bad rows go to `skipped` and the rest is read; a file that cannot be a
/// ledger at all (an unknown encoding, no header, a required column missing) is a diagnostic.
struct LedgerRead {
  std::optional<Ledger> ledger;
  Diagnostics diagnostics;
};
LedgerRead read_ledger(std::string_view text, const std::string& file);

enum class AuditKind {
  undeclared,        // a logged transfer no declared flow covers
  medium_differs,    // covered only by flows of another kind (a line, but logged on paper …)
  excess_items,      // an entry carries items the covering flows do not carry
  missing_handover,  // a declared paper or media hand-over with no entry in the period
};

std::string_view id_of(AuditKind kind);

struct AuditFinding {
  AuditKind kind = AuditKind::undeclared;
  std::uint32_t line = 0;            // ledger line; 0 for missing_handover
  std::string flow;                  // the declared flow concerned, when there is one
  std::vector<std::string> details;  // excess items, the parties not found …
  std::string message;
  std::string message_en;
  SourceLocation where;  // ledger file:line, or the flow in the model
};

struct AuditPeriod {
  std::optional<int> from;  // yyyymmdd, inclusive
  std::optional<int> to;
};

struct AuditResult {
  std::vector<AuditFinding> findings;  // entries in ledger order, then missing hand-overs
  std::size_t entries_audited = 0;
  std::size_t entries_outside_period = 0;
  std::size_t handovers_expected = 0;  // declared flows that should appear in the ledger
  bool discrepant() const { return !findings.empty(); }
};

/// Compares a ledger with a declared model. Parties are matched against node ids and
/// names, then organization ids and names (an organization stands for its nodes).
AuditResult audit_ledger(const Model& model, const Ledger& ledger, const AuditPeriod& period);

}  // namespace nagare
