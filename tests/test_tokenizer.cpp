// Tests of the tokenizer (src/extract/tokenizer.cpp): words, numbers with
// their grouping and decimals, symbols, byte offsets, and the spacing flags
// the numeral parser relies on.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <cstdint>
#include <string>
#include <vector>

#include "extract/tokenizer.hpp"

namespace {

using namespace tally::detail;

std::vector<std::string> strs(const TokenizedText& tt) {
  std::vector<std::string> out;
  for (const Token& t : tt.tokens) out.emplace_back(tt.str(t));
  return out;
}

}  // namespace

TEST_CASE("tokenizer: numbers with separators and decimals") {
  struct Row {
    std::string text;
    double value;
    int int_digits, decimals;
    bool grouped, space_grouped;
  };
  const std::vector<Row> rows = {
      {"10,000", 10000, 5, 0, true, false},
      {"10 000", 10000, 5, 0, true, true},
      {"10\u00a0000", 10000, 5, 0, true, true},          // no-break space
      {"10\u2009000", 10000, 5, 0, true, true},          // thin space
      {"10\u202f000", 10000, 5, 0, true, true},          // narrow no-break space
      {"1,234,567", 1234567, 7, 0, true, false},
      {"1,234.56", 1234.56, 4, 2, true, false},
      {"0.75", 0.75, 1, 2, false, false},
      {".08", 0.08, 0, 2, false, false},
      {"3000", 3000, 4, 0, false, false},
      {"1e6", 1e6, 1, 0, false, false},
      // text tokenized word by word, as treebank corpora are
      {"80 , 000", 80000, 5, 0, true, false},
      {"1 , 234 , 567", 1234567, 7, 0, true, false},
      {"6 . 2", 6.2, 1, 1, false, false},
      // Indian grouping: pairs, then a final three
      {"1,50,000", 150000, 6, 0, true, false},
      {"12,34,567.89", 1234567.89, 7, 2, true, false},
      {"46 . 875", 46.875, 2, 3, false, false},
  };
  for (const Row& r : rows) {
    INFO("text: ", r.text);
    TokenizedText tt = tokenize(r.text);
    REQUIRE(tt.size() == 1);
    CHECK(tt.numbers == 1);
    const Token& t = tt.tokens[0];
    CHECK(t.kind == TokenKind::number);
    CHECK(t.begin == 0);
    CHECK(t.end == r.text.size());
    CHECK(t.value == doctest::Approx(r.value));
    CHECK(t.int_digits == r.int_digits);
    CHECK(t.decimals == r.decimals);
    CHECK(t.grouped == r.grouped);
    CHECK(t.space_grouped == r.space_grouped);
  }
}

TEST_CASE("tokenizer: what does not group") {
  SUBCASE("a spaced mark needs spaces on both sides and a digit after") {
    CHECK(strs(tokenize("6. 2")) == std::vector<std::string>{"6", ".", "2"});
    CHECK(strs(tokenize("6 .2")) == std::vector<std::string>{"6", ".2"});
    CHECK(strs(tokenize("6 . x")) == std::vector<std::string>{"6", ".", "x"});
    CHECK(strs(tokenize("2019 , 300")) == std::vector<std::string>{"2019", ",", "300"});
    CHECK(strs(tokenize("1 , 23")) == std::vector<std::string>{"1", ",", "23"});
    // pairs with no final group of three are no Indian grouping
    CHECK(strs(tokenize("1,50,00")) == std::vector<std::string>{"1", ",", "50", ",", "00"});
  }
  SUBCASE("a comma then a space is a list") {
    TokenizedText tt = tokenize("1, 234");
    CHECK(strs(tt) == std::vector<std::string>{"1", ",", "234"});
  }
  SUBCASE("groups of other than three digits") {
    TokenizedText tt = tokenize("10 00 and 1,23");
    CHECK(strs(tt) == std::vector<std::string>{"10", "00", "and", "1", ",", "23"});
  }
  SUBCASE("comma and space groups never mix") {
    TokenizedText tt = tokenize("1,000 000");
    REQUIRE(tt.size() == 2);
    CHECK(tt.tokens[0].value == 1000);
  }
  SUBCASE("a leading zero is flagged and not grouped") {
    TokenizedText tt = tokenize("007 000");
    REQUIRE(tt.size() == 2);
    CHECK(tt.tokens[0].leading_zero);
  }
  SUBCASE("a year then a count stays two numbers when spaced by a newline") {
    TokenizedText tt = tokenize("2024\n000");
    CHECK(tt.size() == 2);
  }
}

