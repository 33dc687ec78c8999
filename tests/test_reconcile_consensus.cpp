// Tests for src/reconcile/consensus.cpp: robust consensus, copy discount,
// reliability across subjects, the --consensus writer.
#include <doctest/doctest.h>

#include <numeric>
#include <span>
#include <sstream>

#include <nlohmann/json.hpp>

#include <tally/reconcile.hpp>

#include "reconcile/consensus.hpp"
#include "reconcile_fixtures.hpp"

using namespace tally;
using tally::test::Spec;

namespace {

// What reconcile() computes once per claim: widened bounds, source ids, wording keys.
detail::ClaimFacts facts_of(const std::vector<Claim>& cs) {
  std::vector<detail::Bounds> bounds;
  for (const Claim& c : cs) bounds.push_back(detail::widen_bounds(c.mention, Tolerances{}));
  return detail::claim_facts(cs, std::move(bounds));
}

// The comparison unit of a cell's claims.
std::string unit_of(const std::vector<Claim>& cs, const std::vector<std::size_t>& cell) {
  return detail::comparison_unit(cs[cell.front()].mention, Config{}).unit;
}

std::vector<std::size_t> all_of(const std::vector<Claim>& cs) {
  std::vector<std::size_t> v(cs.size());
  std::iota(v.begin(), v.end(), std::size_t{0});
  return v;
}

}  // namespace

TEST_CASE("reconcile consensus: chi-square quantiles") {
  CHECK(detail::chi2_lower_quantile(1) == doctest::Approx(0.000982));
  CHECK(detail::chi2_lower_quantile(10) == doctest::Approx(3.247));
  CHECK(detail::chi2_lower_quantile(30) == doctest::Approx(16.791).epsilon(0.01));
  CHECK(detail::chi2_lower_quantile(100) == doctest::Approx(74.222).epsilon(0.01));
}

TEST_CASE("reconcile consensus: a vandal value cannot dominate") {
  auto cs = test::make_claims({
      {.source = "CapitalBot", .text = "111,454", .value = 111454},
      {.source = "CensusFan", .text = "111,454", .value = 111454},
      {.source = "Editor9", .text = "111,454", .value = 111454},
      {.source = "Gazetteer", .text = "111,450", .value = 111450},
      {.source = "ip:10.1.2.3", .text = "6.6e18", .value = 6.6e18},
  });
  auto w = facts_of(cs);
  auto cell = all_of(cs);
  detail::Reliability rel = detail::estimate_reliability(cs, w, {cell});
  Consensus c = detail::consensus_of(cs, w, unit_of(cs, cell), cell, rel);
  CHECK(c.value == doctest::Approx(111454).epsilon(0.001));
  CHECK(c.support == 4);
  CHECK(c.low <= c.value);
  CHECK(c.high >= c.value);
  CHECK(rel.reported.at("ip:10.1.2.3") < 0.1);
  CHECK(rel.reported.at("CapitalBot") > rel.reported.at("ip:10.1.2.3"));
}

TEST_CASE("reconcile consensus: copied wording is not independent support") {
  const std::string wire = "Officials said approximately 3,000 North Korean troops are in Russia.";
  auto cs = test::make_claims({
      {.source = "Kyiv Wire", .text = "approximately 3,000", .value = 3000, .qualifier = Qualifier::approximate, .sentence = wire},
      {.source = "Metro Daily", .text = "approximately 3,000", .value = 3000, .qualifier = Qualifier::approximate,
       .sentence = "Officials said  approximately 3,000 North Korean troops are in RUSSIA."},
      {.source = "Harbour Post", .text = "approximately 3,000", .value = 3000, .qualifier = Qualifier::approximate, .sentence = wire},
      {.source = "Seoul Daily", .text = "about 3,100", .value = 3100, .qualifier = Qualifier::approximate,
       .sentence = "About 3,100 soldiers have arrived, the agency said."},
  });
  CHECK(detail::wording_key(cs[0]) == detail::wording_key(cs[1]));
  CHECK(detail::wording_key(cs[0]) != detail::wording_key(cs[3]));
  CHECK(detail::independent_sources(facts_of(cs), all_of(cs)) == 2);
  auto w = facts_of(cs);
  auto cell = all_of(cs);
  detail::Reliability rel = detail::estimate_reliability(cs, w, {cell});
  Consensus c = detail::consensus_of(cs, w, unit_of(cs, cell), cell, rel);
  CHECK(c.support == 2);
  // Three copies share one vote: the consensus sits between the two reports.
  CHECK(c.value > 3010);
  CHECK(c.value < 3090);
}

