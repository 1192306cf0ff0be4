#include <gtest/gtest.h>

#include "nagare/reach.h"
#include "test_support.h"

namespace nagare {
namespace {

TEST(Reach, ItemsPassOnThroughFlowsThatNameNone) {
  Model model = test::model_from(test::kChainModel);
  ItemReach reach(model);
  EXPECT_TRUE(reach.reaching(0).empty()) << "the source keeps what it never received";
  EXPECT_EQ(reach.reaching(1), std::vector<std::size_t>{0});
  EXPECT_EQ(reach.reaching(2), std::vector<std::size_t>{0});
  EXPECT_EQ(reach.reaching(3), std::vector<std::size_t>{0}) << "through a two-way flow";
  EXPECT_EQ(reach.reaching(4), std::vector<std::size_t>{1});
  EXPECT_EQ(reach.reaching(5), std::vector<std::size_t>{0}) << "the USB stick holds it";
  EXPECT_EQ(reach.carried_by(1), std::vector<std::size_t>{0});
  EXPECT_EQ(reach.carried_by(2), std::vector<std::size_t>{0});
  EXPECT_EQ(reach.first_flow_bringing(0, 3), 2u);
  EXPECT_EQ(reach.first_flow_bringing(1, 3), npos);
}

}  // namespace
}  // namespace nagare
