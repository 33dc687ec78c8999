// Tests of `tally extract` output (src/report/extract_writer.cpp): the text
// table's document headings and rows cannot be broken by what a corpus says;
// the JSONL/JSON records, written directly (append_record in
// src/report/record.cpp), are byte for byte what nlohmann dumps `to_record` to.
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <tally/extract.hpp>
#include <tally/report.hpp>

#include "report_fixtures.hpp"

namespace {

using namespace tally;
using namespace tally::testing;

std::string render(const std::vector<Claim>& claims, ExtractFormat format) {
  std::ostringstream out;
  ExtractWriter w(out, format, {});
  for (const Claim& c : claims) w.add(c);
  w.finish();
  return out.str();
}

}  // namespace

TEST_CASE("report: extract text headings") {
  ReportFixture fx;
  fx.add_document(meta("news/a.txt", "Kyiv Wire", "2024-10-17"), "They said 3,000 troops.\n",
                  {{.text = "3,000", .value = 3000}});
  const std::string out = render(fx.claims, ExtractFormat::text);
  CHECK(out.rfind("news/a.txt (Kyiv Wire, 2024-10-17)\n", 0) == 0);
  CHECK(out.find("1:11  3,000") != std::string::npos);
}

TEST_CASE("report: extract text shows values grouped, with the decimals as written") {
  ReportFixture fx;
  fx.add_document(meta("a.txt", "S", std::nullopt), "It cost 1,234,567.89 now, and 0.000012 then.\n",
                  {{.text = "1,234,567.89", .value = 1234567.89}, {.text = "0.000012", .value = 0.000012}});
  const std::string out = render(fx.claims, ExtractFormat::text);
  INFO(out);
  // the value column repeats the figure, not "1.23457e+06"
  CHECK(out.find("1,234,567.89", out.find("1,234,567.89") + 1) != std::string::npos);
  CHECK(out.find("e+06") == std::string::npos);
  CHECK(out.find("1.2e-05") != std::string::npos);  // tiny: scientific
}

TEST_CASE("report: extract text from a hostile corpus") {
  ReportFixture fx;
  DocumentMeta m =
      meta("wire\n::error::forged-id", "Wire\r\n::error file=x::forged\x1b[2J", "2024-10-17");
  auto a = fx.add_document(m, "They said 3,000 troops.\n", {{.text = "3,000", .value = 3000}});
  fx.claims[a[0]].mention.attribution = "Officials\n::warning::forged";
  const std::string out = render(fx.claims, ExtractFormat::text);

  SUBCASE("no line starts with a forged command") {
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
      CAPTURE(line);
      CHECK(line.rfind("::", 0) != 0);
    }
  }
  SUBCASE("no carriage return or terminal escape") {
    CHECK(out.find('\r') == std::string::npos);
    CHECK(out.find('\x1b') == std::string::npos);
  }
  SUBCASE("the text is kept, folded onto one line") {
    CHECK(out.find("wire ::error::forged-id (Wire ::error file=x::forged") != std::string::npos);
    CHECK(out.find("per Officials ::warning::forged") != std::string::npos);
  }
}

// --- JSONL / JSON records ------------------------------------------------------

