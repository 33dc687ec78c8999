// The commands of the `tally` program.
#pragma once

namespace tally::cli {

// Parses argv, runs the command, returns the exit status (SPEC "Exit status").
int run(int argc, char** argv);

}  // namespace tally::cli
