#include "toml_parts.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <exception>
#include <system_error>
#include <thread>

#include "toml_guard.h"
#include "toml_reader.h"

namespace nagare::load {

namespace {

bool is_bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

/// Whether a line starting at `at` is `[[name]]` with a bare, undotted name, then nothing
/// but blanks or a comment. Dotted headers ([[flows.steps]]) belong to the table above
/// them and are never a cut.
bool is_top_level_array_header(std::string_view text, std::size_t at) {
  if (text.substr(at, 2) != "[[") return false;
  std::size_t i = at + 2;
  const std::size_t name = i;
  while (i < text.size() && is_bare_key_char(text[i])) ++i;
  if (i == name || text.substr(i, 2) != "]]") return false;
  for (i += 2; i < text.size() && (text[i] == ' ' || text[i] == '\t'); ++i) {
  }
  return i == text.size() || text[i] == '\n' || text[i] == '#' ||
         (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n');
}

/// The first cut after `from`: the start of a line, after a line break at `from` or later,
/// that is a top-level header.
std::size_t next_cut(std::string_view text, std::size_t from) {
  for (std::size_t at = from; at < text.size();) {
    const void* found = std::memchr(text.data() + at, '\n', text.size() - at);
    if (found == nullptr) break;
    at = static_cast<std::size_t>(static_cast<const char*>(found) - text.data()) + 1;
    if (is_top_level_array_header(text, at)) return at;
  }
  return std::string_view::npos;
}

/// Whether an array is of tables written as [[headers]]: never empty (a header makes an
/// element), every element a table that is not inline. `name = [...]` is not, and a
/// [[name]] in a later part may not extend it.
bool is_of_header_tables(const toml::array& array) {
  if (array.empty()) return false;
  return std::all_of(array.begin(), array.end(), [](const toml::node& element) {
    const toml::table* table = element.as_table();
    return table != nullptr && !table->is_inline();
  });
}

/// Moves a later part's keys into the tree of the parts before it, as the one document
/// would have them. False when the parts define a key in a way the join cannot vouch for.
bool join(toml::table& into, toml::table& part) {
  for (auto&& [key, value] : part) {
    toml::node* existing = into.get(key.str());
    if (existing == nullptr) {
      into.insert(key, std::move(value));
      continue;
    }
    toml::array* to = existing->as_array();
    toml::array* from = value.as_array();
    if (to == nullptr || from == nullptr || !is_of_header_tables(*to) ||
        !is_of_header_tables(*from)) {
      return false;
    }
    to->reserve(to->size() + from->size());
    for (toml::node& element : *from) to->push_back(std::move(element));
  }
  return true;
}

/// Parses one part alone; nothing when the guard or toml++ refuses it, or memory runs out
/// (the whole text is then parsed as one document, where that failure is reported).
std::optional<toml::table> parse_part(std::string_view part, std::size_t lines_before,
                                      const std::string& path) {
  try {
    // Empty lines in front keep every line number the whole file's; a part starts a line,
    // so columns are the file's already.
    std::string padded;
    if (lines_before > 0) {
      padded.reserve(lines_before + part.size());
      padded.append(lines_before, '\n');
      padded.append(part);
      part = padded;
    }
    if (find_unsafe_input(part)) return std::nullopt;
    return toml::parse(part, path);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

/// The tree of all parts, or nothing when a part fails or the join cannot vouch for it.
std::optional<toml::table> parse_parts(std::string_view text, const std::string& path,
                                       const std::vector<std::size_t>& starts) {
  const std::size_t count = starts.size();
  std::vector<std::string_view> parts(count);
  std::vector<std::size_t> lines_before(count, 0);
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t end = i + 1 < count ? starts[i + 1] : text.size();
    parts[i] = text.substr(starts[i], end - starts[i]);
    if (i + 1 < count) {
      const auto lines = std::count(parts[i].begin(), parts[i].end(), '\n');
      lines_before[i + 1] = lines_before[i] + static_cast<std::size_t>(lines);
    }
  }
  std::vector<std::optional<toml::table>> trees(count);
  {
    std::vector<std::jthread> threads;
    threads.reserve(count - 1);
    for (std::size_t i = 1; i < count; ++i) {
      auto parse = [&, i] { trees[i] = parse_part(parts[i], lines_before[i], path); };
      try {
        threads.emplace_back(parse);
      } catch (const std::system_error&) {
        parse();  // no thread to be had: here, after the others
      }
    }
    trees[0] = parse_part(parts[0], 0, path);
  }
  for (const auto& tree : trees) {
    if (!tree) return std::nullopt;
  }
  for (std::size_t i = 1; i < count; ++i) {
    if (!join(*trees[0], *trees[i])) return std::nullopt;
    trees[i].reset();
  }
  return std::move(trees[0]);
}

bool same_place(const toml::source_region& a, const toml::source_region& b) {
  // Paths are shared pointers, one per parse: their text is what counts. Only where a node
  // begins is compared: the root and a joined array end where their first part did, and
  // nagare reads no node's end.
  const bool same_path = a.path && b.path ? *a.path == *b.path : a.path == b.path;
  return a.begin == b.begin && same_path;
}

}  // namespace

bool same_tree(const toml::node& a, const toml::node& b) {
  if (a.type() != b.type() || !same_place(a.source(), b.source())) return false;
  if (const toml::table* x = a.as_table()) {
    const toml::table& y = *b.as_table();
    if (x->is_inline() != y.is_inline() || x->size() != y.size()) return false;
    for (auto i = x->begin(), j = y.begin(); i != x->end(); ++i, ++j) {
      if (i->first != j->first || !same_place(i->first.source(), j->first.source()) ||
          !same_tree(i->second, j->second)) {
        return false;
      }
    }
    return true;
  }
  if (const toml::array* x = a.as_array()) {
    const toml::array& y = *b.as_array();
    if (x->size() != y.size()) return false;
    for (std::size_t i = 0; i < x->size(); ++i) {
      if (!same_tree((*x)[i], y[i])) return false;
    }
    return true;
  }
  if (const auto* x = a.as_floating_point()) {
    const double p = x->get();
    const double q = b.as_floating_point()->get();
    return (p == q && std::signbit(p) == std::signbit(q)) || (std::isnan(p) && std::isnan(q));
  }
  return a.visit([&b](const auto& x) {
    using Value = std::remove_cvref_t<decltype(x)>;
    if constexpr (toml::is_value<Value>) {
      const auto* y = b.as<typename Value::value_type>();
      return x.get() == y->get() && x.flags() == y->flags();
    } else {
      return false;
    }
  });
}

std::size_t parts_for(std::size_t bytes, std::size_t cores) {
  return std::max<std::size_t>(1, std::min(cores, bytes / kMinPartBytes));
}

std::vector<std::size_t> part_starts(std::string_view text, std::size_t parts) {
  std::vector<std::size_t> starts{0};
  for (std::size_t k = 1; k < parts; ++k) {
    const std::size_t target = text.size() / parts * k;
    const std::size_t cut = next_cut(text, std::max(target, starts.back() + 1) - 1);
    if (cut == std::string_view::npos) break;
    starts.push_back(cut);
  }
  return starts;
}

std::optional<toml::table> parse_toml_in_parts(std::string_view text, const std::string& path,
                                               Diagnostics& diagnostics, std::size_t parts) {
  if (parts > 1) {
    const std::vector<std::size_t> starts = part_starts(text, parts);
    if (starts.size() > 1) {
      if (auto tree = parse_parts(text, path, starts)) return tree;
    }
  }
  // One document: the only way, and the way every diagnostic is made.
  return parse_toml(text, path, diagnostics);
}

}  // namespace nagare::load
