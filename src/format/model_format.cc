#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "nagare/format.h"
#include "nagare/schema.h"

namespace nagare {
namespace {

/// Where a scan left off: inside brackets or a multi-line string, the entry goes on.
struct ScanState {
  int depth = 0;
  enum class Open { none, basic, literal } multiline = Open::none;
  bool continues() const { return depth > 0 || multiline != Open::none; }
};

/// Scans one line of a value, skipping strings and stopping at a comment: returns the
/// position of the comment's `#`, or npos.
std::size_t scan_value(std::string_view line, std::size_t i, ScanState& state) {
  while (i < line.size()) {
    if (state.multiline == ScanState::Open::basic) {
      if (line[i] == '\\') {
        i += 2;
      } else if (line.compare(i, 3, "\"\"\"") == 0) {
        state.multiline = ScanState::Open::none;
        i += 3;
      } else {
        ++i;
      }
      continue;
    }
    if (state.multiline == ScanState::Open::literal) {
      if (line.compare(i, 3, "'''") == 0) {
        state.multiline = ScanState::Open::none;
        i += 3;
      } else {
        ++i;
      }
      continue;
    }
    const char c = line[i];
    if (c == '#') return i;
    if (c == '"') {
      if (line.compare(i, 3, "\"\"\"") == 0) {
        state.multiline = ScanState::Open::basic;
        i += 3;
        continue;
      }
      for (++i; i < line.size() && line[i] != '"'; ++i) {
        if (line[i] == '\\') ++i;
      }
      ++i;
    } else if (c == '\'') {
      if (line.compare(i, 3, "'''") == 0) {
        state.multiline = ScanState::Open::literal;
        i += 3;
        continue;
      }
      i = line.find('\'', i + 1);
      if (i == std::string_view::npos) return i;
      ++i;
    } else {
      if (c == '[' || c == '{') ++state.depth;
      if ((c == ']' || c == '}') && state.depth > 0) --state.depth;
      ++i;
    }
  }
  return std::string_view::npos;
}

std::string_view trim(std::string_view text) {
  const auto begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const auto end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

std::string rtrim(std::string_view text) {
  const auto end = text.find_last_not_of(" \t");
  return end == std::string_view::npos ? std::string() : std::string(text.substr(0, end + 1));
}

/// The position of the `=` of a key-value line (outside quoted keys), or npos.
std::size_t equals_position(std::string_view line) {
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"' || c == '\'') {
      for (++i; i < line.size() && line[i] != c; ++i) {
        if (c == '"' && line[i] == '\\') ++i;
      }
    } else if (c == '=') {
      return i;
    } else if (c == '#') {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

/// The first segment of a (possibly dotted or quoted) key, unquoted.
std::string first_key_segment(std::string_view key) {
  key = trim(key);
  if (!key.empty() && (key[0] == '"' || key[0] == '\'')) {
    const auto close = key.find(key[0], 1);
    return std::string(key.substr(1, close == std::string_view::npos ? close : close - 1));
  }
  return std::string(trim(key.substr(0, key.find('.'))));
}

/// One key-value pair with the comments written directly above it.
struct Entry {
  std::vector<std::string> comments;
  std::vector<std::string> lines;
  std::string key;
};

/// A `[table]` or `[[table]]` with its leading comments, its entries and its sub-tables.
struct Section {
  std::vector<std::string> comments;
  std::string header;
  std::string name;  // dotted name inside the brackets, spaces removed
  std::vector<Entry> entries;
  std::vector<Section> children;
};

struct Document {
  std::vector<std::string> preamble;
  std::vector<Entry> top;
  std::vector<Section> sections;
  std::vector<std::string> trailer;
};

/// Drops blank lines at both ends and collapses runs of blank lines to one.
std::vector<std::string> tidy_comments(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const std::string& line : lines) {
    if (line.empty() && (out.empty() || out.back().empty())) continue;
    out.push_back(line);
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

std::string header_name(std::string_view inside) {
  std::string name;
  char quote = 0;
  for (char c : inside) {
    if (quote != 0) {
      name += c;
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
      name += c;
    } else if (c != ' ' && c != '\t') {
      name += c;
    }
  }
  return name;
}

/// Parses a header line; false when the line is not one.
bool parse_header(std::string_view line, Section& section) {
  std::string_view text = trim(line);
  if (text.empty() || text[0] != '[') return false;
  const bool array = text.size() > 1 && text[1] == '[';
  const std::string_view close = array ? "]]" : "]";
  const std::size_t open_length = array ? 2 : 1;
  // The name ends at the first closing bracket outside quotes.
  std::size_t end = open_length;
  char quote = 0;
  for (; end < text.size(); ++end) {
    const char c = text[end];
    if (quote != 0) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (text.compare(end, close.size(), close) == 0) {
      break;
    }
  }
  if (end >= text.size()) return false;
  section.name = header_name(text.substr(open_length, end - open_length));
  std::string rest(trim(text.substr(end + close.size())));
  section.header = (array ? "[[" : "[") + section.name + std::string(close);
  if (!rest.empty()) section.header += " " + rest;
  return true;
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    if (end == text.size()) break;
    start = end + 1;
  }
  while (!lines.empty() && trim(lines.back()).empty()) lines.pop_back();
  return lines;
}

Document parse_document(std::string_view source) {
  const std::vector<std::string> lines = split_lines(source);
  Document document;
  std::vector<std::string> pending;  // comment and blank lines not yet attached
  bool seen_content = false;
  Section* current = nullptr;

  auto take_pending = [&]() {
    std::vector<std::string> comments;
    if (!seen_content) {
      // Before anything else: blocks separated from the first table by a blank line are the
      // file's preamble; the block directly above it belongs to it.
      std::size_t split = pending.size();
      while (split > 0 && !pending[split - 1].empty()) --split;
      document.preamble.assign(pending.begin(), pending.begin() + static_cast<long>(split));
      comments.assign(pending.begin() + static_cast<long>(split), pending.end());
      seen_content = true;
    } else {
      comments = pending;
    }
    pending.clear();
    return tidy_comments(comments);
  };

  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    const std::string_view text = trim(line);
    if (text.empty()) {
      pending.emplace_back();
      continue;
    }
    if (text[0] == '#') {
      pending.push_back(rtrim(text));
      continue;
    }
    Section section;
    if (parse_header(line, section)) {
      section.comments = take_pending();
      const auto dot = section.name.find('.');
      Section* parent = nullptr;
      if (dot != std::string::npos && !document.sections.empty()) {
        const std::string root = section.name.substr(0, dot);
        for (auto it = document.sections.rbegin(); it != document.sections.rend(); ++it) {
          if (it->name == root) {
            parent = &*it;
            break;
          }
        }
      }
      if (parent != nullptr) {
        parent->children.push_back(std::move(section));
        current = &parent->children.back();
      } else {
        document.sections.push_back(std::move(section));
        current = &document.sections.back();
      }
      continue;
    }
    Entry entry;
    entry.comments = take_pending();
    const std::size_t equals = equals_position(line);
    ScanState state;
    if (equals == std::string_view::npos) {
      entry.lines.push_back(rtrim(text));  // not a key-value line: keep it as it is
    } else {
      entry.key = first_key_segment(line.substr(0, equals));
      const std::string_view value = trim(line.substr(equals + 1));
      entry.lines.push_back(std::string(trim(line.substr(0, equals))) + " = " + rtrim(value));
      scan_value(line, equals + 1, state);
      while (state.continues() && i + 1 < lines.size()) {
        const bool inside_string = state.multiline != ScanState::Open::none;
        const std::string& next = lines[++i];
        // Inside a multi-line string, trailing spaces are part of the value.
        entry.lines.push_back(inside_string ? next : rtrim(next));
        scan_value(next, 0, state);
      }
    }
    if (current != nullptr) {
      current->entries.push_back(std::move(entry));
    } else {
      document.top.push_back(std::move(entry));
    }
  }
  document.trailer = tidy_comments(pending);
  if (!seen_content) {
    document.preamble = document.trailer;
    document.trailer.clear();
  }
  document.preamble = tidy_comments(document.preamble);
  return document;
}

std::size_t table_rank(std::string_view name) {
  const auto& tables = model_tables();
  for (std::size_t i = 0; i < tables.size(); ++i) {
    if (tables[i].key == name) return i;
  }
  return tables.size();
}

std::size_t key_rank(const std::vector<KeySpec>& keys, std::string_view key) {
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].key == key) return i;
  }
  return keys.size();
}

