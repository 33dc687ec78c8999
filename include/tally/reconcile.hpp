// Reconciliation: which claims are about the same thing, and do they tally.
//
//   std::vector<tally::Claim> claims = ...;      // from check or from JSONL
//   tally::Reconciliation r = tally::reconcile(claims, config, tally::Grouping::cluster);
//   for (const tally::Finding& f : r.findings) ...
//
// ReconcileOptions leave out what a caller will not read: on 2 million claims
// the explanations and the per-subject summaries take more memory than the
// findings themselves.
//
// Claims are compared only within a block (Mention::block). Within a block,
// `Grouping::cluster` forms subjects from what is counted (lemma and synonym
// class), key modifiers and entities, event, place and period;
// `Grouping::exact_subject` takes Mention::subject as given (tally reconcile).
// Each claim becomes an interval widened by a tolerance from its qualifier and
// precision; claims whose widened intervals do not overlap conflict.
//
// Findings (rules, severities, ids, messages) depend only on the claims of
// each block, never on other blocks, so partitioning claims by block and
// reconciling each part gives the same findings (SPEC "Scale"). Source
// reliability is estimated across all claims given and only moves the
// `consensus` values. Findings come out ordered by severity (most severe
// first), then subject, then the smallest Claim::index among their claims,
// then rule. RECONCILE.md explains how subjects form and severity is set.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <tally/claim.hpp>
#include <tally/config.hpp>

namespace tally {

enum class Grouping { cluster, exact_subject };

struct Consensus {
  double value = 0;
  double low = 0;
  double high = 0;
  std::size_t support = 0;  // independent sources that agree with it
  // Unit of value/low/high: the claims' stated unit when they all share it
  // (so "$4.52bn" claims give a consensus in USD, "19 km" ones in km), else
  // the base unit of `norm` (a mix of km and mi gives metres).
  std::string unit;
};

// Why a finding was made, for --explain.
struct ClaimExplanation {
  std::size_t claim = 0;  // index into the claims vector
  double low = 0;         // widened interval in the comparison unit; ±infinity = open
  double high = 0;
  std::string unit;       // the comparison unit (base unit, or USD with currency_rates)
  std::string tolerance;  // how it was widened, e.g. "approximate ±15%"
};

struct Explanation {
  std::vector<std::string> matched;  // what made the claims one subject
  std::vector<ClaimExplanation> intervals;
  std::optional<double> ratio;       // between the nearest ends, for conflicts
  std::string severity_reason;       // e.g. "ratio 2.0 >= error_ratio 1.2"
};

struct Finding {
  std::string id;     // stable fingerprint: rule, subject, normalised values, sources
  std::string rule;   // conflict, drift, aspect, arithmetic
  Severity severity = Severity::warning;
  std::string subject;
  std::string message;
  std::vector<std::size_t> claims;  // indexes into the claims vector, in display order
  std::optional<Consensus> consensus;
  Explanation explanation;
};

struct SubjectSummary {
  std::string subject;
  std::string block;
  std::vector<std::size_t> claims;
  std::optional<Consensus> consensus;
  std::map<std::string, double> sources;  // source -> reliability in [0, 1]
};

struct Reconciliation {
  std::vector<Finding> findings;  // stable order
  std::size_t subject_count = 0;
  std::vector<SubjectSummary> subjects;  // every subject, when ReconcileOptions::summaries
  std::map<std::string, double> source_reliability;
};

struct ReconcileOptions {
  bool explain = true;    // fill Finding::explanation (--explain, the HTML report)
  bool summaries = true;  // fill Reconciliation::subjects (reconcile --consensus)
};

Reconciliation reconcile(const std::vector<Claim>& claims, const Config& config, Grouping grouping,
                         ReconcileOptions options = {});

// Whether the findings should fail the run (exit 1): any finding at or above
// the fail-on level. `cli_fail_on` (--fail-on) wins over the config; without
// it each finding is held to the strictest `fail_on` of its claims' documents
// (per-path overrides, else the top-level key).
bool should_fail(const Reconciliation& result, const std::vector<Claim>& claims,
                 const Config& config, std::optional<FailOn> cli_fail_on = std::nullopt);

// `tally reconcile --consensus`: one JSON line per subject, in the order of
// Reconciliation::subjects:
//   {"subject": ..., "block": ..., "claims": 7,
//    "consensus": {"value": ..., "low": ..., "high": ..., "support": 5, "unit": ""},
//    "sources": {"CapitalBot": 0.91, ...}}
void write_consensus(std::ostream& out, const std::vector<Claim>& claims,
                     const Reconciliation& result);

// Baselines (--write-baseline / --baseline): a JSON file
//   {"tool": "tally", "version": "0.1.0", "findings": ["0a1b2c3d4e5f", ...]}
// with the finding ids sorted. Reading accepts ids as strings or as objects
// with an "id" member, so a saved `check --format json` works as a baseline.
Expected<std::set<std::string>> read_baseline(const std::string& path);
std::optional<Error> write_baseline(const std::string& path, const std::vector<Finding>& findings,
                                    std::string_view tool_version);
// Drops the findings whose id is in `baseline`; returns how many were dropped.
std::size_t apply_baseline(Reconciliation& result, const std::set<std::string>& baseline);

}  // namespace tally
