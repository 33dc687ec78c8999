// The `tally` program: argv in, exit code out. Everything else is in the library.
#include "cli/commands.hpp"

int main(int argc, char** argv) { return tally::cli::run(argc, argv); }
