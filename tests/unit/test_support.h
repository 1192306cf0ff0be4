#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "nagare/check.h"
#include "nagare/load.h"

namespace nagare::test {

/// The small chain that reach and trace are tested on: two item sets ("rec" with fields
/// 氏名 and 住所, "code"), a node that stores nothing, a two-way flow and a USB medium.
/// a -(rec, via usb)-> b -(no items)-> c <-(both)-> d ; a -(code)-> e
inline constexpr std::string_view kChainModel = R"(
[paper]
title = "t"
[[items]]
id = "rec"
name = "記録"
class = "personal"
fields = ["氏名", "住所"]
[[items]]
id = "code"
name = "番号"
class = "pseudonymous"
fields = ["番号"]
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

/// The catalogue and policy shipped in data/, loaded once.
const MeasureCatalogue& catalogue();
const Policy& default_policy();

/// Loads a model from text; fails the test on diagnostics.
Model model_from(std::string_view text);

/// Loads one of the bundled models in models/ by file name; fails the test on diagnostics.
Model bundled_model(const std::string& file_name);

/// The index of the node with this id; fails the test (and returns npos) when there is none.
std::size_t node_index(const Model& model, std::string_view id);

/// Loads a model expecting failure; returns the formatted diagnostics.
std::vector<std::string> errors_from(std::string_view text);

/// Ids of the findings of a model under the default policy.
std::vector<std::string> finding_ids(const Model& model);

const Finding* find(const std::vector<Finding>& findings, std::string_view id);

}  // namespace nagare::test
