#pragma once

// Reading .xlsx workbooks (Office Open XML spreadsheets): minizip opens the zip, pugixml
// parses the parts. Only what a filled-in form needs: each sheet's name and its cell values
// as text, with their types. Sizes are bounded, so a zip bomb or a sheet of a million rows
// is refused with a message instead of exhausting memory.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nagare::xlsx {

/// Largest row and column Excel allows (1,048,576 rows, column XFD).
inline constexpr std::uint32_t kMaxRow = 1'048'576;
inline constexpr std::uint32_t kMaxColumn = 16'384;

/// Limits on what is read: a part's uncompressed size, all parts together, the number of
/// zip entries, and the cells of one sheet.
struct Limits {
  std::size_t part_bytes = 64u << 20;
  std::size_t total_bytes = 256u << 20;
  std::size_t entries = 10'000;
  std::size_t cells = 2'000'000;
};

/// "A1" style names: column 1 is "A", 27 is "AA"; 0 or past kMaxColumn gives "".
std::string column_name(std::uint32_t column);
/// "C12" for row 12, column 3.
std::string cell_name(std::uint32_t row, std::uint32_t column);
/// Row and column of "C12" (also "$C$12"); nullopt unless it is a cell within Excel's bounds.
std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_cell_name(std::string_view name);
/// Decodes the _xHHHH_ escapes Office uses for characters XML cannot hold (_x000D_ is a
/// carriage return, _x005F_ a literal underscore).
std::string decode_escapes(std::string_view text);
/// Escapes text for a cell so that decode_escapes gives it back: an underscore that starts
/// something shaped like an escape becomes _x005F_.
std::string escape_underscores(std::string_view text);

enum class CellType { string, number, boolean, error };

struct Cell {
  CellType type = CellType::string;
  std::string text;  // the string, the number as written ("3", "2019", "1.5"), "1"/"0"
};

struct Sheet {
  std::string name;
  /// Cells by (row, column), both 1-based; empty cells are absent.
  std::map<std::pair<std::uint32_t, std::uint32_t>, Cell> cells;
  std::uint32_t last_row = 0;
  std::uint32_t last_column = 0;

  const Cell* at(std::uint32_t row, std::uint32_t column) const {
    auto it = cells.find({row, column});
    return it == cells.end() ? nullptr : &it->second;
  }
};

struct Workbook {
  std::vector<Sheet> sheets;  // in the workbook's order
  const Sheet* find(std::string_view name) const {
    for (const Sheet& sheet : sheets) {
      if (sheet.name == name) return &sheet;
    }
    return nullptr;
  }
};

/// A workbook that cannot be read: what is wrong (Japanese and English), and the part or
/// sheet where, when known.
struct ReadError : std::runtime_error {
  ReadError(std::string ja, std::string en_text, std::string place_text = {})
      : std::runtime_error(ja), en(std::move(en_text)), place(std::move(place_text)) {}
  std::string en;
  std::string place;
};

/// Reads every worksheet of the .xlsx in `bytes`; throws ReadError.
Workbook read_workbook(std::string_view bytes, const Limits& limits = {});

}  // namespace nagare::xlsx
