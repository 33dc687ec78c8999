// Tests of the numeral parser (src/extract/numeral.cpp): the number itself,
// before qualifiers, units and ranges are attached. Each row gives the text,
// where the numeral starts, and what must be read: how many tokens, the
// value, its shape and whether a scale multiplied it.
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include "extract/numeral.hpp"

namespace {

using namespace tally::detail;

struct Row {
  std::string text;
  std::size_t start;    // token index the numeral starts at
  std::string numeral;  // its text, from the first to the last token
  double value;
  NumeralShape shape;
  bool scaled;
};

std::optional<Numeral> parse(const TokenizedText& tt, std::size_t i) {
  return parse_numeral(tt, i, Lexicon::instance());
}

std::string span(const TokenizedText& tt, const Numeral& n) {
  return std::string(tt.text.substr(tt.tokens[n.begin].begin, tt.tokens[n.end - 1].end - tt.tokens[n.begin].begin));
}

constexpr auto digits = NumeralShape::digits;
constexpr auto words = NumeralShape::words;
constexpr auto share = NumeralShape::share;
constexpr auto vague = NumeralShape::vague;

void check_rows(const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    INFO("text: ", r.text);
    TokenizedText tt = tokenize(r.text);
    auto n = parse(tt, r.start);
    REQUIRE(n);
    CHECK(span(tt, *n) == r.numeral);
    CHECK(n->value == doctest::Approx(r.value));
    CHECK(static_cast<int>(n->shape) == static_cast<int>(r.shape));
    CHECK(n->scaled == r.scaled);
  }
}

}  // namespace

TEST_CASE("numeral: digits and scales") {
  check_rows({
      {"10,000", 0, "10,000", 10000, digits, false},
      {"1,234.56", 0, "1,234.56", 1234.56, digits, false},
      {"1.5 million", 0, "1.5 million", 1.5e6, words, true},
      {"2.5bn", 0, "2.5bn", 2.5e9, digits, true},
      {"12k", 0, "12k", 12000, digits, true},
      {"3.5m", 0, "3.5m", 3.5e6, digits, true},
      {"10 bn", 0, "10 bn", 1e10, digits, true},
      {"4 mn", 0, "4 mn", 4e6, digits, true},
      {"2 tn", 0, "2 tn", 2e12, digits, true},
      {"10M", 0, "10M", 1e7, digits, true},
      {"1.3x10^6", 0, "1.3x10^6", 1.3e6, digits, false},
      {"4 thousand 3 hundred and 21", 0, "4 thousand 3 hundred and 21", 4321, words, true},
      {"minus 40", 0, "minus 40", -40, digits, false},
  });
}

TEST_CASE("numeral: spelled-out numbers") {
  check_rows({
      {"ten thousand", 0, "ten thousand", 10000, words, true},
      {"three hundred and twenty", 0, "three hundred and twenty", 320, words, true},
      {"forty-two", 0, "forty-two", 42, words, false},
      {"a dozen", 0, "a dozen", 12, words, true},
      {"half a million", 0, "half a million", 500000, words, true},
      {"one and a half million", 0, "one and a half million", 1.5e6, words, true},
      {"two thousand five hundred", 0, "two thousand five hundred", 2500, words, true},
      {"two thousand and two hundred", 0, "two thousand and two hundred", 2200, words, true},
      {"a quarter million", 0, "a quarter million", 250000, words, true},
      {"quarter million", 0, "quarter million", 250000, words, true},
      {"half a dozen", 0, "half a dozen", 6, words, true},
      {"nine point nought four", 0, "nine point nought four", 9.04, words, false},
      {"one billion and a half million", 0, "one billion and a half million", 1000500000, words, true},
      {"one billion and a quarter million", 0, "one billion and a quarter million", 1000250000, words, true},
      {"one billion and a half", 0, "one billion and a half", 1.5e9, words, true},
      // a fraction after "and": of the scale before it, or the part after a hundred
      {"two million and one half", 0, "two million and one half", 2.5e6, words, true},
      {"five billion and three quarters", 0, "five billion and three quarters", 5.75e9, words, true},
      {"one hundred and three quarters", 0, "one hundred and three quarters", 100.75, words, true},
  });
}

