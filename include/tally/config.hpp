// Configuration: tolerances, severity thresholds, synonyms, ignores.
//
// Read from `--config FILE`, else the first `tally.json` or `.tally.json`
// from the current directory upwards (stopping at a directory holding
// `.git`). JSON with comments. An unknown key or a wrong type is an error
// naming the key:
//
//   {
//     // a round "3,000" stated as approximate covers ±15%
//     "tolerance": {"approximate": 0.15, "nearly": 0.10, "exact_max": 0.05,
//                   "vague": 0.0, "arithmetic": 0.01},
//     "severity": {"error_ratio": 1.2},
//     "fail_on": "error",
//     "synonyms": {"troops": ["soldiers", "servicemen", "personnel"]},
//     "ignore": {"paths": ["drafts/**"], "subjects": ["page views"]},
//     "currency_rates": {"EUR": 1.08, "GBP": 1.27},   // to USD
//     "markdown": {"code": false},
//     "overrides": [{"paths": ["docs/**"], "fail_on": "warning"}]
//   }
//
// Unknown keys are rejected so that a misspelt key cannot silently not apply
// (Vale's most requested fix). `$schema` is accepted and ignored, for editors.
// RECONCILE.md documents every key and argues the defaults.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <tally/error.hpp>

namespace tally {

enum class Severity { note, warning, error };  // ordered: a higher value is more severe
std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view s);

// `--fail-on never` is represented as an empty optional.
using FailOn = std::optional<Severity>;

struct Tolerances {
  double approximate = 0.15;  // ± fraction for about, approximately, around...
  double nearly = 0.10;       // [-fraction, 0] for nearly, almost, close to
  double exact_max = 0.05;    // cap of the precision tolerance of an exact figure
  double vague = 0.0;         // extra ± fraction on top of a vague expression's interval
  // Within one document (rule `arithmetic`): how far parts may overshoot their
  // total, as a fraction of the total, before it is a finding.
  double arithmetic = 0.01;
};

struct SeverityThresholds {
  // A conflict whose ratio between the nearest ends of the widened intervals
  // is at least this is an error; below it, a warning.
  double error_ratio = 1.2;
};

struct PathOverride {
  std::vector<std::string> paths;  // glob patterns on document ids
  std::optional<FailOn> fail_on;
  std::optional<Tolerances> tolerance;
};

struct Config {
  Tolerances tolerance;
  SeverityThresholds severity;
  FailOn fail_on = Severity::error;
  std::map<std::string, std::vector<std::string>> synonyms;  // class name -> words
  std::vector<std::string> ignore_paths;     // glob patterns
  std::vector<std::string> ignore_subjects;  // substrings of subjects
  std::map<std::string, double> currency_rates;  // ISO code -> value of one unit in USD
  bool markdown_code = false;
  std::vector<PathOverride> overrides;
  std::string origin;  // file it was read from, "" for the defaults
};

// Glob patterns on document ids: `*` and `?` stay within one path segment,
// `**` crosses segments. A pattern matches the whole id or any suffix of it
// that starts after a '/', so "drafts/**" matches "corpora/news/drafts/a.md".
bool glob_match(std::string_view pattern, std::string_view path);

// What applies to one document: the last override whose paths match it wins,
// else the top-level setting.
const Tolerances& tolerances_for(const Config& config, std::string_view doc);
FailOn fail_on_for(const Config& config, std::string_view doc);
bool path_ignored(const Config& config, std::string_view doc);

// Parses a config document. `path` names it in errors.
Expected<Config> parse_config(std::string_view json_text, const std::string& path);
// Reads `path`, or when empty discovers tally.json / .tally.json from `start_dir` upwards;
// returns the defaults when nothing is found.
Expected<Config> load_config(const std::string& path, const std::string& start_dir = ".");

}  // namespace tally
