// Tests of `check --format text` (src/report/check_text.cpp) and of the
// number and sentence presentation every format shares (report/present.hpp).
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <tally/report.hpp>

#include "report/present.hpp"
#include "report_fixtures.hpp"

namespace {

using namespace tally;
using namespace tally::testing;

std::string render(const CheckRun& run, bool color = false, bool explain = false) {
  std::ostringstream out;
  ReportOptions options;
  options.color = color;
  options.explain = explain;
  write_check(out, CheckFormat::text, run, options);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("report: number and interval presentation") {
  struct Row {
    double value;
    const char* text;
  };
  const Row rows[] = {
      {3000, "3,000"},       {3127, "3,127"},   {2.5e9, "2,500,000,000"}, {0, "0"},
      {33.333333, "33.333"}, {0.5, "0.5"},      {1234.5, "1,234.5"},     {-1500, "-1,500"},
      {6.6e18, "6.6e+18"},   {111454, "111,454"}, {999, "999"},
  };
  for (const Row& r : rows) {
    CAPTURE(r.value);
    CHECK(detail::format_number(r.value) == r.text);
  }
  CHECK(detail::format_interval(2550, 3450, "") == "2,550–3,450");
  CHECK(detail::format_interval(3000, 3000, "km") == "3,000 km");
  CHECK(detail::format_interval(3000, std::nullopt, "") == "≥ 3,000");
  CHECK(detail::format_interval(std::nullopt, 12, "%") == "≤ 12%");
  CHECK(detail::format_compact(1500) == "1.5k");
  CHECK(detail::format_compact(2.5e9) == "2.5B");
}

TEST_CASE("report: sentences are split around the figure") {
  ReportFixture fx = sample_run();
  SUBCASE("by offsets") {
    const detail::SentenceParts p = detail::split_sentence(fx.claims[0]);
    CHECK(p.before == "South Korea's spy agency said ");
    CHECK(p.figure == "approximately 3,000");
    CHECK(p.after == " North Korean troops were in Russia.");
  }
  SUBCASE("by text when the offsets disagree with the sentence") {
    Claim c = fx.claims[0];
    c.mention.sentence_start += 3;
    const detail::SentenceParts p = detail::split_sentence(c);
    CHECK(p.figure == "approximately 3,000");
    CHECK(p.before == "South Korea's spy agency said ");
  }
  SUBCASE("the figure alone when there is no sentence") {
    Claim c = fx.claims[0];
    c.sentence.clear();
    const detail::SentenceParts p = detail::split_sentence(c);
    CHECK(p.before.empty());
    CHECK(p.figure == "approximately 3,000");
  }
  SUBCASE("long sentences are cut around the figure, on UTF-8 boundaries") {
    Claim c = fx.claims[0];
    std::string filler;
    for (int i = 0; i < 60; ++i) filler += "é word ";
    c.sentence = filler + c.mention.text + " " + filler;
    c.mention.sentence_start = c.mention.start - filler.size();
    const detail::SentenceParts p = detail::sentence_excerpt(c, 40);
    CHECK(p.figure == "approximately 3,000");
    CHECK(detail::count_code_points(p.before) <= 41);
    CHECK(p.before.rfind("…", 0) == 0);
    CHECK(p.after.size() >= 3);
    CHECK(p.after.substr(p.after.size() - 3) == "…");
  }
  SUBCASE("control characters are neutralised and whitespace folded") {
    CHECK(detail::clean_text("a\x1b[2Jb\r\n  c\x7f") == "a\xEF\xBF\xBD[2Jb c\xEF\xBF\xBD");
    CHECK(detail::clean_text("x\xC2\x9By") == "x\xEF\xBF\xBDy");  // C1 CSI
  }
}

TEST_CASE("report: check text") {
  ReportFixture fx = sample_run();
  const std::string out = render(fx.run(false));

  SUBCASE("findings are grouped under their subject, in order") {
    const std::size_t a = out.find("troops | in russia\n");
    const std::size_t b = out.find("troops | sent\n");
    const std::size_t c = out.find("people killed | strike\n");
    REQUIRE(a != std::string::npos);
    REQUIRE(b != std::string::npos);
    REQUIRE(c != std::string::npos);
    CHECK(a < b);
    CHECK(b < c);
  }
  SUBCASE("severity as a word, rule and message") {
    CHECK(out.find("error[conflict]: Kyiv Wire says approximately 3,000;") != std::string::npos);
    CHECK(out.find("warning[aspect]:") != std::string::npos);
    CHECK(out.find("note[drift]:") != std::string::npos);
  }
  SUBCASE("claims side by side with source, date, place, marked figure, value") {
    CHECK(out.find("Kyiv Wire") != std::string::npos);
    CHECK(out.find("│ Seoul Daily") != std::string::npos);
    CHECK(out.find("2024-10-17 · news/kyiv-wire.txt:2:31") != std::string::npos);
    CHECK(out.find("»approximately 3,000«") != std::string::npos);
    CHECK(out.find("»about 1,500«") != std::string::npos);
    CHECK(out.find("= 3,000 · approximate") != std::string::npos);
    CHECK(out.find("= ≥ 4,100 · more than") != std::string::npos);
    CHECK(out.find("· planned") != std::string::npos);
  }
  SUBCASE("consensus and id") {
    CHECK(out.find("consensus: 3,000 (2,550–3,450), 1 source agrees") != std::string::npos);
    CHECK(out.find("id: c3f1a9e2d4b5") != std::string::npos);
  }
  SUBCASE("summary line last") {
    const std::vector<std::string> lines = lines_of(out);
    REQUIRE(!lines.empty());
    CHECK(lines.back() == "3 findings: 1 error, 1 warning, 1 note in 3 documents, 6 claims");
  }
  SUBCASE("fits 80 columns") {
    for (const std::string& line : lines_of(out)) {
      CAPTURE(line);
      CHECK(detail::count_code_points(line) <= 80);
    }
  }
  SUBCASE("no colour unless asked") { CHECK(out.find('\x1b') == std::string::npos); }
  SUBCASE("no explanation unless asked") { CHECK(out.find("grouped because") == std::string::npos); }
}

TEST_CASE("report: check text with colour and explanations") {
  ReportFixture fx = sample_run();
  SUBCASE("colour adds to the word, never replaces it") {
    const std::string out = render(fx.run(false), true);
    CHECK(out.find("\x1b[1;31merror\x1b[0m") != std::string::npos);
    CHECK(out.find("\x1b[1;33mwarning\x1b[0m") != std::string::npos);
    CHECK(out.find("\x1b[1;4mapproximately 3,000\x1b[0m") != std::string::npos);
    CHECK(out.find("»") == std::string::npos);
  }
  SUBCASE("--explain says why, how wide and how severe") {
    const std::string out = render(fx.run(false), false, true);
    CHECK(out.find("grouped because: same counted noun \"troop\"; same place \"in russia\"") != std::string::npos);
    CHECK(out.find("compared as: Kyiv Wire 2,550–3,450 (approximate ±15%)") != std::string::npos);
    CHECK(out.find("compared as: Seoul Daily 1,275–1,725 (approximate ±15%)") != std::string::npos);
    CHECK(out.find("ratio: 1.48× between the nearest ends") != std::string::npos);
    CHECK(out.find("severity: ratio 1.48 >= error_ratio 1.2") != std::string::npos);
  }
}

TEST_CASE("report: check text from a hostile corpus") {
  ReportFixture fx = hostile_run();
  const std::string out = render(fx.run(false));
  SUBCASE("no terminal escape or carriage return from the corpus reaches the terminal") {
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\r') == std::string::npos);
  }
  SUBCASE("a forged line cannot start a line") {
    for (const std::string& line : lines_of(out)) CHECK(line.rfind("::error", 0) != 0);
  }
}

TEST_CASE("report: check text of an empty run") {
  ReportFixture fx;
  CheckRun run = fx.run(false);
  run.documents = 2;
  CHECK(render(run) == "0 findings: 0 errors, 0 warnings, 0 notes in 2 documents, 0 claims\n");
  CheckRun null_run;
  CHECK(render(null_run) == "0 findings: 0 errors, 0 warnings, 0 notes in 0 documents, 0 claims\n");
}

TEST_CASE("report: a location too wide for its column keeps its file, line and column together") {
  ReportFixture fx;
  auto a = fx.add_document(meta("archive/2024/october/outlets/baltic-monitor-evening.txt", "Baltic Monitor", "2024-10-17"),
                           "Officials said 12,000 troops arrived.\n", {{.text = "12,000", .value = 12000}});
  auto b = fx.add_document(meta("b.txt", "Kyiv Wire", "2024-10-17"), "About 3,000 troops arrived.\n",
                           {{.text = "About 3,000", .value = 3000, .qualifier = Qualifier::approximate}});
  fx.add_finding("0123456789ab", "conflict", Severity::error, "troops | in russia", "12,000 against about 3,000",
                 {a[0], b[0]});
  const std::string out = render(fx.run());
  // Leading directories give way; the file name and line:col stay on one line.
  CHECK(out.find("…/baltic-monitor-evening.txt:1:16") != std::string::npos);
  CHECK(out.find("b.txt:1:1") != std::string::npos);
}
