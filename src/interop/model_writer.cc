#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "draft.h"

namespace nagare::interop {
namespace {

std::string toml_string(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string list(const std::vector<std::string>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ", ";
    out += toml_string(values[i]);
  }
  return out + "]";
}

void key(std::string& out, std::string_view name, const std::string& value) {
  if (!value.empty()) out += std::string(name) + " = " + toml_string(value) + "\n";
}

void key_list(std::string& out, std::string_view name, const std::vector<std::string>& values) {
  if (!values.empty()) out += std::string(name) + " = " + list(values) + "\n";
}

void measures(std::string& out, const std::vector<DraftMeasure>& marks) {
  if (marks.empty()) return;
  out += "measures = [\n";
  for (const DraftMeasure& mark : marks) {
    if (mark.na.empty() && mark.by.empty() && mark.procedure.empty() && mark.scope.empty()) {
      out += "  " + toml_string(mark.id) + ",\n";
      continue;
    }
    out += "  { id = " + toml_string(mark.id);
    if (!mark.na.empty()) out += ", na = " + toml_string(mark.na);
    if (!mark.by.empty()) out += ", by = " + toml_string(mark.by);
    if (!mark.procedure.empty()) out += ", procedure = " + toml_string(mark.procedure);
    if (!mark.scope.empty()) out += ", scope = " + toml_string(mark.scope);
    out += " },\n";
  }
  out += "]\n";
}

/// A note as comment lines (a note never breaks out of its comment).
void comment(std::string& out, std::string_view text) {
  std::string line = "# ";
  for (char c : text) {
    if (c == '\n' || c == '\r') {
      out += line + "\n";
      line = "#   ";
    } else {
      line += c;
    }
  }
  out += line + "\n";
}

const TableComments* table_comments(const ModelComments& comments, const std::string& table,
                                    std::size_t index) {
  auto it = comments.tables.find(table);
  if (it == comments.tables.end() || index >= it->second.size()) return nullptr;
  return &it->second[index];
}

/// The key a "[key] text" comment names, or empty.
std::string comment_key(std::string_view line, std::string& text) {
  if (line.size() < 3 || line.front() != '[') return {};
  const std::size_t close = line.find(']');
  if (close == std::string_view::npos || close < 2) return {};
  const std::string key(line.substr(1, close - 1));
  for (char c : key) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return {};
  }
  std::string_view rest = line.substr(close + 1);
  if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  text = std::string(rest);
  return key;
}

/// `text` (as write_model writes it, before comments) with `comments` above the tables, keys
/// and measure entries they belong to. A comment naming a key the table does not write stays
/// above the table, its "[key]" with it, so that nothing is lost.
std::string with_comments(const std::string& text, const ModelComments& comments) {
  std::vector<std::string> lines;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  std::string out;
  std::map<std::string, std::size_t> counts;
  const TableComments* current = nullptr;
  bool in_marks = false;
  std::size_t mark = 0;
  auto write = [&out](const std::vector<std::string>& block, std::string_view indent = "") {
    for (const std::string& line : block) out += std::string(indent) + comment_line(line) + "\n";
  };
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (!line.empty() && line.front() == '[') {
      const bool array = line.rfind("[[", 0) == 0;
      const std::string name =
          array ? line.substr(2, line.size() - 4) : line.substr(1, line.size() - 2);
      current = table_comments(comments, name, counts[name]++);
      in_marks = false;
      if (current != nullptr) {
        // The keys this table writes, to tell which "[key]" comments go above a key.
        std::set<std::string> keys;
        for (std::size_t j = i + 1; j < lines.size() && !lines[j].empty() && lines[j][0] != '[';
             ++j) {
          const std::size_t equals = lines[j].find(" = ");
          if (equals != std::string::npos) keys.insert(lines[j].substr(0, equals));
        }
        std::vector<std::string> above;
        for (const std::string& comment : current->lines) {
          std::string rest;
          const std::string key = comment_key(comment, rest);
          if (key.empty() || keys.count(key) == 0) above.push_back(comment);
        }
        write(above);
      }
    } else if (in_marks && line == "]") {
      in_marks = false;
    } else if (in_marks) {
      if (current != nullptr && mark < current->measures.size()) {
        write(current->measures[mark], "  ");
      }
      ++mark;
    } else if (const std::size_t equals = line.find(" = ");
               equals != std::string::npos && current != nullptr) {
      const std::string key = line.substr(0, equals);
      std::vector<std::string> above;
      for (const std::string& comment : current->lines) {
        std::string rest;
        if (comment_key(comment, rest) == key) above.push_back(rest);
      }
      write(above);
      if (key == "measures" && line.back() == '[') {
        in_marks = true;
        mark = 0;
      }
    }
    out += line + "\n";
  }
  return out;
}

}  // namespace

std::string IdPool::claim(std::string wanted, std::string_view fallback) {
  if (wanted.empty()) wanted = std::string(fallback);
  std::string id = wanted;
  for (int n = 2; used_.count(id) != 0; ++n) id = wanted + "-" + std::to_string(n);
  used_.insert(id);
  return id;
}

