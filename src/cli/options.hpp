// Command-line options: what the user asked for, parsed by CLI11.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace tally::cli {

struct Options {
  std::string command;  // extract, check, report, diff, reconcile
  std::vector<std::string> paths;
  std::string format;   // empty: the command's default
  std::string output;   // empty or "-": standard output
  std::string config;
  unsigned jobs = 0;
  bool quiet = false;
  bool no_color = false;
  std::string input_format = "auto";
  std::string fail_on;  // empty: from the config (default "error")
  bool explain = false;
  std::string baseline;
  std::string write_baseline;
  bool consensus = false;
  bool markdown_code = false;
};

// Parses argv. Returns the options, or the exit status when parsing ended the
// run (0 for --help and --version, 2 for a usage error, already printed).
struct ParseResult {
  std::optional<Options> options;
  int exit_code = 0;
};
ParseResult parse_options(int argc, char** argv);

}  // namespace tally::cli
