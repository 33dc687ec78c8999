// Tests for src/reconcile/interval.cpp: the tolerance table of SPEC
// "Comparing two claims", precision from the figure as written, distances.
#include <doctest/doctest.h>

#include <cmath>
#include <optional>

#include "reconcile/interval.hpp"
#include "reconcile_fixtures.hpp"

using namespace tally;
using tally::test::Spec;

namespace {

const double k_open = std::nan("");

struct Row {
  const char* text;
  double value;
  Qualifier qualifier;
  double low;   // expected widened interval in the base unit; NaN = open
  double high;
  double to_base = 1;
  std::optional<double> stated_low = std::nullopt;
  std::optional<double> stated_high = std::nullopt;
};

void check_end(const std::optional<double>& got, double want) {
  if (std::isnan(want)) {
    CHECK_FALSE(got.has_value());
  } else {
    REQUIRE(got.has_value());
    CHECK(*got == doctest::Approx(want).epsilon(1e-9));
  }
}

}  // namespace

TEST_CASE("reconcile interval: SPEC tolerance table") {
  const Row rows[] = {
      // exact: half a unit of the last non-zero digit, never more than ±5%
      {"3,127", 3127, Qualifier::exact, 3126.5, 3127.5},
      {"3,000", 3000, Qualifier::exact, 2850, 3150},
      {"1 GB", 1, Qualifier::exact, 0.95e9, 1.05e9, 1e9},
      {"3,100", 3100, Qualifier::exact, 3050, 3150},
      {"0.25", 0.25, Qualifier::exact, 0.245, 0.255},
      // precision from the figure as written, converted like the value
      {"$2.5bn", 2.5e9, Qualifier::exact, 2.45e9, 2.55e9},
      {"$4.52bn", 4.52e9, Qualifier::exact, 4.515e9, 4.525e9},
      {"19 km", 19, Qualifier::exact, 18500, 19500, 1000},
      {"11.8 miles", 11.8, Qualifier::exact, 11.75 * 1609.344, 11.85 * 1609.344, 1609.344},
      {"three thousand", 3000, Qualifier::exact, 2850, 3150},
      // qualifiers
      {"approximately 3,000", 3000, Qualifier::approximate, 2550, 3450},
      {"about 1,500", 1500, Qualifier::approximate, 1275, 1725},
      {"nearly 3,000", 3000, Qualifier::nearly, 2700, 3000},
      {"more than 3,000", 3000, Qualifier::more_than, 2850, k_open},
      {"at least 3,127", 3127, Qualifier::at_least, 3126.5, k_open},
      {"up to 500", 500, Qualifier::at_most, k_open, 525},
      {"fewer than 40", 40, Qualifier::less_than, k_open, 42},
      {"between 10 and 12 thousand", 11000, Qualifier::range, 9500, 12500, 1, 10000, 12000},
      {"tens of thousands", 50000, Qualifier::vague, 10000, 99999, 1, 10000, 99999},
  };
  Tolerances t;
  for (const Row& r : rows) {
    CAPTURE(r.text);
    Claim c = test::make_claim({.source = "S", .text = r.text, .value = r.value, .qualifier = r.qualifier,
                                .low = r.stated_low, .high = r.stated_high, .to_base = r.to_base},
                               0);
    detail::Widened w = detail::widen(c.mention, t);
    check_end(w.low, r.low);
    check_end(w.high, r.high);
    CHECK_FALSE(w.tolerance.empty());
  }
}

TEST_CASE("reconcile interval: tolerances are configurable") {
  Tolerances t;
  t.exact_max = 0.02;
  t.approximate = 0.10;
  t.vague = 0.5;
  Claim round = test::make_claim({.source = "S", .text = "3,000", .value = 3000}, 0);
  auto w = detail::widen(round.mention, t);
  CHECK(*w.low == doctest::Approx(2940));
  CHECK(*w.high == doctest::Approx(3060));
  Claim about = test::make_claim({.source = "S", .text = "about 3,000", .value = 3000, .qualifier = Qualifier::approximate}, 0);
  w = detail::widen(about.mention, t);
  CHECK(*w.low == doctest::Approx(2700));
  CHECK(*w.high == doctest::Approx(3300));
  Claim vague = test::make_claim({.source = "S", .text = "dozens", .value = 50, .qualifier = Qualifier::vague,
                                  .low = 24, .high = 99},
                                 0);
  w = detail::widen(vague.mention, t);
  CHECK(*w.low == doctest::Approx(12));
  CHECK(*w.high == doctest::Approx(148.5));
  CHECK(w.tolerance.find("50%") != std::string::npos);
}

