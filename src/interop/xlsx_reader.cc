#include "xlsx_reader.h"

#include <unzip.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <memory>

namespace nagare::xlsx {
namespace {

// ---- the zip, through minizip over a buffer -----------------------------------------------

/// The bytes minizip reads, with its read position.
struct MemoryStream {
  std::string_view bytes;
  std::uint64_t position = 0;
};

voidpf ZCALLBACK memory_open(voidpf opaque, const void*, int) { return opaque; }

uLong ZCALLBACK memory_read(voidpf, voidpf stream, void* buffer, uLong size) {
  auto* memory = static_cast<MemoryStream*>(stream);
  if (memory->position >= memory->bytes.size()) return 0;
  const std::uint64_t left = memory->bytes.size() - memory->position;
  const auto count = static_cast<uLong>(std::min<std::uint64_t>(size, left));
  std::memcpy(buffer, memory->bytes.data() + memory->position, count);
  memory->position += count;
  return count;
}

uLong ZCALLBACK memory_write(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T ZCALLBACK memory_tell(voidpf, voidpf stream) {
  return static_cast<MemoryStream*>(stream)->position;
}

long ZCALLBACK memory_seek(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* memory = static_cast<MemoryStream*>(stream);
  std::uint64_t base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
      base = 0;
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      base = memory->position;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      base = memory->bytes.size();
      break;
    default:
      return -1;
  }
  if (offset > memory->bytes.size() || base + offset > memory->bytes.size()) return -1;
  memory->position = base + offset;
  return 0;
}

int ZCALLBACK memory_close(voidpf, voidpf) { return 0; }
int ZCALLBACK memory_error(voidpf, voidpf) { return 0; }

struct ZipCloser {
  void operator()(unzFile zip) const { unzClose(zip); }
};

class Zip {
 public:
  Zip(std::string_view bytes, const Limits& limits) : limits_(limits) {
    stream_.bytes = bytes;
    zlib_filefunc64_def functions{};
    functions.zopen64_file = memory_open;
    functions.zread_file = memory_read;
    functions.zwrite_file = memory_write;
    functions.ztell64_file = memory_tell;
    functions.zseek64_file = memory_seek;
    functions.zclose_file = memory_close;
    functions.zerror_file = memory_error;
    functions.opaque = &stream_;
    zip_.reset(unzOpen2_64("", &functions));
    if (!zip_) {
      throw ReadError("Excel のブック (.xlsx) ではありません (zip として読めません)",
                      "not an Excel workbook (.xlsx): not a readable zip file");
    }
    unz_global_info64 info{};
    if (unzGetGlobalInfo64(zip_.get(), &info) != UNZ_OK) {
      throw ReadError("Excel のブック (.xlsx) ではありません (zip の目録が読めません)",
                      "not an Excel workbook (.xlsx): the zip's directory cannot be read");
    }
    if (info.number_entry > limits_.entries) {
      throw ReadError("zip の項目が多すぎます (上限 " + std::to_string(limits_.entries) + ")",
                      "too many zip entries (at most " + std::to_string(limits_.entries) + ")");
    }
  }

  /// The uncompressed part `name`, or nullopt when the zip has none.
  std::optional<std::string> part(const std::string& name) {
    if (unzLocateFile(zip_.get(), name.c_str(), 2) != UNZ_OK) return std::nullopt;
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip_.get(), &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK) {
      throw broken(name);
    }
    if ((info.flag & 1) != 0) {
      throw ReadError("暗号化されたブックは読めません (パスワードを外して保存してください)",
                      "an encrypted workbook cannot be read (save it without a password)", name);
    }
    if (info.uncompressed_size > limits_.part_bytes) throw too_large(name);
    if (unzOpenCurrentFile(zip_.get()) != UNZ_OK) throw broken(name);
    std::string data;
    data.reserve(static_cast<std::size_t>(info.uncompressed_size));
    char buffer[1 << 16];
    int count = 0;
    // The size in the header may lie: count what is inflated, not what is announced.
    while ((count = unzReadCurrentFile(zip_.get(), buffer, sizeof buffer)) > 0) {
      data.append(buffer, static_cast<std::size_t>(count));
      total_ += static_cast<std::size_t>(count);
      if (data.size() > limits_.part_bytes || total_ > limits_.total_bytes) {
        unzCloseCurrentFile(zip_.get());
        throw too_large(name);
      }
    }
    const int closed = unzCloseCurrentFile(zip_.get());
    if (count < 0 || closed != UNZ_OK) throw broken(name);
    return data;
  }

