#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
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

/// Loads and checks one model. Its tree and model are kept until the process ends (see
/// KeptUntilExit).
FileResult check_one(const std::string& file, const Setup& setup) {
  FileResult result;
  try {
    if (kept_until_exit == nullptr) kept_until_exit = new KeptUntilExit;  // once a process
    auto model = load_model_file(file, setup.catalogue, kept_until_exit->tree);
    result.diagnostics = std::move(model.diagnostics);
    if (model.value) {
      kept_until_exit->model = std::move(model.value);
      kept_until_exit->findings =
          check_model_compact(*kept_until_exit->model, setup.catalogue, setup.policy);
    }
  } catch (...) {
    result.failure = std::current_exception();
  }
  return result;
}

/// Loads and checks a ward's files, on as many threads as the machine has cores: its models
/// are independent, and parsing TOML is most of the time. Each model is freed once checked,
/// its findings formatted first (text, JSON) or read out (SARIF). `in_order` gets every
/// file's result on this thread, in file order, as soon as it and all before it are done,
/// so the output does not depend on the threads and is written while the rest is checked.
void check_ward(const std::vector<std::string>& files, const Setup& setup,
                std::optional<FindingsFormat> format, Language language,
                const std::function<void(FileResult&)>& in_order) {
  const std::size_t count = files.size();
  std::vector<FileResult> results(count);
  const auto done = std::make_unique<std::atomic<bool>[]>(count);
  std::atomic<std::size_t> next{0};
  std::size_t handed = 0;  // results given to in_order
  auto hand_on = [&](bool wait) {
    for (; handed < count; ++handed) {
      if (!done[handed].load(std::memory_order_acquire)) {
        if (!wait) return;
        done[handed].wait(false, std::memory_order_acquire);
      }
      in_order(results[handed]);
      results[handed] = {};
    }
  };
  auto work = [&](bool hands_on) {
    for (std::size_t i = next++; i < count; i = next++) {
      try {
        auto model = load_model_file(files[i], setup.catalogue);
        results[i].diagnostics = std::move(model.diagnostics);
        if (model.value) {
          // Formatted here, on every core, while the model they point into is still there.
          const CheckedFindings findings =
              check_model_compact(*model.value, setup.catalogue, setup.policy);
          if (format) {
            results[i].formatted = format_findings_part(findings, *format, language);
          } else {
            results[i].findings = findings.to_vector();
          }
        }
      } catch (...) {
        results[i].failure = std::current_exception();
      }
      done[i].store(true, std::memory_order_release);
      done[i].notify_one();
      if (hands_on) hand_on(false);
    }
  };
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t helpers = std::min(cores, count) - (count == 0 ? 0 : 1);
  std::vector<std::jthread> threads;
  for (std::size_t t = 0; t < helpers; ++t) threads.emplace_back(work, false);
  try {
    work(true);
    hand_on(true);
  } catch (...) {
    next = count;  // the helpers stop after the file they are on
    throw;
  }
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
  if (files.size() == 1) {
    FileResult result = check_one(files[0], *setup);
    if (result.failure) std::rethrow_exception(result.failure);
    if (!report(result.diagnostics, language)) return kExitUsage;
    const FindingSequence findings(*kept_until_exit->findings);
    write_output(options, [&](TextOutput& out) {
      write_findings(findings, options, *setup, language, out);
    });
    return findings.counts().error > 0 ? kExitFindings : kExitOk;
  }
  // A ward. Its findings go to the output file as soon as they and every file's before them
  // are checked; the output is committed only if every file loads. Standard output cannot
  // be taken back, so there the findings are kept until then.
  AtomicOutputFile file(options.output);
  TextOutput out([&file](std::string_view block) { file.write(block); });
  const bool streamed = format && !file.writes_through();
  std::optional<FindingsPartsWriter> writer;
  if (streamed) writer.emplace(*format, language, out);
  std::vector<FindingsPart> kept_parts;
  std::vector<Finding> findings;  // for SARIF
  bool input_ok = true;
  check_ward(files, *setup, format, language, [&](FileResult& result) {
    if (result.failure) std::rethrow_exception(result.failure);
    if (!report(result.diagnostics, language)) input_ok = false;
    if (!input_ok) return;
    if (!format) {
      findings.insert(findings.end(), std::make_move_iterator(result.findings.begin()),
                      std::make_move_iterator(result.findings.end()));
    } else if (streamed) {
      writer->add(*result.formatted);
    } else {
      kept_parts.push_back(std::move(*result.formatted));
    }
  });
  if (!input_ok) return kExitUsage;
  std::size_t errors = 0;
  if (format) {
    if (!writer) writer.emplace(*format, language, out);
    for (const FindingsPart& part : kept_parts) writer->add(part);
    errors = writer->finish().error;
  } else {
    const FindingSequence written(findings);
    write_findings(written, options, *setup, language, out);
    errors = written.counts().error;
  }
  out.flush();
  file.commit();
  return errors > 0 ? kExitFindings : kExitOk;
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
