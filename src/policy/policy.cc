#include "nagare/policy.h"

#include <array>
#include <utility>

namespace nagare {
namespace {

constexpr std::array<std::pair<RuleScope, std::string_view>, 3> kScopes{{
    {RuleScope::flow, "flow"},
    {RuleScope::node, "node"},
    {RuleScope::org, "org"},
}};
constexpr std::array<std::pair<MeasurePlace, std::string_view>, 8> kPlaces{{
    {MeasurePlace::flow, "flow"},
    {MeasurePlace::via, "via"},
    {MeasurePlace::from, "from"},
    {MeasurePlace::to, "to"},
    {MeasurePlace::from_org, "from-org"},
    {MeasurePlace::to_org, "to-org"},
    {MeasurePlace::node, "node"},
    {MeasurePlace::org, "org"},
}};

template <typename Table, typename Enum>
std::string_view name_in(const Table& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "?";
}

template <typename Table>
auto value_in(const Table& table, std::string_view text)
    -> std::optional<typename Table::value_type::first_type> {
  for (const auto& [candidate, name] : table) {
    if (name == text) return candidate;
  }
  return std::nullopt;
}

}  // namespace

const std::vector<BuiltinCheck>& builtin_checks() {
  // Every check that needs code, in one list; the checker carries them out in this order.
  static const std::vector<BuiltinCheck> kChecks{
      {"must-not-receive", Severity::error, "受け取ってはならない組織に個人情報が届く",
       "Personal items reach an organization that must never receive them"},
      {"cloud-outside-japan", Severity::error, "国外のクラウドに個人情報が置かれる",
       "Personal items reach a cloud outside Japan"},
      {"uncertified-special-care", Severity::warning,
       "ISMS・プライバシーマークのない委託先等が要配慮個人情報を扱う",
       "A party without ISMS or Privacy Mark handles special-care items"},
      {"electronic-only-contradiction", Severity::warning,
       "「電子データのみ」としながら紙・媒体の受渡しがある",
       "Marked 'electronic data only' while paper or media are handed over"},
      {"checklist-disagreement", Severity::warning, "区と相手方のチェックリストが食い違う",
       "The ward's and the other party's checklists disagree"},
      {"stale-acceptance", Severity::warning, "受容した指摘がもう存在しない",
       "An acceptance matches no finding any more"},
  };
  return kChecks;
}

std::string_view id_of(RuleScope scope) { return name_in(kScopes, scope); }
std::string_view id_of(MeasurePlace place) { return name_in(kPlaces, place); }
std::optional<RuleScope> parse_rule_scope(std::string_view text) { return value_in(kScopes, text); }
std::optional<MeasurePlace> parse_measure_place(std::string_view text) {
  return value_in(kPlaces, text);
}

std::optional<EndpointSide> parse_endpoint_side(std::string_view text) {
  if (text == "to") return EndpointSide::to;
  if (text == "from") return EndpointSide::from;
  if (text == "either") return EndpointSide::either;
  return std::nullopt;
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "error") return Severity::error;
  if (text == "warning") return Severity::warning;
  if (text == "info") return Severity::info;
  return std::nullopt;
}

}  // namespace nagare