 private:
  static ReadError broken(const std::string& name) {
    return ReadError("ブックの一部が壊れています", "part of the workbook is damaged", name);
  }
  ReadError too_large(const std::string& name) const {
    const std::string limit = std::to_string(limits_.part_bytes >> 20);
    const std::string total = std::to_string(limits_.total_bytes >> 20);
    return ReadError(
        "展開すると大きすぎます (上限 1 つ " + limit + " MiB、合計 " + total + " MiB)",
        "too large once uncompressed (at most " + limit + " MiB a part, " + total + " MiB in all)",
        name);
  }

  Limits limits_;
  MemoryStream stream_;
  std::unique_ptr<void, ZipCloser> zip_;
  std::size_t total_ = 0;
};

// ---- the XML parts ------------------------------------------------------------------------

pugi::xml_document parse(const std::string& data, const std::string& name) {
  pugi::xml_document document;
  // parse_eol is left out: a carriage return in a cell is text, kept as written; and a cell
  // of spaces only (<t> </t>) keeps them.
  const unsigned options = pugi::parse_cdata | pugi::parse_escapes | pugi::parse_wconv_attribute |
                           pugi::parse_ws_pcdata_single;
  const pugi::xml_parse_result result =
      document.load_buffer(data.data(), data.size(), options, pugi::encoding_utf8);
  if (!result) {
    throw ReadError(std::string("XML の誤り: ") + result.description(),
                    std::string("malformed XML: ") + result.description(), name);
  }
  return document;
}

/// The local name of an element ("x:row" and "row" alike: some writers use prefixes).
std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_node each = node.first_child(); each; each = each.next_sibling()) {
    if (each.type() == pugi::node_element && local_name(each) == name) return each;
  }
  return {};
}

/// An attribute by local name ("r:id" matches "id" only when asked for with its prefix).
std::string_view attribute(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute each = node.first_attribute(); each; each = each.next_attribute()) {
    std::string_view full = each.name();
    if (full == name) return each.value();
    const auto colon = full.find(':');
    if (colon != std::string_view::npos && full.substr(colon + 1) == name && name != "id") {
      return each.value();
    }
  }
  return {};
}

/// The relationship id of a <sheet>: r:id in whatever prefix the namespace was given.
std::string_view relationship_id(const pugi::xml_node& sheet) {
  for (pugi::xml_attribute each = sheet.first_attribute(); each; each = each.next_attribute()) {
    std::string_view full = each.name();
    const auto colon = full.find(':');
    if (colon != std::string_view::npos && full.substr(colon + 1) == "id") return each.value();
  }
  return {};
}

/// The text of an <si> or <is>: its <t>, or the <t> of each rich-text run <r>. Phonetic
/// guides (<rPh>, the furigana Japanese Excel adds) are not part of the value.
std::string string_item(const pugi::xml_node& item) {
  std::string text;
  for (pugi::xml_node each = item.first_child(); each; each = each.next_sibling()) {
    if (local_name(each) == "t") {
      text += each.child_value();
    } else if (local_name(each) == "r") {
      text += child(each, "t").child_value();
    }
  }
  return decode_escapes(text);
}

/// "xl/worksheets/sheet1.xml" from a relationship target, relative to xl/ or absolute.
std::string part_path(std::string_view target) {
  if (!target.empty() && target.front() == '/') return std::string(target.substr(1));
  std::string path = "xl/";
  while (target.substr(0, 3) == "../") {
    target.remove_prefix(3);
    path.clear();
  }
  return path + std::string(target);
}

