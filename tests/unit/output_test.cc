#include <gtest/gtest.h>

#include "nagare/findings_output.h"

namespace nagare {
namespace {

std::vector<Finding> sample() {
  Finding uncovered;
  uncovered.id = "encrypt-transit@flow.upload";
  uncovered.rule = "encrypt-transit";
  uncovered.severity = Severity::error;
  uncovered.where = {"models/x.toml", 42, 1};
  uncovered.flow = "upload";
  uncovered.from = "pc";
  uncovered.to = "box";
  uncovered.missing = {"encrypt-transit"};
  uncovered.message = "流れ「①送る」(pc → box) に必要な対策がありません: 通信内容の暗号化";
  uncovered.message_en = "flow \"upload\" (pc -> box) lacks: Encrypted communication";
  Finding accepted = uncovered;
  accepted.id = "specific-party@flow.upload";
  accepted.rule = "specific-party";
  accepted.severity = Severity::info;
  accepted.missing = {"specific-party-only"};
  accepted.message = "<script>\"&";
  accepted.accepted = "VPN";
  return {uncovered, accepted};
}

TEST(Output, TextLooksLikeACompiler) {
  EXPECT_EQ(format_findings_text(sample(), Language::ja),
            "models/x.toml:42:1: error[encrypt-transit]: 流れ「①送る」(pc → box) "
            "に必要な対策がありません: 通信内容の暗号化\n"
            "models/x.toml:42:1: info[specific-party]: <script>\"& [受容済み: VPN]\n"
            "エラー 1 件、警告 0 件、情報 1 件\n");
  EXPECT_EQ(format_findings_text(sample(), Language::en),
            "models/x.toml:42:1: error[encrypt-transit]: flow \"upload\" (pc -> box) lacks: "
            "Encrypted communication\n"
            "models/x.toml:42:1: info[specific-party]: flow \"upload\" (pc -> box) lacks: "
            "Encrypted communication [accepted: VPN]\n"
            "1 errors, 0 warnings, 1 info\n");
}

TEST(Output, JsonHasTheDocumentedShape) {
  const std::string json = format_findings_json({sample()[0]}, Language::ja);
  EXPECT_EQ(json, R"({
  "findings": [
    {
      "file": "models/x.toml",
      "line": 42,
      "column": 1,
      "severity": "error",
      "rule": "encrypt-transit",
      "flow": "upload",
      "node": null,
      "org": null,
      "from": "pc",
      "to": "box",
      "missing": [
        "encrypt-transit"
      ],
      "message": "流れ「①送る」(pc → box) に必要な対策がありません: 通信内容の暗号化",
      "id": "encrypt-transit@flow.upload",
      "accepted": null,
      "accepted_by": null
    }
  ],
  "summary": {
    "error": 1,
    "warning": 0,
    "info": 0
  }
}
)");
}

TEST(Output, JsonEscapesHostileText) {
  const std::string json = format_findings_json(sample(), Language::ja);
  EXPECT_NE(json.find(R"("message": "<script>\"&")"), std::string::npos);
}

TEST(Output, AWardsPartsMakeTheSameDocumentAsAllItsFindingsAtOnce) {
  // Models with no findings first, between and last: the JSON's commas and the summary's
  // counts must come out as they do for the findings written at once.
  const std::vector<std::vector<Finding>> models{{}, sample(), {}, {sample()[1]}, {}};
  std::vector<Finding> all;
  for (const auto& findings : models) all.insert(all.end(), findings.begin(), findings.end());
  for (const Language language : {Language::ja, Language::en}) {
    for (const FindingsFormat format : {FindingsFormat::text, FindingsFormat::json}) {
      std::vector<FindingsPart> parts;
      for (const auto& findings : models)
        parts.push_back(format_findings_part(findings, format, language));
      const std::string whole = collected_text([&](TextOutput& out) {
        FindingsPartsWriter writer(format, language, out);
        for (const FindingsPart& part : parts) writer.add(part);
        writer.finish();
      });
      EXPECT_EQ(whole, format == FindingsFormat::json ? format_findings_json(all, language)
                                                      : format_findings_text(all, language));
    }
    for (const FindingsFormat format : {FindingsFormat::text, FindingsFormat::json}) {
      const std::vector<Finding> no_findings;
      const std::vector<FindingsPart> none{format_findings_part(no_findings, format, language)};
      EXPECT_EQ(collected_text([&](TextOutput& out) {
                  FindingsPartsWriter writer(format, language, out);
                  writer.add(none[0]);
                  writer.finish();
                }),
                format == FindingsFormat::json ? format_findings_json(no_findings, language)
                                               : format_findings_text(no_findings, language));
    }
  }
}

}  // namespace
}  // namespace nagare
