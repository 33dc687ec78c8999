// Reconciliation: which claims are about the same thing, and do they tally.
//
//   std::vector<tally::Claim> claims = ...;      // from check or from JSONL
//   tally::Reconciliation r = tally::reconcile(claims, config, tally::Grouping::cluster);
//   for (const tally::Finding& f : r.findings) ...
//
// Claims are compared only within a block (Mention::block). Within a block,
// `Grouping::cluster` forms subjects from what is counted (lemma and synonym
// class), key modifiers and entities, event, place and period;
// `Grouping::exact_subject` takes Mention::subject as given (tally reconcile).
// Each claim becomes an interval widened by a tolerance from its qualifier and
// precision; claims whose widened intervals do not overlap conflict.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
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
};

// Why a finding was made, for --explain.
struct ClaimExplanation {
  std::size_t claim = 0;  // index into the claims vector
  double low = 0;         // widened interval in the base unit
  double high = 0;
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
  std::vector<SubjectSummary> subjects;
  std::map<std::string, double> source_reliability;
};

Reconciliation reconcile(const std::vector<Claim>& claims, const Config& config, Grouping grouping);

}  // namespace tally