TEST_CASE("reconcile interval: precision of a figure as written") {
  struct Case {
    const char* text;
    double value;
    double relative;
  };
  const Case cases[] = {
      {"3,127", 3127, 0.5 / 3127},  {"3,000", 3000, 500.0 / 3000}, {"$2.5bn", 2.5e9, 0.05 / 2.5},
      {".08", 0.08, 0.005 / 0.08},  {"1.50", 1.5, 0.05 / 1.5},     {"about 40", 40, 5.0 / 40},
      {"twelve", 12, 0.5 / 12},     {"", 6.6e18, 0.05e18 / 6.6e18}, {"0", 0, 0},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(detail::relative_precision(c.text, c.value) == doctest::Approx(c.relative));
  }
}

TEST_CASE("reconcile interval: distance between intervals") {
  SUBCASE("gap ratios") {
    CHECK(detail::gap_ratio(1725, 2550) == doctest::Approx(2550.0 / 1725));
    CHECK(detail::gap_ratio(-10, -5) == doctest::Approx(2.0));
    CHECK(detail::gap_ratio(0, 5) == doctest::Approx(2.0));
    CHECK(detail::gap_ratio(-5, 5) == doctest::Approx(3.0));
    CHECK(detail::gap_ratio(5, 5) == doctest::Approx(1.0));
  }
  SUBCASE("19 km and 11.8 miles agree; 25 km does not") {
    Tolerances t;
    auto km = detail::widen(test::make_claim({.source = "A", .text = "19 km", .value = 19, .to_base = 1000}, 0).mention, t);
    auto mi = detail::widen(
        test::make_claim({.source = "B", .text = "11.8 miles", .value = 11.8, .to_base = 1609.344}, 1).mention, t);
    auto off = detail::widen(test::make_claim({.source = "C", .text = "25 km", .value = 25, .to_base = 1000}, 2).mention, t);
    CHECK(detail::overlaps(km, mi));
    CHECK(detail::distance(km, mi) == 1.0);
    CHECK_FALSE(detail::overlaps(km, off));
    CHECK(detail::distance(km, off) == doctest::Approx(24500.0 / 19500));
    CHECK(detail::distance(off, km) == doctest::Approx(24500.0 / 19500));
  }
  SUBCASE("open ends overlap everything on their side") {
    Tolerances t;
    auto more = detail::widen(
        test::make_claim({.source = "A", .text = "more than 3,000", .value = 3000, .qualifier = Qualifier::more_than}, 0).mention, t);
    auto big = detail::widen(test::make_claim({.source = "B", .text = "9,000", .value = 9000}, 1).mention, t);
    auto small = detail::widen(test::make_claim({.source = "C", .text = "1,000", .value = 1000}, 2).mention, t);
    CHECK(detail::overlaps(more, big));
    CHECK_FALSE(detail::overlaps(more, small));
    CHECK(detail::distance(more, small) == doctest::Approx(2850.0 / 1050));
  }
}

TEST_CASE("reconcile interval: comparison units") {
  Config cfg;
  Claim eur = test::make_claim({.source = "A", .text = "€10m", .value = 1e7, .dimension = "currency", .unit = "EUR"}, 0);
  CHECK(detail::comparison_unit(eur.mention, cfg).unit == "EUR");
  cfg.currency_rates["EUR"] = 1.1;
  auto cu = detail::comparison_unit(eur.mention, cfg);
  CHECK(cu.unit == "USD");
  CHECK(cu.scale == doctest::Approx(1.1));
  auto w = detail::widen(eur.mention, cfg.tolerance, cu.scale);
  CHECK(w.point == doctest::Approx(1.1e7));
  Claim rate = test::make_claim({.source = "A", .text = "€5m a year", .value = 5e6, .dimension = "currency",
                                 .unit = "EUR/year", .is_rate = true},
                                0);
  CHECK(detail::comparison_unit(rate.mention, cfg).unit == "USD/year");
}

TEST_CASE("reconcile interval: figures in messages") {
  CHECK(detail::format_figure(1300) == "1,300");
  CHECK(detail::format_figure(18990.336) == "18,990.336");
  CHECK(detail::format_figure(0.25) == "0.25");
  CHECK(detail::format_figure(-4500) == "-4,500");
  CHECK(detail::percent_text(0.15) == "15%");
  CHECK(detail::percent_text(0.0416) == "4.2%");
}