const std::vector<KeySpec>* keys_of(std::string_view section_name) {
  if (section_name.find('.') != std::string_view::npos) {
    if (section_name.substr(section_name.rfind('.') + 1) == "certifications") {
      return &certification_keys();
    }
    return nullptr;
  }
  for (const TableSpec& table : model_tables()) {
    if (table.key == section_name) return &table.keys;
  }
  return nullptr;
}

void sort_entries(std::vector<Entry>& entries, const std::vector<KeySpec>* keys) {
  if (keys == nullptr) return;
  std::stable_sort(entries.begin(), entries.end(), [keys](const Entry& a, const Entry& b) {
    return key_rank(*keys, a.key) < key_rank(*keys, b.key);
  });
}

void append_lines(std::string& out, const std::vector<std::string>& lines) {
  for (const std::string& line : lines) out += line + '\n';
}

void append_entries(std::string& out, const std::vector<Entry>& entries) {
  for (const Entry& entry : entries) {
    append_lines(out, entry.comments);
    append_lines(out, entry.lines);
  }
}

void append_section(std::string& out, const Section& section) {
  if (!out.empty()) out += '\n';
  append_lines(out, section.comments);
  out += section.header + '\n';
  append_entries(out, section.entries);
  for (const Section& child : section.children) append_section(out, child);
}

