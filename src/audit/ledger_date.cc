// Dates as offices write them, Western or by era (和暦), checked against the real calendar.

#include <array>
#include <cctype>
#include <cstdio>
#include <string>

#include "ledger_text.h"
#include "nagare/ledger.h"

namespace nagare {
namespace {

/// An era and the Gregorian days it covers; the day an era changed belongs to both, as
/// documents of that day use either.
struct Era {
  std::string_view name;
  char letter;
  int base;       // Western year = base + era year
  int last_year;  // 0: still running
  int first_day;  // yyyymmdd
  int last_day;   // yyyymmdd; 0: still running
};
constexpr std::array kEras{
    Era{"明治", 'M', 1867, 45, 18680101, 19120730}, Era{"大正", 'T', 1911, 15, 19120730, 19261225},
    Era{"昭和", 'S', 1925, 64, 19261225, 19890107}, Era{"平成", 'H', 1988, 31, 19890108, 20190430},
    Era{"令和", 'R', 2018, 0, 20190501, 0},
};
constexpr int kFirstYear = 1868;  // 明治元年: the first era nagare reads
constexpr int kLastYear = 2099;

/// Digits as a number; at most 9 of them, so that the value cannot overflow.
bool take_number(std::string_view& text, int& value) {
  std::size_t k = 0;
  value = 0;
  while (k < text.size() && std::isdigit(static_cast<unsigned char>(text[k]))) {
    if (k == 9) return false;
    value = value * 10 + (text[k] - '0');
    ++k;
  }
  if (k == 0) return false;
  text.remove_prefix(k);
  return true;
}

bool take_separator(std::string_view& text) {
  for (std::string_view sep : {"-", "/", ".", "年", "月"}) {
    if (text.substr(0, sep.size()) == sep) {
      text.remove_prefix(sep.size());
      return true;
    }
  }
  return false;
}

const Era* take_era(std::string_view& text) {
  for (const Era& era : kEras) {
    if (text.starts_with(era.name)) {
      text.remove_prefix(era.name.size());
      return &era;
    }
    const bool letter = !text.empty() && std::toupper(static_cast<unsigned char>(text[0])) ==
                                             static_cast<unsigned char>(era.letter);
    if (letter && text.size() > 1 &&
        (std::isdigit(static_cast<unsigned char>(text[1])) || text.substr(1, 3) == "元")) {
      text.remove_prefix(1);
      return &era;
    }
  }
  return nullptr;
}

std::string iso(int date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", date / 10000, date / 100 % 100,
                date % 100);
  return buffer;
}

}  // namespace

DateReading read_date(std::string_view raw) {
  const std::string narrowed = ledger_text::trim(ledger_text::narrow(raw));
  std::string_view text = narrowed;
  DateReading reading;
  auto problem = [&](std::string ja, std::string en) {
    reading.problem = std::move(ja);
    reading.problem_en = std::move(en);
    return reading;
  };
  const Era* era = take_era(text);
  int year = 0, month = 0, day = 0;
  if (era != nullptr && text.starts_with("元")) {
    year = 1;
    text.remove_prefix(std::string_view("元").size());
  } else if (!take_number(text, year)) {
    return reading;
  }
  if (!take_separator(text) || !take_number(text, month) || !take_separator(text) ||
      !take_number(text, day)) {
    return reading;
  }
  if (text == "日") text = {};
  if (!text.empty()) return reading;

  const std::string era_name = era != nullptr ? std::string(era->name) : "";
  if (era != nullptr && year == 0) {
    return problem(era_name + "0年はありません (最初の年は元年 = 1年)",
                   "there is no year 0 of " + era_name + " (the first year, 元年, is 1)");
  }
  if (era != nullptr && era->last_year != 0 && year > era->last_year) {
    return problem(era_name + "は" + std::to_string(era->last_year) + "年までです",
                   era_name + " ends with year " + std::to_string(era->last_year));
  }
  if (era != nullptr) year += era->base;
  if (year < kFirstYear || year > kLastYear) {
    const std::string range = std::to_string(kFirstYear) + "〜" + std::to_string(kLastYear);
    return problem(std::to_string(year) + "年は読める範囲 (" + range + "年) の外です",
                   "year " + std::to_string(year) + " is outside the years read (" + range + ")");
  }
  if (month < 1 || month > 12) {
    return problem(std::to_string(month) + "月はありません",
                   "there is no month " + std::to_string(month));
  }
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0);
  if (day < 1 || day > days) {
    return problem(std::to_string(year) + "年" + std::to_string(month) + "月は" +
                       std::to_string(days) + "日までです",
                   std::to_string(year) + "-" + std::to_string(month) + " has " +
                       std::to_string(days) + " days");
  }
  const int date = year * 10000 + month * 100 + day;
  if (era != nullptr && (date < era->first_day || (era->last_day != 0 && date > era->last_day))) {
    const std::string span = era->last_day == 0 ? iso(era->first_day) + "〜"
                                                : iso(era->first_day) + "〜" + iso(era->last_day);
    return problem(iso(date) + " は" + era_name + "の期間 (" + span + ") の外です",
                   iso(date) + " is outside " + era_name + " (" + span + ")");
  }
  reading.date = date;
  return reading;
}

std::optional<int> parse_date(std::string_view text) { return read_date(text).date; }

}  // namespace nagare
