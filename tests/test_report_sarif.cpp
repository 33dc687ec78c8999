// Tests of `check --format sarif` (src/report/sarif.cpp).
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include <tally/report.hpp>

#include "report_fixtures.hpp"

namespace {

using namespace tally;
using namespace tally::testing;
using nlohmann::json;

json render(const CheckRun& run) {
  std::ostringstream out;
  write_check(out, CheckFormat::sarif, run, {});
  return json::parse(out.str());
}

}  // namespace

TEST_CASE("report: sarif") {
  ReportFixture fx = sample_run();
  const json log = render(fx.run(false));
  REQUIRE(log["runs"].size() == 1);
  const json& run = log["runs"][0];

  SUBCASE("a SARIF 2.1.0 log from tally") {
    CHECK(log["version"] == "2.1.0");
    CHECK(log["$schema"].get<std::string>().find("sarif-2.1.0") != std::string::npos);
    CHECK(run["tool"]["driver"]["name"] == "tally");
    CHECK(run["tool"]["driver"]["version"] == k_version);
    CHECK(run["columnKind"] == "unicodeCodePoints");
  }
  SUBCASE("one rule per rule used, in documented order, with descriptions") {
    const json& rules = run["tool"]["driver"]["rules"];
    REQUIRE(rules.size() == 3);
    CHECK(rules[0]["id"] == "conflict");
    CHECK(rules[1]["id"] == "drift");
    CHECK(rules[2]["id"] == "aspect");
    for (const json& r : rules) {
      CHECK(!r["shortDescription"]["text"].get<std::string>().empty());
      CHECK(!r["fullDescription"]["text"].get<std::string>().empty());
      CHECK(!r["help"]["text"].get<std::string>().empty());
    }
  }
  SUBCASE("level from severity, ruleIndex pointing at the rule") {
    const json& results = run["results"];
    REQUIRE(results.size() == 3);
    CHECK(results[0]["level"] == "error");
    CHECK(results[1]["level"] == "warning");
    CHECK(results[2]["level"] == "note");
    for (const json& r : results)
      CHECK(run["tool"]["driver"]["rules"][r["ruleIndex"].get<std::size_t>()]["id"] == r["ruleId"]);
  }
  SUBCASE("first claim is the location, the others related locations") {
    const json& r = run["results"][0];
    CHECK(r["message"]["text"] == fx.result.findings[0].message);
    REQUIRE(r["locations"].size() == 1);
    const json& loc = r["locations"][0]["physicalLocation"];
    CHECK(loc["artifactLocation"]["uri"] == "news/kyiv-wire.txt");
    CHECK(loc["region"]["startLine"] == 2);
    CHECK(loc["region"]["startColumn"] == 31);
    CHECK(loc["region"]["endLine"] == 2);
    CHECK(loc["region"]["endColumn"] == 31 + 19);
    CHECK(loc["region"]["byteOffset"] == fx.claims[0].mention.start);
    CHECK(loc["region"]["byteLength"] == 19);
    REQUIRE(r["relatedLocations"].size() == 1);
    const json& rel = r["relatedLocations"][0];
    CHECK(rel["id"] == 1);
    CHECK(rel["physicalLocation"]["artifactLocation"]["uri"] == "news/seoul-daily.txt");
    CHECK(rel["message"]["text"] == "Seoul Daily (2024-10-18): about 1,500 = 1,500");
  }
  SUBCASE("the finding id, never a line, in partialFingerprints") {
    CHECK(run["results"][0]["partialFingerprints"] == json{{"tallyFindingId/v1", "c3f1a9e2d4b5"}});
    // The same finding two lines further down has the same fingerprint.
    ReportFixture moved = sample_run();
    for (Claim& c : moved.claims) c.mention.line += 2;
    const json again = render(moved.run(false));
    CHECK(again["runs"][0]["results"][0]["partialFingerprints"] == run["results"][0]["partialFingerprints"]);
    CHECK(again["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4);
  }
  SUBCASE("valid against the official SARIF 2.1.0 schema") {
    const SchemaCheck v = validate_schema("sarif", log.dump());
    INFO(v.output);
    CHECK(v.status == 0);
  }
}

TEST_CASE("report: sarif locations") {
  ReportFixture fx;
  auto c = fx.add_document(meta("dir with space/a:b#c é.txt", "S", std::nullopt), "It was about\n3,000 km.\n",
                           {{.text = "about\n3,000 km", .value = 3000, .unit = "km"}});
  auto d = fx.add_document(meta("b.txt", "T", std::nullopt), "No, 10 km.\n", {{.text = "10 km", .value = 10, .unit = "km"}});
  fx.add_finding("f1", "novel-rule", Severity::warning, "distance", "differ", {c[0], d[0]});
  const json log = render(fx.run(false));
  const json& r = log["runs"][0]["results"][0];
  SUBCASE("document ids become percent-encoded relative URIs") {
    CHECK(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "dir%20with%20space/a%3Ab%23c%20%C3%A9.txt");
  }
  SUBCASE("a figure over a line break ends on the next line") {
    const json& region = r["locations"][0]["physicalLocation"]["region"];
    CHECK(region["startLine"] == 1);
    CHECK(region["startColumn"] == 8);
    CHECK(region["endLine"] == 2);
    CHECK(region["endColumn"] == 9);
  }
  SUBCASE("an undocumented rule still gets a rule entry") {
    const json& rule = log["runs"][0]["tool"]["driver"]["rules"][0];
    CHECK(rule["id"] == "novel-rule");
    CHECK(rule["shortDescription"]["text"] == "tally finding of rule 'novel-rule'");
  }
  SUBCASE("valid") { CHECK(validate_schema("sarif", log.dump()).status == 0); }
}

TEST_CASE("report: sarif locations of a JSONL corpus's records") {
  ReportFixture fx;
  auto c = fx.add_document(meta("doc-7", "S", std::nullopt), "It was 3,000 km.\n", {{.text = "3,000 km", .value = 3000, .unit = "km"}});
  fx.claims[c[0]].corpus = "corpora/news.jsonl";
  fx.claims[c[0]].corpus_line = 42;
  fx.add_finding("f1", "conflict", Severity::error, "distance", "differ", {c[0]});
  const json log = render(fx.run(false));
  const json& loc = log["runs"][0]["results"][0]["locations"][0];
  // The annotation goes on the corpus file at the record's line; the record
  // is the logical location (its text offsets are not the file's).
  CHECK(loc["physicalLocation"]["artifactLocation"]["uri"] == "corpora/news.jsonl");
  CHECK(loc["physicalLocation"]["region"] == json{{"startLine", 42}});
  CHECK(loc["logicalLocations"][0]["name"] == "doc-7");
  CHECK(validate_schema("sarif", log.dump()).status == 0);
}

TEST_CASE("report: sarif of an empty run and of a hostile corpus") {
  ReportFixture empty;
  const json log = render(empty.run(false));
  CHECK(log["runs"][0]["results"].empty());
  CHECK(log["runs"][0]["tool"]["driver"]["rules"].empty());
  CHECK(validate_schema("sarif", log.dump()).status == 0);

  ReportFixture evil = hostile_run();
  const json hostile = render(evil.run(false));
  CHECK(hostile["runs"][0]["results"][0]["partialFingerprints"]["tallyFindingId/v1"] ==
        "id\"><script>alert(6)</script>");
  CHECK(validate_schema("sarif", hostile.dump()).status == 0);
}

TEST_CASE("report: sarif is written result by result, as one document would dump") {
  // Results are streamed instead of built into one DOM; the bytes must be
  // those of dumping the whole log with an indent of 2.
  for (ReportFixture fx : {sample_run(), ReportFixture{}, hostile_run()}) {
    std::ostringstream out;
    write_check(out, CheckFormat::sarif, fx.run(false), {});
    const auto log = nlohmann::ordered_json::parse(out.str());
    CHECK(log["runs"][0]["results"].size() == fx.result.findings.size());
    CHECK(out.str() == log.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
  }
}
