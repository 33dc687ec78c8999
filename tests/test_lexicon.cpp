// Tests of the lexicons (src/lexicon/*.tsv, parsed by src/lexicon/lexicon.cpp):
// every embedded file is well formed, has no duplicate keys, and each row
// says what its file promises (a unit has a dimension and a factor, a vague
// quantity an interval around its typical value, ...). The files are edited
// by hand; these tests are what catches a typo.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <tally/quantity.hpp>

#include "extract/subject.hpp"
#include "extract/tokenizer.hpp"
#include "lexicon/lexicon.hpp"
#include "lexicon/lexicon_data.hpp"

namespace {

using namespace tally;
using namespace tally::detail;

struct TsvRow {
  std::size_t line;
  std::vector<std::string> cols;
};

std::string_view content_of(std::string_view name) {
  for (const EmbeddedFile& f : embedded_lexicons())
    if (f.name == name) return f.content;
  return {};
}

// The data rows of an embedded file: comments and blank lines skipped.
std::vector<TsvRow> rows_of(std::string_view name) {
  std::vector<TsvRow> out;
  std::string_view s = content_of(name);
  std::size_t line = 0, p = 0;
  while (p <= s.size()) {
    std::size_t q = s.find('\n', p);
    if (q == std::string_view::npos) q = s.size();
    std::string_view l = s.substr(p, q - p);
    ++line;
    p = q + 1;
    if (l.empty() || l.front() == '#') continue;
    TsvRow r{line, {}};
    std::size_t a = 0;
    while (true) {
      std::size_t b = l.find('\t', a);
      r.cols.emplace_back(l.substr(a, b == std::string_view::npos ? std::string_view::npos : b - a));
      if (b == std::string_view::npos) break;
      a = b + 1;
    }
    out.push_back(std::move(r));
  }
  return out;
}

bool is_number(const std::string& s, double* out = nullptr) {
  if (s.empty()) return false;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v)) return false;
  if (out) *out = v;
  return true;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

std::string where(std::string_view file, const TsvRow& r) {
  return std::string(file) + ":" + std::to_string(r.line);
}

// Checks that `key` is new in `seen`, naming the row when it is not.
void check_unique(std::map<std::string, std::size_t>& seen, const std::string& key, std::string_view file,
                  const TsvRow& r) {
  auto [it, fresh] = seen.emplace(key, r.line);
  INFO(where(file, r), ": '", key, "' first at line ", it->second);
  CHECK(fresh);
}

const std::vector<std::string> k_files = {"numbers.tsv", "qualifiers.tsv", "units.tsv", "currencies.tsv",
                                          "vague.tsv",   "nouns.tsv",      "context.tsv"};

}  // namespace

TEST_CASE("lexicon: every file is embedded, parses, and has rows") {
  for (const std::string& f : k_files) {
    INFO(f);
    CHECK_FALSE(content_of(f).empty());
    CHECK_FALSE(rows_of(f).empty());
  }
  CHECK(embedded_lexicons().size() == k_files.size());
  CHECK_NOTHROW(Lexicon::instance());
}

TEST_CASE("lexicon: no row has stray whitespace") {
  for (const std::string& f : k_files) {
    for (const TsvRow& r : rows_of(f)) {
      for (const std::string& c : r.cols) {
        INFO(where(f, r), ": '", c, "'");
        CHECK((c.empty() || (c.front() != ' ' && c.back() != ' ' && c.back() != '\r')));
      }
      INFO(where(f, r));
      CHECK_FALSE(r.cols[0].empty());
    }
  }
}

