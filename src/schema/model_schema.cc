#include "nagare/schema.h"

#include <nlohmann/json.hpp>

namespace nagare {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string_view> procedures() { return procedure_ids(); }

const std::vector<TableSpec>& build_tables() {
  static const std::vector<TableSpec> kTables{
      {"paper",
       false,
       "付議事項の概要（件名・資料番号・担当課など）。必須",
       "The committee paper's metadata (title, document number, department …). Required",
       {
           {"title", ValueType::string, "件名", "Title of the paper", true, {}},
           {"document",
            ValueType::string,
            "資料番号（例: 資料72-1）",
            "Document number (e.g. 資料72-1)",
            false,
            {}},
           {"municipality",
            ValueType::string,
            "区（例: 新宿区）",
            "Municipality (ward)",
            false,
            {}},
           {"wording",
            ValueType::enumerated,
            "チェックリストの文言: shinjuku（既定）または edogawa",
            "Checklist wording: shinjuku (default) or edogawa",
            false,
            {"shinjuku", "edogawa"}},
           {"body",
            ValueType::enumerated,
            "団体の種類（文言に使う）: 区（既定）, 市, 町, 村, 都, 道, 府, 県, 広域連合, "
            "一部事務組合",
            "Kind of body, used in wording: 区 (ward, default), 市, 町, 村, 都, 道, 府, 県, "
            "広域連合, 一部事務組合",
            false,
            {"区", "市", "町", "村", "都", "道", "府", "県", "広域連合", "一部事務組合"}},
           {"department", ValueType::string, "担当課", "Department in charge", false, {}},
           {"procedures", ValueType::enumerated_array,
            "手続: computer-processing 電算処理, external-link 外部結合, outsourcing 業務委託, "
            "external-provision 外部提供, purpose-outside-use 目的外利用",
            "Procedures the paper asks for (computer processing, external link, outsourcing, "
            "external provision, use beyond the purpose)",
            false, procedures()},
           {"subjects", ValueType::string, "対象者", "Data subjects", false, {}},
           {"subject_count",
            ValueType::text_or_number,
            "対象者数（文書の表記のまま）",
            "Number of subjects, as the paper writes it (text or integer)",
            false,
            {}},
           {"period", ValueType::string, "期間", "Period", false, {}},
           {"purpose", ValueType::string, "目的・付議内容", "Purpose of the business", false, {}},
           {"source",
            ValueType::string,
            "このモデルが記述する文書",
            "Which paper this model states",
            false,
            {}},
       }},
      {"custom_measures",
       true,
       "このモデル独自の対策（カタログにない対策）",
       "Measures this model defines for itself, beyond the catalogue",
       {
           {"id",
            ValueType::string,
            "対策の id（標準の対策と重ならないもの）",
            "Measure id (must not be a catalogue id)",
            true,
            {}},
           {"name", ValueType::string, "対策の名前", "Name of the measure", true, {}},
           {"category",
            ValueType::enumerated,
            "区分: operational 運用上の対策（既定）, technical システム上の対策",
            "Category: operational (default) or technical",
            false,
            {"operational", "technical"}},
           {"satisfies",
            ValueType::string_array,
            "この対策が当たる標準の対策の id（例: 引渡書 → handover-ledger）",
            "Catalogue measures this one amounts to (a 引渡書 listing items: handover-ledger)",
            false,
            {}},
       }},
      {"items",
       true,
       "情報項目（項目のまとまりと、その区分）",
       "Item sets (情報項目) and their class",
       {
           {"id",
            ValueType::string,
            "情報項目の id（モデル内で一意）",
            "Item set id, unique among all ids of the model",
            true,
            {}},
           {"name", ValueType::string, "情報項目の名前", "Name of the item set", true, {}},
           {"class", ValueType::enumerated,
            "区分: personal 個人情報, special-care 要配慮個人情報, my-number 特定個人情報, "
            "pseudonymous 番号のみ, non-personal 個人を特定しない情報",
            "Class: personal, special-care, my-number, pseudonymous (number only), "
            "non-personal",
            true, item_class_ids()},
           {"fields",
            ValueType::string_array,
            "項目（氏名、住所、生年月日 …）",
            "Fields (name, address, date of birth …)",
            false,
            {}},
           {"declared",
            ValueType::boolean,
            "false: 流れが運ぶが、文書の情報項目の一覧にない項目",
            "false: a flow carries these, but the paper's item list lacks them",
            false,
            {}},
       }},
      {"orgs",
       true,
       "組織（区・担当課・委託先・結合先・クラウドなど。入れ子にできる）",
       "Organizations (ward, department, contractor, cloud …; nestable)",
       {
           {"id",
            ValueType::string,
            "組織の id（モデル内で一意）",
            "Organization id, unique among all ids of the model",
            true,
            {}},
           {"name", ValueType::string, "組織の名前", "Name of the organization", true, {}},
           {"role", ValueType::enumerated,
            "役割: ward 区, department 担当課, contractor 委託先, subcontractor 再委託先, "
            "connected 結合先, cloud クラウド, recipient 提供先, subject 対象者, vendor 開発業者, "
            "other その他, public-body 他の公的機関, service 利用する外部サービス, unknown "
            "委託先か不明",
            "Role: ward, department, contractor, subcontractor, connected party, cloud, "
            "recipient, data subject, vendor, other, another public body, an outside service a "
            "party uses, unknown (whether a contractor is not stated)",
            true, org_role_ids()},
           {"parent",
            ValueType::reference,
            "親組織の id（入れ子）",
            "Id of the enclosing organization",
            false,
            {}},
           {"operator",
            ValueType::string,
            "運営事業者の正式名称（name と異なる場合）",
            "Legal name of the operator, when it differs from name",
            false,
            {}},
           {"certifications",
            ValueType::certifications,
            "認証: [{ kind = \"ISMS\", since = 2019 }]（ISMS, Pmark, ASP-SaaS, other）",
            "Certifications: [{ kind = \"ISMS\", since = 2019 }]",
            false,
            {}},
           {"region", ValueType::enumerated,
            "クラウドの所在: japan 国内, overseas 国外, unknown 不明（既定）",
            "Where a cloud's servers are: japan, overseas, unknown (default)", false, region_ids()},
           {"must_not_receive",
            ValueType::string_array,
            "この組織に届いてはならない情報の区分（personal, special-care, my-number …）または "
            "情報項目の id（制約）",
            "Item classes (personal, special-care, my-number …) or item set ids that must never "
            "reach this organization (constraint)",
            false,
            {}},
           {"measures",
            ValueType::measures,
            "この組織の対策（入れ子の組織とノードにも及ぶ）",
            "Measures of this organization (apply to its nodes and nested organizations)",
            false,
            {}},
       }},
      {"nodes",
       true,
       "ノード（人・端末・システム・クラウド・回線・媒体）",
       "Nodes (people, terminals, systems, clouds, networks, media)",
       {
           {"id",
            ValueType::string,
            "ノードの id（モデル内で一意）",
            "Node id, unique among all ids of the model",
            true,
            {}},
           {"name",
            ValueType::string,
            "ノードの名前（図に表示）",
            "Name shown in the figure",
            true,
            {}},
           {"kind", ValueType::enumerated,
            "種類: person 人, terminal 端末, mobile タブレット等, system システム, cloud クラウド, "
            "datastore データベース, network 回線, medium 媒体",
            "Kind: person, terminal, mobile, system, cloud, datastore, network, medium", true,
            node_kind_ids()},
           {"org",
            ValueType::reference,
            "所属する組織の id",
            "Id of the owning organization",
            false,
            {}},
           {"network", ValueType::enumerated, "回線の種類（kind = \"network\" のときだけ、必須）",
            "Network kind (kind = \"network\" only, required there)", false, network_kind_ids()},
           {"medium", ValueType::enumerated, "媒体の種類（kind = \"medium\" のときだけ、必須）",
            "Medium kind (kind = \"medium\" only, required there)", false, medium_kind_ids()},
           {"stores",
            ValueType::boolean,
            "個人情報を保存するか（既定: person と network は false、ほかは true）",
            "Stores personal data? Default false for person and network, else true",
            false,
            {}},
           {"note", ValueType::string, "図に表示する注記", "Note shown in the figure", false, {}},
           {"measures",
            ValueType::measures,
            "このノードの対策",
            "Measures of this node",
            false,
            {}},
       }},
      {"flows",
       true,
       "流れ（ノードからノードへの受渡し）",
       "Flows (transfers from node to node)",
       {
           {"id",
            ValueType::string,
            "流れの id（モデル内で一意）",
            "Flow id, unique among all ids of the model",
            true,
            {}},
           {"step",
            ValueType::integer,
            "番号（①②…、0〜9999、同じ番号も可）",
            "Step number (①②…, 0 to 9999; several flows may share one)",
            false,
            {}},
           {"from", ValueType::reference, "送り手のノード id", "Node id of the sender", true, {}},
           {"to",
            ValueType::reference,
            "受け手のノード id（from と別）",
            "Node id of the receiver (not the same as from)",
            true,
            {}},
           {"via",
            ValueType::reference_array,
            "経由する回線・媒体のノード id（順に）",
            "Network or medium nodes the transfer passes, in order",
            false,
            {}},
           {"items",
            ValueType::reference_array,
            "運ぶ情報項目の id（空なら from に届いたものすべて）",
            "Item sets carried (empty: what reached from)",
            false,
            {}},
           {"direction", ValueType::enumerated, "向き: one-way 片方向（既定）, both 双方向",
            "Direction: one-way (default) or both", false, direction_ids()},
           {"means", ValueType::enumerated,
            "via がないときの手段: in-person 手渡し・同じ場所, unstated 文書に記載なし",
            "How a flow without via is made: in-person, or unstated (the paper does not say)",
            false, means_ids()},
           {"label", ValueType::string, "図に表示する説明", "Label shown in the figure", false, {}},
           {"measures", ValueType::measures, "この流れの対策", "Measures of this flow", false, {}},
       }},
      {"accept",
       true,
       "受容した指摘（理由と受容者）",
       "Accepted findings, with why and by whom",
       {
           {"finding",
            ValueType::string,
            "指摘の id（例: encrypt-transit-internet@flow.mail）",
            "The finding's id (e.g. encrypt-transit-internet@flow.mail)",
            true,
            {}},
           {"justification", ValueType::string, "受容する理由", "Why it is accepted", true, {}},
           {"by", ValueType::string, "受容した人・課", "Who accepted it", false, {}},
           {"date", ValueType::date, "受容した日（2026-04-01）", "Date (2026-04-01)", false, {}},
       }},
  };
  return kTables;
}

Json describe(std::string_view ja, std::string_view en) {
  return Json(std::string(ja) + "\n" + std::string(en));
}

Json enum_of(const std::vector<std::string_view>& values) {
  Json list = Json::array();
  for (std::string_view value : values) list.push_back(std::string(value));
  return list;
}

Json key_schema(const KeySpec& spec) {
  Json schema;
  schema["description"] = describe(spec.ja, spec.en);
  switch (spec.type) {
    case ValueType::string:
    case ValueType::reference:
      schema["type"] = "string";
      if (spec.key == "id" || spec.type == ValueType::reference) schema["minLength"] = 1;
      break;
    case ValueType::integer:
      schema["type"] = "integer";
      break;
    case ValueType::boolean:
      schema["type"] = "boolean";
      break;
    case ValueType::text_or_number:
      schema["type"] = Json::array({"string", "integer"});
      break;
    case ValueType::date:
      schema["type"] = "string";
      break;
    case ValueType::string_array:
      schema["type"] = "array";
      schema["items"] = {{"type", "string"}};
      break;
    case ValueType::reference_array:
      schema["type"] = "array";
      schema["items"] = {{"type", "string"}, {"minLength", 1}};
      break;
    case ValueType::enumerated:
      schema["type"] = "string";
      schema["enum"] = enum_of(spec.values);
      break;
    case ValueType::enumerated_array:
      schema["type"] = "array";
      schema["items"] = {{"type", "string"}, {"enum", enum_of(spec.values)}};
      break;
    case ValueType::measures:
      schema["type"] = "array";
      schema["items"] = {{"$ref", "#/definitions/measureMark"}};
      break;
    case ValueType::certifications:
      schema["type"] = "array";
      schema["items"] = {{"$ref", "#/definitions/certification"}};
      break;
    case ValueType::measure_id:
      schema["$ref"] = "#/definitions/measureId";
      break;
  }
  return schema;
}

Json object_schema(std::string_view ja, std::string_view en, const std::vector<KeySpec>& keys) {
  Json schema;
  schema["description"] = describe(ja, en);
  schema["type"] = "object";
  Json properties = Json::object();
  Json required = Json::array();
  for (const KeySpec& key : keys) {
    properties[std::string(key.key)] = key_schema(key);
    if (key.required) required.push_back(std::string(key.key));
  }
  schema["properties"] = std::move(properties);
  if (!required.empty()) schema["required"] = std::move(required);
  schema["additionalProperties"] = false;
  return schema;
}

/// What the loader checks beyond single keys, where JSON Schema can say it.
void add_table_constraints(std::string_view table, Json& schema) {
  if (table == "nodes") {
    // network only on kind = "network" (required there); medium likewise.
    auto only_on = [](std::string_view key, std::string_view kind) {
      Json rule;
      rule["if"] = {{"properties", {{"kind", {{"const", std::string(kind)}}}}},
                    {"required", Json::array({"kind"})}};
      rule["then"] = {{"required", Json::array({std::string(key)})}};
      rule["else"] = {{"not", {{"required", Json::array({std::string(key)})}}}};
      return rule;
    };
    schema["allOf"] = Json::array({only_on("network", "network"), only_on("medium", "medium")});
  } else if (table == "flows") {
    schema["properties"]["step"]["minimum"] = 0;
    schema["properties"]["step"]["maximum"] = 9999;
  }
}

}  // namespace

