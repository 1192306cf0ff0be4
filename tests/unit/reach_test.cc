#include <gtest/gtest.h>

#include "nagare/reach.h"
#include "test_support.h"

namespace nagare {
namespace {

// a -(items)-> b -(no items)-> c <-(both, no items)-> d ; e unreached
constexpr std::string_view kChain = R"(
[paper]
title = "t"
[[items]]
id = "rec"
name = "記録"
class = "personal"
[[items]]
id = "code"
name = "番号"
class = "pseudonymous"
[[nodes]]
id = "a"
name = "a"
kind = "terminal"
[[nodes]]
id = "b"
name = "b"
kind = "terminal"
stores = false
[[nodes]]
id = "c"
name = "c"
kind = "system"
[[nodes]]
id = "d"
name = "d"
kind = "system"
[[nodes]]
id = "e"
name = "e"
kind = "system"
[[nodes]]
id = "usb"
name = "USB"
kind = "medium"
medium = "usb"
[[flows]]
id = "ab"
from = "a"
to = "b"
items = ["rec"]
via = ["usb"]
[[flows]]
id = "bc"
from = "b"
to = "c"
[[flows]]
id = "cd"
from = "c"
to = "d"
direction = "both"
[[flows]]
id = "ae"
from = "a"
to = "e"
items = ["code"]
)";

TEST(Reach, ItemsPassOnThroughFlowsThatNameNone) {
  Model model = test::model_from(kChain);
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
