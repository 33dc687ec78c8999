// Formatting of diagnostics: `PATH[:LINE]: LEVEL: MESSAGE`, as compilers and
// linters print them, so editors and CI logs can jump to the place.
#include <tally/corpus.hpp>
#include <tally/error.hpp>

#include <fmt/format.h>

namespace tally {

std::string Diagnostic::format() const {
  const char* lvl = level == Level::error ? "error" : "warning";
  std::string where = path.empty() ? std::string("tally") : path;
  if (line > 0) return fmt::format("{}:{}: {}: {}", where, line, lvl, message);
  return fmt::format("{}: {}: {}", where, lvl, message);
}

std::size_t CollectingSink::errors() const {
  std::size_t n = 0;
  for (const Diagnostic& d : items) n += d.level == Level::error;
  return n;
}

}  // namespace tally
