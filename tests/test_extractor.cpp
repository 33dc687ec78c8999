// Tests of the extractor (src/extract/extractor.cpp and the context rules it
// calls): every surface form that issue 2 lists under "What the extractor
// must handle", one table per bullet. Each row is a sentence with one figure
// (or none) and the exact fields the figure must have.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <tally/extract.hpp>

namespace {

using namespace tally;
using std::nullopt;

constexpr auto exact = Qualifier::exact;
constexpr auto approximate = Qualifier::approximate;
constexpr auto nearly = Qualifier::nearly;
constexpr auto at_least = Qualifier::at_least;
constexpr auto more_than = Qualifier::more_than;
constexpr auto at_most = Qualifier::at_most;
constexpr auto less_than = Qualifier::less_than;
constexpr auto range = Qualifier::range;
constexpr auto vague = Qualifier::vague;

std::vector<Mention> extract(const std::string& text, std::optional<std::string> date = nullopt) {
  static const Extractor ex;
  Document doc;
  doc.meta.id = "test.txt";
  doc.meta.source = "test";
  doc.meta.date = std::move(date);
  doc.raw = text;
  doc.text = text;
  return ex.extract(doc);
}

// The figure written `text` in `sentence`, if the extractor finds it.
std::optional<Mention> mention_of(const std::string& sentence, const std::string& text) {
  for (Mention& m : extract(sentence))
    if (m.text == text) return std::move(m);
  return nullopt;
}

bool same(std::optional<double> got, std::optional<double> want) {
  if (got.has_value() != want.has_value()) return false;
  if (!got) return true;
  return std::fabs(*got - *want) <= 1e-9 * std::max(1.0, std::fabs(*want));
}

std::string show(std::optional<double> v) { return v ? std::to_string(*v) : "null"; }

// One sentence, one figure: its surface, the stated interval and qualifier,
// its dimension and unit.
struct Row {
  std::string sentence;
  std::string text;
  double value;
  std::optional<double> low, high;
  Qualifier qualifier;
  std::string dimension;
  std::string unit;
};

void check_rows(const std::vector<Row>& rows) {
  for (const Row& r : rows) {
    INFO("sentence: ", r.sentence);
    auto ms = extract(r.sentence);
    REQUIRE(ms.size() == 1);
    const Mention& m = ms[0];
    CHECK(m.text == r.text);
    CHECK(m.start == r.sentence.find(r.text));
    CHECK(m.end == m.start + r.text.size());
    INFO("value ", show(m.value), " low ", show(m.stated.low), " high ", show(m.stated.high));
    CHECK(same(m.value, r.value));
    CHECK(same(m.stated.low, r.low));
    CHECK(same(m.stated.high, r.high));
    CHECK(to_string(m.qualifier) == to_string(r.qualifier));
    CHECK(m.dimension == r.dimension);
    CHECK(m.unit == r.unit);
  }
}

// A plain exact count: value, low and high all v.
Row count(std::string sentence, std::string text, double v) {
  return {std::move(sentence), std::move(text), v, v, v, exact, "count", ""};
}

}  // namespace

TEST_CASE("extract: digits, separators, decimals and signs") {
  check_rows({
      count("They counted 10,000 votes.", "10,000", 10000),
      count("They counted 10 000 votes.", "10 000", 10000),
      count("They counted 10\u00a0000 votes.", "10\u00a0000", 10000),
      count("They counted 10\u2009000 votes.", "10\u2009000", 10000),
      count("They counted 10\u202f000 votes.", "10\u202f000", 10000),
      count("They counted 1,234,567 votes.", "1,234,567", 1234567),
      count("The ratio was 1,234.56 overall.", "1,234.56", 1234.56),
      count("The index stood at 0.75 after the vote.", "0.75", 0.75),
      count("The balance was -5 at noon.", "-5", -5),
      {"It was \u22129.2 \u00b0C at dawn.", "\u22129.2 \u00b0C", -9.2, -9.2, -9.2, exact, "temperature", "\u00b0C"},
      count("The balance was \u2212350 at noon.", "\u2212350", -350),
  });
}

TEST_CASE("extract: scale words and abbreviations") {
  check_rows({
      count("The fund raised 1.5 million.", "1.5 million", 1.5e6),
      count("They counted 3 thousand votes.", "3 thousand", 3000),
      count("Debt reached 2 trillion last spring.", "2 trillion", 2e12),
      count("The census found 7.9 billion people.", "7.9 billion", 7.9e9),
      {"It raised $2.5bn last spring.", "$2.5bn", 2.5e9, 2.5e9, 2.5e9, exact, "currency", "USD"},
      count("The app had 12k downloads.", "12k", 12000),
      {"They pumped 3.5m barrels.", "3.5m barrels", 3.5e6, 3.5e6, 3.5e6, exact, "volume", "bbl"},
      {"It paid 4 mn euros.", "4 mn euros", 4e6, 4e6, 4e6, exact, "currency", "EUR"},
      {"It paid 7 bn dollars.", "7 bn dollars", 7e9, 7e9, 7e9, exact, "currency", "USD"},
      {"It paid 2 tn yen.", "2 tn yen", 2e12, 2e12, 2e12, exact, "currency", "JPY"},
      count("The region has 40m residents.", "40m", 4e7),
      // a counted noun before "of" makes it a million
      count("The city has a population of 1.4m.", "1.4m", 1.4e6),
      // finance's "MM" is a million as money, else millimetres
      {"It raised US$ 1MM.", "US$ 1MM", 1e6, 1e6, 1e6, exact, "currency", "USD"},
      {"He shot it on 35MM film.", "35MM", 35, 35, 35, exact, "length", "mm"},
      // a lowercase "m" with no counted noun or money is metres
      {"The wall is 1.8m tall.", "1.8m", 1.8, 1.8, 1.8, exact, "length", "m"},
      {"The wall has a height of 1.8m.", "1.8m", 1.8, 1.8, 1.8, exact, "length", "m"},
  });
}

TEST_CASE("extract: spelled-out numbers") {
  check_rows({
      count("There were ten thousand people.", "ten thousand", 10000),
      count("There were three hundred and twenty people.", "three hundred and twenty", 320),
      count("There were forty-two people.", "forty-two", 42),
      count("There were a dozen people.", "a dozen", 12),
      count("There were half a million people.", "half a million", 500000),
      count("There were one and a half million people.", "one and a half million", 1.5e6),
      count("There were two thousand five hundred people.", "two thousand five hundred", 2500),
      count("There were a hundred people.", "a hundred", 100),
      count("There were seventy people.", "seventy", 70),
      count("There were 4 thousand 3 hundred people.", "4 thousand 3 hundred", 4300),
  });
}

