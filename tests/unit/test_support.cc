#include "test_support.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace nagare::test {

const MeasureCatalogue& catalogue() {
  static const MeasureCatalogue loaded = [] {
    auto result = load_catalogue_file(std::string(NAGARE_TEST_DATA_DIR) + "/catalogue.toml");
    if (!result.value) throw std::runtime_error("catalogue.toml does not load");
    return std::move(*result.value);
  }();
  return loaded;
}

const Policy& default_policy() {
  static const Policy loaded = [] {
    auto result = load_policy_file(std::string(NAGARE_TEST_DATA_DIR) + "/policy.toml", catalogue());
    if (!result.value) {
      for (const auto& d : result.diagnostics) ADD_FAILURE() << format_diagnostic(d);
      throw std::runtime_error("policy.toml does not load");
    }
    return std::move(*result.value);
  }();
  return loaded;
}

Model model_from(std::string_view text) {
  auto result = load_model_text(text, "m.toml", catalogue());
  for (const auto& d : result.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  if (!result.value) throw std::runtime_error("model does not load");
  return std::move(*result.value);
}

Model bundled_model(const std::string& file_name) {
  auto loaded = load_model_file(std::string(NAGARE_TEST_MODELS_DIR) + "/" + file_name, catalogue());
  for (const auto& d : loaded.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  if (!loaded.value) throw std::runtime_error(file_name + " does not load");
  return std::move(*loaded.value);
}

std::size_t node_index(const Model& model, std::string_view id) {
  for (std::size_t n = 0; n < model.nodes.size(); ++n) {
    if (model.nodes[n].id == id) return n;
  }
  ADD_FAILURE() << "no node " << id;
  return npos;
}

std::vector<std::string> errors_from(std::string_view text) {
  auto result = load_model_text(text, "m.toml", catalogue());
  EXPECT_FALSE(result.value.has_value());
  std::vector<std::string> lines;
  for (const auto& d : result.diagnostics) lines.push_back(format_diagnostic(d));
  return lines;
}

std::vector<std::string> finding_ids(const Model& model) {
  std::vector<std::string> ids;
  for (const Finding& f : check_model(model, catalogue(), default_policy())) ids.push_back(f.id);
  return ids;
}

const Finding* find(const std::vector<Finding>& findings, std::string_view id) {
  for (const Finding& f : findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

}  // namespace nagare::test
