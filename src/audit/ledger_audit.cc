#include <algorithm>
#include <unordered_map>

#include "nagare/ledger.h"
#include "nagare/reach.h"

namespace nagare {

std::string_view id_of(AuditKind kind) {
  switch (kind) {
    case AuditKind::undeclared:
      return "undeclared-transfer";
    case AuditKind::medium_differs:
      return "medium-differs";
    case AuditKind::excess_items:
      return "excess-items";
    case AuditKind::missing_handover:
      return "missing-handover";
  }
  return "unknown";
}

namespace {

enum class MediumClass { unknown, paper, media, line };

/// What the ledger's 媒体 cell says, roughly: paper, a carried medium, or a line.
MediumClass classify_medium(std::string_view text) {
  if (text.empty()) return MediumClass::unknown;
  auto has = [&](std::string_view word) { return text.find(word) != std::string_view::npos; };
  for (std::string_view word : {"紙", "書類", "帳票", "名簿", "paper"}) {
    if (has(word)) return MediumClass::paper;
  }
  for (std::string_view word :
       {"USB", "usb", "DVD", "dvd", "CD", "媒体", "メモリ", "ディスク", "media", "disk"}) {
    if (has(word)) return MediumClass::media;
  }
  for (std::string_view word : {"メール", "回線", "送信", "オンライン", "LGWAN", "クラウド", "mail",
                                "online", "upload", "アップロード"}) {
    if (has(word)) return MediumClass::line;
  }
  return MediumClass::unknown;
}

bool compatible(MediumClass medium, const std::vector<TransferKind>& kinds) {
  auto has = [&](TransferKind kind) {
    return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
  };
  switch (medium) {
    case MediumClass::unknown:
      return true;
    case MediumClass::paper:
      return has(TransferKind::paper) || has(TransferKind::direct);
    case MediumClass::media:
      return has(TransferKind::media) || has(TransferKind::direct);
    case MediumClass::line:
      for (TransferKind kind : kinds) {
        if (kind != TransferKind::paper && kind != TransferKind::media &&
            kind != TransferKind::direct) {
          return true;
        }
      }
      return false;
  }
  return true;
}

std::string date_text(int date) {
  // Appended piece by piece: "0" + std::to_string(…) makes GCC 12 warn (-Wrestrict) at -O3.
  std::string text = std::to_string(date / 10000);
  const int month = date / 100 % 100, day = date % 100;
  text += month < 10 ? "-0" : "-";
  text += std::to_string(month);
  text += day < 10 ? "-0" : "-";
  text += std::to_string(day);
  return text;
}

class Auditor {
 public:
  Auditor(const Model& model, const Ledger& ledger, const AuditPeriod& period)
      : model_(model), ledger_(ledger), period_(period), reach_(model) {
    for (std::size_t n = 0; n < model.nodes.size(); ++n) {
      node_ids_[model.nodes[n].id].push_back(n);
      node_names_[model.nodes[n].name].push_back(n);
      std::size_t org = model.nodes[n].org;
      for (std::size_t hops = 0; org != npos && hops <= model.orgs.size(); ++hops) {
        org_ids_[model.orgs[org].id].push_back(n);
        org_names_[model.orgs[org].name].push_back(n);
        org = model.orgs[org].parent;
      }
    }
    out_.resize(model.nodes.size());
    for (std::size_t f = 0; f < model.flows.size(); ++f) {
      const Flow& flow = model.flows[f];
      out_[flow.from].push_back({f, flow.to});
      if (flow.direction == Direction::both) out_[flow.to].push_back({f, flow.from});
    }
    for (std::size_t i = 0; i < model.items.size(); ++i) {
      sets_by_name_[model.items[i].id].push_back(i);
      if (model.items[i].name != model.items[i].id) sets_by_name_[model.items[i].name].push_back(i);
      for (const std::string& field : model.items[i].fields) sets_by_field_[field].push_back(i);
    }
    node_stamp_.assign(model.nodes.size(), 0);
    flow_stamp_.assign(model.flows.size(), 0);
    seen_.assign(model.flows.size(), 0);
    allowed_.assign(model.items.size(), 0);
  }

  AuditResult run() {
    for (const LedgerEntry& entry : ledger_.entries) {
      if ((period_.from && entry.date < *period_.from) ||
          (period_.to && entry.date > *period_.to)) {
        ++result_.entries_outside_period;
        continue;
      }
      ++result_.entries_audited;
      audit(entry);
    }
    missing_handovers();
    return std::move(result_);
  }

