// The commands: options in, library calls, exit status out. What a test would
// want to reach lives in the library; this file only wires and prints.
#include "cli/commands.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>

#include <fmt/format.h>

#include <tally/claim_io.hpp>
#include <tally/config.hpp>
#include <tally/diff.hpp>
#include <tally/pipeline.hpp>
#include <tally/reconcile.hpp>
#include <tally/report.hpp>

#include "cli/options.hpp"

namespace tally::cli {
namespace {

constexpr int k_exit_ok = 0;
constexpr int k_exit_findings = 1;
constexpr int k_exit_trouble = 2;

// Prints diagnostics to stderr as they come (warnings unless --quiet) and
// remembers whether any was an error, which makes the exit status 2.
class PrintingSink : public DiagnosticSink {
 public:
  explicit PrintingSink(bool quiet) : quiet_(quiet) {}
  void report(Diagnostic d) override {
    if (d.level == Level::error) ++errors_;
    if (d.level == Level::error || !quiet_) fmt::print(stderr, "{}\n", d.format());
  }
  std::size_t errors() const { return errors_; }

 private:
  bool quiet_;
  std::size_t errors_ = 0;
};

// A progress line on stderr, only when stderr is a terminal and the run is long.
class Progress {
 public:
  explicit Progress(bool quiet) : enabled_(!quiet && isatty(STDERR_FILENO) != 0) {}
  ~Progress() { done(); }
  void tick(std::size_t docs, std::size_t bytes) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    shown_ = true;
    fmt::print(stderr, "\r{} documents, {:.1f} MB", docs, static_cast<double>(bytes) / 1e6);
  }
  void done() {
    if (shown_) fmt::print(stderr, "\r\x1b[K");
    shown_ = false;
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

// Where output goes: standard output, or a file opened once.
class Output {
 public:
  explicit Output(const std::string& path) {
    if (!path.empty() && path != "-") {
      file_ = std::make_unique<std::ofstream>(path, std::ios::binary);
      ok_ = static_cast<bool>(*file_);
    }
  }
  bool ok() const { return ok_; }
  std::ostream& stream() { return file_ ? *file_ : std::cout; }
  bool is_terminal() const { return !file_ && isatty(STDOUT_FILENO) != 0; }

 private:
  std::unique_ptr<std::ofstream> file_;
  bool ok_ = true;
};

bool want_color(const Options& o, const Output& out) {
  return !o.no_color && out.is_terminal() && std::getenv("NO_COLOR") == nullptr;
}

InputFormat input_format(const std::string& s) {
  if (s == "text") return InputFormat::text;
  if (s == "markdown") return InputFormat::markdown;
  if (s == "html") return InputFormat::html;
  if (s == "jsonl") return InputFormat::jsonl;
  return InputFormat::automatic;
}

PipelineOptions pipeline_options(const Options& o, const Config* cfg) {
  PipelineOptions p;
  p.jobs = o.jobs;
  InputFormat f = input_format(o.input_format);
  p.corpus.stdin_format = f == InputFormat::automatic ? InputFormat::text : f;
  p.corpus.force_format = f;
  p.corpus.markdown_code = o.markdown_code || (cfg && cfg->markdown_code);
  if (cfg) p.corpus.ignore = cfg->ignore_paths;
  return p;
}

std::optional<Config> load(const Options& o, PrintingSink& sink) {
  auto cfg = load_config(o.config);
  if (!cfg) {
    sink.report(cfg.error());
    return std::nullopt;
  }
  return std::move(*cfg);
}

// Reads and extracts every input into claims (and document views for HTML).
struct Extracted {
  std::vector<Claim> claims;
  std::vector<DocumentView> views;
  std::size_t documents = 0;
};

// Claims are collected in fixed-size chunks (each one allocation, never
// grown, so a claim is built in place and never moved while collecting), then
// moved once into an exactly sized vector, freeing each chunk as it is
// emptied: the peak is the claims plus one chunk, not the old and the new
// buffer of a doubling vector. A chunk is larger than glibc's largest mmap
// threshold (32 MB), so it is its own mapping and freeing it returns memory.
constexpr std::size_t k_claim_chunk = (std::size_t{48} << 20) / sizeof(Claim);

Extracted extract_all(const Options& o, const std::vector<std::string>& paths, const Config* cfg,
                      PrintingSink& sink, bool keep_views) {
  Extractor extractor;
  Extracted ex;
  Progress progress(o.quiet);
  std::size_t bytes = 0;
  std::size_t total = 0;
  std::vector<std::vector<Claim>> chunks;
  ClaimBuilder builder;
  run_extraction(paths, extractor, pipeline_options(o, cfg), sink,
                 [&](const Document& doc, std::vector<Mention>&& mentions) {
                   ++ex.documents;
                   bytes += doc.raw.size();
                   progress.tick(ex.documents, bytes);
                   std::size_t first = total;
                   if (chunks.empty() || chunks.back().capacity() - chunks.back().size() < mentions.size()) {
                     chunks.emplace_back().reserve(std::max(k_claim_chunk, mentions.size()));
                   }
                   total += mentions.size();
                   builder.append(doc, std::move(mentions), first, chunks.back());
                   if (keep_views) {
                     DocumentView v{doc.meta, doc.raw, {}};
                     for (std::size_t i = first; i < total; ++i) v.claims.push_back(i);
                     ex.views.push_back(std::move(v));
                   }
                 });
  builder = ClaimBuilder();  // the claims own their sentences now
  if (chunks.size() == 1) {
    ex.claims = std::move(chunks.front());  // unused capacity is never touched, so costs no memory
  } else {
    ex.claims.reserve(total);
    for (std::vector<Claim>& chunk : chunks) {
      std::move(chunk.begin(), chunk.end(), std::back_inserter(ex.claims));
      std::vector<Claim>().swap(chunk);
    }
  }
  return ex;
}

int run_extract(const Options& o) {
  PrintingSink sink(o.quiet);
  ExtractFormat format = ExtractFormat::text;
  if (o.format == "jsonl") format = ExtractFormat::jsonl;
  else if (o.format == "json") format = ExtractFormat::json;
  else if (o.format == "tsv") format = ExtractFormat::tsv;
  else if (!o.format.empty() && o.format != "text") {
    sink.report(make_error("", 0, fmt::format("unknown format '{}' for extract", o.format)));
    return k_exit_trouble;
  }
  std::optional<Config> cfg;
  if (!o.config.empty()) {
    cfg = load(o, sink);
    if (!cfg) return k_exit_trouble;
  }
  Output out(o.output);
  if (!out.ok()) {
    sink.report(make_error(o.output, 0, "cannot write output file"));
    return k_exit_trouble;
  }
  ExtractWriter writer(out.stream(), format, {want_color(o, out), false});
  Extractor extractor;
  Progress progress(o.quiet);
  std::size_t docs = 0, bytes = 0;
  // Each mention is written straight from its document: no Claim, no copy.
  run_extraction(o.paths, extractor, pipeline_options(o, cfg ? &*cfg : nullptr), sink,
                 [&](const Document& doc, std::vector<Mention>&& mentions) {
                   progress.tick(++docs, bytes += doc.raw.size());
                   const RecordSource from{doc.meta.id, doc.meta.source, doc.meta.date};
                   for (const Mention& m : mentions) writer.add(from, m);
                 });
  writer.finish();
  return sink.errors() > 0 ? k_exit_trouble : k_exit_ok;
}

std::optional<CheckFormat> check_format(const std::string& f) {
  if (f.empty() || f == "text") return CheckFormat::text;
  if (f == "json") return CheckFormat::json;
  if (f == "jsonl") return CheckFormat::jsonl;
  if (f == "sarif") return CheckFormat::sarif;
  if (f == "github") return CheckFormat::github;
  if (f == "html") return CheckFormat::html;
  return std::nullopt;
}

// Applies --baseline / --write-baseline, prints the report and picks the exit status.
int finish_check(const Options& o, const Config& cfg, CheckFormat format, Extracted& ex,
                 Grouping grouping, PrintingSink& sink) {
  // Only what the chosen output prints: explanations and per-subject
  // summaries cost hundreds of MB on a corpus of millions of claims.
  ReconcileOptions wanted;
  wanted.explain = o.explain || format == CheckFormat::html;
  wanted.summaries = o.consensus;
  Reconciliation r = reconcile(ex.claims, cfg, grouping, wanted);
  if (!o.write_baseline.empty()) {
    if (auto err = write_baseline(o.write_baseline, r.findings, k_version)) sink.report(*err);
  }
  if (!o.baseline.empty()) {
    auto known = read_baseline(o.baseline);
    if (!known) {
      sink.report(known.error());
    } else {
      apply_baseline(r, *known);
    }
  }
  Output out(o.output);
  if (!out.ok()) {
    sink.report(make_error(o.output, 0, "cannot write output file"));
    return k_exit_trouble;
  }
  if (o.consensus) {
    write_consensus(out.stream(), ex.claims, r);
  } else {
    CheckRun run;
    run.documents = ex.documents;
    run.claims = &ex.claims;
    run.result = &r;
    run.views = std::move(ex.views);
    write_check(out.stream(), format, run, {want_color(o, out), o.explain});
  }
  out.stream().flush();

  if (sink.errors() > 0) return k_exit_trouble;
  std::optional<FailOn> cli_fail_on;
  if (!o.fail_on.empty()) cli_fail_on = o.fail_on == "never" ? FailOn{} : parse_severity(o.fail_on);
  return should_fail(r, ex.claims, cfg, cli_fail_on) ? k_exit_findings : k_exit_ok;
}

int run_check(const Options& o) {
  PrintingSink sink(o.quiet);
  auto format = check_format(o.command == "report" ? "html" : o.format);
  if (!format) {
    sink.report(make_error("", 0, fmt::format("unknown format '{}' for {}", o.format, o.command)));
    return k_exit_trouble;
  }
  auto cfg = load(o, sink);
  if (!cfg) return k_exit_trouble;
  Extracted ex = extract_all(o, o.paths, &*cfg, sink, *format == CheckFormat::html);
  return finish_check(o, *cfg, *format, ex, Grouping::cluster, sink);
}

int run_reconcile(const Options& o) {
  PrintingSink sink(o.quiet);
  auto format = check_format(o.format);
  if (!format) {
    sink.report(make_error("", 0, fmt::format("unknown format '{}' for reconcile", o.format)));
    return k_exit_trouble;
  }
  auto cfg = load(o, sink);
  if (!cfg) return k_exit_trouble;
  Extracted ex;
  std::set<std::string> docs;
  read_claims(o.paths, sink, [&](Claim&& c) {
    docs.insert(c.doc.str());
    ex.claims.push_back(std::move(c));
  });
  ex.documents = docs.size();
  return finish_check(o, *cfg, *format, ex, Grouping::exact_subject, sink);
}

int run_diff(const Options& o) {
  PrintingSink sink(o.quiet);
  DiffFormat format = DiffFormat::text;
  if (o.format == "json") format = DiffFormat::json;
  else if (o.format == "html") format = DiffFormat::html;
  else if (!o.format.empty() && o.format != "text") {
    sink.report(make_error("", 0, fmt::format("unknown format '{}' for diff", o.format)));
    return k_exit_trouble;
  }
  std::optional<Config> cfg;
  if (!o.config.empty()) {
    cfg = load(o, sink);
    if (!cfg) return k_exit_trouble;
  }
  // Documents are paired by id, so each side's ids are taken relative to its root.
  Extracted old_side = extract_all(o, {o.paths[0]}, cfg ? &*cfg : nullptr, sink, false);
  Extracted new_side = extract_all(o, {o.paths[1]}, cfg ? &*cfg : nullptr, sink, false);
  auto relative = [](std::vector<Claim>& claims, const std::string& root) {
    std::string prefix = root;
    if (!prefix.empty() && prefix.back() != '/') prefix += '/';
    for (Claim& c : claims) {
      if (c.doc == root) c.doc = root.substr(root.find_last_of('/') + 1);
      else if (c.doc.rfind(prefix, 0) == 0) c.doc = c.doc.substr(prefix.size());
    }
  };
  relative(old_side.claims, o.paths[0]);
  relative(new_side.claims, o.paths[1]);
  DiffResult d = diff_claims(old_side.claims, new_side.claims);
  Output out(o.output);
  if (!out.ok()) {
    sink.report(make_error(o.output, 0, "cannot write output file"));
    return k_exit_trouble;
  }
  write_diff(out.stream(), format, d, old_side.claims, new_side.claims, {want_color(o, out), false});
  out.stream().flush();
  if (sink.errors() > 0) return k_exit_trouble;
  return d.empty() ? k_exit_ok : k_exit_findings;
}

}  // namespace

int run(int argc, char** argv) {
  ParseResult parsed = parse_options(argc, argv);
  if (!parsed.options) return parsed.exit_code;
  const Options& o = *parsed.options;
  std::ios::sync_with_stdio(false);
  if (o.command == "extract") return run_extract(o);
  if (o.command == "check" || o.command == "report") return run_check(o);
  if (o.command == "reconcile") return run_reconcile(o);
  if (o.command == "diff") return run_diff(o);
  return k_exit_trouble;
}

}  // namespace tally::cli