TEST_CASE("extract: vague quantities and their intervals (vague.tsv)") {
  auto v = [](std::string s, std::string t, double typical, double lo, double hi) {
    return Row{std::move(s), std::move(t), typical, lo, hi, vague, "count", ""};
  };
  check_rows({
      v("Dozens of people came.", "Dozens", 50, 24, 99),
      v("Hundreds of people came.", "Hundreds", 500, 200, 999),
      v("Thousands of people came.", "Thousands", 5000, 2000, 9999),
      v("Tens of thousands of people came.", "Tens of thousands", 50000, 20000, 99999),
      v("Hundreds of thousands of people came.", "Hundreds of thousands", 500000, 200000, 999999),
      v("Millions of people came.", "Millions", 5e6, 2e6, 9999999),
      v("Several thousand people came.", "Several thousand", 5000, 3000, 9000),
      v("A few hundred people came.", "A few hundred", 300, 200, 500),
      v("Several dozen people came.", "Several dozen", 60, 36, 108),
  });
  SUBCASE("spelled decimals take a scale after them") {
    check_rows({
        {"Five point three three thousand units were sold.", "Five point three three thousand", 5330, 5330, 5330,
         exact, "count", ""},
        {"Two point five million people voted.", "Two point five million", 2.5e6, 2.5e6, 2.5e6, exact, "count", ""},
    });
  }
  SUBCASE("a vague number names its currency or unit after \"of\"") {
    check_rows({
        {"It will cost tens of millions of dollars.", "tens of millions of dollars", 5e7, 2e7, 99999999, vague,
         "currency", "USD"},
        {"The deal was worth millions of euros.", "millions of euros", 5e6, 2e6, 9999999, vague, "currency", "EUR"},
        {"They lost hundreds of thousands of pounds.", "hundreds of thousands of pounds", 500000, 200000, 999999,
         vague, "currency", "GBP"},
        {"Thousands of tonnes of grain rotted.", "Thousands of tonnes", 5000, 2000, 9999, vague, "mass", "t"},
        {"They walked hundreds of miles.", "hundreds of miles", 500, 200, 999, vague, "length", "mi"},
        {"Thousands of people came.", "Thousands", 5000, 2000, 9999, vague, "count", ""},
    });
  }
}

TEST_CASE("extract: qualifiers of SPEC with their wordings") {
  auto q = [](std::string words, Qualifier qual) {
    std::string sentence = "They sent " + words + " troops.";
    std::optional<double> lo = 3000, hi = 3000;
    if (qual == at_least || qual == more_than) hi = nullopt;
    if (qual == at_most || qual == less_than) lo = nullopt;
    return Row{sentence, words, 3000, lo, hi, qual, "count", ""};
  };
  check_rows({
      q("3,000", exact),
      q("about 3,000", approximate),
      q("approximately 3,000", approximate),
      q("around 3,000", approximate),
      q("roughly 3,000", approximate),
      q("some 3,000", approximate),
      q("an estimated 3,000", approximate),
      q("circa 3,000", approximate),
      q("~3,000", approximate),
      q("3,000 or so", approximate),
      q("nearly 3,000", nearly),
      q("almost 3,000", nearly),
      q("close to 3,000", nearly),
      q("just under 3,000", nearly),
      q("at least 3,000", at_least),
      q("no fewer than 3,000", at_least),
      q("a minimum of 3,000", at_least),
      q("3,000 or more", at_least),
      q("more than 3,000", more_than),
      q("over 3,000", more_than),
      q("above 3,000", more_than),
      q("in excess of 3,000", more_than),
      q("exceeding 3,000", more_than),
      q("upwards of 3,000", more_than),
      q("3,000+", more_than),
      q("3,000-plus", more_than),
      q("up to 3,000", at_most),
      q("as many as 3,000", at_most),
      q("at most 3,000", at_most),
      q("no more than 3,000", at_most),
      q("a maximum of 3,000", at_most),
      q("3,000 or fewer", at_most),
      q("fewer than 3,000", less_than),
      q("less than 3,000", less_than),
      q("under 3,000", less_than),
      q("below 3,000", less_than),
  });
}

TEST_CASE("extract: ranges") {
  auto r = [](std::string s, std::string t, double lo, double hi, std::string dim = "count",
              std::string unit = "") {
    return Row{std::move(s), std::move(t), (lo + hi) / 2, lo, hi, range, std::move(dim), std::move(unit)};
  };
  check_rows({
      r("They sent between 10,000 and 12,000 troops.", "between 10,000 and 12,000", 10000, 12000),
      r("They sent 2,000-3,000 troops.", "2,000-3,000", 2000, 3000),
      r("They sent 2,000\u20133,000 troops.", "2,000\u20133,000", 2000, 3000),
      r("They sent 2,000 \u2013 3,000 troops.", "2,000 \u2013 3,000", 2000, 3000),
      r("They sent 15 to 20 million troops.", "15 to 20 million", 15e6, 20e6),
      r("They sent from 10 to 20 troops.", "from 10 to 20", 10, 20),
      r("They sent between 10 and 12 thousand troops.", "between 10 and 12 thousand", 10000, 12000),
      r("It cost $3\u20134 million.", "$3\u20134 million", 3e6, 4e6, "currency", "USD"),
      r("It was 35-38\u00b0C in the shade.", "35-38\u00b0C", 35, 38, "temperature", "\u00b0C"),
      r("It cost 15 to 20 million dollars.", "15 to 20 million dollars", 15e6, 20e6, "currency", "USD"),
      // "about" before a range keeps the range
      r("They sent about 15 to 20 troops.", "about 15 to 20", 15, 20),
      r("They sent 20~100 troops.", "20~100", 20, 100),
      // a lower and an upper bound joined by "and"
      r("They sent more than 100 and fewer than 300 troops.", "more than 100 and fewer than 300", 100, 300),
      r("They sent at most 100 and at least 20 troops.", "at most 100 and at least 20", 20, 100),
      r("The count is above 1000 and below 1500.", "above 1000 and below 1500", 1000, 1500),
      r("It is above 10 km and below 15 km.", "above 10 km and below 15 km", 10, 15, "length", "km"),
  });
  SUBCASE("but not bounds of different things or clauses") {
    auto ms = extract("More than 100 people died and at least 20 were hurt.");
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].qualifier == Qualifier::more_than);
    ms = extract("It is more than 5 and less than 10 km.");
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].qualifier == Qualifier::more_than);
  }
}

TEST_CASE("extract: percent, percentage points and money") {
  auto f = [](std::string s, std::string t, double v, std::string dim, std::string unit) {
    return Row{std::move(s), std::move(t), v, v, v, exact, std::move(dim), std::move(unit)};
  };
  check_rows({
      f("Turnout was 45% on Sunday.", "45%", 45, "percent", "%"),
      f("Turnout was 45 percent on Sunday.", "45 percent", 45, "percent", "%"),
      f("Turnout was 45 per cent on Sunday.", "45 per cent", 45, "percent", "%"),
      f("Turnout rose 3 percentage points.", "3 percentage points", 3, "percentage_points", "pp"),
      f("Turnout rose 1 percentage point.", "1 percentage point", 1, "percentage_points", "pp"),
      f("It cost $450 then.", "$450", 450, "currency", "USD"),
      f("It cost \u20ac450 then.", "\u20ac450", 450, "currency", "EUR"),
      f("It cost \u00a3450 then.", "\u00a3450", 450, "currency", "GBP"),
      f("It cost \u00a5450 then.", "\u00a5450", 450, "currency", "JPY"),
      f("It cost \u20b4450 then.", "\u20b4450", 450, "currency", "UAH"),
      f("It cost \u20bd450 then.", "\u20bd450", 450, "currency", "RUB"),
      f("It cost USD 450,000 then.", "USD 450,000", 450000, "currency", "USD"),
      f("It cost 450,000 USD then.", "450,000 USD", 450000, "currency", "USD"),
      f("It cost usd 20 then.", "usd 20", 20, "currency", "USD"),
      f("It cost PEN 50 then.", "PEN 50", 50, "currency", "PEN"),
      // an English word that is an ISO code too is the word in lower case
      f("He has lost his pen 7 times.", "7", 7, "count", ""),
      // text tokenized word by word, as treebank corpora are
      f("Sales rose 6 . 2 % on Monday.", "6 . 2 %", 6.2, "percent", "%"),
      f("Profit was $ 46 . 8 million.", "$ 46 . 8 million", 46.8e6, "currency", "USD"),
      f("It cost EUR 2.5 million then.", "EUR 2.5 million", 2.5e6, "currency", "EUR"),
      f("It cost 450 dollars then.", "450 dollars", 450, "currency", "USD"),
      f("It cost 450 US dollars then.", "450 US dollars", 450, "currency", "USD"),
      f("It cost 450 euros then.", "450 euros", 450, "currency", "EUR"),
      f("It cost 450 pounds then.", "450 pounds", 450, "currency", "GBP"),
      f("The deal was worth 3 million pounds.", "3 million pounds", 3e6, "currency", "GBP"),
      f("It cost 450 hryvnias then.", "450 hryvnias", 450, "currency", "UAH"),
      f("It cost 450 rubles then.", "450 rubles", 450, "currency", "RUB"),
      // "pounds" with no money around it is weight
      f("The parcel weighed 12 pounds.", "12 pounds", 12, "mass", "lb"),
      // coins count in their currency, exactly
      f("The stock gained 12 cents.", "12 cents", 0.12, "currency", "USD"),
      f("It cost 7 cents.", "7 cents", 0.07, "currency", "USD"),
      f("It cost \u00a27.", "\u00a27", 0.07, "currency", "USD"),
      f("A stamp costs 45 pence.", "45 pence", 0.45, "currency", "GBP"),
      f("It was valued at Rs 1.2 lakh crore.", "Rs 1.2 lakh crore", 1.2e12, "currency", "INR"),
  });
}

