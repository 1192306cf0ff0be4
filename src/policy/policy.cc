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
constexpr std::array<std::pair<MeasurePlace, std::string_view>, 10> kPlaces{{
    {MeasurePlace::flow, "flow"},
    {MeasurePlace::via, "via"},
    {MeasurePlace::from, "from"},
    {MeasurePlace::to, "to"},
    {MeasurePlace::from_org, "from-org"},
    {MeasurePlace::to_org, "to-org"},
    {MeasurePlace::node, "node"},
    {MeasurePlace::org, "org"},
    {MeasurePlace::matched, "matched"},
    {MeasurePlace::matched_org, "matched-org"},
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
      {"means-unstated", Severity::warning, "受渡しの手段（回線・媒体・手渡し）が記載されていない",
       "The paper does not say how a transfer is made"},
      {"role-unstated", Severity::warning, "相手方が委託先かどうか記載されていない",
       "The paper does not say whether a party is a contractor"},
      {"service-questions", Severity::info,
       "外部サービス（Zoom等）のサーバの所在・パスコード・記録の扱いを確認する",
       "Ask an outside service's region, passcodes and recordings"},
      {"items-undeclared", Severity::warning, "流れが情報項目の一覧にない項目を運ぶ",
       "A flow carries items the paper's item list lacks"},
      {"procedure-mismatch", Severity::info,
       "外部の機器との回線による接続が外部結合として諮られていない",
       "An online link to an outside system is not put to the committee as an external link"},
      {"retention-unstated", Severity::info,
       "外部に置く個人情報を「不要となった時点で消去」とだけ定め、業務終了後の返却・消去がない",
       "Data kept outside is erased 'when no longer needed' only: no return or erasure at the end"},
      {"vendor-access", Severity::warning,
       "個人情報に触れてはならない事業者が、個人情報を保存する機器で作業する",
       "A vendor that must never touch personal data works on a system that keeps it"},
      {"no-identifiers-contradiction", Severity::warning,
       "「個人を特定する情報を含まない」とされる流れが個人に結び付く項目を運ぶ",
       "A flow declared free of identifiers carries identifying items"},
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
