#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "nagare/reach.h"
#include "test_support.h"

namespace nagare {
namespace {

using ::testing::ElementsAre;

TEST(Reach, ItemsPassOnThroughFlowsThatNameNone) {
  Model model = test::model_from(test::kChainModel);
  ItemReach reach(model);
  EXPECT_TRUE(reach.reaching(0).empty()) << "the source keeps what it never received";
  EXPECT_THAT(reach.reaching(1), ElementsAre(0u));
  EXPECT_THAT(reach.reaching(2), ElementsAre(0u));
  EXPECT_THAT(reach.reaching(3), ElementsAre(0u)) << "through a two-way flow";
  EXPECT_THAT(reach.reaching(4), ElementsAre(1u));
  EXPECT_THAT(reach.reaching(5), ElementsAre(0u)) << "the USB stick holds it";
  EXPECT_THAT(reach.carried_by(1), ElementsAre(0u));
  EXPECT_THAT(reach.carried_by(2), ElementsAre(0u));
  EXPECT_EQ(reach.first_flow_bringing(0, 3), 2u);
  EXPECT_EQ(reach.first_flow_bringing(1, 3), npos);
}

}  // namespace
}  // namespace nagare