TEST_CASE("numeral: shares of a whole") {
  check_rows({
      {"a fifth", 0, "a fifth", 20, share, false},
      {"a third of", 0, "a third", 100.0 / 3, share, false},
      {"two thirds", 0, "two thirds", 200.0 / 3, share, false},
      {"one fifth", 0, "one fifth", 20, share, false},
      {"half of them", 0, "half", 50, share, false},
      {"a quarter of them", 0, "a quarter", 25, share, false},
      {"one in five", 0, "one in five", 20, share, false},
      {"3 out of 10", 0, "3 out of 10", 30, share, false},
      // a fraction read out, ending its clause
      {"one over three", 0, "one over three", 100.0 / 3, share, false},
      {"1 over 20.", 0, "1 over 20", 5, share, false},
  });
  // "over" before a figure that goes on is a qualifier of that figure
  check_rows({
      {"3 over 12 months", 0, "3", 3, digits, false},
      {"6 over 4", 0, "6", 6, digits, false},
  });
}

TEST_CASE("numeral: vague quantities") {
  check_rows({
      {"tens of thousands", 0, "tens of thousands", 50000, vague, false},
      {"several thousand", 0, "several thousand", 5000, vague, false},
      {"dozens of", 0, "dozens", 50, vague, false},
  });
  TokenizedText tt = tokenize("hundreds of thousands");
  auto n = parse(tt, 0);
  REQUIRE(n);
  CHECK(n->low == 200000);
  CHECK(n->high == 999999);
}

TEST_CASE("numeral: where one numeral ends and the next begins") {
  SUBCASE("hundred and 0: the zero is a numeral of its own") {
    TokenizedText tt = tokenize("4 thousand 3 hundred and 0");
    auto n = parse(tt, 0);
    REQUIRE(n);
    CHECK(span(tt, *n) == "4 thousand 3 hundred");
    CHECK(n->value == 4300);
  }
  SUBCASE("3 hundred and 2 hundred: two numerals") {
    TokenizedText tt = tokenize("3 hundred and 2 hundred");
    auto n = parse(tt, 0);
    REQUIRE(n);
    CHECK(span(tt, *n) == "3 hundred");
    auto m = parse(tt, 3);
    REQUIRE(m);
    CHECK(span(tt, *m) == "2 hundred");
    CHECK(m->value == 200);
  }
  SUBCASE("three thousand and two thousand: two numerals") {
    TokenizedText tt = tokenize("three thousand and two thousand");
    auto n = parse(tt, 0);
    REQUIRE(n);
    CHECK(span(tt, *n) == "three thousand");
  }
  SUBCASE("scales descend: 3 thousand 2 thousand") {
    TokenizedText tt = tokenize("3 thousand 2 thousand");
    auto n = parse(tt, 0);
    REQUIRE(n);
    CHECK(n->value == 3000);
  }
  SUBCASE("a grouped number after a scale starts a new numeral") {
    TokenizedText tt = tokenize("2 million 3,000");
    auto n = parse(tt, 0);
    REQUIRE(n);
    CHECK(span(tt, *n) == "2 million");
  }
}

TEST_CASE("numeral: what is not a numeral") {
  struct NoRow {
    std::string text;
    std::size_t at;
  };
  const std::vector<NoRow> rows = {
      {"the third quarter", 2},    // "quarter" after an ordinal
      {"the first half", 2},       // "half" after an ordinal
      {"the 2nd half of", 3},
      {"cut by half", 2},          // bare "half" with no scale or "of"
      {"a quarter", 1},            // bare "quarter" (the article is parsed at 0)
      {"quarter of them", 0},      // bare "quarter" takes no "of"; "a quarter of" does
      {"a third country", 0},      // an ordinal, not a share
      {"a", 0},
      {"and", 0},
  };
  for (const NoRow& r : rows) {
    INFO("text: ", r.text, " at ", r.at);
    TokenizedText tt = tokenize(r.text);
    CHECK_FALSE(parse(tt, r.at));
  }
  SUBCASE("221B before a name is not 221 billion") {
    TokenizedText tt = tokenize("221B Baker Street");
    auto n = parse(tt, 0);
    REQUIRE(n);
    CHECK(n->value == 221);
    CHECK_FALSE(n->scaled);
  }
}

TEST_CASE("numeral: may_start_numeral is a cheap superset") {
  const Lexicon& lex = Lexicon::instance();
  TokenizedText tt = tokenize("12 twelve a several tens \u00bd the , $");
  CHECK(may_start_numeral(tt, 0, lex));
  CHECK(may_start_numeral(tt, 1, lex));
  CHECK(may_start_numeral(tt, 2, lex));
  CHECK(may_start_numeral(tt, 3, lex));
  CHECK(may_start_numeral(tt, 4, lex));
  CHECK(may_start_numeral(tt, 5, lex));
  CHECK_FALSE(may_start_numeral(tt, 6, lex));
  CHECK_FALSE(may_start_numeral(tt, 7, lex));
  CHECK_FALSE(may_start_numeral(tt, 8, lex));
}
