// Tests for src/reconcile/arithmetic.cpp: parts and totals, percentages and
// counts, and the many sentences that must not be flagged.
#include <doctest/doctest.h>

#include <numeric>

#include "reconcile/arithmetic.hpp"
#include "reconcile_fixtures.hpp"

using namespace tally;
using tally::test::Spec;

namespace {

// One sentence with its figures; `figures` are (text, value, noun, dimension, qualifier).
struct Fig {
  std::string text;
  double value;
  std::string noun = "";
  std::string dimension = "count";
  Qualifier qualifier = Qualifier::exact;
};

std::vector<detail::ArithmeticIssue> check(const std::string& sentence, const std::vector<Fig>& figs) {
  std::vector<Spec> specs;
  for (const Fig& f : figs)
    specs.push_back({.source = "Daily", .text = f.text, .value = f.value, .qualifier = f.qualifier, .noun = f.noun,
                     .dimension = f.dimension, .unit = f.dimension == "percent" ? "%" : "", .sentence = sentence,
                     .sentence_start = 40});
  auto cs = test::make_claims(specs);
  std::vector<std::size_t> all(cs.size());
  std::iota(all.begin(), all.end(), std::size_t{0});
  return detail::check_arithmetic(cs, all, Config{});
}

}  // namespace

TEST_CASE("reconcile arithmetic: parts that exceed their total") {
  SUBCASE("of the N, A and B") {
    auto issues = check("Of the 1,200 prisoners, 700 were released and 600 were transferred.",
                        {{"1,200", 1200, "prisoner"}, {"700", 700}, {"600", 600}});
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].kind == detail::ArithmeticKind::parts_exceed_total);
    CHECK(issues[0].total == 0);
    CHECK(issues[0].parts == std::vector<std::size_t>{1, 2});
    CHECK(issues[0].computed == doctest::Approx(1300));
    CHECK(issues[0].ratio == doctest::Approx(1300.0 / 1200));
    CHECK(issues[0].message == "parts add up to 1,300 (700 + 600), more than the stated total of 1,200");
  }
  SUBCASE("N ..., of whom A and B") {
    auto issues = check("The 1,200 prisoners, of whom 700 were men and 600 were women, were moved.",
                        {{"1,200", 1200, "prisoner"}, {"700", 700}, {"600", 600}});
    REQUIRE(issues.size() == 1);
  }
  SUBCASE("including") {
    auto issues = check("The raid left 40 people dead, including 45 children.",
                        {{"40", 40, "people"}, {"45", 45, "people"}});
    REQUIRE(issues.size() == 1);
    CHECK(issues[0].message == "part 45 is more than the stated total of 40");
  }
  SUBCASE("A of the N where A > N") {
    auto issues = check("Some 1,500 of the 1,200 workers were laid off.", {{"1,500", 1500}, {"1,200", 1200, "worker"}});
    REQUIRE(issues.size() == 1);
  }
}

TEST_CASE("reconcile arithmetic: percentages that do not match their counts") {
  auto issues = check("Some 300 of the 1,200 workers, or 40%, were laid off.",
                      {{"300", 300}, {"1,200", 1200, "worker"}, {"40%", 40, "", "percent"}});
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].kind == detail::ArithmeticKind::percent_mismatch);
  CHECK(issues[0].computed == doctest::Approx(25));
  CHECK(issues[0].stated == doctest::Approx(40));
  CHECK(issues[0].ratio > 1.4);
  CHECK(issues[0].message == "300 of 1,200 is 25%, not 40%");
  auto in_parens = check("Some 300 of the 1,200 workers (40%) were laid off.",
                         {{"300", 300}, {"1,200", 1200, "worker"}, {"40%", 40, "", "percent"}});
  CHECK(in_parens.size() == 1);
}

