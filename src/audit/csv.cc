// An RFC 4180 reader of our own: Debian's C++ CSV library (libfccp-dev, fast-cpp-csv-parser)
// rejects line breaks inside quoted cells, which ledgers exported from Excel contain.

#include <string>

#include "nagare/ledger.h"

namespace nagare {

CsvText parse_csv(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  CsvText out;
  const std::size_t n = text.size();
  std::size_t i = 0;
  std::uint32_t line = 1;
  auto at_record_end = [&] { return i >= n || text[i] == '\n' || text[i] == '\r'; };
  auto skip_line_end = [&] {
    if (i < n && text[i] == '\r') ++i;
    if (i < n && text[i] == '\n') ++i;
    ++line;
  };
  // A broken record is given up at its first line: were the quote a stray one, reading to
  // where it seems to close would swallow every row in between.
  auto resume_after_first_line = [&](std::size_t start, std::uint32_t start_line) {
    i = start;
    while (!at_record_end()) ++i;
    line = start_line;
    if (i < n) skip_line_end();
  };
  while (i < n) {
    CsvRecord record;
    record.line = line;
    const std::size_t start = i;
    std::string problem, problem_en;
    for (;;) {
      std::string field;
      if (i < n && text[i] == '"') {
        ++i;
        bool closed = false;
        while (i < n) {
          const char c = text[i];
          if (c == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            closed = true;
            break;
          }
          if (c == '\n') ++line;
          field += c;
          ++i;
        }
        if (!closed) {
          problem = "引用符 \" が閉じられていません";
          problem_en = "a quote \" is never closed";
          break;
        }
        if (i < n && text[i] != ',' && !at_record_end()) {
          if (line == record.line) {
            problem = "閉じた引用符 \" の後に文字があります";
            problem_en = "characters follow a closing quote \"";
          } else {
            problem = "引用符 \" で始まる欄が " + std::to_string(line) +
                      " 行目で閉じた後に文字があります";
            problem_en = "a quoted cell closed on line " + std::to_string(line) +
                         " is followed by characters";
          }
          break;
        }
      } else {
        while (i < n && text[i] != ',' && !at_record_end()) field += text[i++];
      }
      record.fields.push_back(std::move(field));
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < n) skip_line_end();
      break;
    }
    if (problem.empty()) {
      out.records.push_back(std::move(record));
    } else {
      out.problems.push_back(CsvProblem{record.line, std::move(problem), std::move(problem_en)});
      resume_after_first_line(start, record.line);
    }
  }
  return out;
}

}  // namespace nagare
