// `check --format json` and `--format jsonl`: findings for scripts.
//
// json is one object (SPEC "check output", schemas/tally-check.schema.json):
// the tool, counts, and the findings, each carrying its claims as full extract
// records so a consumer never has to re-run extraction. jsonl is the same
// finding objects, one per line, for streaming into other tools. With
// --explain each finding also carries its `explanation`.
#include <tally/report.hpp>

#include <cmath>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "report/json_stream.hpp"
#include "report/present.hpp"

namespace tally::detail {
namespace {

// Keys in the order SPEC shows them, so the output reads top-down.
using json = nlohmann::ordered_json;

// 3000 rather than 3000.0 when the value is a whole number a double holds exactly.
json json_number(double v) {
  if (!std::isfinite(v)) return nullptr;
  if (std::trunc(v) == v && std::fabs(v) < 9007199254740992.0) return static_cast<std::int64_t>(v);
  return v;
}

json consensus_json(const std::optional<Consensus>& c) {
  if (!c) return nullptr;
  return {{"value", json_number(c->value)},
          {"low", json_number(c->low)},
          {"high", json_number(c->high)},
          {"support", c->support},
          {"unit", c->unit}};
}

json explanation_json(const Explanation& e) {
  json intervals = json::array();
  for (const ClaimExplanation& ce : e.intervals)
    intervals.push_back({{"claim", ce.claim},
                         {"low", json_number(ce.low)},
                         {"high", json_number(ce.high)},
                         {"unit", ce.unit},
                         {"tolerance", ce.tolerance}});
  return {{"matched", e.matched},
          {"intervals", std::move(intervals)},
          {"ratio", e.ratio ? json_number(*e.ratio) : json(nullptr)},
          {"severity_reason", e.severity_reason}};
}

json finding_json(const Finding& f, const std::vector<Claim>& claims, bool explain) {
  json records = json::array();
  for (std::size_t i : finding_claims(f, claims)) records.push_back(json(to_record(claims[i])));
  json j = {{"id", f.id},
            {"rule", f.rule},
            {"severity", std::string(to_string(f.severity))},
            {"subject", f.subject},
            {"message", f.message},
            {"claims", std::move(records)},
            {"consensus", consensus_json(f.consensus)}};
  if (explain) j["explanation"] = explanation_json(f.explanation);
  return j;
}

// Invalid UTF-8 in a corpus must not abort the run: it is written as U+FFFD.
std::string dump(const json& j, int indent) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

}  // namespace

void write_check_json(std::ostream& out, const CheckRun& run, bool one_finding_per_line,
                      const ReportOptions& options) {
  const RunData data = run_data(run);
  if (one_finding_per_line) {
    for (const Finding& f : data.findings)
      out << dump(finding_json(f, data.claims, options.explain), -1) << '\n';
    return;
  }
  // One finding at a time: their claim records are most of the output.
  const json head = {{"tool", {{"name", "tally"}, {"version", k_version}}},
                     {"documents", run.documents},
                     {"claims", data.claims.size()},
                     {"subjects", data.subjects},
                     {"findings", k_streamed_items}};
  dump_with_streamed_items(out, head, data.findings.size(), [&](std::size_t i) {
    return finding_json(data.findings[i], data.claims, options.explain);
  });
}

}  // namespace tally::detail