 private:
  const std::vector<std::size_t>* resolve(const std::string& party) const {
    for (const auto* table : {&node_ids_, &node_names_, &org_ids_, &org_names_}) {
      auto it = table->find(party);
      if (it != table->end()) return &it->second;
    }
    return nullptr;
  }

  AuditFinding& add(AuditKind kind, const LedgerEntry& entry) {
    AuditFinding finding;
    finding.kind = kind;
    finding.line = entry.line;
    finding.where = SourceLocation{ledger_.file, entry.line, 0};
    result_.findings.push_back(std::move(finding));
    return result_.findings.back();
  }

  static std::string transfer_ja(const LedgerEntry& entry) {
    return entry.date_text + " 「" + entry.from + "」→「" + entry.to + "」";
  }
  static std::string transfer_en(const LedgerEntry& entry) {
    return entry.date_text + " \"" + entry.from + "\" -> \"" + entry.to + "\"";
  }

  void audit(const LedgerEntry& entry) {
    const auto* senders = resolve(entry.from);
    const auto* recipients = resolve(entry.to);
    if (senders == nullptr || recipients == nullptr) {
      AuditFinding& finding = add(AuditKind::undeclared, entry);
      std::string missing_ja, missing_en;
      for (const auto& [party, nodes] :
           {std::pair{&entry.from, senders}, {&entry.to, recipients}}) {
        if (nodes != nullptr) continue;
        finding.details.push_back(*party);
        missing_ja += (missing_ja.empty() ? "「" : "、「") + *party + "」";
        missing_en += (missing_en.empty() ? "\"" : ", \"") + *party + "\"";
      }
      finding.message = "宣言にない受渡し " + transfer_ja(entry) + ": " + missing_ja +
                        "はモデルのノードにも組織にもありません";
      finding.message_en = "undeclared transfer " + transfer_en(entry) + ": " + missing_en +
                           " is neither a node nor an organization of the model";
      return;
    }
    ++stamp_;
    for (std::size_t n : *recipients) node_stamp_[n] = stamp_;
    std::vector<std::size_t> covering;
    for (std::size_t n : *senders) {
      for (const auto& [flow, other] : out_[n]) {
        if (node_stamp_[other] != stamp_ || flow_stamp_[flow] == stamp_) continue;
        flow_stamp_[flow] = stamp_;
        covering.push_back(flow);
      }
    }
    std::sort(covering.begin(), covering.end());
    if (covering.empty()) {
      AuditFinding& finding = add(AuditKind::undeclared, entry);
      finding.message =
          "宣言にない受渡し " + transfer_ja(entry) + ": この間の流れは宣言されていません";
      finding.message_en =
          "undeclared transfer " + transfer_en(entry) + ": no declared flow goes between them";
      return;
    }
    const MediumClass medium = classify_medium(entry.medium);
    std::vector<std::size_t> fitting;
    for (std::size_t f : covering) {
      if (compatible(medium, model_.transfer_kinds(model_.flows[f]))) fitting.push_back(f);
    }
    if (fitting.empty()) {
      AuditFinding& finding = add(AuditKind::medium_differs, entry);
      finding.flow = model_.flows[covering.front()].id;
      finding.details.push_back(entry.medium);
      finding.message = "受渡し " + transfer_ja(entry) + " の媒体「" + entry.medium +
                        "」は宣言した流れ「" + model_.flow_title(model_.flows[covering.front()]) +
                        "」の方法と違います";
      finding.message_en = "transfer " + transfer_en(entry) + " by \"" + entry.medium +
                           "\" differs from how declared flow \"" + finding.flow + "\" goes";
      fitting = covering;
    } else {
      for (std::size_t f : fitting) seen_[f] = 1;
    }
    check_items(entry, fitting);
  }