TEST_CASE("extract: a duration, a length or a weight in parts is one figure in its smallest unit") {
  auto d = [](std::string s, std::string t, double v, std::string unit) {
    return Row{std::move(s), std::move(t), v, v, v, exact, "duration", std::move(unit)};
  };
  check_rows({
      d("The flight takes 1 hour 30 minutes.", "1 hour 30 minutes", 90, "min"),
      d("The flight takes 2 hours and 15 minutes.", "2 hours and 15 minutes", 135, "min"),
      d("Retries back off for 1h30m at most.", "1h30m", 90, "min"),
      d("The build takes 12m 30s on CI.", "12m 30s", 750, "s"),
      d("The video is 3 min 20 s long.", "3 min 20 s", 200, "s"),
      d("The record is 2 minutes 3.5 seconds.", "2 minutes 3.5 seconds", 123.5, "s"),
      d("The timeout is 90 minutes.", "90 minutes", 90, "min"),
  });
  SUBCASE("but parts in the wrong order, or a code, are not joined") {
    auto ms = extract("It took 30 minutes 2 hours later.");
    REQUIRE(ms.size() == 2);
    CHECK(ms[0].text == "30 minutes");
    CHECK(extract("Part 24703L202 failed.").empty());
  }
  auto ms = extract("The timeout is 1 hour 30 minutes.");
  REQUIRE(ms.size() == 1);
  CHECK(*ms[0].norm_value == 5400);
  CHECK(ms[0].norm_unit == "s");
  SUBCASE("lengths and weights in parts too") {
    auto part = [](std::string s, std::string t, double v, std::string dim, std::string unit) {
      return Row{std::move(s), std::move(t), v, v, v, exact, std::move(dim), std::move(unit)};
    };
    check_rows({
        part("He is 5 feet 8 inches tall.", "5 feet 8 inches", 68, "length", "in"),
        part("She is 5'8\" tall.", "5'8\"", 68, "length", "in"),
        part("He is 6\u20322\u2033 tall.", "6\u20322\u2033", 74, "length", "in"),
        part("The box weighs 3 lbs 4 oz.", "3 lbs 4 oz", 52, "mass", "oz"),
        part("The site is 2 km 300 m away.", "2 km 300 m", 2300, "length", "m"),
    });
    // a temperature and a length are no parts of one figure
    CHECK(extract("It was 30 \u00b0C 5 km away.").size() == 2);
  }
}

TEST_CASE("extract: wordings of treebank-tokenized and other Englishes") {
  auto f = [](std::string s, std::string t, double v, std::string dim, std::string unit) {
    return Row{std::move(s), std::move(t), v, v, v, exact, std::move(dim), std::move(unit)};
  };
  check_rows({
      // a fraction sign alone is a share; "3/4" alone may be a date or a name
      {"The result is \u00be.", "\u00be", 75, 75, 75, exact, "percent", "%"},
      // fractions and a possessive spaced as treebank text is
      f("They sold 7 3 / 4 % bonds.", "7 3 / 4 %", 7.75, "percent", "%"),
      f("The bonds were priced at 101 1 / 4 on Monday.", "101 1 / 4", 101.25, "count", ""),
      f("It compared with august ' s 2 . 0 billion deficit.", "2 . 0 billion", 2e9, "count", ""),
      // Indian grouping
      f("He paid Rs 1,50,000 for it.", "Rs 1,50,000", 150000, "currency", "INR"),
      // spelled numbers with a spaced hyphen
      f("It sold its remaining one - third interest.", "one - third", 100.0 / 3, "percent", "%"),
      f("There were forty - two people.", "forty - two", 42, "count", ""),
      // a degree sign, a space, then the scale
      f("Water boils at 100\u00b0 Celsius.", "100\u00b0 Celsius", 100, "temperature", "\u00b0C"),
      // an ISO code between the number and its scale
      f("They lost 75 USD million.", "75 USD million", 75e6, "currency", "USD"),
      // a large "pounds" near a weight word is a weight
      f("A metric ton is 2,204.62 pounds.", "2,204.62 pounds", 2204.62, "mass", "lb"),
      f("The truck carried 5,000 pounds of cargo.", "5,000 pounds", 5000, "mass", "lb"),
      f("He won 5,000 pounds.", "5,000 pounds", 5000, "currency", "GBP"),
  });
  CHECK(extract("After 9/11, travel fell.").empty());
  auto younger = mention_of("Children younger than 3 months are exempt.", "younger than 3 months");
  REQUIRE(younger);
  CHECK(younger->qualifier == less_than);
  auto older = mention_of("The trees are older than 500 years.", "older than 500 years");
  REQUIRE(older);
  CHECK(older->qualifier == more_than);
}

TEST_CASE("extract: multiples are ratios (unit x)") {
  auto r = [](std::string s, std::string t, double v) {
    return Row{std::move(s), std::move(t), v, v, v, exact, "ratio", "x"};
  };
  check_rows({
      r("Exports rose 3-fold last year.", "3-fold", 3),
      r("A 10-fold increase in cases followed.", "10-fold", 10),
      r("Imports grew 2.5x over the period.", "2.5x", 2.5),
      r("The new engine is three times faster.", "three times", 3),
      r("There were 5 times as many cases.", "5 times", 5),
      r("The city is 3 times the size of Paris.", "3 times", 3),
      r("Prices are 4 times higher than in 2019.", "4 times", 4),
  });
  SUBCASE("repetitions, names and products are not ratios") {
    auto retries = mention_of("The client retries 3 times before failing.", "3");
    REQUIRE(retries);
    CHECK(retries->dimension == "count");
    CHECK(retries->noun == "retry");
    for (const char* s : {"They bought a 4x4 truck.", "The screen is 1920x1080 pixels wide."}) {
      INFO("sentence: ", s);
      for (const Mention& m : extract(s)) CHECK(m.dimension != "ratio");
    }
    auto product = extract("The matrix is 3 x 4.");
    REQUIRE(product.size() == 2);
    CHECK(product[0].text == "3");
  }
}

TEST_CASE("extract: \"over\" a duration is a span unless something lasts") {
  auto q = [](const std::string& sentence, const std::string& text) {
    auto m = mention_of(sentence, text);
    return m ? std::string(to_string(m->qualifier)) : std::string("missing");
  };
  CHECK(q("The EU pledged \u20ac50 billion in aid over four years.", "four years") == "exact");
  CHECK(q("Over 3 years, prices doubled.", "3 years") == "exact");
  CHECK(q("The meeting lasted over 3 hours.", "over 3 hours") == "more_than");
  CHECK(q("The meeting was over 3 hours long.", "over 3 hours") == "more_than");
  CHECK(q("Over 600,000 people returned.", "Over 600,000") == "more_than");
}