const std::vector<TableSpec>& model_tables() { return build_tables(); }

const std::vector<KeySpec>& measure_entry_keys() {
  static const std::vector<KeySpec> kKeys{
      {"id",
       ValueType::measure_id,
       "対策の id（nagare measures、または [[custom_measures]]）",
       "Measure id (nagare measures, or one of [[custom_measures]])",
       true,
       {}},
      {"na",
       ValueType::string,
       "該当なし（－）とする理由。書くと「－（理由）」になる",
       "Marks the measure not applicable (－), with the reason",
       false,
       {}},
      {"by", ValueType::enumerated,
       "実施者: ward 区が行う, other 委託先・結合先に行わせる（既定: 区側の組織なら ward）",
       "Who carries it out: ward, or other (the contractor or connected party)", false,
       party_ids()},
      {"procedure", ValueType::enumerated, "どの手続のチェックリストの行か",
       "The procedure whose checklist the line belongs to", false, procedure_ids()},
      {"scope",
       ValueType::string,
       "この対策が及ぶ範囲が情報の一部だけのとき（例: 区から貸与された資料）",
       "What the clause covers, when narrower than the data (e.g. materials lent by the ward)",
       false,
       {}},
  };
  return kKeys;
}

const std::vector<KeySpec>& certification_keys() {
  static const std::vector<KeySpec> kKeys{
      {"kind",
       ValueType::enumerated,
       "認証の種類: ISMS, Pmark（プライバシーマーク）, ASP-SaaS, other",
       "Certification: ISMS, Pmark (Privacy Mark), ASP-SaaS, other",
       true,
       {"ISMS", "Pmark", "ASP-SaaS", "other"}},
      {"since", ValueType::integer, "取得した年（西暦）", "Year obtained", false, {}},
  };
  return kKeys;
}

