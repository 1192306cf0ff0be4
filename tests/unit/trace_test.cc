#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "nagare/audit_output.h"
#include "nagare/load.h"
#include "nagare/reach.h"
#include "nagare/trace.h"
#include "test_support.h"

namespace nagare {
namespace {

std::vector<std::string> flow_ids(const Model& model, const std::vector<ReachStep>& path) {
  std::vector<std::string> ids;
  for (const ReachStep& step : path) ids.push_back(model.flows[step.flow].id);
  return ids;
}

TEST(ReachPaths, RebuildTheStepsFromTheOrigin) {
  Model model = test::model_from(test::kChainModel);
  ItemReach reach(model);
  EXPECT_EQ(reach.origins(0), std::vector<std::size_t>{0});
  EXPECT_EQ(flow_ids(model, reach.path_to(0, 3)), (std::vector<std::string>{"ab", "bc", "cd"}));
  EXPECT_EQ(flow_ids(model, reach.path_to(0, 5)), std::vector<std::string>{"ab"}) << "the USB";
  EXPECT_EQ(reach.path_to(0, 5).front().from, 0u);
  EXPECT_TRUE(reach.path_to(1, 3).empty());
  EXPECT_TRUE(reach.path_to(0, 0).empty()) << "the origin itself is not reached";
  EXPECT_EQ(reach.first_flow_bringing(0, 3), 2u) << "the last step of the path";
}

TEST(ReachPaths, AnItemThatOnlyCirculatesStartsAtTheFirstFlowNamingIt) {
  Model model = test::model_from(R"(
[paper]
title = "t"
[[items]]
id = "form"
name = "様式"
class = "personal"
[[nodes]]
id = "payer"
name = "payer"
kind = "person"
[[nodes]]
id = "clerk"
name = "clerk"
kind = "person"
[[flows]]
id = "hand"
from = "payer"
to = "clerk"
items = ["form"]
[[flows]]
id = "back"
from = "clerk"
to = "payer"
items = ["form"]
)");
  ItemReach reach(model);
  EXPECT_EQ(reach.origins(0), std::vector<std::size_t>{0});
  EXPECT_EQ(flow_ids(model, reach.path_to(0, 1)), std::vector<std::string>{"hand"});
  EXPECT_EQ(flow_ids(model, reach.path_to(0, 0)), (std::vector<std::string>{"hand", "back"}));
}

TEST(Trace, SelectsBySetOrField) {
  Model model = test::model_from(test::kChainModel);
  EXPECT_EQ(select_items(model, "rec"), std::vector<std::size_t>{0});
  EXPECT_EQ(select_items(model, "番号"), std::vector<std::size_t>{1}) << "a set's name first";
  EXPECT_EQ(select_items(model, "住所"), std::vector<std::size_t>{0});
  EXPECT_TRUE(select_items(model, "電話番号").empty());
}

TEST(Trace, ConvenienceStorePaymentAgentSeesBarcodeDataOnly) {
  Model model = test::bundled_model("edogawa-convenience-payment.toml");
  ItemReach reach(model);
  TraceQuery query;
  query.org = find_org(model, "agent");
  ASSERT_NE(query.org, npos);
  EXPECT_EQ(find_org(model, "収納代行事業者"), query.org);
  const auto traces = trace_items(model, reach, query);
  std::vector<std::string> obtained;
  for (const ItemTrace& trace : traces) {
    const ItemSet& set = model.items[trace.item];
    if (trace.arrivals.empty()) continue;
    obtained.push_back(set.id);
    EXPECT_EQ(set.item_class, ItemClass::pseudonymous) << set.id;
    for (const std::string& field : set.fields) {
      EXPECT_NE(field, "氏名");
      EXPECT_NE(field, "住所");
    }
  }
  EXPECT_EQ(obtained, std::vector<std::string>{"payment-data"});

  // Every set holding a name or an address stays away from the agent.
  for (std::string_view field : {"氏名", "住所"}) {
    TraceQuery by_field = query;
    by_field.items = select_items(model, field);
    ASSERT_FALSE(by_field.items.empty()) << field;
    for (const ItemTrace& trace : trace_items(model, reach, by_field)) {
      EXPECT_TRUE(trace.arrivals.empty()) << model.items[trace.item].id;
    }
  }

  const ItemTrace& payment = traces[select_items(model, "payment-data").front()];
  const std::size_t agent_system = test::node_index(model, "agent-system");
  auto it = std::find_if(payment.arrivals.begin(), payment.arrivals.end(),
                         [&](const Arrival& a) { return a.node == agent_system; });
  ASSERT_NE(it, payment.arrivals.end());
  ASSERT_NE(it->entry_step, npos);
  const std::string entry = model.flows[it->entry_flow].id;
  EXPECT_EQ(entry, model.flows[it->path[it->entry_step].flow].id) << "a short path is whole";
  EXPECT_TRUE(entry == "hq-to-agent" || entry == "app-to-agent") << entry;
}

TEST(Trace, ChildConsultationRecordReachesCloudAndWardSystemNotKeptOnTablet) {
  Model model = test::bundled_model("shinjuku-child-consultation-tablet.toml");
  ItemReach reach(model);
  TraceQuery query;
  query.items = select_items(model, "subject-info");
  const auto traces = trace_items(model, reach, query);
  ASSERT_EQ(traces.size(), 1u);
  const ItemTrace& trace = traces.front();
  EXPECT_EQ(trace.origins, std::vector<std::size_t>{test::node_index(model, "subject")});
  auto arrival_at = [&](std::string_view id) -> const Arrival* {
    const std::size_t node = test::node_index(model, id);
    for (const Arrival& a : trace.arrivals) {
      if (a.node == node) return &a;
    }
    return nullptr;
  };
  const Arrival* cloud = arrival_at("support-system");
  ASSERT_NE(cloud, nullptr);
  EXPECT_EQ(flow_ids(model, cloud->path), (std::vector<std::string>{"interview", "record"}));
  const Arrival* ward_system = arrival_at("consultation-system");
  ASSERT_NE(ward_system, nullptr);
  EXPECT_EQ(model.nodes[ward_system->node].name, "子ども家庭相談管理システム");
  EXPECT_EQ(
      flow_ids(model, ward_system->path),
      (std::vector<std::string>{"interview", "to-dedicated-terminal", "usb-transfer", "register"}));
  const Arrival* tablet = arrival_at("tablet");
  ASSERT_NE(tablet, nullptr) << "the record passes through the tablet";
  EXPECT_FALSE(model.nodes[tablet->node].stores) << "but the tablet keeps none of it";
  const std::size_t cloud_org = find_org(model, "google-cloud");
  EXPECT_TRUE(std::binary_search(trace.orgs.begin(), trace.orgs.end(), cloud_org));
}

/// A chain of `flows` flows from n0, one item set, the second half of the nodes in "far".
std::string chain_model(int flows) {
  std::string text =
      "[paper]\ntitle = \"t\"\n[[items]]\nid = \"form\"\nname = \"f\"\nclass = "
      "\"personal\"\n[[orgs]]\nid = \"ward\"\nname = \"w\"\nrole = \"ward\"\n[[orgs]]\n"
      "id = \"far\"\nname = \"far\"\nrole = \"contractor\"\n";
  for (int i = 0; i <= flows; ++i) {
    text += "[[nodes]]\nid = \"n" + std::to_string(i) + "\"\nname = \"n" + std::to_string(i) +
            "\"\nkind = \"terminal\"\norg = \"" + (i > flows / 2 ? "far" : "ward") + "\"\n";
  }
  for (int i = 1; i <= flows; ++i) {
    text += "[[flows]]\nid = \"f" + std::to_string(i) + "\"\nfrom = \"n" + std::to_string(i - 1) +
            "\"\nto = \"n" + std::to_string(i) + "\"\n" + (i == 1 ? "items = [\"form\"]\n" : "");
  }
  return text;
}

TEST(Trace, LongChainListsTheNearestNodesWithTheLastStepsOfTheirPaths) {
  // Whole paths of every node of a chain are quadratic: 10,000 flows gave 1.8 GB of text.
  const int flows = 3000;
  Model model = test::model_from(chain_model(flows));
  ItemReach reach(model);
  const auto traces = trace_items(model, reach, TraceQuery{});
  ASSERT_EQ(traces.size(), 1u);
  const ItemTrace& trace = traces.front();
  ASSERT_EQ(trace.arrivals.size(), kArrivalsListed);
  EXPECT_EQ(trace.arrivals_left_out, static_cast<std::size_t>(flows) - kArrivalsListed);
  for (std::size_t k = 0; k < trace.arrivals.size(); ++k) {
    const Arrival& arrival = trace.arrivals[k];
    EXPECT_EQ(arrival.hops, k + 1) << "nearest first";
    EXPECT_EQ(arrival.path.size(), std::min(arrival.hops, kPathStepsShown));
    EXPECT_EQ(arrival.path.back().to, arrival.node);
    EXPECT_EQ(model.flows[arrival.path.front().flow].id,
              "f" + std::to_string(arrival.hops - arrival.path.size() + 1));
  }
  const std::string text = format_trace_text(model, traces, Language::en);
  EXPECT_LT(text.size(), 400'000u);
  EXPECT_NE(text.find("(984 earlier steps left out) … n984 -f985-> n985"), std::string::npos);
  EXPECT_NE(text.find("… and 2000 more nodes, left out (at most 1000 are listed)"),
            std::string::npos);
  EXPECT_LT(format_trace_json(model, traces).size(), 3'000'000u);
}

TEST(Trace, EntryIntoAnOrganizationIsKnownBeyondTheStepsShown) {
  const int flows = 3000;
  Model model = test::model_from(chain_model(flows));
  ItemReach reach(model);
  TraceQuery query;
  query.org = find_org(model, "far");
  const auto traces = trace_items(model, reach, query);
  ASSERT_EQ(traces.size(), 1u);
  ASSERT_EQ(traces.front().arrivals.size(), kArrivalsListed);
  const Arrival& last = traces.front().arrivals.back();
  EXPECT_EQ(last.hops, static_cast<std::size_t>(flows / 2) + kArrivalsListed);
  EXPECT_EQ(last.entry_step, static_cast<std::size_t>(flows / 2));
  EXPECT_EQ(model.flows[last.entry_flow].id, "f" + std::to_string(flows / 2 + 1));
  const std::string text = format_reach_text(model, query.org, traces, Language::en);
  EXPECT_NE(text.find("enters by flow f1501"), std::string::npos);
}

}  // namespace
}  // namespace nagare