TEST_CASE("extract: large values keep the double their text names") {
  // Rounding to 13 significant digits must not add noise to large values.
  for (const char* text : {"6.02e23", "6.6e18", "1.5e16", "2.5e30"}) {
    auto ms = extract(std::string("The lab counted ") + text + " molecules.");
    INFO("text: ", text);
    REQUIRE(ms.size() == 1);
    CHECK(*ms[0].value == std::strtod(text, nullptr));
  }
}

TEST_CASE("extract: coins are exact in their currency") {
  // Divided by 100, not multiplied by 0.01: 7 * 0.01 is 0.07000000000000001.
  for (int cents = 1; cents < 100; ++cents) {
    const std::string text = std::to_string(cents) + " cents";
    auto ms = extract("It cost " + text + ".");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].text == text);
    CHECK(*ms[0].value == cents / 100.0);
    CHECK(*ms[0].norm_value == cents / 100.0);
  }
}

TEST_CASE("extract: units of every dimension, normalised to base units") {
  struct UnitRow {
    std::string sentence, text;
    double value;
    std::string dimension, unit;
    double norm;
    std::string norm_unit;
  };
  const std::vector<UnitRow> rows = {
      {"The road is 12 km long.", "12 km", 12, "length", "km", 12000, "m"},
      {"The road is 12 miles long.", "12 miles", 12, "length", "mi", 19312.128, "m"},
      {"The rope is 30 metres long.", "30 metres", 30, "length", "m", 30, "m"},
      {"The load was 5 kg on arrival.", "5 kg", 5, "mass", "kg", 5, "kg"},
      {"The load was 3 tonnes on arrival.", "3 tonnes", 3, "mass", "t", 3000, "kg"},
      {"The farm covers 200 hectares.", "200 hectares", 200, "area", "ha", 2e6, "m2"},
      {"The lake covers 15 square kilometres.", "15 square kilometres", 15, "area", "km2", 1.5e7, "m2"},
      {"The tank holds 500 litres.", "500 litres", 500, "volume", "l", 0.5, "m3"},
      {"The tank holds 20 cubic metres.", "20 cubic metres", 20, "volume", "m3", 20, "m3"},
      {"The convoy moved at 90 km/h on the road.", "90 km/h", 90, "speed", "km/h", 25, "m/s"},
      {"The convoy moved at 60 mph on the road.", "60 mph", 60, "speed", "mph", 26.8224, "m/s"},
      {"It was 30 \u00b0C at noon.", "30 \u00b0C", 30, "temperature", "\u00b0C", 30, "\u00b0C"},
      {"It was 86 \u00b0F at noon.", "86 \u00b0F", 86, "temperature", "\u00b0F", 30, "\u00b0C"},
      {"The trip took 3 hours.", "3 hours", 3, "duration", "h", 10800, "s"},
      {"The trip took 45 minutes.", "45 minutes", 45, "duration", "min", 2700, "s"},
      {"The trip took 10 days.", "10 days", 10, "duration", "day", 864000, "s"},
      {"The plant produces 600 MW at peak.", "600 MW", 600, "power", "MW", 6e8, "W"},
      {"The plant produces 2 GW at peak.", "2 GW", 2, "power", "GW", 2e9, "W"},
      {"The battery stores 50 kWh at most.", "50 kWh", 50, "energy", "kWh", 1.8e8, "J"},
      {"The file is 2 GB on disk.", "2 GB", 2, "data", "GB", 2e9, "B"},
      // beyond SPEC's dimensions (docs/EXTRACTION.md)
      {"The line carries 400 kV at most.", "400 kV", 400, "voltage", "kV", 4e5, "V"},
      {"The socket gives 220V at most.", "220V", 220, "voltage", "V", 220, "V"},
      {"The fuse blows at 13 amps at most.", "13 amps", 13, "current", "A", 13, "A"},
      {"The chip runs at 2.4 GHz at most.", "2.4 GHz", 2.4, "frequency", "GHz", 2.4e9, "Hz"},
      {"The storm's pressure fell to 950 mbar overnight.", "950 mbar", 950, "pressure", "mbar", 95000, "Pa"},
      {"The tyres hold 32 psi at most.", "32 psi", 32, "pressure", "psi", 220632.233381376, "Pa"},
  };
  for (const UnitRow& r : rows) {
    INFO("sentence: ", r.sentence);
    auto ms = extract(r.sentence);
    REQUIRE(ms.size() == 1);
    const Mention& m = ms[0];
    CHECK(m.text == r.text);
    CHECK(same(m.value, r.value));
    CHECK(to_string(m.qualifier) == "exact");
    CHECK(m.dimension == r.dimension);
    CHECK(m.unit == r.unit);
    INFO("norm ", show(m.norm_value));
    CHECK(std::fabs(*m.norm_value - r.norm) <= 1e-6 * r.norm);
    CHECK(same(m.norm.low, m.norm_value));
    CHECK(same(m.norm.high, m.norm_value));
    CHECK(m.norm_unit == r.norm_unit);
  }
}

TEST_CASE("extract: rates keep their denominator") {
  struct RateRow {
    std::string sentence, text;
    double value;
    std::string unit, norm_unit;
  };
  const std::vector<RateRow> rows = {
      {"They lost 1,200 soldiers a day.", "1,200", 1200, "soldier/day", "soldier/day"},
      {"They lost 1,200 soldiers per day.", "1,200", 1200, "soldier/day", "soldier/day"},
      {"They lost 300 tanks per week.", "300", 300, "tank/week", "tank/week"},
      {"It earns $5 million per year.", "$5 million per year", 5e6, "USD/year", "USD/year"},
      {"It earns $5 million a year.", "$5 million a year", 5e6, "USD/year", "USD/year"},
      {"The pump moves 30 litres/h.", "30 litres/h", 30, "l/h", "m3/h"},
  };
  for (const RateRow& r : rows) {
    INFO("sentence: ", r.sentence);
    auto ms = extract(r.sentence);
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].text == r.text);
    CHECK(same(ms[0].value, r.value));
    CHECK(ms[0].unit == r.unit);
    CHECK(ms[0].norm_unit == r.norm_unit);
    CHECK(ms[0].is_rate);
  }
  SUBCASE("a day that says when is not a rate") {
    auto ms = extract("They lost 1,200 soldiers a day earlier.");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].unit == "");
    CHECK_FALSE(ms[0].is_rate);
  }
}

TEST_CASE("extract: the counted thing") {
  struct NounRow {
    std::string sentence, text, noun, noun_phrase;
  };
  const std::vector<NounRow> rows = {
      {"Pyongyang sent 10,000 North Korean soldiers.", "10,000", "soldier", "North Korean soldiers"},
      {"The army lost 45 tanks.", "45", "tank", "tanks"},
      {"Officials counted 3,000 casualties.", "3,000", "casualty", "casualties"},
      {"The town sheltered 200 children.", "200", "child", "children"},
      {"Thousands of people fled.", "Thousands", "people", "people"},
      {"The total number of personnel is approximately 3,000.", "approximately 3,000", "personnel",
       "personnel"},
      {"The number of North Korean personnel in Russian units stands at approximately 3,000.",
       "approximately 3,000", "personnel", "North Korean personnel"},
      {"Moscow deployed a 2,000-strong contingent.", "2,000", "contingent", "contingent"},
      {"The death toll rose to 45.", "45", "death toll", "death toll"},
      {"Revenue was $4.5bn.", "$4.5bn", "revenue", "Revenue"},
      // "of" after a unit names what is measured
      {"Up to 5,000 tonnes of grain are shipped.", "Up to 5,000 tonnes", "grain", "grain"},
      {"Over 9,000 km of roads need repair.", "Over 9,000 km", "road", "roads"},
      {"The country spends 2% of GDP on defence.", "2%", "gdp", "GDP"},
      {"About 70 per cent of the country's electricity comes from dams.", "About 70 per cent", "electricity",
       "country's electricity"},
  };
  for (const NounRow& r : rows) {
    INFO("sentence: ", r.sentence);
    auto ms = extract(r.sentence);
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].text == r.text);
    CHECK(ms[0].noun == r.noun);
    CHECK(ms[0].noun_phrase == r.noun_phrase);
  }
}