TEST_CASE("tokenizer: signs and symbols are tokens of their own") {
  TokenizedText tt = tokenize("-5 and \u22129.2 \u00b0C, $2.5bn ~3,000+");
  CHECK(strs(tt) == std::vector<std::string>{"-", "5", "and", "\u2212", "9.2", "\u00b0", "C", ",", "$",
                                             "2.5", "bn", "~", "3,000", "+"});
  CHECK_FALSE(tt.tokens[1].space_before);  // "-5": the sign is glued
  CHECK(tt.tokens[3].kind == TokenKind::symbol);
  CHECK(tt.tokens[5].kind == TokenKind::symbol);
  CHECK(tt.tokens[10].kind == TokenKind::word);
  CHECK_FALSE(tt.tokens[10].space_before);  // "bn" glued to "2.5"
  CHECK(tt.tokens[13].kind == TokenKind::symbol);
}

TEST_CASE("tokenizer: words, clitics, case flags and offsets") {
  std::string text = "Ukraine's NATO Kyiv-based na\u00efve";
  TokenizedText tt = tokenize(text);
  CHECK(strs(tt) == std::vector<std::string>{"Ukraine", "'s", "NATO", "Kyiv", "-", "based", "na\u00efve"});
  CHECK(tt.numbers == 0);
  CHECK(tt.tokens[0].upper_initial);
  CHECK_FALSE(tt.tokens[0].all_upper);
  CHECK(tt.tokens[2].all_upper);
  CHECK(tt.low(tt.tokens[2]) == "nato");
  CHECK(tt.tokens[6].kind == TokenKind::word);  // non-ASCII letters stay in the word
  CHECK(tt.tokens[6].begin == text.find("na"));
  CHECK(tt.tokens[6].end == text.size());
  CHECK(tt.str(99).empty());  // past the end is the empty string
}

TEST_CASE("tokenizer: words longer than a 16-byte block keep their ends and case flags") {
  // Letters are classified sixteen bytes at a time: runs that end inside a
  // block, exactly at its end, past it, at the end of the text, and ASCII
  // letters running into non-ASCII ones.
  struct Row {
    std::string text;
    std::vector<std::string> tokens;
    bool first_all_upper;
  };
  const std::vector<Row> rows = {
      {"Internationalisation, again", {"Internationalisation", ",", "again"}, false},
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZ done", {"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "done"}, true},
      {"ABCDEFGHIJKLMNOPQRSTUVWXYz done", {"ABCDEFGHIJKLMNOPQRSTUVWXYz", "done"}, false},
      {"abcdefghijklmnop.", {"abcdefghijklmnop", "."}, false},
      {"abcdefghijklmnopq", {"abcdefghijklmnopq"}, false},
      {"ABCDEFGHIJKLMNOP", {"ABCDEFGHIJKLMNOP"}, true},
      {"Schlossalleeüberblickstraße 7", {"Schlossalleeüberblickstraße", "7"}, false},
      {"NORDRHEINWESTFALÄ x", {"NORDRHEINWESTFALÄ", "x"}, true},
      {"abcdefghijklmno@pqrstuvwxyz", {"abcdefghijklmno", "@", "pqrstuvwxyz"}, false},
      {"abcdefghijklmno`pqrstuvwxyz{", {"abcdefghijklmno", "`", "pqrstuvwxyz", "{"}, false},
  };
  for (const Row& r : rows) {
    INFO("text: ", r.text);
    TokenizedText tt = tokenize(r.text);
    CHECK(strs(tt) == r.tokens);
    REQUIRE(tt.size() > 0);
    CHECK(tt.tokens[0].kind == TokenKind::word);
    CHECK(tt.tokens[0].all_upper == r.first_all_upper);
  }
}

