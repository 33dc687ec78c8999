// Argument parsing with CLI11: one subcommand per SPEC command, the common
// flags on each. Usage errors exit 2, like grep's.
#include "cli/options.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <tally/report.hpp>

namespace tally::cli {

ParseResult parse_options(int argc, char** argv) {
  CLI::App app{"tally: checks whether the figures in a set of documents tally", "tally"};
  app.set_version_flag("--version", std::string("tally ") + k_version);
  app.require_subcommand(1);
  app.fallthrough(false);
  Options o;

  auto common = [&o](CLI::App* sub, const std::string& formats) {
    sub->add_option("--format", o.format, "Output format: " + formats);
    sub->add_option("-o,--output", o.output, "Write output to FILE (default: standard output)");
    sub->add_option("--config", o.config, "Configuration file (default: tally.json found upwards)");
    sub->add_option("-j,--jobs", o.jobs, "Worker threads (default: all cores)");
    sub->add_flag("-q,--quiet", o.quiet, "Print no warnings and no progress");
    sub->add_flag("--no-color", o.no_color, "Never colour the output");
  };
  auto inputs = [&o](CLI::App* sub) {
    sub->add_option("--input-format", o.input_format,
                    "How to read files and '-': auto, text, markdown, html, jsonl")
        ->check(CLI::IsMember({"auto", "text", "markdown", "html", "jsonl"}));
    sub->add_flag("--markdown-code", o.markdown_code, "Read code spans and blocks of Markdown as text");
  };
  auto checks = [&o](CLI::App* sub) {
    sub->add_option("--fail-on", o.fail_on, "Lowest severity that makes the exit status 1")
        ->check(CLI::IsMember({"error", "warning", "note", "never"}));
    sub->add_flag("--explain", o.explain, "Say why claims were grouped and how severity was decided");
    sub->add_option("--baseline", o.baseline, "Report only findings whose id is not in FILE");
    sub->add_option("--write-baseline", o.write_baseline, "Record the ids of this run's findings in FILE");
  };

  CLI::App* extract = app.add_subcommand("extract", "Print every figure found, one record per figure");
  common(extract, "text, jsonl, json, tsv");
  inputs(extract);
  extract->add_option("paths", o.paths, "Files, directories, or - for standard input")->required();

  CLI::App* check = app.add_subcommand("check", "Extract, reconcile and print findings; exit status for CI");
  common(check, "text, json, jsonl, sarif, github, html");
  inputs(check);
  checks(check);
  check->add_option("paths", o.paths, "Files, directories, or - for standard input")->required();

  CLI::App* report = app.add_subcommand("report", "Write the HTML report (check --format html)");
  common(report, "html");
  inputs(report);
  checks(report);
  report->add_option("paths", o.paths, "Files, directories, or - for standard input")->required();

  CLI::App* diff = app.add_subcommand("diff", "Figures added, removed and changed between OLD and NEW");
  common(diff, "text, json, html");
  inputs(diff);
  diff->add_option("paths", o.paths, "OLD and NEW: files, directories or JSONL corpora")
      ->required()
      ->expected(2);

  CLI::App* reconcile = app.add_subcommand("reconcile", "Reconcile structured claims (JSONL)");
  common(reconcile, "text, json, jsonl, sarif, github, html");
  checks(reconcile);
  reconcile->add_flag("--consensus", o.consensus, "Print one JSON line per subject with its consensus");
  reconcile->add_option("paths", o.paths, "Claim files (JSONL), or - for standard input")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return {std::nullopt, code == 0 ? 0 : 2};
  }
  for (CLI::App* sub : {extract, check, report, diff, reconcile})
    if (sub->parsed()) o.command = sub->get_name();
  if (o.command == "report" && o.output.empty()) {
    fmt::print(stderr, "tally: error: report needs -o FILE.html\n");
    return {std::nullopt, 2};
  }
  return {std::move(o), 0};
}

}  // namespace tally::cli
