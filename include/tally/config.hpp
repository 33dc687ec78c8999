// Configuration: tolerances, severity thresholds, synonyms, ignores.
//
// Read from `--config FILE`, else the first `tally.json` or `.tally.json`
// from the current directory upwards (stopping at a directory holding
// `.git`). JSON with comments. An unknown key or a wrong type is an error
// naming the key:
//
//   {
//     // a round "3,000" stated as approximate covers ±15%
//     "tolerance": {"approximate": 0.15, "nearly": 0.10, "exact_max": 0.05},
//     "severity": {"error_ratio": 1.2},
//     "fail_on": "error",
//     "synonyms": {"troops": ["soldiers", "servicemen", "personnel"]},
//     "ignore": {"paths": ["drafts/**"], "subjects": ["page views"]},
//     "currency_rates": {"EUR": 1.08, "GBP": 1.27},   // to USD
//     "markdown": {"code": false},
//     "overrides": [{"paths": ["docs/**"], "fail_on": "warning"}]
//   }
#pragma once

#include <map>
#include <optional>
#include <string>
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

// Parses a config document. `path` names it in errors.
Expected<Config> parse_config(std::string_view json_text, const std::string& path);
// Reads `path`, or when empty discovers tally.json / .tally.json from `start_dir` upwards;
// returns the defaults when nothing is found.
Expected<Config> load_config(const std::string& path, const std::string& start_dir = ".");

}  // namespace tally