Sheet read_sheet(const std::string& data, const std::string& part, std::string name,
                 const std::vector<std::string>& shared, const Limits& limits) {
  Sheet sheet;
  sheet.name = std::move(name);
  const pugi::xml_document document = parse(data, part);
  const pugi::xml_node rows = child(child(document, "worksheet"), "sheetData");
  std::uint32_t row_number = 0;
  for (pugi::xml_node row = rows.first_child(); row; row = row.next_sibling()) {
    if (local_name(row) != "row") continue;
    const std::string_view r = attribute(row, "r");
    std::uint32_t next_row = row_number + 1;
    if (!r.empty()) {
      // Built by appending: "A" + std::string(…) makes GCC 12 warn (-Wrestrict) at -O3.
      std::string reference = "A";
      reference += r;
      auto parsed = parse_cell_name(reference);
      if (!parsed) {
        throw ReadError("行番号 \"" + std::string(r) + "\" が正しくありません",
                        "bad row number \"" + std::string(r) + "\"", sheet.name);
      }
      next_row = parsed->first;
    }
    row_number = next_row;
    if (row_number > kMaxRow) {
      throw ReadError("行が多すぎます", "too many rows", sheet.name);
    }
    std::uint32_t column = 0;
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (local_name(c) != "c") continue;
      const std::string_view reference = attribute(c, "r");
      std::uint32_t cell_row = row_number;
      ++column;
      if (!reference.empty()) {
        auto parsed = parse_cell_name(reference);
        if (!parsed) {
          throw ReadError("セル番地 \"" + std::string(reference) + "\" が正しくありません",
                          "bad cell reference \"" + std::string(reference) + "\"", sheet.name);
        }
        std::tie(cell_row, column) = *parsed;
      }
      if (column > kMaxColumn) throw ReadError("列が多すぎます", "too many columns", sheet.name);
      const std::string_view type = attribute(c, "t");
      Cell cell;
      if (type == "inlineStr") {
        cell.text = string_item(child(c, "is"));
      } else {
        const pugi::xml_node value = child(c, "v");
        if (!value) continue;  // formatted but empty
        const std::string_view text = value.child_value();
        if (type == "s") {
          char* end = nullptr;
          const std::string index_text(text);
          const unsigned long index = std::strtoul(index_text.c_str(), &end, 10);
          if (index_text.empty() || *end != '\0' || index >= shared.size()) {
            throw ReadError("共有文字列の番号 " + index_text + " がありません",
                            "no shared string number " + index_text,
                            sheet.name + "!" + cell_name(cell_row, column));
          }
          cell.text = shared[index];
        } else if (type == "str") {
          cell.text = decode_escapes(text);  // a formula's text result
        } else if (type == "b") {
          cell.type = CellType::boolean;
          cell.text = std::string(1, text == "1" || text == "true" ? '1' : '0');
        } else if (type == "e") {
          cell.type = CellType::error;
          cell.text = std::string(text);
        } else {
          cell.type = type == "d" ? CellType::string : CellType::number;
          cell.text = std::string(text);
        }
      }
      if (cell.type == CellType::string && cell.text.empty()) continue;
      if (sheet.cells.size() >= limits.cells) {
        throw ReadError("セルが多すぎます (上限 " + std::to_string(limits.cells) + ")",
                        "too many cells (at most " + std::to_string(limits.cells) + ")",
                        sheet.name);
      }
      sheet.last_row = std::max(sheet.last_row, cell_row);
      sheet.last_column = std::max(sheet.last_column, column);
      sheet.cells[{cell_row, column}] = std::move(cell);
    }
  }
  return sheet;
}

}  // namespace

std::string column_name(std::uint32_t column) {
  if (column == 0 || column > kMaxColumn) return {};
  std::string name;
  while (column > 0) {
    const std::uint32_t digit = (column - 1) % 26;
    name.insert(name.begin(), static_cast<char>('A' + digit));
    column = (column - 1) / 26;
  }
  return name;
}

std::string cell_name(std::uint32_t row, std::uint32_t column) {
  return column_name(column) + std::to_string(row);
}

