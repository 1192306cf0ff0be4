// The bundled models (the nine seeds and three papers of other bodies): each loads, and each
// declared measure matters the way the policy says: take one away and the finding naming it
// appears.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "test_support.h"

namespace nagare {
namespace {

std::vector<std::string> bundled_models() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(NAGARE_TEST_MODELS_DIR)) {
    if (entry.path().extension() == ".toml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

Model load(const std::string& file) {
  auto result = load_model_file(file, test::catalogue());
  for (const auto& d : result.diagnostics) ADD_FAILURE() << format_diagnostic(d);
  if (!result.value) throw std::runtime_error("bundled model does not load: " + file);
  return std::move(*result.value);
}

std::set<std::string> error_ids(const Model& model) {
  std::set<std::string> ids;
  for (const Finding& f : check_model(model, test::catalogue(), test::default_policy())) {
    if (f.severity != Severity::info) ids.insert(f.id);
  }
  return ids;
}

TEST(BundledModels, EachNamesItsSource) {
  auto files = bundled_models();
  int seeds = 0;
  for (const std::string& file : files) {
    Model model = load(file);
    EXPECT_FALSE(model.paper.title.empty()) << file;
    EXPECT_FALSE(model.flows.empty()) << file;
    // A seed paper, or a published one named by its address.
    const bool seed = model.paper.source.find("seed") != std::string::npos;
    seeds += seed;
    if (!seed) {
      EXPECT_THAT(model.paper.source, ::testing::HasSubstr("https://")) << file;
    }
  }
  EXPECT_EQ(seeds, 9);
  EXPECT_GE(files.size(), 12u);
}

/// Removes one measure mark at a time; every finding that appears must name that measure
/// (or be a built-in check about it), and findings may only ever be added.
TEST(BundledModels, RemovingADeclaredMeasureRaisesTheFindingThatNamesIt) {
  int removals_that_matter = 0;
  for (const std::string& file : bundled_models()) {
    const Model model = load(file);
    const auto baseline = error_ids(model);
    auto try_without = [&](auto& marks_of, std::size_t count) {
      for (std::size_t entity = 0; entity < count; ++entity) {
        const auto& marks = marks_of(const_cast<Model&>(model), entity);
        for (std::size_t m = 0; m < marks.size(); ++m) {
          if (marks[m].not_applicable) continue;
          Model changed = model;
          auto& changed_marks = marks_of(changed, entity);
          const std::string removed = changed_marks[m].measure_id;
          changed_marks.erase(changed_marks.begin() + static_cast<std::ptrdiff_t>(m));
          const auto after = check_model(changed, test::catalogue(), test::default_policy());
          for (const Finding& f : after) {
            if (f.severity == Severity::info || baseline.count(f.id)) continue;
            ++removals_that_matter;
            // A custom measure stands for the catalogue measures it satisfies; a measure that
            // lowered a rule's severity raises it again when removed.
            std::vector<std::string> stands_for{removed};
            for (const CustomMeasure& custom : model.custom_measures) {
              if (custom.id != removed) continue;
              for (std::size_t satisfied : custom.satisfies) {
                stands_for.push_back(test::catalogue().at(satisfied).id);
              }
            }
            for (const Rule& rule : test::default_policy().rules) {
              if (rule.id != f.rule) continue;
              for (const Lowering& lowering : rule.lower) {
                for (const auto* ids : {&lowering.all_ids, &lowering.any_ids}) {
                  if (std::find(ids->begin(), ids->end(), removed) != ids->end()) {
                    stands_for.push_back(f.missing.empty() ? removed : f.missing.front());
                  }
                }
              }
            }
            const bool names_it =
                std::any_of(stands_for.begin(), stands_for.end(), [&](const std::string& id) {
                  return std::find(f.missing.begin(), f.missing.end(), id) != f.missing.end();
                });
            EXPECT_TRUE(names_it || f.id.find(removed) != std::string::npos)
                << file << ": removing " << removed << " raised unrelated " << f.id;
          }
        }
      }
    };
    auto flow_marks = [](Model& m, std::size_t i) -> std::vector<MeasureMark>& {
      return m.flows[i].measures;
    };
    auto node_marks = [](Model& m, std::size_t i) -> std::vector<MeasureMark>& {
      return m.nodes[i].measures;
    };
    auto org_marks = [](Model& m, std::size_t i) -> std::vector<MeasureMark>& {
      return m.orgs[i].measures;
    };
    try_without(flow_marks, model.flows.size());
    try_without(node_marks, model.nodes.size());
    try_without(org_marks, model.orgs.size());
  }
  EXPECT_GT(removals_that_matter, 20) << "the seed models' measures should matter to the policy";
}

/// Seed 000: the ward fetches from Box over LGWAN, a closed government network, which is
/// itself the isolation and protection in transit: without Box's declared encryption the
/// fetch stays covered. Were the same line the internet, encryption would be missing.
TEST(BundledModels, DvHotlineLgwanFetchIsCoveredByTheClosedNetwork) {
  const std::string file = std::string(NAGARE_TEST_MODELS_DIR) + "/shinjuku-dv-hotline.toml";
  auto text = read_input_file(file);
  ASSERT_TRUE(text.value);
  std::string edited = *text.value;
  const std::string box_lines[] = {
      "  { id = \"encrypt-transit\", by = \"ward\", procedure = \"external-link\" },\n",
      "  { id = \"encrypt-transit\", by = \"other\", procedure = \"external-link\" },\n"};
  for (const std::string& line : box_lines) {
    const auto at = edited.find(line);
    ASSERT_NE(at, std::string::npos) << line;
    edited.replace(at, line.size(), "\n");  // keep line numbers
  }
  const auto before = error_ids(load(file));
  auto changed = load_model_text(edited, file, test::catalogue());
  ASSERT_TRUE(changed.value);
  auto after = error_ids(*changed.value);
  for (const std::string& id : before) after.erase(id);
  EXPECT_THAT(after, ::testing::IsEmpty());

  const std::string lgwan = "network = \"lgwan\"";
  const auto at = edited.find(lgwan);
  ASSERT_NE(at, std::string::npos);
  edited.replace(at, lgwan.size(), "network = \"internet\"");
  auto internet = load_model_text(edited, file, test::catalogue());
  ASSERT_TRUE(internet.value);
  EXPECT_THAT(error_ids(*internet.value), ::testing::Contains("encrypt-transit@flow.fetch"));
}

}  // namespace
}  // namespace nagare