TEST_CASE("lexicon: numbers.tsv") {
  const std::set<std::string> kinds = {"unit", "ten", "hundred", "scale", "dozen", "denominator", "suffix", "vulgar"};
  std::map<std::string, std::size_t> seen;
  for (const TsvRow& r : rows_of("numbers.tsv")) {
    INFO(where("numbers.tsv", r));
    REQUIRE(r.cols.size() == 3);
    CHECK(kinds.count(r.cols[1]) == 1);
    double v = 0;
    REQUIRE(is_number(r.cols[2], &v));
    if (r.cols[1] != "unit") CHECK(v > 0);  // only a unit ("zero", "nought") may be 0
    if (r.cols[1] == "unit") CHECK((v >= 0 && v < 20));
    if (r.cols[1] == "ten") CHECK((v >= 20 && v <= 90 && std::fmod(v, 10) == 0));
    if (r.cols[1] == "scale" || r.cols[1] == "suffix") CHECK(v >= 1000);
    if (r.cols[1] == "vulgar") CHECK((v > 0 && v < 1));
    // suffixes are case-sensitive ("M" and "m"), words are not
    check_unique(seen, r.cols[1] == "suffix" ? "suffix:" + r.cols[0] : lower(r.cols[0]), "numbers.tsv", r);
  }
  const Lexicon& lex = Lexicon::instance();
  REQUIRE(lex.number_word("forty") != nullptr);
  CHECK(lex.number_word("forty")->value == 40);
  REQUIRE(lex.number_word("thousand") != nullptr);
  CHECK(lex.number_word("thousand")->kind == NumberKind::scale);
  CHECK(lex.scale_suffix("bn") == 1e9);
  CHECK(lex.scale_suffix("k") == 1e3);
}

TEST_CASE("lexicon: qualifiers.tsv") {
  std::map<std::string, std::size_t> seen;
  for (const TsvRow& r : rows_of("qualifiers.tsv")) {
    INFO(where("qualifiers.tsv", r));
    REQUIRE(r.cols.size() == 3);
    CHECK(parse_qualifier(r.cols[1]).has_value());
    CHECK((r.cols[2] == "before" || r.cols[2] == "after"));
    check_unique(seen, lower(r.cols[0]) + "|" + r.cols[2], "qualifiers.tsv", r);
  }
  // every qualifier of SPEC except range and vague (which are shapes, not words) has words
  std::set<std::string> used;
  for (const TsvRow& r : rows_of("qualifiers.tsv")) used.insert(r.cols[1]);
  for (const char* q : {"exact", "approximate", "nearly", "at_least", "more_than", "at_most", "less_than"})
    CHECK(used.count(q) == 1);
}

TEST_CASE("lexicon: units.tsv") {
  // SPEC's dimensions and the base unit of each; the base unit's own row has factor 1.
  const std::map<std::string, std::string> base = {
      {"length", "m"},   {"mass", "kg"},       {"area", "m2"},    {"volume", "m3"},
      {"duration", "s"}, {"speed", "m/s"},     {"temperature", "\u00b0C"}, {"power", "W"},
      {"energy", "J"},   {"data", "B"},        {"percent", "%"},  {"percentage_points", "pp"},
      {"ratio", "x"},    {"voltage", "V"},     {"current", "A"},  {"frequency", "Hz"},
      {"pressure", "Pa"}};
  std::map<std::string, std::size_t> seen;
  std::map<std::string, std::string> dimension_of_unit;
  std::set<std::string> dimensions;
  for (const TsvRow& r : rows_of("units.tsv")) {
    INFO(where("units.tsv", r));
    REQUIRE((r.cols.size() == 5 || r.cols.size() == 6));
    const std::string& unit = r.cols[1];
    const std::string& dim = r.cols[2];
    CHECK_FALSE(unit.empty());
    CHECK(base.count(dim) == 1);
    double factor = 0, offset = 0;
    CHECK(is_number(r.cols[3], &factor));
    CHECK(factor > 0);
    CHECK(is_number(r.cols[4], &offset));
    if (dim != "temperature") CHECK(offset == 0);
    if (r.cols.size() == 6) CHECK(r.cols[5] == "cs");
    bool cs = r.cols.size() == 6;
    check_unique(seen, cs ? "cs:" + r.cols[0] : lower(r.cols[0]), "units.tsv", r);
    // a unit symbol means one dimension
    auto [it, fresh] = dimension_of_unit.emplace(unit, dim);
    CHECK(it->second == dim);
    dimensions.insert(dim);
    CHECK(base_unit_of(dim, unit) == base.at(dim));
    if (unit == base.at(dim)) {
      CHECK(factor == 1);
      CHECK(offset == 0);
    }
  }
  // every dimension SPEC names for measurements has units
  for (const char* d : {"length", "mass", "area", "volume", "duration", "speed", "temperature", "power",
                        "energy", "data", "percent", "percentage_points"})
    CHECK(dimensions.count(d) == 1);
}