/// The value of a table's `id` key without its quotes; empty when it has none.
std::string section_id(const Section& section) {
  for (const Entry& entry : section.entries) {
    if (entry.key != "id" || entry.lines.empty()) continue;
    const std::string& line = entry.lines.front();
    const std::size_t equals = equals_position(line);
    if (equals == std::string::npos) return {};
    std::string value(trim(std::string_view(line).substr(equals + 1)));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return {};
}

const Section* find_section(const Document& document, const std::string& name,
                            const std::string& id) {
  for (const Section& section : document.sections) {
    if (section.name == name && section_id(section) == id) return &section;
  }
  return nullptr;
}

const Entry* find_entry(const Section& section, const std::string& key) {
  for (const Entry& entry : section.entries) {
    if (entry.key == key) return &entry;
  }
  return nullptr;
}

}  // namespace

std::string format_model_text(std::string_view text) {
  Document document = parse_document(text);
  std::stable_sort(document.top.begin(), document.top.end(), [](const Entry& a, const Entry& b) {
    return table_rank(a.key) < table_rank(b.key);
  });
  std::stable_sort(
      document.sections.begin(), document.sections.end(),
      [](const Section& a, const Section& b) { return table_rank(a.name) < table_rank(b.name); });
  for (Section& section : document.sections) {
    sort_entries(section.entries, keys_of(section.name));
    for (Section& child : section.children) sort_entries(child.entries, keys_of(child.name));
  }
  std::string out;
  append_lines(out, document.preamble);
  if (!document.top.empty()) {
    if (!out.empty()) out += '\n';
    append_entries(out, document.top);
  }
  for (const Section& section : document.sections) append_section(out, section);
  if (!document.trailer.empty()) {
    if (!out.empty()) out += '\n';
    append_lines(out, document.trailer);
  }
  return out;
}

std::string merge_model_comments(std::string_view original, std::string_view rewritten,
                                 std::string_view edited) {
  const Document before = parse_document(original);
  const Document unedited = parse_document(rewritten);
  Document after = parse_document(edited);
  after.preamble = before.preamble;
  after.trailer = before.trailer;
  for (Section& section : after.sections) {
    const std::string id = section_id(section);
    const Section* old = find_section(before, section.name, id);
    if (old == nullptr) continue;
    section.comments = old->comments;
    const Section* plain = find_section(unedited, section.name, id);
    auto unchanged = [&](const std::string& key) {
      const Entry* now = find_entry(section, key);
      const Entry* then = plain == nullptr ? nullptr : find_entry(*plain, key);
      if (now == nullptr || then == nullptr) return now == then;
      return now->lines == then->lines;
    };
    for (Entry& entry : section.entries) {
      const Entry* old_entry = find_entry(*old, entry.key);
      if (old_entry == nullptr) continue;
      entry.comments = old_entry->comments;
      // An unchanged value keeps its own text, comments inside a multi-line array included.
      if (unchanged(entry.key)) entry.lines = old_entry->lines;
    }
    // Keys the writer leaves out because they state the default (wording = "shinjuku") stay
    // as the file wrote them.
    for (const Entry& old_entry : old->entries) {
      if (old_entry.key.empty() || find_entry(section, old_entry.key) != nullptr) continue;
      if (plain != nullptr && find_entry(*plain, old_entry.key) == nullptr) {
        section.entries.push_back(old_entry);
      }
    }
    // Sub-tables ([[orgs.certifications]]) the writer states inline: kept when unchanged.
    if (!old->children.empty() && unchanged("certifications")) {
      std::erase_if(section.entries, [](const Entry& e) { return e.key == "certifications"; });
      section.children = old->children;
    }
  }
  std::string out;
  append_lines(out, after.preamble);
  if (!after.top.empty()) {
    if (!out.empty()) out += '\n';
    append_entries(out, after.top);
  }
  for (const Section& section : after.sections) append_section(out, section);
  if (!after.trailer.empty()) {
    if (!out.empty()) out += '\n';
    append_lines(out, after.trailer);
  }
  return format_model_text(out);
}

