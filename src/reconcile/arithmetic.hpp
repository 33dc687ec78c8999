// Rule `arithmetic`: figures of one sentence that cannot all be true.
//
//   "Of the 1,200 prisoners, 700 were released and 600 were transferred."
//       parts 700 + 600 = 1,300 exceed the stated total of 1,200
//   "300 of the 1,200 workers, or 40%, ..."
//       300 of 1,200 is 25%, not 40%
//
// Conservative by design (a false alarm costs more than a miss): only
// sentences whose wording states the total and its parts ("of the N ...,",
// "N ..., of whom / of which / including / among them", "A of the N"), only
// exact counts, parts counting nothing else than the total (same noun class
// or no noun), and parts that exceed the total — parts that fall short may
// leave out a remainder. Counts are allowed their rounding: "40%" covers
// 39.5-40.5 and "300" covers 285-315 (half a unit of the last non-zero
// digit, capped at exact_max) before a percentage is called wrong.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <tally/claim.hpp>
#include <tally/config.hpp>

namespace tally::detail {

enum class ArithmeticKind { parts_exceed_total, percent_mismatch };

struct ArithmeticIssue {
  ArithmeticKind kind = ArithmeticKind::parts_exceed_total;
  std::size_t total = 0;             // position of the total
  std::vector<std::size_t> parts;    // positions of the parts (the count, for a percentage)
  std::size_t percent = 0;           // position of the stated percentage (percent_mismatch)
  double stated = 0;                 // the total, or the stated percentage
  double computed = 0;               // the sum of the parts, or the computed percentage
  double ratio = 1;                  // between the nearest ends of stated and computed
  std::string message;
  std::string tolerance;             // for --explain
};

std::vector<ArithmeticIssue> check_arithmetic(const std::vector<Claim>& claims,
                                              const std::vector<std::size_t>& eligible,
                                              const Config& config);

}  // namespace tally::detail