TEST_CASE("extract: what is not a quantity is not emitted") {
  const std::vector<std::string> none = {
      "The war began in 2022.",
      "The vote was held on 17 October 2024.",
      "The vote was held on October 17.",
      "The vote was held on 2024-10-17.",
      "The meeting starts at 10:30.",
      "The meeting starts at 6 pm.",
      "It was the second country to do so.",
      "She came 3rd in the race.",
      "A 15-year-old boy was hurt.",
      "A 3-month-old baby was hurt.",
      "A 2-week-old lamb was found.",
      "A 10-day-old calf was found.",
      "Call 555-123-4567 for details.",
      "Call +44 20 7946 0958 for details.",
      "He flew on flight BA287 yesterday.",
      "The COVID-19 pandemic spread.",
      "He lived at 221B Baker Street.",
      "See section 4 for details.",
      "See page 12 for details.",
      "Results are in the third quarter report.",
      "Sales fell in the first half.",
      "Prices were lower in the 1990s.",
      "Prices were lower in the 1980's.",
      "Prices were lower in the \u201980s and the '90s.",
      "Prices rose in the mid-90s and the early 2000s.",
      "The town grew fast in the 1800s.",
      "The plane landed on runway 27.",
      "He earns a six-figure salary.",
      "Growth returned to double-digit rates.",
      // an age as an adjective, spaced as tokenized text is, or unhyphenated
      "A 28 - year - old runner won.",
      "He paid a 90 day old bill.",
      "Solve exercise nr. 22 first.",
  };
  for (const std::string& s : none) {
    INFO("sentence: ", s);
    auto ms = extract(s);
    CHECK(ms.empty());
    for (const Mention& m : ms) INFO("got: ", m.text);
  }
  SUBCASE("but a hyphenated unit is a quantity") {
    check_rows({
        {"A 10-gallon water cooler fell.", "10-gallon", 10, 10, 10, exact, "volume", "gal"},
        {"They built a 2.5-mile stretch of road.", "2.5-mile", 2.5, 2.5, 2.5, exact, "length", "mi"},
        {"They dropped the one-yen bid.", "one-yen", 1, 1, 1, exact, "currency", "JPY"},
        {"It was a 10-day trip.", "10-day", 10, 10, 10, exact, "duration", "day"},
    });
  }
  SUBCASE("and seconds written with a glued s are durations, not decades") {
    check_rows({
        {"The request took 30s.", "30s", 30, 30, 30, exact, "duration", "s"},
        {"The job times out after 1800s.", "1800s", 1800, 1800, 1800, exact, "duration", "s"},
        {"She ran it in 9.58s.", "9.58s", 9.58, 9.58, 9.58, exact, "duration", "s"},
    });
  }
}

TEST_CASE("extract: modality, attribution and period") {
  struct CtxRow {
    std::string sentence, text;
    Modality modality;
    std::optional<std::string> attribution, period;
  };
  const std::vector<CtxRow> rows = {
      {"Ukraine has 5,000 soldiers there.", "5,000", Modality::asserted, nullopt, nullopt},
      {"There is an intention to train 10,000 soldiers.", "10,000", Modality::planned, nullopt, nullopt},
      {"The army plans to recruit 5,000 soldiers.", "5,000", Modality::planned, nullopt, nullopt},
      {"The army intends to recruit 5,000 soldiers.", "5,000", Modality::planned, nullopt, nullopt},
      {"The army will recruit 5,000 soldiers.", "5,000", Modality::planned, nullopt, nullopt},
      {"The army aims to recruit 5,000 soldiers.", "5,000", Modality::planned, nullopt, nullopt},
      {"Analysts expect 5,000 soldiers to arrive.", "5,000", Modality::forecast, nullopt, nullopt},
      {"Output is projected to reach 5,000 tonnes.", "5,000 tonnes", Modality::forecast, nullopt, nullopt},
      {"Up to 5,000 soldiers could join the fight.", "Up to 5,000", Modality::possible, nullopt, nullopt},
      {"About 5,000 soldiers may join the fight.", "About 5,000", Modality::possible, nullopt, nullopt},
      {"Another 5,000 soldiers might join the fight.", "5,000", Modality::possible, nullopt, nullopt},
      {"Did 5,000 soldiers join the fight?", "5,000", Modality::question, nullopt, nullopt},
      {"If 5,000 soldiers joined, the line would hold.", "5,000", Modality::hypothetical, nullopt, nullopt},
      {"The ministry did not send 5,000 soldiers.", "5,000", Modality::negated, nullopt, nullopt},
      {"Zelensky said 5,000 soldiers had arrived.", "5,000", Modality::asserted, "Zelensky", nullopt},
      {"5,000 soldiers had arrived, said Zelensky.", "5,000", Modality::asserted, "Zelensky", nullopt},
      {"According to officials, 5,000 soldiers had arrived.", "5,000", Modality::asserted, "officials",
       nullopt},
      {"In 2023, 5,000 soldiers had arrived.", "5,000", Modality::asserted, nullopt, "2023"},
      {"On October 3, 2024, 5,000 soldiers had arrived.", "5,000", Modality::asserted, nullopt,
       "2024-10-03"},
      {"In the third quarter of 2024, sales reached 5,000 cars.", "5,000", Modality::asserted, nullopt,
       "2024-07-01/2024-09-30"},
      // reported intent is a plan, a condition is not
      {"The government said it would spend \u00a31.5bn on hospitals.", "\u00a31.5bn", Modality::planned,
       "government", nullopt},
      {"If it rained, the river would rise 2 metres.", "2 metres", Modality::hypothetical, nullopt, nullopt},
      // the figure's own phrase before "said" attributes nothing
      {"Nearly two-thirds of respondents said they would vote.", "Nearly two-thirds", Modality::asserted,
       nullopt, nullopt},
      {"45 people said they had fled.", "45", Modality::asserted, nullopt, nullopt},
      // the month is no modal verb; "to build" after the figure is its purpose
      {"The airline carried more passengers in May, 8% more than a year earlier.", "8%", Modality::asserted,
       nullopt, nullopt},
      {"The tunnel took 17 years to build.", "17 years", Modality::asserted, nullopt, nullopt},
      // "would" after the figure, in reported speech, is a plan too
      {"The Pentagon said 2,500 US Marines would be deployed.", "2,500", Modality::planned, "Pentagon", nullopt},
      {"If they came, 2,500 Marines would be deployed.", "2,500", Modality::hypothetical, nullopt, nullopt},
      {"Up to 100,000 more could follow.", "Up to 100,000", Modality::possible, nullopt, nullopt},
  };
  for (const CtxRow& r : rows) {
    INFO("sentence: ", r.sentence);
    auto ms = extract(r.sentence);
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].text == r.text);
    CHECK(to_string(ms[0].modality) == to_string(r.modality));
    CHECK(ms[0].attribution == r.attribution);
    CHECK(ms[0].period == r.period);
  }
  SUBCASE("relative time resolves against the document's date") {
    auto ms = extract("Yesterday 300 people arrived.", "2024-10-17");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].period == "2024-10-16");
    ms = extract("Last year 300 people arrived.", "2024-10-17");
    REQUIRE(ms.size() == 1);
    CHECK(ms[0].period == "2023");
  }
}