std::string model_schema_json(const MeasureCatalogue& catalogue) {
  Json root;
  root["$schema"] = "http://json-schema.org/draft-07/schema#";
  root["$id"] = "urn:nagare:model-schema";
  root["title"] = "nagare model";
  root["description"] = describe(
      "nagare のモデル（個人情報の流れ）。1 つのファイルに 1 つの付議事項を書く。",
      "A nagare model: the personal-information flow of one business (one committee paper).");
  root["type"] = "object";
  Json properties = Json::object();
  for (const TableSpec& table : model_tables()) {
    Json schema = object_schema(table.ja, table.en, table.keys);
    add_table_constraints(table.key, schema);
    if (table.array) {
      Json array;
      array["description"] = describe(table.ja, table.en);
      array["type"] = "array";
      array["items"] = std::move(schema);
      properties[std::string(table.key)] = std::move(array);
    } else {
      properties[std::string(table.key)] = std::move(schema);
    }
  }
  root["properties"] = std::move(properties);
  root["required"] = Json::array({"paper"});
  root["additionalProperties"] = false;

  Json definitions;
  Json catalogue_ids = Json::array();
  Json catalogue_names = Json::array();
  for (const MeasureDefinition& measure : catalogue.all()) {
    catalogue_ids.push_back(measure.id);
  }
  definitions["measureId"] = {
      {"description", describe("対策の id", "Measure id")},
      {"anyOf",
       Json::array(
           {{{"description", describe("標準の対策（nagare measures）",
                                      "A measure of the catalogue (nagare measures)")},
             {"enum", std::move(catalogue_ids)}},
            {{"description", describe("[[custom_measures]] で定義した独自の対策",
                                      "A measure the model defines in [[custom_measures]]")},
             {"type", "string"},
             {"minLength", 1}}})}};
  Json entry =
      object_schema("対策（○）、または { id, na, by, procedure }",
                    "A measure in place, or { id, na, by, procedure }", measure_entry_keys());
  entry["properties"]["na"]["minLength"] = 1;
  definitions["measureMark"] = {
      {"description",
       describe("対策: id だけなら実施済み（○）。表なら na（－の理由）・by・procedure を付けられる",
                "A measure: an id alone is in place (○); a table may add na, by, "
                "procedure")},
      {"anyOf", Json::array({{{"$ref", "#/definitions/measureId"}}, std::move(entry)})}};
  definitions["certification"] = object_schema("認証", "A certification", certification_keys());
  root["definitions"] = std::move(definitions);
  return root.dump(2) + "\n";
}

}  // namespace nagare