std::string slug(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c)) {
      out += static_cast<char>(std::tolower(c));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 40) out.resize(40);
  return out;
}

std::string text_of(const nlohmann::json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  if (value.is_number()) return value.dump();
  return {};
}

std::string text_at(const nlohmann::json& object, std::string_view name) {
  if (!object.is_object()) return {};
  auto it = object.find(std::string(name));
  return it == object.end() ? std::string() : text_of(*it);
}

std::vector<DraftMeasure> measures_from(const nlohmann::json& attributes) {
  std::vector<DraftMeasure> marks;
  if (!attributes.is_object()) return marks;
  auto it = attributes.find("nagare-measures");
  if (it == attributes.end() || !it->is_array()) return marks;
  for (const auto& element : *it) {
    DraftMeasure mark;
    if (element.is_string()) {
      mark.id = element.get<std::string>();
    } else if (element.is_object()) {
      mark.id = text_at(element, "id");
      mark.na = text_at(element, "na");
      mark.by = text_at(element, "by");
      mark.procedure = text_at(element, "procedure");
      mark.scope = text_at(element, "scope");
    }
    if (!mark.id.empty()) marks.push_back(std::move(mark));
  }
  return marks;
}

bool encrypted_protocol(std::string_view protocol) {
  std::string lower;
  for (unsigned char c : protocol) lower += static_cast<char>(std::tolower(c));
  for (std::string_view word :
       {"https", "tls", "ssl", "sftp", "ssh", "ftps", "wss", "ipsec", "vpn", "smtps", "imaps"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string write_model(const Draft& draft, bool english) {
  std::string out;
  if (!draft.source_note.empty()) comment(out, draft.source_note);
  if (!draft.unmapped.empty()) {
    comment(out,
            tr(english, "対応づけられなかったもの（確認して、必要ならモデルに書き足してください）:",
               "Not mapped (review, and add to the model where needed):"));
    for (const std::string& note : draft.unmapped) comment(out, "- " + note);
  }
  for (const std::string& line : draft.comments.file) out += comment_line(line) + "\n";
  out += "\n[paper]\n";
  for (const auto& [name, value] : draft.paper) key(out, name, value);
  key_list(out, "procedures", draft.procedures);
  for (const DraftCustomMeasure& measure : draft.custom_measures) {
    out += "\n[[custom_measures]]\n";
    key(out, "id", measure.id);
    key(out, "name", measure.name);
    key(out, "category", measure.category);
    key_list(out, "satisfies", measure.satisfies);
  }
  for (const DraftItem& item : draft.items) {
    out += "\n[[items]]\n";
    key(out, "id", item.id);
    key(out, "name", item.name);
    key(out, "class", item.item_class);
    key_list(out, "fields", item.fields);
    if (!item.declared) out += "declared = false\n";
  }
  for (const DraftOrg& org : draft.orgs) {
    out += "\n[[orgs]]\n";
    key(out, "id", org.id);
    key(out, "name", org.name);
    key(out, "role", org.role);
    key(out, "parent", org.parent);
    key(out, "operator", org.operator_name);
    if (!org.certifications.empty()) {
      out += "certifications = [";
      for (std::size_t i = 0; i < org.certifications.size(); ++i) {
        if (i > 0) out += ", ";
        out += "{ kind = " + toml_string(org.certifications[i].kind);
        if (org.certifications[i].since) {
          out += ", since = " + std::to_string(*org.certifications[i].since);
        }
        out += " }";
      }
      out += "]\n";
    }
    key(out, "region", org.region);
    key_list(out, "must_not_receive", org.must_not_receive);
    measures(out, org.measures);
  }
  for (const DraftNode& node : draft.nodes) {
    out += "\n[[nodes]]\n";
    key(out, "id", node.id);
    key(out, "name", node.name);
    key(out, "kind", node.kind);
    key(out, "org", node.org);
    key(out, "network", node.network);
    key(out, "medium", node.medium);
    if (node.stores) out += std::string("stores = ") + (*node.stores ? "true" : "false") + "\n";
    key(out, "note", node.note);
    measures(out, node.measures);
  }
  for (const DraftFlow& flow : draft.flows) {
    out += "\n[[flows]]\n";
    key(out, "id", flow.id);
    if (flow.step) out += "step = " + std::to_string(*flow.step) + "\n";
    key(out, "from", flow.from);
    key(out, "to", flow.to);
    key_list(out, "via", flow.via);
    key_list(out, "items", flow.items);
    key(out, "direction", flow.direction);
    key(out, "means", flow.means);
    key(out, "label", flow.label);
    measures(out, flow.measures);
  }
  for (const DraftAcceptance& acceptance : draft.acceptances) {
    out += "\n[[accept]]\n";
    key(out, "finding", acceptance.finding);
    key(out, "justification", acceptance.justification);
    key(out, "by", acceptance.by);
    key(out, "date", acceptance.date);
  }
  return draft.comments.tables.empty() ? out : with_comments(out, draft.comments);
}

}  // namespace nagare::interop