TEST_CASE("extract: what a figure counts, said before or after it") {
  struct Row {
    std::string text, sentence, noun;
    std::optional<std::string> attribution;
  };
  const std::vector<Row> rows = {
      {"900 km/h", "It climbed 35,000 feet at a speed of 900 km/h.", "speed", nullopt},
      // the new value of a change names the noun before the old one
      {"120 ms", "Startup fell from 800 ms to 120 ms.", "startup", nullopt},
      {"800 ms", "Startup fell from 800 ms to 120 ms.", "startup", nullopt},
      {"$5bn", "The 2024 budget is $5bn.", "budget", nullopt},
      // "ms." after a figure is milliseconds: the next sentence is its own
      {"120 ms", "Startup takes 120 ms. Officials said it was fine.", "", nullopt},
      {"13.1 per cent", "Unemployment rose by 2 percentage points to 13.1 per cent.", "", nullopt},
      {"2 percentage points", "Unemployment rose by 2 percentage points to 13.1 per cent.", "unemployment", nullopt},
      // the new value links over the amount of the change to the noun
      {"\u20ac12.3bn", "Sales grew 4.5 per cent to \u20ac12.3bn.", "sales", nullopt},
      {"$22.96bn", "Net income rose 11% to $22.96bn.", "net income", nullopt},
      {"5%", "Sales increased by 5% last year.", "sales", nullopt},
      {"\u20ac10,000", "The fine is capped at \u20ac10,000.", "fine", nullopt},
      // a comparison is not a noun; a comparative qualifier links the noun before it
      {"40%", "It is 40% faster than release 1.8.", "", nullopt},
      {"larger than 10 MiB", "Uploads larger than 10 MiB are rejected.", "upload", nullopt},
      {"at most 512 MB", "The cache holds at most 512 MB.", "cache", nullopt},
      {"below 2 GB", "Memory usage stays below 2 GB.", "usage", nullopt},
      // a verb of change in -ed between the noun and "to"
      {"120 km/h", "Winds gusted to 120 km/h.", "wind", nullopt},
      {"$9bn", "The cost of the project has tripled to $9bn.", "cost", nullopt},
      {"12 percent", "Inflation slowed to 12 percent in July.", "inflation", nullopt},
      {"About 5 million tonnes", "About 5 million tonnes of wheat remain stuck in ports.", "wheat", nullopt},
      // a verb in -ed ending the clause is no noun; a participle before a noun describes it
      {"tens of thousands", "A crowd of tens of thousands gathered.", "crowd", nullopt},
      {"300", "300 wounded civilians were evacuated.", "civilian", nullopt},
      {"30", "The city installed 30 speed cameras.", "camera", nullopt},
      {"12", "45 people were killed and 12 arrested.", "arrested", nullopt},
      {"more than 40%", "Slightly more than 40% agreed.", "", nullopt},
      {"Nearly a third", "Nearly a third of homes were damaged.", "home", nullopt},
      {"3 days", "It rained for 3 days straight.", "", nullopt},
      {"21 days", "The two doses are given 21 days apart.", "", nullopt},
      {"11,000", "The intelligence chief put the figure at 11,000.", "", "intelligence chief"},
      {"99.9%", "It killed 99.9% of bacteria within 24 hours.", "bacteria", nullopt},
      // an acronym is no function word; a verb after "has" links its noun
      {"2,500", "The Pentagon said 2,500 US Marines would be deployed.", "marine", "Pentagon"},
      {"more than 20,000 acres", "The wildfire has scorched more than 20,000 acres.", "wildfire", nullopt},
      // the whole's size is passed over
      {"Nearly 70%", "Nearly 70% of the 4,500 residents were evacuated.", "resident", nullopt},
      {"Nearly 40 per cent", "Nearly 40 per cent of the city's 2.1 million residents rent.", "resident", nullopt},
  };
  for (const Row& r : rows) {
    INFO("sentence: ", r.sentence);
    auto m = mention_of(r.sentence, r.text);
    REQUIRE(m);
    CHECK(m->noun == r.noun);
    CHECK(m->attribution == r.attribution);
  }
}

TEST_CASE("extract: a part of a group counts what the group counts, in a block of its own") {
  auto ms = extract("Only 12 of the 40 buses were running, and two of the twenty-five depots were open.");
  REQUIRE(ms.size() == 4);
  CHECK(ms[0].text == "12");
  CHECK(ms[0].noun == "bus");
  CHECK(ms[0].block == "count:bus:part");
  CHECK(ms[0].subject == "part of bus");
  CHECK(ms[1].text == "40");
  CHECK(ms[1].noun == "bus");
  CHECK(ms[1].block == "count:bus");  // the group's size: comparable with "the city runs 40 buses"
  CHECK(ms[2].text == "two");
  CHECK(ms[2].noun == "depot");
  CHECK(ms[2].block == "count:depot:part");
  CHECK(ms[3].text == "twenty-five");
  CHECK(ms[3].block == "count:depot");
}

TEST_CASE("extract: the old value of a change is kept apart from the new one") {
  auto ms = extract("The death toll rose from 45 to 78 on Friday.");
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].noun == "death toll");
  CHECK(ms[1].noun == "death toll");
  CHECK(ms[0].block == ms[1].block + ":from");
  ms = extract("The timeout was raised from 30s to 60s.");
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].block == "duration:timeout:from");
  CHECK(ms[1].block == "duration:timeout");
  // the amount of a change is neither the old nor the new value
  ms = extract("Acme shares rose $2 to $85 on Friday.");
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].text == "$2");
  CHECK(ms[0].block == "currency:share:change");
  CHECK(ms[1].block == "currency:share");
  ms = extract("Sales increased by 5% last year.");
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].block == "percent:sales:change");
  // not a change: a range
  ms = extract("Estimates range from 10,000 to 15,000 troops.");
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].block.find(":from") == std::string::npos);
}

TEST_CASE("extract: a casualty participle before the noun counts like one after it") {
  auto before = extract("300 wounded civilians were evacuated.");
  auto after = extract("300 civilians were wounded.");
  REQUIRE(before.size() == 1);
  REQUIRE(after.size() == 1);
  CHECK(before[0].noun == "civilian");
  CHECK(before[0].block == after[0].block);
  CHECK(before[0].block == "count:injured");
}

TEST_CASE("extract: whose an owned figure is") {
  struct Row {
    std::string sentence, text, entity;
  };
  const std::vector<Row> rows = {
      {"Acme plans to cut 7,200 jobs.", "7,200", "acme"},
      {"Acme Corp reported third-quarter revenue of $4.52 billion.", "$4.52 billion", "acme corp"},
      {"Analysts said Globex expects revenue of $3bn.", "$3bn", "globex"},  // the speaker is not the owner
      {"Shares in Rolls-Royce fell 5%.", "5%", "rolls royce"},
      {"The company plans to cut 1,500 jobs.", "1,500", ""},
      {"Net income was $610m.", "$610m", ""},
      {"On Monday, Acme said it would hire 300 workers.", "300", "acme"},
      // not owned: troops are compared by what they are
      {"Ukraine said 3,000 North Korean soldiers had arrived.", "3,000", ""},
      // the owner in the figure's own phrase is a modifier already
      {"Globex revenue fell to $3bn.", "$3bn", ""},
  };
  for (const Row& r : rows) {
    INFO("sentence: ", r.sentence);
    auto m = mention_of(r.sentence, r.text);
    REQUIRE(m);
    CHECK(m->entity == r.entity);
    if (!r.entity.empty()) CHECK(m->subject.starts_with(r.entity));
  }
}