TEST_CASE("lexicon: currencies.tsv") {
  std::map<std::string, std::size_t> seen;
  std::set<std::string> codes;
  std::vector<TsvRow> rows = rows_of("currencies.tsv");
  for (const TsvRow& r : rows) {
    INFO(where("currencies.tsv", r));
    REQUIRE(r.cols.size() >= 2);
    const std::string& code = r.cols[1];
    bool iso = code.size() == 3 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    CHECK(iso);
    if (r.cols[0] == "code") {
      CHECK(r.cols.size() == 2);
      check_unique(seen, "code:" + code, "currencies.tsv", r);
      codes.insert(code);
    } else {
      REQUIRE((r.cols.size() == 3 || r.cols.size() == 4));
      CHECK((r.cols[2] == "before" || r.cols[2] == "after" || r.cols[2] == "both"));
      check_unique(seen, lower(r.cols[0]), "currencies.tsv", r);
      if (r.cols.size() == 4) {  // a coin: the value of one in its currency, a power of ten below one
        const double subunit = std::stod(r.cols[3]);
        CHECK(subunit > 0);
        CHECK(subunit < 1);
        CHECK(1 / subunit == std::round(1 / subunit));
      }
    }
  }
  for (const TsvRow& r : rows) {
    INFO(where("currencies.tsv", r), ": ", r.cols[1], " has a `code` row");
    CHECK(codes.count(r.cols[1]) == 1);
  }
  // SPEC's currencies
  for (const char* c : {"USD", "EUR", "GBP", "UAH", "RUB", "JPY"}) CHECK(codes.count(c) == 1);
  // an article is never part of a currency ("a $48.2 million contract" is USD)
  CHECK(seen.count("a $") == 0);
}

TEST_CASE("lexicon: vague.tsv") {
  std::map<std::string, std::size_t> seen;
  for (const TsvRow& r : rows_of("vague.tsv")) {
    INFO(where("vague.tsv", r));
    REQUIRE(r.cols.size() == 4);
    double lo = 0, hi = 0, typical = 0;
    REQUIRE(is_number(r.cols[1], &lo));
    REQUIRE(is_number(r.cols[2], &hi));
    REQUIRE(is_number(r.cols[3], &typical));
    CHECK(lo > 0);
    CHECK(lo <= typical);
    CHECK(typical <= hi);
    check_unique(seen, lower(r.cols[0]), "vague.tsv", r);
  }
}

TEST_CASE("lexicon: nouns.tsv") {
  std::map<std::string, std::size_t> seen;
  for (const TsvRow& r : rows_of("nouns.tsv")) {
    INFO(where("nouns.tsv", r));
    REQUIRE((r.cols.size() == 2 || r.cols.size() == 3));
    CHECK_FALSE(r.cols[1].empty());
    CHECK(r.cols[0] == lower(r.cols[0]));
    check_unique(seen, r.cols[0], "nouns.tsv", r);
  }
  const Lexicon& lex = Lexicon::instance();
  REQUIRE(lex.noun("soldiers") != nullptr);
  REQUIRE(lex.noun("troops") != nullptr);
  CHECK(lex.noun("soldiers")->klass == lex.noun("troops")->klass);
}

TEST_CASE("lexicon: context.tsv") {
  const std::set<std::string> kinds = {"modality", "rate",  "measure",    "attribution_verb", "change", "link", "id_cue", "period_cue", "numeral_start",
                                       "month",    "weekday", "stop",     "participle",       "money_cue",
                                       "temperature_cue", "ordinal", "owned", "mass_cue", "increment"};
  std::map<std::string, std::size_t> seen;
  for (const TsvRow& r : rows_of("context.tsv")) {
    INFO(where("context.tsv", r));
    REQUIRE(r.cols.size() >= 2);
    CHECK(kinds.count(r.cols[0]) == 1);
    CHECK_FALSE(r.cols[1].empty());
    std::string value = r.cols.size() > 2 ? r.cols[2] : "";
    if (r.cols[0] == "modality") CHECK(parse_modality(value).has_value());
    if (r.cols[0] == "rate" || r.cols[0] == "measure") CHECK_FALSE(value.empty());
    if (r.cols[0] == "month") {
      double m = 0;
      CHECK((is_number(value, &m) && m >= 1 && m <= 12));
    }
    if (r.cols[0] == "weekday") {
      double d = 0;
      CHECK((is_number(value, &d) && d >= 1 && d <= 7));
    }
    check_unique(seen, r.cols[0] + "|" + lower(r.cols[1]), "context.tsv", r);
  }
  // Each kind reaches its list: a copula and a verb of size are links, not stops' business.
  const Lexicon& lex = Lexicon::instance();
  CHECK(lex.links.count("was"));
  CHECK(lex.links.count("stretches"));
  CHECK_FALSE(lex.links.count("soldiers"));
  CHECK(lex.change_verbs.count("rose"));
  CHECK(lex.numeral_starts.count("several"));
  CHECK(lex.period_cues.count("yesterday"));
  CHECK_FALSE(lex.period_cues.count("march"));  // months have their own kind
  CHECK(lex.owned.count("revenue"));
  CHECK(lex.owned.count("net income"));
  CHECK_FALSE(lex.owned.count("soldier"));  // troops are compared by what they are, not whose
}

