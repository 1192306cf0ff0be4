#include "synthetic.h"

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace nagare::bench {
namespace {

class Random {
 public:
  explicit Random(std::uint32_t seed) : engine_(seed) {}
  /// 0 <= value < n; plain modulo of the engine's raw output, the same everywhere.
  std::uint32_t below(std::uint32_t n) { return n == 0 ? 0 : engine_() % n; }
  /// True with probability percent / 100.
  bool chance(std::uint32_t percent) { return below(100) < percent; }
  template <typename T>
  const T& pick(const std::vector<T>& values) {
    return values[below(static_cast<std::uint32_t>(values.size()))];
  }

 private:
  std::mt19937 engine_;
};

/// Writes one model's TOML. Ids are unique across the model: every entity of business b
/// carries the suffix "-b".
class ModelWriter {
 public:
  ModelWriter(std::ostream& out, Random& random, std::uint32_t missing)
      : out_(out), random_(random), missing_(missing) {}

  void paper(std::string_view title, std::string_view department) {
    out_ << "[paper]\ntitle = \"" << title << "\"\ndocument = \"資料" << random_.below(99) + 1
         << "\"\nmunicipality = \"架空区\"\nwording = \""
         << (random_.chance(50) ? "shinjuku" : "edogawa") << "\"\ndepartment = \"" << department
         << "\"\nprocedures = [\"computer-processing\", \"external-link\", \"outsourcing\", "
            "\"external-provision\"]\nsubjects = \"区民\"\nsubject_count = \""
         << random_.below(90000) + 100
         << "件\"\nsource = \"nagare-bench-generate (synthetic)\"\n\n"
            "[[orgs]]\nid = \"ward\"\nname = \"架空区\"\nrole = \"ward\"\n"
            "measures = [\"comply-law-policy\"]\n\n";
  }

  /// Writes one business with at most `flow_budget` flows; returns the flows written.
  long business(long b, long flow_budget) {
    std::string s = "-";
    s += std::to_string(b);
    flows_left_ = flow_budget;
    flows_written_ = 0;
    step_ = 0;

    items(s);
    // Organizations: a department nested in a division of the ward, and the other parties.
    org("div" + s, "第" + std::to_string(b) + "部", "department", "ward", {});
    org("dept" + s, "業務" + std::to_string(b) + "課", "department", "div" + s,
        {"designated-handlers", "incident-plan"});
    org("subject" + s, "区民", "subject", "", {});
    org("contractor" + s, "株式会社受託" + std::to_string(b), "contractor", "",
        {"designated-handlers", "onsite-inspection", "incident-plan", "return-erase",
         "locked-storage"},
        random_.chance(60) ? "ISMS" : "");
    const bool subcontracted = random_.chance(40);
    if (subcontracted) {
      org("sub" + s, "再委託先" + std::to_string(b), "subcontractor", "contractor" + s,
          {"subcontractor-audit", "designated-handlers"}, random_.chance(30) ? "Pmark" : "");
    }
    const char* regions[] = {"japan", "japan", "japan", "overseas", "unknown"};
    org("cloud" + s, "クラウド事業者" + std::to_string(b), "cloud", "",
        {"onsite-inspection", "incident-plan", "delete-report"}, random_.chance(50) ? "ISMS" : "",
        regions[random_.below(5)]);
    org("police" + s, "警察署" + std::to_string(b), "recipient", "", {"return-erase"});
    org("linked" + s, "結合先" + std::to_string(b), "connected", "", {"incident-plan"});
    org("vendor" + s, "保守業者" + std::to_string(b), "vendor", "", {}, "", "",
        "[\"personal\", \"special-care\", \"my-number\"]");

    // Nodes of every kind.
    node("citizen" + s, "申請者", "person", "subject" + s, {});
    node("staff" + s, "担当職員", "person", "dept" + s, {});
    node("pc" + s, "業務端末", "terminal", "dept" + s, {"access-control", "antivirus"});
    node("tablet" + s, "タブレット", "mobile", "dept" + s, {"remote-wipe", "access-control"});
    node("system" + s, "業務システム", "system", "dept" + s,
         {"authentication", "access-control", "monitoring-logs"});
    node("db" + s, "データベース", "datastore", "dept" + s,
         {"access-control", "redundancy-backup"});
    node("vendor-pc" + s, "受託者端末", "terminal", "contractor" + s,
         {"access-control", "antivirus", "monitoring-logs"});
    if (subcontracted) {
      node("sub-server" + s, "再委託先サーバ", "system", "sub" + s,
           {"access-control", "antivirus", "monitoring-logs"});
    }
    node("saas" + s, "クラウドサービス", "cloud", "cloud" + s,
         {"monitoring-logs", "redundancy-backup", "access-control", "antivirus", "attack-defense"});
    node("station" + s, "署員", "person", "police" + s, {});
    node("linked-system" + s, "結合先システム", "system", "linked" + s,
         {"access-control", "antivirus", "monitoring-logs"});
    node("maint" + s, "保守端末", "terminal", "vendor" + s, {"access-control"});
    const char* networks[] = {"internet", "lgwan",     "closed",         "dedicated-line",
                              "intranet", "telephone", "mobile-carrier", "unknown"};
    for (const char* network : networks) {
      out_ << "[[nodes]]\nid = \"" << network << s << "\"\nname = \"" << network
           << "\"\nkind = \"network\"\nnetwork = \"" << network << "\"\n\n";
    }
    const char* media[] = {"usb", "dvd", "paper", "other"};
    for (const char* medium : media) {
      out_ << "[[nodes]]\nid = \"" << medium << s << "\"\nname = \"媒体(" << medium
           << ")\"\nkind = \"medium\"\nmedium = \"" << medium << "\"\n\n";
    }

    // The flows of the paper, in step order, then further transfers between its nodes.
    const std::string personal = "\"form" + s + "\"";
    flow("apply" + s, "citizen" + s, "staff" + s, "paper" + s, personal, "申請書を提出",
         {"receipt"});
    flow("call" + s, "citizen" + s, "staff" + s, "telephone" + s, "\"health" + s + "\"",
         "電話で相談", {});
    flow("enter" + s, "staff" + s, "pc" + s, "", personal + ", \"health" + s + "\"", "端末に入力",
         {});
    flow("register" + s, "pc" + s, "system" + s, "intranet" + s, "", "システムに登録",
         {"authentication", "access-control"});
    flow("store" + s, "system" + s, "db" + s, "", "", "データベースに保存", {});
    flow("visit" + s, "tablet" + s, "system" + s, "mobile-carrier" + s, "\"health" + s + "\"",
         "訪問記録を送信", {"encrypt-transit", "specific-party-only", "authentication"});
    flow("upload" + s, "system" + s, "saas" + s, "internet" + s, personal, "クラウドへ送信",
         {"encrypt-transit", "specific-party-only", "authentication"});
    flow("hand-over" + s, "pc" + s, "vendor-pc" + s, "usb" + s, "\"mynumber" + s + "\"",
         "委託先へ引渡し",
         {"media-management", "encrypt-media-password", "locked-bag", "hand-delivery",
          "handover-ledger", "receipt"});
    flow("return" + s, "vendor-pc" + s, "pc" + s, "dvd" + s, "\"result" + s + "\"",
         "処理結果を返却",
         {"media-management", "sanitize", "encrypt-media-password", "locked-bag",
          "designated-carrier", "handover-ledger", "receipt"});
    if (subcontracted) {
      flow("subcontract" + s, "vendor-pc" + s, "sub-server" + s, "dedicated-line" + s, "",
           "再委託先へ送信", {"encrypt-transit", "specific-party-only", "authentication"});
    }
    flow("link" + s, "system" + s, "linked-system" + s, "lgwan" + s, "\"mynumber" + s + "\"",
         "情報連携", {"encrypt-transit", "specific-party-only", "authentication"});
    flow("roster" + s, "pc" + s, "station" + s, "paper" + s, personal, "名簿を提供",
         {"locked-bag", "hand-delivery", "handover-ledger", "receipt"});
    flow("statistics" + s, "system" + s, "maint" + s, "closed" + s, "\"stats" + s + "\"",
         "統計を提供", {"encrypt-transit"});
    flow("barcode" + s, "system" + s, "linked-system" + s, "unknown" + s, "\"code" + s + "\"",
         "バーコード情報", {}, "both");
    flow("archive" + s, "db" + s, "vendor-pc" + s, "other" + s, "", "媒体で保管",
         {"media-management", "locked-bag"});

    // Further transfers between the business's nodes, to reach the flow budget.
    const std::vector<std::string> ends{
        "staff" + s,         "pc" + s,        "tablet" + s, "system" + s, "db" + s, "saas" + s,
        "linked-system" + s, "vendor-pc" + s, "maint" + s,  "station" + s};
    const std::vector<std::string> vias{
        "",           "",        "internet" + s, "lgwan" + s,         "intranet" + s,
        "closed" + s, "usb" + s, "paper" + s,    "dedicated-line" + s};
    const std::vector<std::string> carried{
        "", "", personal, "\"health" + s + "\"", "\"stats" + s + "\"", "\"code" + s + "\""};
    for (long extra = 0; flows_left_ > 0; ++extra) {
      const std::string& from = random_.pick(ends);
      std::string to = random_.pick(ends);
      if (to == from) to = from == ends[0] ? ends[1] : ends[0];
      flow("extra" + s + "-" + std::to_string(extra), from, to, random_.pick(vias),
           random_.pick(carried), "追加の受渡し" + std::to_string(extra),
           {"encrypt-transit", "specific-party-only", "authentication", "media-management",
            "locked-bag", "hand-delivery", "handover-ledger", "receipt", "sanitize",
            "access-control"},
           random_.chance(10) ? "both" : "");
    }
    if (!accept_candidate_.empty()) {
      out_ << "[[accept]]\nfinding = \"encrypt-transit@flow." << accept_candidate_
           << "\"\njustification = \"閉域網内のため暗号化は行わない運用とする\"\nby = "
              "\"情報政策課\"\n"
              "date = 2026-04-01\n\n";
      accept_candidate_.clear();
    }
    return flows_written_;
  }

 private:
  void items(const std::string& s) {
    struct Set {
      const char* id;
      const char* name;
      const char* item_class;
      const char* fields;
    };
    const Set sets[] = {
        {"form", "申請情報", "personal", "\"氏名\", \"住所\", \"生年月日\", \"電話番号\""},
        {"health", "相談記録", "special-care", "\"氏名\", \"相談内容\", \"心身の状況\""},
        {"mynumber", "個人番号", "my-number", "\"個人番号\", \"氏名\""},
        {"code", "受付番号", "pseudonymous", "\"受付番号\""},
        {"stats", "統計情報", "non-personal", "\"件数\""},
        {"result", "処理結果", "personal", "\"氏名\", \"処理結果\""},
    };
    for (const Set& set : sets) {
      out_ << "[[items]]\nid = \"" << set.id << s << "\"\nname = \"" << set.name << "\"\nclass = \""
           << set.item_class << "\"\nfields = [" << set.fields << "]\n\n";
    }
  }

  /// The measures written: each wanted one with probability 100 - missing, a few as －.
  void measures(const std::vector<std::string>& wanted) {
    bool first = true;
    for (const std::string& measure : wanted) {
      const std::uint32_t roll = random_.below(100);
      if (roll < missing_) continue;
      out_ << (first ? "measures = [" : ", ");
      first = false;
      if (roll < missing_ + 3) {
        out_ << "{ id = \"" << measure << "\", na = \"電子データのみの取扱いのため\" }";
      } else {
        out_ << '"' << measure << '"';
      }
    }
    if (!first) out_ << "]\n";
  }

  void org(const std::string& id, const std::string& name, std::string_view role,
           const std::string& parent, const std::vector<std::string>& wanted,
           std::string_view certification = "", std::string_view region = "",
           std::string_view must_not_receive = "") {
    out_ << "[[orgs]]\nid = \"" << id << "\"\nname = \"" << name << "\"\nrole = \"" << role
         << "\"\n";
    if (!parent.empty()) out_ << "parent = \"" << parent << "\"\n";
    if (!certification.empty()) {
      out_ << "certifications = [{ kind = \"" << certification
           << "\", since = " << 2005 + random_.below(20) << " }]\n";
    }
    if (!region.empty()) out_ << "region = \"" << region << "\"\n";
    if (!must_not_receive.empty()) out_ << "must_not_receive = " << must_not_receive << "\n";
    measures(wanted);
    out_ << '\n';
  }

  void node(const std::string& id, const std::string& name, std::string_view kind,
            const std::string& org, const std::vector<std::string>& wanted) {
    out_ << "[[nodes]]\nid = \"" << id << "\"\nname = \"" << name << "\"\nkind = \"" << kind
         << "\"\norg = \"" << org << "\"\n";
    measures(wanted);
    out_ << '\n';
  }

  void flow(const std::string& id, const std::string& from, const std::string& to,
            const std::string& via, const std::string& items, const std::string& label,
            const std::vector<std::string>& wanted, std::string_view direction = "") {
    if (flows_left_ <= 0) return;
    --flows_left_;
    ++flows_written_;
    out_ << "[[flows]]\nid = \"" << id << "\"\nstep = " << (++step_ % 40) + 1 << "\nfrom = \""
         << from << "\"\nto = \"" << to << "\"\n";
    if (!via.empty()) out_ << "via = [\"" << via << "\"]\n";
    if (!items.empty()) out_ << "items = [" << items << "]\n";
    if (!direction.empty()) out_ << "direction = \"" << direction << "\"\n";
    out_ << "label = \"" << label << "\"\n";
    // Now and then a business accepts a missing encryption on a closed line, as reviewed
    // papers do: leave encrypt-transit out and accept the finding.
    const bool personal = !items.empty() && items.find("stats") == std::string::npos &&
                          items.find("code") == std::string::npos;
    if (accept_candidate_.empty() && personal && via.rfind("closed", 0) == 0 &&
        random_.chance(30)) {
      accept_candidate_ = id;
      out_ << "measures = [\"specific-party-only\", \"authentication\"]\n\n";
      return;
    }
    measures(wanted);
    out_ << '\n';
  }

  std::ostream& out_;
  Random& random_;
  std::uint32_t missing_;
  long flows_left_ = 0;
  long flows_written_ = 0;
  int step_ = 0;
  std::string accept_candidate_;
};

}  // namespace

void write_synthetic_model(std::ostream& out, std::uint32_t seed, long flows,
                           std::uint32_t missing) {
  Random random(seed);
  ModelWriter writer(out, random, missing);
  out << "# Synthetic model written by nagare-bench-generate (seed " << seed << ").\n";
  writer.paper("合成モデル（ベンチマーク用）", "情報政策課");
  long b = 1;
  for (long left = flows; left > 0; ++b) {
    // Each business takes its paper's flows plus a few more, as real papers vary.
    const long budget = std::min(left, kBusinessFlows + static_cast<long>(random.below(11)));
    left -= writer.business(b, budget);
  }
}

}  // namespace nagare::bench