TEST_CASE("extract: a figure alone in a table cell is about its row") {
  const std::string table =
      "| option | default |\n|---|---|\n| timeout | 60 s |\n| retries | 3 |\n| max upload size | 25 MB |\n";
  auto ms = extract(table);
  REQUIRE(ms.size() == 3);
  CHECK(ms[0].text == "60 s");
  CHECK(ms[0].unit == "s");  // a lone letter after a figure is a unit when it fills the cell
  CHECK(ms[0].noun == "timeout");
  CHECK(ms[1].noun == "retry");
  CHECK(ms[2].noun == "size");
  CHECK(ms[2].noun_phrase == "max upload size");
  // A name's last letter is not what the row counts.
  ms = extract("| Unit | Count |\n| Brigade A | 1,200 |\n");
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].noun == "brigade");
  // A figure among words in a later cell belongs to its row (the label is
  // its entity), so two rows never meet; alone in its cell, the label is
  // already what it counts.
  ms = extract("| corpus | what |\n|---|---|\n| troops | four outlets reported |\n| toll | three outlets wrote |\n");
  REQUIRE(ms.size() == 2);
  CHECK(ms[0].noun == "outlet");
  CHECK(ms[0].entity == "troops");
  CHECK(ms[1].entity == "toll");
  ms = extract(table);
  REQUIRE(ms.size() == 3);
  CHECK(ms[0].entity == "");
  // Outside a cell a spaced lone letter stays too ambiguous to be a unit.
  ms = extract("Group 5 s was late.");
  for (const Mention& m : ms) CHECK(m.unit != "s");
}

TEST_CASE("extract: a noun from the lexicon is not its own modifier") {
  auto ms = extract("Some 2,500 riot police officers were deployed.");
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].noun == "police officer");
  CHECK(ms[0].modifiers == std::vector<std::string>{"riot"});
  CHECK(ms[0].subject == "riot police officer");
}

TEST_CASE("extract: issue 2 worked example") {
  // Our own article: a dateline with the year, a planned figure, an
  // approximate one whose counted noun comes before it, and an ordinal.
  const std::string article =
      "KYIV, October 17, 2024 (Kyiv Wire). Ukraine's president said there is an intention to train "
      "10,000 soldiers from different branches of the armed forces. Military intelligence puts the "
      "number of North Korean personnel in Russian units at approximately 3,000, and a second "
      "country may be preparing to send its own troops.\n";
  auto ms = extract(article, "2024-10-17");
  REQUIRE(ms.size() == 2);

  const Mention& a = ms[0];
  CHECK(a.text == "10,000");
  CHECK(a.start == article.find("10,000"));
  CHECK(same(a.value, 10000));
  CHECK(to_string(a.qualifier) == "exact");
  CHECK(a.noun == "soldier");
  CHECK(a.noun_phrase == "soldiers");
  CHECK(to_string(a.modality) == "planned");
  CHECK(a.attribution == "Ukraine's president");

  const Mention& b = ms[1];
  CHECK(b.text == "approximately 3,000");
  CHECK(b.start == article.find("approximately 3,000"));
  CHECK(same(b.value, 3000));
  CHECK(same(b.stated.low, 3000));
  CHECK(same(b.stated.high, 3000));
  CHECK(to_string(b.qualifier) == "approximate");
  CHECK(b.dimension == "count");
  CHECK(b.noun == "personnel");
  CHECK(b.noun_phrase == "North Korean personnel");
  CHECK(b.place == "in russian units");
  CHECK(to_string(b.modality) == "asserted");

  for (const Mention& m : ms) {
    CHECK(m.text.find("2024") == std::string::npos);
    CHECK(m.text.find("second") == std::string::npos);
  }
}

// Regressions pinned by issue 2's follow-up: each text with every figure it holds.
TEST_CASE("extract: issue 2 regressions") {
  struct Expect {
    std::string text;
    double value;
    Qualifier qualifier;
    std::string unit;
  };
  struct Case {
    std::string input;
    std::vector<Expect> out;
  };
  const std::vector<Case> cases = {
      {"a fifth", {{"a fifth", 20, exact, "%"}}},
      {"A fifth of the budget went to defence.", {{"A fifth", 20, exact, "%"}}},
      {"It won a $48.2 million contract.", {{"$48.2 million", 48.2e6, exact, "USD"}}},
      {"country music's $500 million man", {{"$500 million", 500e6, exact, "USD"}}},
      {"It paid S$40 for it.", {{"S$40", 40, exact, "SGD"}}},
      {"a 10-gallon water cooler", {{"10-gallon", 10, exact, "gal"}}},
      {"a 2.5-mile stretch", {{"2.5-mile", 2.5, exact, "mi"}}},
      {"its controversial one-yen bid", {{"one-yen", 1, exact, "JPY"}}},
      {"4 thousand 3 hundred and 0 are two valid numbers.",
       {{"4 thousand 3 hundred", 4300, exact, ""}, {"0", 0, exact, ""}, {"two", 2, exact, ""}}},
      {"3 hundred and 2 hundred are two valid numbers.",
       {{"3 hundred", 300, exact, ""}, {"2 hundred", 200, exact, ""}, {"two", 2, exact, ""}}},
      {"two thousand and two hundred", {{"two thousand and two hundred", 2200, exact, ""}}},
      {"His score is equal to 5000 or less than 6000",
       {{"equal to 5000", 5000, exact, ""}, {"less than 6000", 6000, less_than, ""}}},
      {"His score is equal to 5000 or more than 4500",
       {{"equal to 5000", 5000, exact, ""}, {"more than 4500", 4500, more_than, ""}}},
      {"His score is more than 5000 or equal to 6000",
       {{"more than 5000", 5000, more_than, ""}, {"equal to 6000", 6000, exact, ""}}},
      {"His score is more than 5000 or equal", {{"more than 5000 or equal", 5000, at_least, ""}}},
      {"They accept 200 or more", {{"200 or more", 200, at_least, ""}}},
      {"interest expense in the 1988 third quarter was $ 75.3 million .",
       {{"$ 75.3 million", 75.3e6, exact, "USD"}}},
      {"They kept a quarter of the grain.", {{"a quarter", 25, exact, "%"}}},
      {"Half of the soldiers left.", {{"Half", 50, exact, "%"}}},
      {"They sold a quarter million tickets.", {{"a quarter million", 250000, exact, ""}}},
      {"They sold half a dozen tickets.", {{"half a dozen", 6, exact, ""}}},
      {"Sales doubled in the second half of the year.", {}},
      {"Current value is one billion and a half million",
       {{"one billion and a half million", 1000500000, exact, ""}}},
      {"Last value was one billion and a quarter million",
       {{"one billion and a quarter million", 1000250000, exact, ""}}},
      {"50 dollar 40 rmb", {{"50 dollar", 50, exact, "USD"}, {"40 rmb", 40, exact, "CNY"}}},
      {"10 rmb 20 usd", {{"10 rmb", 10, exact, "CNY"}, {"20 usd", 20, exact, "USD"}}},
      {"They sent 300 more than 200 were needed", {{"300", 300, exact, ""}, {"more than 200", 200, more_than, ""}}},
      {"deposits: 10 turkish lira 1111-22223333-4444", {{"10 turkish lira", 10, exact, "TRY"}}},
      {"how to convert - 20 degrees fahrenheit to celsius",
       {{"- 20 degrees fahrenheit", -20, exact, "\u00b0F"}}},
      {"The result - 20 points - was poor.", {{"20", 20, exact, ""}}},
      {"The 15-year-olds were hurt.", {}},
      {"He signed a 3-year contract.", {{"3-year", 3, exact, "year"}}},
      {"Temperatures reached 40C on Monday.", {{"40C", 40, exact, "\u00b0C"}}},
      {"When must 13F be filed?", {}},
      {"They chartered a Boeing 777F to carry supplies.", {}},
      {"He lives in flat 4C now.", {}},
  };
  for (const Case& c : cases) {
    INFO("input: ", c.input);
    auto ms = extract(c.input);
    for (const Mention& m : ms) INFO("got: ", m.text);
    REQUIRE(ms.size() == c.out.size());
    for (std::size_t i = 0; i < ms.size(); ++i) {
      INFO("figure ", i, ": ", ms[i].text);
      CHECK(ms[i].text == c.out[i].text);
      CHECK(same(ms[i].value, c.out[i].value));
      CHECK(to_string(ms[i].qualifier) == to_string(c.out[i].qualifier));
      CHECK(ms[i].unit == c.out[i].unit);
    }
  }
}

