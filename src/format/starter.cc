#include <string>

#include "nagare/format.h"

namespace nagare {
namespace {

constexpr std::string_view kStarter =
    R"(# nagare モデル（個人情報の流れ）のひな形です。1 つのファイルに 1 つの付議事項を書きます。
# 「〇〇」を書き換え、項目を足してください。書き方は docs/model-format.md にあります。
#   nagare check このファイル     … 対策のない流れを検査する
#   nagare render このファイル -o 図.svg … 「個人情報の流れ」の図を描く
#   nagare fmt このファイル       … 並びと書式を整える（コメントは残ります）

# 付議事項の概要（[paper] と title は必須）
[paper]
title = "〇〇業務に係る個人情報の取扱いについて"  # 件名
document = "資料1"                               # 資料番号
municipality = "〇〇区"
department = "〇〇課"                             # 担当課
# 手続: computer-processing 電算処理, external-link 外部結合, outsourcing 業務委託,
#       external-provision 外部提供, purpose-outside-use 目的外利用
procedures = ["computer-processing"]
subjects = "〇〇の申請者"                          # 対象者
subject_count = "約100人"                          # 対象者数（文書の表記のまま）
purpose = "〇〇業務を効率化するため。"             # 目的

# 情報項目。class: personal 個人情報, special-care 要配慮個人情報, my-number 特定個人情報,
#   pseudonymous 番号のみ, non-personal 個人を特定しない情報
[[items]]
id = "applicant-info"
name = "申請者情報"
class = "personal"
fields = ["氏名", "住所", "生年月日", "電話番号"]

# 組織。role: ward 区, department 担当課, contractor 委託先, connected 結合先, cloud クラウド …
# 委託先などを足すときは [[orgs]] をもう一つ書きます。
[[orgs]]
id = "ward"
name = "〇〇区（〇〇課）"
role = "ward"

# ノード。kind: person 人, terminal 端末, mobile タブレット等, system システム, cloud クラウド,
#   datastore データベース, network 回線（network が必要）, medium 媒体（medium が必要）
[[nodes]]
id = "staff"
name = "担当職員"
kind = "person"
org = "ward"

[[nodes]]
id = "business-system"
name = "〇〇業務システム"
kind = "system"
org = "ward"
# 対策は id で書きます（一覧: nagare measures）。該当しないものは
# { id = "locked-bag", na = "電子データのみの取扱いのため" } のように理由を添えます。
measures = ["access-control"]

# 流れ。from から to へ、step は図の①②…。回線や媒体を通るなら via = ["回線のノードid"]
[[flows]]
id = "register"
step = 1
from = "staff"
to = "business-system"
items = ["applicant-info"]
label = "申請内容を登録する"
)";

}  // namespace

std::string starter_model(std::string_view schema_path) {
  std::string text;
  if (!schema_path.empty()) text = "#:schema " + std::string(schema_path) + "\n";
  text += kStarter;
  return text;
}

}  // namespace nagare