namespace {

// What the writer wrote before it wrote directly: the json value, dumped with
// invalid UTF-8 replaced. For valid UTF-8 that is plain `dump()`.
std::string reference(const Claim& c) {
  return to_record(c).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string direct(const Claim& c) {
  std::string out = "prefix:";  // appends, never overwrites
  append_record(out, c);
  REQUIRE(out.rfind("prefix:", 0) == 0);
  return out.substr(7);
}

// Sentences the real extractor turns into every kind of record: integers,
// decimals, huge and tiny values, ranges, open intervals, vague figures,
// rates, currencies, with and without attribution and period, next to
// quotes, backslashes, control characters and non-ASCII text.
std::vector<std::string> varied_sentences() {
  const std::vector<std::string> leads = {
      "",
      "Officials said ",
      "According to the \"Kyiv Wire\", ",
      "On Sunday, ",
      "In March 2023, ",
      "Last year, ",
      "The ministry estimated that ",
      "\u00abЖурнал\u00bb reported that ",
      "北京 officials said ",
      "Zoë's report\\appendix: ",
      "Tab\there,\x01 and\x1f then ",
      "By 2025, the UN said ",
  };
  const std::vector<std::string> figures = {
      "3,000 troops were deployed",
      "approximately 3,000 people were evacuated",
      "revenue reached $2.5bn",
      "the budget was \u20ac1.2 million",
      "between 10 and 20 km of road were damaged",
      "more than 500 refugees arrived",
      "at least 1,200 deaths were recorded",
      "fewer than 40 cases were reported",
      "up to 7% of the vote was lost",
      "tens of thousands of people marched",
      "hundreds of homes were destroyed",
      "rainfall was 0.1 mm",
      "the car drove at 150 km/h",
      "3 people per day were injured",
      "12 deaths per 100,000 residents were counted",
      "2.5 billion dollars was pledged",
      "nearly 90% of voters agreed",
      "over 1.5 million barrels were shipped",
      "40 tonnes a year were exported",
      "GBP 67.23bn in sales was booked",
      "10-15 kg of cargo were lost",
      "9,007,199,254,740,993 grains were counted",
      "1,000,000,000,000,000,000 dollars were owed",
      "a gap of 0.000001 m was measured",
      "some 16 075 soldiers were mobilised",
      "about 1/3 of the staff left",
      "roughly \u00a3400,000 was stolen",
      "\u201c2,000 \u201d protesters \u2014 said a source",
      "a particle of 1.5e-7 m was found",
      "-3.2 degrees was recorded",
  };
  const std::vector<std::string> tails = {".", " in Kharkiv.", ", police said.", " (revised)\r",
                                          " \u2014 \"a record\".", ".\x7f", " \U0001F600."};
  std::vector<std::string> out;
  std::size_t k = 0;
  for (const std::string& lead : leads)
    for (const std::string& fig : figures) out.push_back(lead + fig + tails[k++ % tails.size()]);
  return out;
}

std::vector<Claim> extracted_claims() {
  static const Extractor ex;
  const std::vector<std::string> sentences = varied_sentences();
  const std::vector<DocumentMeta> metas = {
      {"news/kyiv-wire.txt", "Kyiv Wire", "2024-10-17", {}, {}},
      {"corpus.jsonl:7", "corpus.jsonl:7", std::nullopt, {}, {}},
      {"w\"ire\\\n::error::forged", "Wire\r\n\x1b[2J\x01", "2024-10-17", {}, {}},
      {"новости/статья.md", "Новости \U0001F4F0", "2023-05-23", {}, {}},
  };
  std::vector<Claim> claims;
  for (std::size_t i = 0; i < sentences.size(); i += 4) {
    Document doc;
    doc.meta = metas[(i / 4) % metas.size()];
    for (std::size_t j = i; j < i + 4 && j < sentences.size(); ++j)
      doc.raw += sentences[j] + (j % 2 == 0 ? " " : "\n");
    doc.text = doc.raw;
    for (Mention& m : ex.extract(doc)) {
      Claim& c = claims.emplace_back();
      c.doc = doc.meta.id;
      c.source = doc.meta.source;
      c.date = doc.meta.date;
      c.mention = std::move(m);
      c.index = claims.size() - 1;
    }
  }
  return claims;
}

std::string random_bytes(std::mt19937& rng, bool utf8) {
  static const std::vector<std::string> pieces = {
      "a", "Z", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\x01", "\x1f", "\x7f", "\u00e9",
      "\u20ac", "\U0001F600", "\uFFFD", "\uFEFF", "\u2028",
      // not UTF-8: lone continuation, overlong, surrogate, above U+10FFFF,
      // truncated sequences, bytes that never occur
      "\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\xf0\x9f\x98",
      "\xc3", "\xf8", "\xff", "\xe0\x80\x80", "\xf0\x80\x80\x80", "\xf5\x80\x80\x80"};
  const std::size_t valid = 20;
  std::uniform_int_distribution<std::size_t> len(0, 12);
  std::uniform_int_distribution<std::size_t> pick(0, (utf8 ? valid : pieces.size()) - 1);
  std::string s;
  for (std::size_t n = len(rng); n > 0; --n) s += pieces[pick(rng)];
  return s;
}

}  // namespace

TEST_CASE("report: extract records written directly equal nlohmann's dump") {
  SUBCASE("every figure the extractor finds in varied text") {
    const std::vector<Claim> claims = extracted_claims();
    REQUIRE(claims.size() >= 300);
    std::size_t open = 0, reals = 0, rates = 0, attributed = 0, unattributed = 0, with_period = 0,
                without_period = 0, non_ascii = 0, escaped = 0;
    for (const Claim& c : claims) {
      const Mention& m = c.mention;
      open += !m.stated.low || !m.stated.high;
      reals += m.value && *m.value != std::floor(*m.value);
      rates += m.is_rate;
      (m.attribution ? attributed : unattributed) += 1;
      (m.period ? with_period : without_period) += 1;
      const std::string expected = to_record(c).dump();  // all valid UTF-8 here: strict dump
      for (unsigned char ch : expected) non_ascii += ch >= 0x80;
      escaped += expected.find("\\u00") != std::string::npos;
      CAPTURE(expected);
      REQUIRE(direct(c) == expected);
    }
    // The corpus exercises what it claims to.
    CHECK(open > 0);
    CHECK(reals > 0);
    CHECK(rates > 0);
    CHECK(attributed > 0);
    CHECK(unattributed > 0);
    CHECK(with_period > 0);
    CHECK(without_period > 0);
    CHECK(non_ascii > 0);
    CHECK(escaped > 0);

    // And the writer glues them exactly as before: one per line, or one array.
    std::string jsonl, json = "[";
    for (std::size_t i = 0; i < claims.size(); ++i) {
      jsonl += reference(claims[i]) + "\n";
      json += (i == 0 ? "\n" : ",\n") + reference(claims[i]);
    }
    json += "\n]\n";
    CHECK(render(claims, ExtractFormat::jsonl) == jsonl);
    CHECK(render(claims, ExtractFormat::json) == json);
    CHECK(render({}, ExtractFormat::json) == "[]\n");
    CHECK(render({}, ExtractFormat::jsonl).empty());
  }

  SUBCASE("strings that need escaping at every position of an 8-byte word") {
    // The writer skips eight plain bytes at a time; a byte that needs a
    // look must be found wherever it stands, and a plain run after it too.
    const std::vector<std::string> specials = {"\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\x7f",
                                               "\xc3\xa9", "\xe2\x80\xaf", "\xff", "\xc3"};
    for (const std::string& special : specials)
      for (std::size_t len = 0; len <= 20; ++len)
        for (std::size_t at = 0; at <= len; ++at) {
          std::string text(len, 'a');
          text.insert(at, special);
          Claim c;
          c.doc = "d";
          c.source = "s";
          c.mention.text = text;
          c.mention.noun_phrase = text + text;
          c.mention.value = 1;
          CAPTURE(text);
          REQUIRE(direct(c) == reference(c));
        }
  }

  SUBCASE("numbers print as nlohmann prints them") {
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<std::optional<double>> values = {
        std::nullopt, 0.0, -0.0, 1.0, -1.0, 3000.0, 16075.0, 2.5e9, 67.23e9, 0.1, 0.5, 1.0 / 3, 2.0 / 3,
        1e-7, 1.5e-7, 1e-4, 1.234e-4, 1e-5, 0.001, 12.5, -2.5, -3.2, 99.99, 1e15, 1e15 + 0.5, 123456789012.5,
        9.007199254740991e15, 9.007199254740992e15, 9.007199254740993e15, -9.007199254740992e15, 1e16,
        1.5e16, 1e17, 1e18, 1e21, 1e22, 1.7976931348623157e308, -1.7976931348623157e308, 5e-324,
        2.2250738585072014e-308, 4.35, 0.3, 1e23, 5.0e-324 * 3, 299792458.0, 6.02214076e23,
        inf, -inf, std::numeric_limits<double>::quiet_NaN()};
    Claim c;
    c.doc = "d";
    c.source = "s";
    for (std::size_t i = 0; i < values.size(); ++i) {
      Mention& m = c.mention;
      m.value = values[i];
      m.stated.low = values[(i + 1) % values.size()];
      m.stated.high = values[(i + 7) % values.size()];
      m.norm_value = values[(i + 13) % values.size()];
      m.norm.low = values[(i + 29) % values.size()];
      m.norm.high = values[(i + 31) % values.size()];
      m.start = i * 1000003;
      m.end = std::numeric_limits<std::size_t>::max() - i;
      const std::string expected = to_record(c).dump();
      CAPTURE(expected);
      CHECK(direct(c) == expected);
    }
    // The forms the record's consumers see.
    c.mention.value = 2.5e9;
    c.mention.stated.low = 1e16;
    c.mention.stated.high = 1e-7;
    c.mention.norm_value = 0.1;
    c.mention.norm.low = -0.0;
    c.mention.norm.high = std::nullopt;
    const std::string line = direct(c);
    CHECK(line.find(R"("value":2500000000})") != std::string::npos);
    CHECK(line.find(R"("low":1e+16,)") != std::string::npos);
    CHECK(line.find(R"("high":1e-07,)") != std::string::npos);
    CHECK(line.find(R"("norm":{"high":null,"low":0,"unit":"","value":0.1})") != std::string::npos);
  }

  SUBCASE("strings escape as nlohmann escapes them, invalid UTF-8 as U+FFFD") {
    std::mt19937 rng(20241017);
    for (int round = 0; round < 3000; ++round) {
      const bool utf8 = round % 2 == 0;
      Claim c;
      c.doc = random_bytes(rng, utf8);
      c.source = random_bytes(rng, utf8);
      if (round % 3 != 0) c.date = random_bytes(rng, utf8);
      Mention& m = c.mention;
      m.text = random_bytes(rng, utf8);
      m.dimension = random_bytes(rng, utf8);
      m.unit = random_bytes(rng, utf8);
      m.norm_unit = random_bytes(rng, utf8);
      m.noun = random_bytes(rng, utf8);
      m.noun_phrase = random_bytes(rng, utf8);
      m.subject = random_bytes(rng, utf8);
      m.block = random_bytes(rng, utf8);
      if (round % 4 != 1) m.period = random_bytes(rng, utf8);
      if (round % 5 != 2) m.attribution = random_bytes(rng, utf8);
      m.value = round;
      const std::string expected = utf8 ? to_record(c).dump() : reference(c);
      CAPTURE(expected);
      REQUIRE(direct(c) == expected);
    }
    // Every byte value alone and after a lead byte.
    for (int b = 0; b < 256; ++b) {
      Claim c;
      c.mention.text = std::string(1, static_cast<char>(b));
      c.mention.noun = std::string("\xe2") + static_cast<char>(b);
      c.mention.subject = std::string("x\xf0\x9f") + static_cast<char>(b) + "\x80y";
      c.doc = std::string("\xed") + static_cast<char>(b) + "\x80";
      CAPTURE(b);
      CHECK(direct(c) == reference(c));
    }
  }
}
