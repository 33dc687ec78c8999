// Tests of `check --format github` (src/report/github.cpp): GitHub Actions
// workflow commands and their escaping.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <tally/report.hpp>

#include "report_fixtures.hpp"

namespace {

using namespace tally;
using namespace tally::testing;

std::vector<std::string> render(const CheckRun& run) {
  std::ostringstream out;
  write_check(out, CheckFormat::github, run, {});
  std::vector<std::string> lines;
  std::istringstream in(out.str());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

TEST_CASE("report: github annotations") {
  ReportFixture fx = sample_run();
  const std::vector<std::string> lines = render(fx.run(false));
  REQUIRE(lines.size() == 4);

  SUBCASE("one command per finding, by severity: error, warning, notice") {
    CHECK(starts_with(lines[0], "::error "));
    CHECK(starts_with(lines[1], "::warning "));
    CHECK(starts_with(lines[2], "::notice "));
  }
  SUBCASE("file, line, columns and title on the first claim") {
    // ',' in the message is data, not a property: it is not escaped there.
    CHECK(starts_with(lines[0],
                      "::error file=news/kyiv-wire.txt,line=2,col=31,endColumn=50,"
                      "title=tally conflict%3A troops | in russia::Kyiv Wire says approximately 3,000;"));
  }
  SUBCASE("the message lists every claim and the consensus on escaped new lines") {
    CHECK(lines[0].find("%0A- Kyiv Wire (2024-10-17) at news/kyiv-wire.txt:2:31: \"approximately 3,000\" = 3,000") !=
          std::string::npos);
    CHECK(lines[0].find("%0A- Seoul Daily (2024-10-18) at news/seoul-daily.txt:1:38: \"about 1,500\" = 1,500") !=
          std::string::npos);
    CHECK(lines[0].find("%0Aconsensus: 3,000 (2,550–3,450), 1 source agrees") != std::string::npos);
    CHECK(lines[0].find("%0Aid: c3f1a9e2d4b5") != std::string::npos);
  }
  SUBCASE("a summary line closes the output") {
    CHECK(lines[3] == "tally: 3 findings: 1 error, 1 warning, 1 note in 3 documents, 6 claims");
  }
}

TEST_CASE("report: github annotations of a JSONL corpus's records point into the corpus") {
  ReportFixture fx = sample_run();
  for (Claim& c : fx.claims) {
    c.corpus = "corpora/news.jsonl";
    c.corpus_line = 7;
  }
  const std::vector<std::string> lines = render(fx.run(false));
  REQUIRE(lines.size() == 4);
  // The record's id and its line and column inside its text stay in the message.
  CHECK(starts_with(lines[0], "::error file=corpora/news.jsonl,line=7,title=tally conflict%3A troops | in russia::"));
  CHECK(lines[0].find("at news/kyiv-wire.txt:2:31:") != std::string::npos);
}

TEST_CASE("report: github escaping") {
  ReportFixture fx = sample_run();
  Finding& f = fx.result.findings[0];
  f.message = "50% more\r\nsecond line";
  f.subject = "a:b,c%d";
  const std::vector<std::string> lines = render(fx.run(false));
  SUBCASE("data: % escaped, line breaks of the text folded, tally's own breaks as %0A") {
    CHECK(lines[0].find("::50%25 more second line%0A- Kyiv Wire") != std::string::npos);
  }
  SUBCASE("properties: also : and ,") { CHECK(lines[0].find(",title=tally conflict%3A a%3Ab%2Cc%25d::") != std::string::npos); }
  SUBCASE("a file name with , and : cannot add a property") {
    ReportFixture odd;
    auto a = odd.add_document(meta("x,line=99:y.txt", "S", std::nullopt), "About 3 cats.\n", {{.text = "3", .value = 3}});
    odd.add_finding("f", "conflict", Severity::error, "cats", "m", {a[0]});
    CHECK(starts_with(render(odd.run(false))[0], "::error file=x%2Cline=99%3Ay.txt,line=1,col=7,endColumn=8,"));
  }
}

TEST_CASE("report: github output from a hostile corpus cannot forge a command") {
  ReportFixture fx = hostile_run();
  const std::vector<std::string> lines = render(fx.run(false));
  REQUIRE(lines.size() == 2);  // one finding, one summary: the "\r\n::error::forged" stayed inside
  CHECK(starts_with(lines[0], "::error "));
  CHECK(lines[0].find('\r') == std::string::npos);
  CHECK(lines[0].find('\x1b') == std::string::npos);
  CHECK(lines[0].find("%0A::error::forged") == std::string::npos);
  CHECK(lines[0].find("::error::forged") != std::string::npos);  // as text, after an escaped break
  CHECK(starts_with(lines[1], "tally: "));
}

TEST_CASE("report: github summary mentions GitHub's annotation limit") {
  ReportFixture fx;
  auto a = fx.add_document(meta("a.txt", "A", std::nullopt), "A 1 2 3 4 5 6 7 8 9 10 11 12.\n",
                           {{.text = "1", .value = 1}});
  for (int i = 0; i < 12; ++i) fx.add_finding(fmt::format("f{}", i), "conflict", Severity::warning, "s", "m", {a[0]});
  const std::vector<std::string> lines = render(fx.run(false));
  REQUIRE(lines.size() == 13);
  CHECK(lines.back().find("12 findings: 0 errors, 12 warnings, 0 notes") != std::string::npos);
  CHECK(lines.back().find("GitHub shows only the first 10 annotations of each type") != std::string::npos);
  SUBCASE("no mention when under the limit") {
    ReportFixture small = sample_run();
    CHECK(render(small.run(false)).back().find("GitHub shows") == std::string::npos);
  }
}