std::optional<std::pair<std::uint32_t, std::uint32_t>> parse_cell_name(std::string_view name) {
  std::size_t i = 0;
  if (i < name.size() && name[i] == '$') ++i;
  std::uint64_t column = 0;
  const std::size_t letters = i;
  while (i < name.size() && std::isalpha(static_cast<unsigned char>(name[i])) && i - letters < 3) {
    column = column * 26 + static_cast<std::uint64_t>(std::toupper(name[i]) - 'A' + 1);
    ++i;
  }
  if (i == letters) return std::nullopt;
  if (i < name.size() && name[i] == '$') ++i;
  std::uint64_t row = 0;
  const std::size_t digits = i;
  while (i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])) && i - digits < 8) {
    row = row * 10 + static_cast<std::uint64_t>(name[i] - '0');
    ++i;
  }
  if (i == digits || i != name.size()) return std::nullopt;
  if (row == 0 || row > kMaxRow || column > kMaxColumn) return std::nullopt;
  return std::pair{static_cast<std::uint32_t>(row), static_cast<std::uint32_t>(column)};
}

namespace {

bool is_escape_at(std::string_view text, std::size_t i) {
  if (i + 7 > text.size() || text[i] != '_' || (text[i + 1] != 'x' && text[i + 1] != 'X') ||
      text[i + 6] != '_') {
    return false;
  }
  return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i + 2),
                     text.begin() + static_cast<std::ptrdiff_t>(i + 6),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

}  // namespace

std::string decode_escapes(std::string_view text) {
  if (text.find('_') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (is_escape_at(text, i)) {
      const auto code =
          static_cast<std::uint32_t>(std::stoul(std::string(text.substr(i + 2, 4)), nullptr, 16));
      // A surrogate half cannot stand alone in UTF-8: keep the escape as written.
      if (code >= 0xD800 && code <= 0xDFFF) {
        out.append(text.substr(i, 7));
      } else {
        append_utf8(out, code);
      }
      i += 7;
    } else {
      out += text[i++];
    }
  }
  return out;
}

std::string escape_underscores(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_escape_at(text, i)) {
      out += "_x005F_";  // the underscore itself, escaped
    } else {
      out += text[i];
    }
  }
  return out;
}

Workbook read_workbook(std::string_view bytes, const Limits& limits) {
  Zip zip(bytes, limits);
  const auto workbook_part = zip.part("xl/workbook.xml");
  if (!workbook_part) {
    throw ReadError("xl/workbook.xml がありません (Excel のブックではありません)",
                    "no xl/workbook.xml: not an Excel workbook");
  }
  const auto relations_part = zip.part("xl/_rels/workbook.xml.rels");
  if (!relations_part) {
    throw ReadError("xl/_rels/workbook.xml.rels がありません", "no xl/_rels/workbook.xml.rels");
  }
  const pugi::xml_document relations = parse(*relations_part, "xl/_rels/workbook.xml.rels");
  std::map<std::string, std::string, std::less<>> targets;
  for (pugi::xml_node each = child(relations, "Relationships").first_child(); each;
       each = each.next_sibling()) {
    if (local_name(each) != "Relationship") continue;
    targets[std::string(attribute(each, "Id"))] = part_path(attribute(each, "Target"));
  }

  std::vector<std::string> shared;
  if (auto strings = zip.part("xl/sharedStrings.xml")) {
    const pugi::xml_document document = parse(*strings, "xl/sharedStrings.xml");
    for (pugi::xml_node item = child(document, "sst").first_child(); item;
         item = item.next_sibling()) {
      if (local_name(item) == "si") shared.push_back(string_item(item));
    }
  }

  Workbook workbook;
  const pugi::xml_document document = parse(*workbook_part, "xl/workbook.xml");
  for (pugi::xml_node each = child(child(document, "workbook"), "sheets").first_child(); each;
       each = each.next_sibling()) {
    if (local_name(each) != "sheet") continue;
    std::string name(attribute(each, "name"));
    auto target = targets.find(relationship_id(each));
    if (target == targets.end()) {
      throw ReadError("シートの関係 (r:id) がありません", "the sheet has no relationship (r:id)",
                      name);
    }
    auto data = zip.part(target->second);
    if (!data) {
      throw ReadError(target->second + " がありません", "no " + target->second, name);
    }
    workbook.sheets.push_back(read_sheet(*data, target->second, std::move(name), shared, limits));
  }
  return workbook;
}

}  // namespace nagare::xlsx
