#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <optional>
#include <thread>
#include <utility>

#include "common.h"
#include "nagare/atomic_file.h"
#include "nagare/check.h"
#include "nagare/findings_output.h"
#include "nagare/load.h"
#include "nagare/sarif_output.h"

namespace nagare::cli {
namespace {

struct CheckOptions {
  std::vector<std::string> models;
  std::string policy;
  std::string format = "text";
  std::string output = "-";
};

/// What a check of one model leaves for the process to end with instead of freeing: the
/// parsed tree, the model and its findings (read as they are written: they point into the
/// model). A process that exits right after writing need not give back memory one table
/// and string at a time (a large model's tree and findings take a good part of the time it
/// took to build them to free). Reachable from a static
/// pointer until the end, so it is no leak to a leak checker; only the command line does
/// this, never the library.
struct KeptUntilExit {
  std::shared_ptr<void> tree;
  std::optional<Model> model;
  std::optional<CheckedFindings> findings;
};
KeptUntilExit* kept_until_exit = nullptr;

/// What loading and checking one file gave. One model's findings are in KeptUntilExit; a
/// ward's model's are formatted (text, JSON) or read out (SARIF) before the model is freed.
struct FileResult {
  Diagnostics diagnostics;
  std::optional<FindingsPart> formatted;
  std::vector<Finding> findings;
  std::exception_ptr failure;  // the environment failing (I/O), rethrown on the main thread
};

/// The document format a ward's findings are formatted into on the checking threads; none
/// for SARIF, whose document is written from all the findings at once.
std::optional<FindingsFormat> part_format(const CheckOptions& options) {
  if (options.format == "json") return FindingsFormat::json;
  if (options.format == "sarif") return std::nullopt;
  return FindingsFormat::text;
}

/// Loads and checks every file, on as many threads as the machine has cores: a ward's
/// models are independent, and parsing TOML is most of the time. Results stay in file
/// order, so the output does not depend on the threads.
std::vector<FileResult> check_files(const std::vector<std::string>& files, const Setup& setup,
                                    std::optional<FindingsFormat> format, Language language) {
  std::vector<FileResult> results(files.size());
  if (files.size() == 1) {
    // One model: its tree and model are kept until the process ends (see KeptUntilExit).
    // A ward's are freed file by file, their memory reused by the next file's.
    try {
      if (kept_until_exit == nullptr) kept_until_exit = new KeptUntilExit;  // once a process
      auto model = load_model_file(files[0], setup.catalogue, kept_until_exit->tree);
      results[0].diagnostics = std::move(model.diagnostics);
      if (model.value) {
        kept_until_exit->model = std::move(model.value);
        kept_until_exit->findings =
            check_model_compact(*kept_until_exit->model, setup.catalogue, setup.policy);
      }
    } catch (...) {
      results[0].failure = std::current_exception();
    }
    return results;
  }
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++) {
      try {
        auto model = load_model_file(files[i], setup.catalogue);
        results[i].diagnostics = std::move(model.diagnostics);
        if (!model.value) continue;
        // Formatted here, on every core, while the model they point into is still there.
        const CheckedFindings findings =
            check_model_compact(*model.value, setup.catalogue, setup.policy);
        if (format) {
          results[i].formatted = format_findings_part(findings, *format, language);
        } else {
          results[i].findings = findings.to_vector();
        }
      } catch (...) {
        results[i].failure = std::current_exception();
      }
    }
  };
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t helpers = std::min(cores, files.size()) - (files.empty() ? 0 : 1);
  std::vector<std::jthread> threads;
  for (std::size_t t = 0; t < helpers; ++t) threads.emplace_back(work);
  work();
  return results;
}

/// Writes the output file through a buffer as `write` formats it.
template <typename Write>
void write_output(const CheckOptions& options, Write&& write) {
  AtomicOutputFile file(options.output);
  TextOutput out([&file](std::string_view block) { file.write(block); });
  std::forward<Write>(write)(out);
  out.flush();
  file.commit();
}

/// Writes the findings as they are formatted.
void write_findings(FindingSequence findings, const CheckOptions& options, const Setup& setup,
                    Language language, TextOutput& out) {
  if (options.format == "sarif") {
    write_findings_sarif(findings, setup.policy, setup.catalogue, language,
                         SarifTool{NAGARE_VERSION, NAGARE_INFORMATION_URI}, out);
  } else if (options.format == "json") {
    write_findings_json(findings, language, out);
  } else {
    write_findings_text(findings, language, out);
  }
}

int run_check(const CheckOptions& options, Language language) {
  Diagnostics problems;
  const std::vector<std::string> files = expand_models(options.models, problems);
  if (!report(problems, language)) return kExitUsage;
  std::vector<std::string> inputs = setup_files(options.policy);
  inputs.insert(inputs.end(), files.begin(), files.end());
  if (!output_spares_inputs(options.output, inputs, language)) return kExitUsage;
  auto setup = load_setup(options.policy, language);
  if (!setup) return kExitUsage;
  const std::optional<FindingsFormat> format = part_format(options);
  std::vector<FileResult> results = check_files(files, *setup, format, language);
  std::vector<Finding> findings;    // a ward's, for SARIF
  std::vector<FindingsPart> parts;  // a ward's, in text or JSON
  bool input_ok = true;
  for (FileResult& result : results) {
    if (result.failure) std::rethrow_exception(result.failure);
    if (!report(result.diagnostics, language)) {
      input_ok = false;
      continue;
    }
    if (result.formatted) parts.push_back(std::move(*result.formatted));
    if (findings.empty()) {
      findings = std::move(result.findings);
    } else {
      findings.insert(findings.end(), std::make_move_iterator(result.findings.begin()),
                      std::make_move_iterator(result.findings.end()));
    }
    result = {};
  }
  if (!input_ok) return kExitUsage;
  const bool one_model = kept_until_exit != nullptr && kept_until_exit->findings.has_value();
  if (!one_model && format) {
    write_output(options,
                 [&](TextOutput& out) { write_findings_parts(parts, *format, language, out); });
    const bool errors = std::any_of(parts.begin(), parts.end(),
                                    [](const FindingsPart& part) { return part.counts.error > 0; });
    return errors ? kExitFindings : kExitOk;
  }
  const FindingSequence written =
      one_model ? FindingSequence(*kept_until_exit->findings) : FindingSequence(findings);
  write_output(options,
               [&](TextOutput& out) { write_findings(written, options, *setup, language, out); });
  return written.counts().error > 0 ? kExitFindings : kExitOk;
}

}  // namespace

void add_check_command(CLI::App& app, GlobalOptions& global, int& result) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* check = app.add_subcommand("check", "モデルを検査し、対策のない流れを報告する");
  check->add_option("models", options->models, "モデルファイル (ディレクトリなら中の .toml すべて)")
      ->required();
  check->add_option("--policy", options->policy, "ポリシーファイル (既定: 同梱の標準ポリシー)");
  check->add_option("--format", options->format, "出力形式 (text, json, sarif)")
      ->check(CLI::IsMember({"text", "json", "sarif"}))
      ->capture_default_str();
  check->add_option("-o,--output", options->output, "出力先ファイル (- は標準出力)")
      ->capture_default_str();
  add_language_option(*check, global);
  check->callback([options, &global, &result] { result = run_check(*options, global.lang()); });
}

}  // namespace nagare::cli