  void check_items(const LedgerEntry& entry, const std::vector<std::size_t>& flows) {
    ++item_stamp_;
    for (std::size_t f : flows) {
      for (std::size_t item : reach_.carried_by(f)) allowed_[item] = item_stamp_;
    }
    std::vector<std::string> excess;
    for (const std::string& written : entry.items) {
      const std::vector<std::size_t>* sets = nullptr;
      if (auto it = sets_by_name_.find(written); it != sets_by_name_.end()) {
        sets = &it->second;
      } else if (auto field = sets_by_field_.find(written); field != sets_by_field_.end()) {
        sets = &field->second;
      }
      bool ok = false;
      if (sets != nullptr) {
        for (std::size_t set : *sets) ok = ok || allowed_[set] == item_stamp_;
      }
      if (!ok) excess.push_back(written);
    }
    if (excess.empty()) return;
    AuditFinding& finding = add(AuditKind::excess_items, entry);
    finding.flow = model_.flows[flows.front()].id;
    std::string list_ja, list_en;
    for (const std::string& item : excess) {
      list_ja += (list_ja.empty() ? "「" : "、「") + item + "」";
      list_en += (list_en.empty() ? "\"" : ", \"") + item + "\"";
    }
    finding.details = std::move(excess);
    finding.message = "受渡し " + transfer_ja(entry) + " は宣言した流れ「" +
                      model_.flow_title(model_.flows[flows.front()]) +
                      "」にない項目を含みます: " + list_ja;
    finding.message_en = "transfer " + transfer_en(entry) + " carries items declared flow \"" +
                         finding.flow + "\" does not carry: " + list_en;
  }

  /// A flow the ledger must show: paper or media handed between two organizations, none of
  /// them the data subject, unless the flow marks the ledger not applicable (－).
  bool expects_ledger(const Flow& flow) const {
    const auto kinds = model_.transfer_kinds(flow);
    const bool physical =
        std::find(kinds.begin(), kinds.end(), TransferKind::paper) != kinds.end() ||
        std::find(kinds.begin(), kinds.end(), TransferKind::media) != kinds.end();
    if (!physical) return false;
    for (const MeasureMark& mark : flow.measures) {
      if (mark.measure_id == "handover-ledger") return !mark.not_applicable;
    }
    const std::size_t from = model_.nodes[flow.from].org;
    const std::size_t to = model_.nodes[flow.to].org;
    if (from == to) return false;
    for (std::size_t org : {from, to}) {
      for (std::size_t hops = 0; org != npos && hops <= model_.orgs.size(); ++hops) {
        if (model_.orgs[org].role == OrgRole::subject) return false;
        org = model_.orgs[org].parent;
      }
    }
    return true;
  }

  void missing_handovers() {
    std::string period_ja, period_en;
    if (period_.from || period_.to) {
      period_ja = "（" + (period_.from ? date_text(*period_.from) : std::string()) + "〜" +
                  (period_.to ? date_text(*period_.to) : std::string()) + "）";
      period_en = " (" + (period_.from ? date_text(*period_.from) : std::string()) + " to " +
                  (period_.to ? date_text(*period_.to) : std::string()) + ")";
    }
    for (std::size_t f = 0; f < model_.flows.size(); ++f) {
      const Flow& flow = model_.flows[f];
      if (!expects_ledger(flow)) continue;
      ++result_.handovers_expected;
      if (seen_[f]) continue;
      AuditFinding finding;
      finding.kind = AuditKind::missing_handover;
      finding.flow = flow.id;
      finding.where = flow.where;
      finding.message = "紙・媒体による受渡し「" + model_.flow_title(flow) + "」（" +
                        model_.nodes[flow.from].name + " → " + model_.nodes[flow.to].name +
                        "）の記録が受渡簿に期間内" + period_ja + "ありません";
      finding.message_en = "declared hand-over \"" + flow.id + "\" (" + model_.nodes[flow.from].id +
                           " -> " + model_.nodes[flow.to].id +
                           ") has no ledger entry in the period" + period_en;
      result_.findings.push_back(std::move(finding));
    }
  }

  using Index = std::unordered_map<std::string, std::vector<std::size_t>>;
  const Model& model_;
  const Ledger& ledger_;
  const AuditPeriod& period_;
  const ItemReach reach_;
  Index node_ids_, node_names_, org_ids_, org_names_;
  Index sets_by_name_, sets_by_field_;
  std::vector<std::vector<std::pair<std::size_t, std::size_t>>> out_;  // (flow, other end)
  std::vector<std::size_t> node_stamp_, flow_stamp_;
  std::size_t stamp_ = 0;
  std::vector<std::size_t> allowed_;  // item sets the covering flows carry, by item_stamp_
  std::size_t item_stamp_ = 0;
  std::vector<char> seen_;
  AuditResult result_;
};

}  // namespace

AuditResult audit_ledger(const Model& model, const Ledger& ledger, const AuditPeriod& period) {
  return Auditor(model, ledger, period).run();
}

}  // namespace nagare
