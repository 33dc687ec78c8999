// Comparison intervals: what range of true values a claim is compatible with.
//
// A claim's stated interval (in the base unit, `norm`) is widened by a
// tolerance that depends on its qualifier and on the precision of the figure
// as written (SPEC "Comparing two claims"):
//
//   "3,127"               exact        3,126.5 .. 3,127.5   (half a unit of the last non-zero digit)
//   "3,000"               exact        2,850 .. 3,150       (that would be ±500: capped at ±5%)
//   "approximately 3,000" approximate  2,550 .. 3,450       (±15%)
//   "nearly 3,000"        nearly       2,700 .. 3,000       (−10%, +0)
//   "more than 3,000"     more_than    2,850 .. open        (the bound widened by its precision)
//
// Two claims are compatible when their widened intervals overlap; otherwise
// `distance` is the ratio between their nearest ends. The --explain output
// prints `Widened::tolerance` so a reader can see how each end was reached.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

#include <tally/config.hpp>
#include <tally/extract.hpp>

namespace tally::detail {

struct Widened {
  std::optional<double> low;   // absent: open on that side
  std::optional<double> high;
  double point = 0;            // the claim as one value (the stated point, in the base unit)
  std::string tolerance;       // how it was widened, for --explain
};

// A widened interval as reconciliation keeps one for every claim: an open
// end is infinite, and there is no tolerance text (explain_claim widens the
// few claims a finding explains again). 24 bytes instead of Widened's 72 plus
// its string: on 2 million claims, 200 MB less.
struct Bounds {
  double low = -HUGE_VAL;
  double high = HUGE_VAL;
  double point = 0;
};

// Half a unit of the last non-zero digit of a decimal figure, relative to it:
// "3,127" -> 0.5/3127, "2.5" -> 0.05/2.5, "3,000" -> 500/3000. 0 for zero.
double relative_half_unit(std::string_view digits);

// The same for a figure as written in a mention's text ("$2.5bn" reads
// "2.5"); when the text holds no digits ("three thousand"), the stated
// value is used, printed with ten significant digits.
double relative_precision(std::string_view text, double stated_value);

// The unit a claim is compared in and the factor from its base unit to it:
// the base unit (`norm_unit`, else the stated unit), except that currencies
// with a configured rate are compared in USD ("EUR" -> "USD", x 1.08;
// "EUR/year" -> "USD/year"). Claims in different comparison units are never
// compared: without a rate, euros and dollars are different quantities.
struct ComparisonUnit {
  std::string unit;
  double scale = 1.0;
};
ComparisonUnit comparison_unit(const Mention& m, const Config& config);

// `scale` multiplies the base-unit values (currency conversion to USD).
Widened widen(const Mention& m, const Tolerances& t, double scale = 1.0);
// The same interval without the tolerance text, which costs more to write
// than the interval does to compute.
Bounds widen_bounds(const Mention& m, const Tolerances& t, double scale = 1.0);

bool overlaps(const Widened& a, const Widened& b);

// How far apart two non-overlapping ends are, `lower_high` < `upper_low`:
// their ratio when both are positive, the ratio of magnitudes when both are
// negative, and 1 + gap / larger magnitude when they straddle zero (so 0 vs 5
// is 2.0, -5 vs 5 is 3.0). Always >= 1.
double gap_ratio(double lower_high, double upper_low);

// 1 when the intervals overlap, else gap_ratio of their nearest ends.
double distance(const Widened& a, const Widened& b);

// A value for messages: digit groups, at most three decimals, trailing zeros
// dropped: 1300 -> "1,300", 18990.336 -> "18,990.336", 0.25 -> "0.25".
std::string format_figure(double v);

// A fraction as a short percentage for messages: 0.15 -> "15%", 0.0416 -> "4.2%".
std::string percent_text(double fraction);

}  // namespace tally::detail