TEST_CASE("reconcile arithmetic: what is not flagged") {
  struct Case {
    const char* sentence;
    std::vector<Fig> figs;
  };
  const Case cases[] = {
      // parts that fall short may leave out the rest
      {"Of the 1,200 prisoners, 700 were released and 400 were transferred.",
       {{"1,200", 1200, "prisoner"}, {"700", 700}, {"400", 400}}},
      // a matching percentage, within rounding
      {"Some 300 of the 1,200 workers, or 25%, were laid off.",
       {{"300", 300}, {"1,200", 1200, "worker"}, {"25%", 25, "", "percent"}}},
      {"Some 310 of the 1,200 workers, or 26%, were laid off.",
       {{"310", 310}, {"1,200", 1200, "worker"}, {"26%", 26, "", "percent"}}},
      {"About 300 of the 1,200 workers, or about 30%, were laid off.",
       {{"300", 300}, {"1,200", 1200, "worker"}, {"about 30%", 30, "", "percent", Qualifier::approximate}}},
      // approximate parts are not summed
      {"Of the 1,200 prisoners, about 700 were released and about 600 were transferred.",
       {{"1,200", 1200, "prisoner"}, {"about 700", 700, "", "count", Qualifier::approximate},
        {"about 600", 600, "", "count", Qualifier::approximate}}},
      // parts that count something else
      {"Of the 1,200 prisoners, 700 were held in 900 cells.",
       {{"1,200", 1200, "prisoner"}, {"700", 700}, {"900", 900, "cell"}}},
      // "of the" in the middle of a clause does not state a total
      {"The cost of the 2 bridges rose, and 3 more are planned.", {{"2", 2, "bridge"}, {"3", 3}}},
      // no wording that introduces parts
      {"The 1,200 prisoners were joined by 700 more and 600 others.",
       {{"1,200", 1200, "prisoner"}, {"700", 700}, {"600", 600}}},
      // a percentage that is not said to restate the count
      {"Some 300 of the 1,200 workers were laid off, and sales fell 40%.",
       {{"300", 300}, {"1,200", 1200, "worker"}, {"40%", 40, "", "percent"}}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.sentence);
    CHECK(check(c.sentence, c.figs).empty());
  }
}

TEST_CASE("reconcile arithmetic: offsets that do not fit the sentence never throw") {
  // Offsets come from other stages; a bad one (from a broken page) must be
  // skipped, not read with substr.
  auto run = [](std::vector<Claim>& cs) {
    std::vector<std::size_t> all(cs.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    return detail::check_arithmetic(cs, all, Config{});
  };
  const std::string sentence = "Of the 1,200 prisoners, 700 were released and 600 were transferred.";
  auto claims = [&] {
    return test::make_claims({{.source = "Daily", .text = "1,200", .value = 1200, .noun = "prisoner",
                               .sentence = sentence, .sentence_start = 40},
                              {.source = "Daily", .text = "700", .value = 700, .noun = "", .sentence = sentence,
                               .sentence_start = 40},
                              {.source = "Daily", .text = "600", .value = 600, .noun = "", .sentence = sentence,
                               .sentence_start = 40}});
  };
  SUBCASE("the reference: well-formed offsets are flagged") {
    auto cs = claims();
    CHECK(run(cs).size() == 1);
  }
  SUBCASE("start after end (the fuzzer's html-invalid-utf8-offsets case)") {
    auto cs = claims();
    Mention& m = cs[1].mention;
    m.start = m.sentence_end;
    m.end = m.sentence_start + 2;
    std::vector<detail::ArithmeticIssue> issues;
    CHECK_NOTHROW(issues = run(cs));
    CHECK(issues.empty());  // only "600" is left as a part: no more than the total
  }
  SUBCASE("a start past the sentence, an end past the sentence") {
    auto cs = claims();
    cs[0].mention.start = cs[0].mention.sentence_end + 5;
    cs[2].mention.end = cs[2].mention.sentence_end + 100;
    CHECK_NOTHROW(run(cs));
  }
  SUBCASE("a sentence shorter than its offsets say") {
    auto cs = claims();
    cs[2].sentence = "short";
    CHECK_NOTHROW(run(cs));
  }
  SUBCASE("overlapping figures") {
    auto cs = claims();
    cs[1].mention.start = cs[0].mention.start;
    cs[1].mention.end = cs[0].mention.end;
    cs[1].mention.text = cs[0].mention.text;
    CHECK_NOTHROW(run(cs));
  }
}