TEST_CASE("tokenizer: decimals are read correctly rounded, also at the edges of double's range") {
  struct Row {
    std::string text;
    double value;
  };
  const std::string tiny = "0." + std::string(400, '0') + "1";  // below the smallest double
  const std::string huge = std::string(400, '9') + ".5";         // above the largest
  const std::vector<Row> rows = {
      {"0.1", 0.1},
      {"2.675", 2.675},
      {"1,234,567.891", 1234567.891},
      {"10 000.25", 10000.25},
      {"0.000000000000000000001", 1e-21},
      {tiny, 0},
      {huge, INFINITY},
  };
  for (const Row& r : rows) {
    INFO("text: ", r.text);
    TokenizedText tt = tokenize(r.text);
    REQUIRE(tt.size() == 1);
    CHECK(tt.tokens[0].value == r.value);  // exact: the same double strtod gives
  }
}

TEST_CASE("tokenizer: paragraph breaks and spacing") {
  TokenizedText tt = tokenize("one\ntwo\n\nthree  four");
  REQUIRE(tt.size() == 4);
  CHECK(tt.tokens[0].space_before);  // the start counts as spaced
  CHECK(tt.tokens[1].space_before);
  CHECK_FALSE(tt.tokens[1].break_before);
  CHECK(tt.tokens[2].break_before);
  CHECK_FALSE(tt.tokens[3].break_before);
}

TEST_CASE("tokenizer: invalid UTF-8 and NUL bytes never crash and keep offsets") {
  std::string text = std::string("ab\xff\xfe 12") + std::string(1, '\0') + "34 \xe2\x82";
  TokenizedText tt = tokenize(text);
  std::uint32_t prev = 0;
  for (const Token& t : tt.tokens) {
    CHECK(t.begin >= prev);
    CHECK(t.end > t.begin);
    CHECK(t.end <= text.size());
    prev = t.end;
  }
  bool twelve = false;
  for (const Token& t : tt.tokens) twelve = twelve || (t.kind == TokenKind::number && t.value == 12);
  CHECK(twelve);
}

TEST_CASE("tokenizer: empty and whitespace-only text") {
  CHECK(tokenize("").size() == 0);
  CHECK(tokenize(" \n\t\u00a0 ").size() == 0);
}

TEST_CASE("tokenizer: huge exponents and digit runs do not overflow") {
  struct Row {
    std::string text;
    double value;  // NAN: any value, as long as it is not NaN
  };
  const std::vector<Row> rows = {
      {"1e8888888888", INFINITY},   // the fuzzer's tokenizer-exponent-overflow case
      {"1e-8888888888", 0},
      {"1e+99999999999999999999", INFINITY},
      {"0e999999", 0},              // 0, not 0 * inf
      {"0.0e999999", 0},
      {"2.5e3", 2500},
      {"1e308", 1e308},
  };
  for (const Row& r : rows) {
    INFO("text: ", r.text);
    TokenizedText tt = tokenize(r.text);
    REQUIRE(tt.size() == 1);
    const Token& t = tt.tokens[0];
    CHECK(t.kind == TokenKind::number);
    CHECK(t.exponent);
    CHECK(t.end == r.text.size());
    CHECK_FALSE(std::isnan(t.value));
    if (std::isinf(r.value)) CHECK(std::isinf(t.value));
    else CHECK(t.value == doctest::Approx(r.value));
  }
  SUBCASE("a number with an exponent is read as its decimal text, correctly rounded") {
    for (const char* text : {"6.02e23", "12.32e+14", "1.5e-7", "3e8", "9.109e-31"}) {
      INFO("text: ", text);
      TokenizedText tt = tokenize(text);
      REQUIRE(tt.size() == 1);
      CHECK(tt.tokens[0].value == std::strtod(text, nullptr));  // exactly, not 6.02 * 10^23
    }
  }
  SUBCASE("digit counts saturate instead of wrapping") {
    TokenizedText tt = tokenize(std::string(257, '1') + "." + std::string(300, '2'));
    REQUIRE(tt.size() == 1);
    CHECK(tt.tokens[0].int_digits == 255);  // not 257 % 256 == 1, which would read as a thousands group
    CHECK(tt.tokens[0].decimals == 255);
    CHECK_FALSE(tt.tokens[0].grouped);
    TokenizedText g = tokenize(std::string(257, '1') + ",000");
    CHECK_FALSE(g.tokens[0].grouped);
  }
}