TEST_CASE("extract: offsets, lines and columns") {
  const std::string text = "First line.\nThe army sent \u2248 3,000 troops.\n";
  auto ms = extract(text);
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].text == "\u2248 3,000");
  CHECK(ms[0].start == text.find("\u2248"));
  CHECK(ms[0].end == text.find(" troops"));
  CHECK(ms[0].line == 2);
  CHECK(ms[0].col == 15);  // characters, not bytes
  CHECK(ms[0].sentence_start == text.find("The army"));
  CHECK(ms[0].sentence_end == text.find("\n", text.find("The army")));
}

TEST_CASE("extract: arbitrary token soup never crashes and offsets stay exact") {
  // A fixed-seed generator over pieces that stress every rule: numbers, scale
  // and number words, qualifiers, currencies, units, dashes, invalid UTF-8.
  const std::vector<std::string> pieces = {
      "3,000", "10 000", "1.5", "-", "\u2212", "\u2013", "million", "bn", "k", "m", "a", "half", "quarter",
      "third", "and", "of", "to", "between", "more than", "or more", "or less", "than", "about", "$", "\u20ac",
      "USD", "dollar", "pounds", "km", "-year-old", "%", "per cent", "a day", "the number of", "soldiers",
      "said", ".", ",", "?", "\n\n", "\xff", "\xe2\x82", "2024", "October", "17", "F", "C", "B", "one", "-yen",
      "221B", "+", "~", "(", ")", "\u00a0", "two thousand", "hundred", "0", "5000"};
  std::uint32_t state = 12345;
  auto next = [&state] {
    state = state * 1664525u + 1013904223u;
    return state >> 8;
  };
  for (int round = 0; round < 300; ++round) {
    std::string text;
    int n = 1 + static_cast<int>(next() % 30);
    for (int k = 0; k < n; ++k) {
      if (next() % 3 != 0) text += ' ';
      text += pieces[next() % pieces.size()];
    }
    INFO("text: ", text);
    auto ms = extract(text);
    std::size_t prev_end = 0;
    for (const Mention& m : ms) {
      CHECK(m.start < m.end);
      CHECK(m.end <= text.size());
      CHECK(m.start >= prev_end);  // figures never overlap and come in order
      CHECK(m.text == text.substr(m.start, m.end - m.start));
      CHECK(m.sentence_start <= m.start);
      CHECK(m.end <= m.sentence_end);
      CHECK(m.value.has_value());
      prev_end = m.end;
    }
  }
}

TEST_CASE("extract: a range does not join across a paragraph or sentence break") {
  // The fuzzer's range-across-paragraph case.
  for (const std::string text : {"1to\n\n2", "1 to\n\n2", "1\n\nto 2", "2,000-\n\n3,000", "between 10\n\nand 12",
                                 "It rose 10 to.\n\n20 fell."}) {
    INFO("text: ", text);
    auto ms = extract(text);
    for (const Mention& m : ms) {
      CHECK(m.qualifier != Qualifier::range);
      CHECK(m.text.find('\n') == std::string::npos);
      CHECK(m.sentence_start <= m.start);
      CHECK(m.end <= m.sentence_end);
    }
  }
  // One line break is not a paragraph: the range stands.
  auto ms = extract("They sent 15 to\n20 troops.");
  REQUIRE(ms.size() == 1);
  CHECK(ms[0].qualifier == Qualifier::range);
}

TEST_CASE("extract: values past double's range are not emitted") {
  // The fuzzer's tokenizer-exponent-overflow case, and its relatives.
  for (const std::string& text : std::vector<std::string>{"Revenue rose 1e8888888888 times.", "It was 1e400 troops.", "It cost 1e300 billion dollars.",
        "It was 1e308 km long.", "They sent " + std::string(400, '9') + " troops.", "0e999999 troops"}) {
    INFO("text: ", text.substr(0, 60));
    for (const Mention& m : extract(text)) {
      for (std::optional<double> v : {m.value, m.stated.low, m.stated.high, m.norm_value, m.norm.low, m.norm.high})
        if (v) CHECK(std::isfinite(*v));
    }
  }
  // Near the top of the range a midpoint must not overflow.
  auto ms = extract("They sent 1e308 to 1.5e308 troops.");
  for (const Mention& m : ms)
    if (m.value) CHECK(std::isfinite(*m.value));
}

TEST_CASE("extract: URLs, e-mail addresses, phone numbers and dates are masked wherever they stand") {
  // The masker runs RE2 only around the tokens a match must hold (digits,
  // '@', ':', "www"), over stretches between whitespace that may join the
  // groups of a phone number; these are the figures left around such text.
  struct Case {
    std::string input;
    std::vector<std::string> figures;
  };
  const std::vector<Case> cases = {
      {"Visit http://example.com/a\u00a0b5 today: 5 items were sold.", {"5"}},  // \s has no NBSP
      {"A link x\vhttp://a.com/5\vb and 6 dogs.", {"6"}},                       // nor \v
      {"Call (555) 123 4567 now, 12 people answered.", {"12"}},
      {"Ring +44 20 7946 0958\tor 7 others.", {"7"}},
      {"He paid 300 dollars (tel. +1 (212) 555 0100) for 2 seats.", {"300 dollars", "2"}},
      {"Call 555-123-4567 or 555 123 4567 for 3 tickets.", {"555 123", "4567", "3"}},
      {"The ids 123 456 789 and 10 boxes.", {"123 456 789", "10"}},
      {"Mail a.b+c@x-y.com 3 times, then 4 more.", {"3", "4"}},
      {"Write to 12 people at abc12@mail.example.org today.", {"12"}},
      {"See www.twenty.com and 2 cars.", {"2"}},
      {"WWW.EIGHT.COM lists 9 dogs.", {"9"}},
      {"swww.nine.net has 11 pages and xwww.ten.com 12.", {"11", "12"}},
      {"Prices: ftp://files.example.com/v2/3 and https://x.io/?a=1&b=2 cost 15 dollars.", {"15 dollars"}},
      {"On 2024-01-05T10:00Z 30 soldiers arrived.", {"30"}},
      {"By 1/2/2024, 40 units were built.", {"40"}},
      {"The 4:30 train carried 200 people.", {"200"}},
      // Text without a digit is not masked at all.
      {"Twenty-one people visited www.seven.org pages.", {"Twenty-one", "seven"}},
  };
  for (const Case& c : cases) {
    INFO("input: ", c.input);
    std::vector<std::string> got;
    for (const Mention& m : extract(c.input)) got.emplace_back(m.text);
    CHECK(got == c.figures);
  }
}