namespace {

/// "# text" → "text"; "#:schema" keeps its colon; a blank line is empty.
std::string comment_text(std::string_view line) {
  line = trim(line);
  if (line.empty()) return {};
  line.remove_prefix(1);  // '#'
  if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
  return rtrim(line);
}

void add_block(std::vector<std::string>& out, const std::vector<std::string>& block,
               std::string_view prefix) {
  for (const std::string& line : block) {
    const std::string text = comment_text(line);
    out.push_back(prefix.empty() ? text : std::string(prefix) + (text.empty() ? "" : " " + text));
  }
}

/// The comments of one entry: above it and inside or after its value ("[key] text"), or,
/// for `measures`, by the list entry they stand above.
void entry_comments(const Entry& entry, TableComments& table) {
  const std::string prefix = "[" + entry.key + "]";
  const bool marks = entry.key == "measures";
  if (!marks) add_block(table.lines, entry.comments, prefix);
  std::vector<std::string> pending;
  if (marks) add_block(pending, entry.comments, "");
  int depth = 0;
  bool expect = false;
  int element = -1;
  ScanState state;
  for (std::size_t l = 0; l < entry.lines.size(); ++l) {
    const std::string& line = entry.lines[l];
    std::size_t i = 0;
    if (l == 0) {
      const std::size_t equals = equals_position(line);
      if (equals == std::string::npos) return;
      i = equals + 1;
    } else if (state.multiline != ScanState::Open::none) {
      scan_value(line, 0, state);  // inside a multi-line string: text, not a comment
      continue;
    }
    const std::size_t hash = scan_value(line, i, state);
    const std::string_view value =
        std::string_view(line).substr(i, hash == std::string::npos ? std::string::npos : hash - i);
    int started = -1;
    if (marks) {
      // Entries of the list that start on this line (strings and inline tables at depth 1).
      for (std::size_t k = 0; k < value.size(); ++k) {
        const char c = value[k];
        auto start = [&] {
          if (depth == 1 && expect) {
            started = ++element;
            expect = false;
            if (static_cast<std::size_t>(element) >= table.measures.size()) {
              table.measures.resize(static_cast<std::size_t>(element) + 1);
            }
            auto& target = table.measures[static_cast<std::size_t>(element)];
            target.insert(target.end(), pending.begin(), pending.end());
            pending.clear();
          }
        };
        if (c == '"' || c == '\'') {
          start();
          for (++k; k < value.size() && value[k] != c; ++k) {
            if (c == '"' && value[k] == '\\') ++k;
          }
        } else if (c == '[' || c == '{') {
          start();
          ++depth;
          if (depth == 1) expect = true;
        } else if (c == ']' || c == '}') {
          --depth;
        } else if (c == ',') {
          if (depth == 1) expect = true;
        } else if (c != ' ' && c != '\t') {
          start();
        }
      }
    }
    if (hash == std::string::npos) continue;
    const std::string text = comment_text(std::string_view(line).substr(hash));
    if (!marks) {
      table.lines.push_back(prefix + (text.empty() ? "" : " " + text));
    } else if (started >= 0) {
      table.measures[static_cast<std::size_t>(started)].push_back(text);
    } else {
      pending.push_back(text);
    }
  }
  // Comments after the last entry stay with it; with no entry, with the key.
  if (!pending.empty()) {
    if (element >= 0) {
      auto& target = table.measures[static_cast<std::size_t>(element)];
      target.insert(target.end(), pending.begin(), pending.end());
    } else {
      for (const std::string& text : pending) {
        table.lines.push_back(prefix + (text.empty() ? "" : " " + text));
      }
    }
  }
}

void section_comments(const Section& section, TableComments& table, bool own) {
  if (own) add_block(table.lines, section.comments, "");
  const std::size_t hash = section.header.find('#');
  if (hash != std::string::npos) table.lines.push_back(comment_text(section.header.substr(hash)));
  for (const Entry& entry : section.entries) entry_comments(entry, table);
}

}  // namespace

ModelComments model_comments(std::string_view text) {
  const Document document = parse_document(text);
  ModelComments out;
  add_block(out.file, document.preamble, "");
  for (const Section& section : document.sections) {
    TableComments table;
    section_comments(section, table, true);
    // Sub-tables ([[orgs.certifications]]): with their key in the table's comments.
    for (const Section& child : section.children) {
      const std::string key = child.name.substr(child.name.rfind('.') + 1);
      add_block(table.lines, child.comments, "[" + key + "]");
      TableComments inner;
      section_comments(child, inner, false);
      for (const std::string& line : inner.lines) table.lines.push_back("[" + key + "] " + line);
    }
    out.tables[section.name].push_back(std::move(table));
  }
  add_block(out.file, document.trailer, "");
  return out;
}

std::string comment_line(std::string_view text) {
  if (text.empty()) return "#";
  if (text.front() == ':') return "#" + std::string(text);
  return "# " + std::string(text);
}

}  // namespace nagare