TEST_CASE("reconcile consensus: reliability is estimated across subjects") {
  // Five subjects; Careful is always right, Sloppy is off by a third on two
  // of them, Vandal makes up a value every time.
  std::vector<Spec> specs;
  std::vector<std::vector<std::size_t>> cells;
  const double truth[] = {1200, 450, 78000, 3100, 96};
  for (int s = 0; s < 5; ++s) {
    std::vector<std::size_t> cell;
    auto add = [&](const char* source, double v) {
      cell.push_back(specs.size());
      specs.push_back({.source = source, .text = std::to_string(static_cast<long long>(v)), .value = v,
                       .noun = "thing " + std::to_string(s)});
    };
    add("Careful", truth[s]);
    add("Steady", truth[s]);
    add("Sloppy", s < 2 ? truth[s] * 1.33 : truth[s]);
    add("Vandal", truth[s] * (s % 2 ? 40 : 0.02));
    cells.push_back(cell);
  }
  auto cs = test::make_claims(specs);
  auto w = facts_of(cs);
  detail::Reliability rel =
      detail::estimate_reliability(cs, w, std::vector<std::span<const std::size_t>>(cells.begin(), cells.end()));
  CHECK(rel.reported.at("Careful") > rel.reported.at("Sloppy"));
  CHECK(rel.reported.at("Sloppy") > rel.reported.at("Vandal"));
  CHECK(rel.reported.at("Careful") > 0.8);
  CHECK(rel.reported.at("Vandal") < 0.1);
  for (const auto& [source, r] : rel.reported) {
    CHECK(r >= 0.0);
    CHECK(r <= 1.0);
  }
  // With Sloppy outvoted elsewhere, a tie on the first subject goes the careful way.
  Consensus c = detail::consensus_of(cs, w, unit_of(cs, cells[0]), cells[0], rel);
  CHECK(c.value == doctest::Approx(1200).epsilon(0.01));
  CHECK(c.support == 2);
}

TEST_CASE("reconcile consensus: unit of the consensus") {
  SUBCASE("all stated in km: km") {
    auto cs = test::make_claims({
        {.source = "A", .text = "19 km", .value = 19, .dimension = "length", .unit = "km", .to_base = 1000, .base_unit = "m"},
        {.source = "B", .text = "19 km", .value = 19, .dimension = "length", .unit = "km", .to_base = 1000, .base_unit = "m"},
    });
    auto w = facts_of(cs);
    Consensus c = detail::consensus_of(cs, w, unit_of(cs, all_of(cs)), all_of(cs), detail::estimate_reliability(cs, w, {all_of(cs)}));
    CHECK(c.unit == "km");
    CHECK(c.value == doctest::Approx(19));
    CHECK(c.low == doctest::Approx(18.5));
    CHECK(c.high == doctest::Approx(19.5));
  }
  SUBCASE("km and miles: metres") {
    auto cs = test::make_claims({
        {.source = "A", .text = "19 km", .value = 19, .dimension = "length", .unit = "km", .to_base = 1000, .base_unit = "m"},
        {.source = "B", .text = "11.8 miles", .value = 11.8, .dimension = "length", .unit = "mi", .to_base = 1609.344, .base_unit = "m"},
    });
    auto w = facts_of(cs);
    Consensus c = detail::consensus_of(cs, w, unit_of(cs, all_of(cs)), all_of(cs), detail::estimate_reliability(cs, w, {all_of(cs)}));
    CHECK(c.unit == "m");
    CHECK(c.value > 18900);
    CHECK(c.value < 19100);
    CHECK(c.support == 2);
  }
}

TEST_CASE("reconcile consensus: the --consensus writer") {
  auto cs = test::make_claims({
      {.source = "CapitalBot", .text = "111,454", .value = 111454, .subject = "springfield, il | population | 2000"},
      {.source = "Editor9", .text = "111,454", .value = 111454, .subject = "springfield, il | population | 2000"},
      {.source = "ip:10.1.2.3", .text = "6.6e18", .value = 6.6e18, .subject = "springfield, il | population | 2000"},
  });
  Reconciliation r = reconcile(cs, Config{}, Grouping::exact_subject);
  std::ostringstream out;
  write_consensus(out, cs, r);
  std::istringstream lines(out.str());
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    auto j = nlohmann::json::parse(line);
    CHECK(j["subject"] == "springfield, il | population | 2000");
    CHECK(j["block"] == "count:people");
    CHECK(j["claims"] == 3);
    CHECK(j["consensus"]["value"].get<double>() == doctest::Approx(111454));
    CHECK(j["consensus"]["support"] == 2);
    CHECK(j["sources"]["CapitalBot"].get<double>() > j["sources"]["ip:10.1.2.3"].get<double>());
    ++n;
  }
  CHECK(n == 1);
}

TEST_CASE("reconcile consensus: values come back without log-space noise") {
  // exp(log(3000)) is 2999.9999999999977; a consensus prints as what was said.
  auto cs = test::make_claims({
      {.source = "Kyiv Wire", .text = "approximately 3,000", .value = 3000, .qualifier = Qualifier::approximate},
      {.source = "Seoul Daily", .text = "about 3,000", .value = 3000, .qualifier = Qualifier::approximate},
      {.source = "Ledger", .text = "10,000", .value = 10000},
  });
  auto w = facts_of(cs);
  for (std::vector<std::size_t> cell : {std::vector<std::size_t>{0, 1}, std::vector<std::size_t>{2}}) {
    detail::Reliability rel = detail::estimate_reliability(cs, w, {cell});
    Consensus c = detail::consensus_of(cs, w, unit_of(cs, cell), cell, rel);
    CHECK(c.value == (cell.size() == 2 ? 3000.0 : 10000.0));
    CHECK(c.low == (cell.size() == 2 ? 2550.0 : 9500.0));
  }
}
