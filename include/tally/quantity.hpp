// The vocabulary of a figure: qualifiers, modality, intervals.
//
// A stated figure is an interval in its stated unit plus the words that
// qualify it. "more than 3,000" is {low = 3000, high = open, more_than};
// "between 10 and 12 thousand" is {10000, 12000, range}; "approximately
// 3,000" is {3000, 3000, approximate}: the tolerance of "approximately" is
// applied only when two claims are compared (see reconcile.hpp).
#pragma once

#include <optional>
#include <string_view>

namespace tally {

enum class Qualifier {
  exact,
  approximate,
  nearly,
  at_least,
  more_than,
  at_most,
  less_than,
  range,
  vague,
};

enum class Modality {
  asserted,
  planned,
  forecast,
  possible,
  negated,
  question,
  hypothetical,
};

std::string_view to_string(Qualifier q);
std::string_view to_string(Modality m);
std::optional<Qualifier> parse_qualifier(std::string_view s);
std::optional<Modality> parse_modality(std::string_view s);

// A closed interval whose ends may be open (absent): [low, high].
struct Interval {
  std::optional<double> low;
  std::optional<double> high;

  bool operator==(const Interval&) const = default;
};

}  // namespace tally