TEST_CASE("lexicon: phrases match whole tokens, glued only where the lexicon glues them") {
  const Lexicon& lex = Lexicon::instance();
  SUBCASE("a glued entry needs glued text") {
    TokenizedText glued = tokenize("S$40");
    auto m = lex.currencies.match_at(glued, 0);
    REQUIRE(m);
    CHECK(m->value->code == "SGD");
    CHECK(m->length == 2);
    // tokenised text as some corpora have it: "s" and "$" stand apart
    TokenizedText spaced = tokenize("music ' s $ 500");
    REQUIRE(spaced.low(2) == "s");
    CHECK_FALSE(lex.currencies.match_at(spaced, 2));
    auto usd = lex.currencies.match_at(spaced, 3);
    REQUIRE(usd);
    CHECK(usd->value->code == "USD");
  }
  SUBCASE("a spaced entry matches either way") {
    TokenizedText a = tokenize("45 per cent");
    auto m = lex.units.match_at(a, 1);
    REQUIRE(m);
    CHECK(m->value->unit == "%");
    CHECK(m->length == 2);
  }
  SUBCASE("longest phrase first, and match_ending respects its floor") {
    TokenizedText t = tokenize("no fewer than 3,000");
    auto m = lex.qualifiers_before.match_ending(t, 3);
    REQUIRE(m);
    CHECK(m->length == 3);
    CHECK(to_string(m->value->qualifier) == "at_least");
    CHECK_FALSE(lex.qualifiers_before.match_ending(t, 3, 3));
  }
  SUBCASE("case-sensitive units") {
    TokenizedText t = tokenize("5 pp and 5 PP");
    CHECK(lex.units.match_at(t, 1));
    CHECK_FALSE(lex.units.match_at(t, 4));
  }
}

TEST_CASE("lexicon: a token's cached word answers as its lowercased text does") {
  // The per-token word table (looked up once per token) must agree with the
  // string lookups it replaces, for every kind of word in every case.
  const Lexicon& lex = Lexicon::instance();
  const TokenizedText tt = tokenize(
      "Twenty-one Thousand soldiers arrived on Tuesday, 3 March; a dozen MILLION people and "
      "forty percent of officials said in January that 12 km of road and 5 m of wall remained. "
      "Zelensky said hundreds of tanks, plus 2.5bn dollars, were sent by Sunday or December.");
  REQUIRE(tt.size() > 40);
  std::size_t numbers = 0, months = 0, weekdays = 0, nouns = 0;
  for (std::size_t i = 0; i < tt.size(); ++i) {
    const std::string_view w = tt.low(i);
    CAPTURE(w);
    CHECK(lex.number_word(tt, i) == lex.number_word(w));
    CHECK(lex.noun(tt, i) == lex.noun(w));
    CHECK(lex.month(tt, i) == lex.month(w));
    CHECK(lex.weekday(tt, i) == lex.weekday(w));
    numbers += lex.number_word(w) != nullptr;
    months += lex.month(w).has_value();
    weekdays += lex.weekday(w).has_value();
    nouns += lex.noun(w) != nullptr;
  }
  // The text does exercise each table.
  CHECK(numbers >= 4);
  CHECK(months >= 3);
  CHECK(weekdays >= 2);
  CHECK(nouns >= 3);
}
