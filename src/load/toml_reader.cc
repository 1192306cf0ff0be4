#include "toml_reader.h"

#include <algorithm>

#include "toml_guard.h"

namespace nagare::load {

SourceLocation Reporter::at(const toml::source_region& region) const {
  return SourceLocation{file_, region.begin.line, region.begin.column};
}

void Reporter::error(const SourceLocation& where, std::string message, std::string message_en) {
  diagnostics_.push_back(Diagnostic{where, std::move(message), std::move(message_en)});
}

namespace {

// Table names in brackets read the same in both languages; the top-level ones do not.
std::string english_context(const std::string& context) {
  if (context == "モデル") return "the model";
  if (context == "ポリシー") return "the policy";
  if (context == "対策カタログ") return "the measure catalogue";
  return context;
}

}  // namespace

TableReader::TableReader(const toml::table& table, std::string context, Reporter& reporter,
                         std::string context_en)
    : table_(table),
      context_(std::move(context)),
      context_en_(context_en.empty() ? english_context(context_) : std::move(context_en)),
      reporter_(reporter) {}

TableReader::~TableReader() {
  for (const auto& [key, value] : table_) {
    if (!read_.contains(key.str())) {
      reporter_.error(reporter_.at(key.source().begin.line ? key.source() : value.source()),
                      context_ + " に不明なキー \"" + std::string(key.str()) + "\" があります",
                      context_en_ + ": unknown key \"" + std::string(key.str()) + "\"");
    }
  }
}

const toml::node* TableReader::node(std::string_view key) {
  if (KeysRead* keys = reporter_.keys_read()) (*keys)[context_].emplace(key);
  const auto found = table_.find(key);
  if (found == table_.end()) return nullptr;
  read_.add(found->first.str());
  return &found->second;
}

void TableReader::wrong_type(std::string_view key, std::string_view expected,
                             std::string_view expected_en) {
  reporter_.error(
      *table_.get(key),
      context_ + " の " + std::string(key) + " は" + std::string(expected) + "で書いてください",
      context_en_ + ": " + std::string(key) + " must be " + std::string(expected_en));
}

std::optional<std::string> TableReader::string(std::string_view key, bool required) {
  const toml::node* value = node(key);
  if (value == nullptr) {
    if (required) {
      reporter_.error(where(), context_ + " に " + std::string(key) + " がありません",
                      context_en_ + ": " + std::string(key) + " is missing");
    }
    return std::nullopt;
  }
  if (const auto* text = value->as_string()) return text->get();
  wrong_type(key, "文字列", "a string");
  return std::nullopt;
}

std::optional<std::string_view> TableReader::text(std::string_view key, bool required) {
  const toml::node* value = node(key);
  if (value == nullptr) {
    if (required) {
      reporter_.error(where(), context_ + " に " + std::string(key) + " がありません",
                      context_en_ + ": " + std::string(key) + " is missing");
    }
    return std::nullopt;
  }
  if (const auto* text = value->as_string()) return std::string_view(text->get());
  wrong_type(key, "文字列", "a string");
  return std::nullopt;
}

std::size_t TableReader::count(std::string_view key) const {
  const toml::node* value = table_.get(key);
  const auto* array = value == nullptr ? nullptr : value->as_array();
  return array == nullptr ? 0 : array->size();
}

std::optional<std::int64_t> TableReader::integer(std::string_view key) {
  const toml::node* value = node(key);
  if (value == nullptr) return std::nullopt;
  if (const auto* number = value->as_integer()) return number->get();
  wrong_type(key, "整数", "an integer");
  return std::nullopt;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  const toml::node* value = node(key);
  if (value == nullptr) return std::nullopt;
  if (const auto* flag = value->as_boolean()) return flag->get();
  wrong_type(key, "true か false", "true or false");
  return std::nullopt;
}

std::optional<std::string> TableReader::text_or_number(std::string_view key) {
  const toml::node* value = node(key);
  if (value == nullptr) return std::nullopt;
  if (const auto* text = value->as_string()) return text->get();
  if (const auto* number = value->as_integer()) return std::to_string(number->get());
  wrong_type(key, "文字列か整数", "a string or an integer");
  return std::nullopt;
}

void TableReader::strings(
    std::string_view key,
    const std::function<void(const std::string&, const SourceLocation&)>& each) {
  const toml::node* value = node(key);
  if (value == nullptr) return;
  const auto* array = value->as_array();
  if (array == nullptr) {
    wrong_type(key, "文字列の配列 [\"…\", …] ", "an array of strings [\"…\", …]");
    return;
  }
  for (const toml::node& element : *array) {
    if (const auto* text = element.as_string()) {
      each(text->get(), reporter_.at(element));
    } else {
      reporter_.error(element,
                      context_ + " の " + std::string(key) + " の要素は文字列で書いてください",
                      context_en_ + ": each element of " + std::string(key) + " must be a string");
    }
  }
}

void TableReader::tables(std::string_view key, const std::function<void(TableReader&)>& each,
                         Afterwards afterwards) {
  const toml::node* value = node(key);
  if (value == nullptr) return;
  const auto* array = value->as_array();
  if (array == nullptr) {
    wrong_type(key, " [[" + std::string(key) + "]] の表の並び",
               "an array of tables [[" + std::string(key) + "]]");
    return;
  }
  const std::string context = "[[" + std::string(key) + "]]";
  for (const toml::node& element : *array) {
    if (const auto* table = element.as_table()) {
      {
        TableReader reader(*table, context, reporter_);
        each(reader);
      }
      // The tree is the loader's own (parse_toml returns it by value): emptying a table it
      // has read is its choice, though readers see the tree as const.
      if (afterwards == Afterwards::release) const_cast<toml::table*>(table)->clear();
    } else {
      reporter_.error(element, "[[" + std::string(key) + "]] の要素は表で書いてください",
                      "each element of [[" + std::string(key) + "]] must be a table");
    }
  }
}

void TableReader::table(std::string_view key, const std::function<void(TableReader&)>& each) {
  const toml::node* value = node(key);
  if (value == nullptr) return;
  const auto* table = value->as_table();
  if (table == nullptr) {
    wrong_type(key, " [" + std::string(key) + "] の表", "a table [" + std::string(key) + "]");
    return;
  }
  // Built by appending: "[" + std::string(…) makes GCC 12 warn (-Wrestrict) at -O3.
  std::string context = context_.empty() ? std::string("[") : context_ + ".";
  context += key;
  if (context_.empty()) context += ']';
  TableReader reader(*table, std::move(context), reporter_);
  each(reader);
}

std::optional<toml::table> parse_toml(std::string_view text, const std::string& path,
                                      Diagnostics& diagnostics) {
  if (auto unsafe = find_unsafe_input(text)) {
    diagnostics.push_back(Diagnostic{SourceLocation{path, unsafe->line, unsafe->column},
                                     "TOML の書き方に誤りがあります: " + unsafe->message,
                                     "TOML syntax error: " + unsafe->message_en});
    return std::nullopt;
  }
  try {
    return toml::parse(text, path);
  } catch (const toml::parse_error& error) {
    diagnostics.push_back(
        Diagnostic{SourceLocation{path, error.source().begin.line, error.source().begin.column},
                   "TOML の書き方に誤りがあります: " + std::string(error.description()),
                   "TOML syntax error: " + std::string(error.description())});
    return std::nullopt;
  }
}

void sort_by_position(Diagnostics& diagnostics) {
  std::stable_sort(
      diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
      });
}

}  // namespace nagare::load
