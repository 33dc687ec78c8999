// Tests of `check --format json` and `--format jsonl` (src/report/check_json.cpp).
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

std::string render(const CheckRun& run, CheckFormat format, bool explain = false) {
  std::ostringstream out;
  ReportOptions options;
  options.explain = explain;
  write_check(out, format, run, options);
  return out.str();
}

}  // namespace

TEST_CASE("report: check json") {
  ReportFixture fx = sample_run();
  const std::string text = render(fx.run(false), CheckFormat::json);
  const json doc = json::parse(text);

  SUBCASE("tool and counts") {
    CHECK(doc["tool"]["name"] == "tally");
    CHECK(doc["tool"]["version"] == k_version);
    CHECK(doc["documents"] == 3);
    CHECK(doc["claims"] == 6);
    CHECK(doc["subjects"] == 0);
    CHECK(doc["findings"].size() == 3);
  }
  SUBCASE("keys in SPEC's order, so the output reads top-down") {
    CHECK(text.find("\"tool\"") < text.find("\"documents\""));
    CHECK(text.find("\"documents\"") < text.find("\"findings\""));
  }
  SUBCASE("a finding carries its fields and its claims as extract records") {
    const json& f = doc["findings"][0];
    CHECK(f["id"] == "c3f1a9e2d4b5");
    CHECK(f["rule"] == "conflict");
    CHECK(f["severity"] == "error");
    CHECK(f["subject"] == "troops | in russia");
    CHECK(f["message"].get<std::string>().find("Kyiv Wire says") == 0);
    REQUIRE(f["claims"].size() == 2);
    CHECK(f["claims"][0] == to_record(fx.claims[0]));
    CHECK(f["claims"][1] == to_record(fx.claims[2]));
    CHECK(f["claims"][1]["source"] == "Seoul Daily");
    CHECK(!f.contains("explanation"));
  }
  SUBCASE("consensus as whole numbers where they are whole, null when absent") {
    const json& c = doc["findings"][0]["consensus"];
    CHECK(c["value"].is_number_integer());
    CHECK(c["value"] == 3000);
    CHECK(c["low"] == 2550);
    CHECK(c["high"] == 3450);
    CHECK(c["support"] == 1);
    CHECK(c["unit"] == "");
    CHECK(doc["findings"][1]["consensus"].is_null());
    CHECK(c.dump() == R"({"high":3450,"low":2550,"support":1,"unit":"","value":3000})");
  }
  SUBCASE("valid against tally-check.schema.json") {
    const SchemaCheck v = validate_schema("check", text);
    INFO(v.output);
    CHECK(v.status == 0);
  }
}

TEST_CASE("report: check json is written finding by finding, as one document would dump") {
  // The writer streams findings instead of building one DOM; the bytes must
  // be those of dumping the whole document with an indent of 2.
  ReportFixture fx = sample_run();
  for (bool explain : {false, true}) {
    CAPTURE(explain);
    const std::string text = render(fx.run(false), CheckFormat::json, explain);
    const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text);
    REQUIRE(doc["findings"].size() == 3);
    CHECK(text == doc.dump(2) + "\n");
  }
  SUBCASE("no findings: an empty array") {
    CheckRun run = fx.run(false);
    Reconciliation none;
    run.result = &none;
    const std::string text = render(run, CheckFormat::json);
    const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(text);
    CHECK(doc["findings"] == json::array());
    CHECK(text == doc.dump(2) + "\n");
  }
}

TEST_CASE("report: check jsonl") {
  ReportFixture fx = sample_run();
  const std::string text = render(fx.run(false), CheckFormat::jsonl);
  std::istringstream in(text);
  std::vector<json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0]["id"] == "c3f1a9e2d4b5");
  CHECK(lines[1]["severity"] == "warning");
  CHECK(lines[2]["rule"] == "drift");
  SUBCASE("each line is the finding object of the json format") {
    const json doc = json::parse(render(fx.run(false), CheckFormat::json));
    for (std::size_t i = 0; i < lines.size(); ++i) CHECK(lines[i] == doc["findings"][i]);
  }
  SUBCASE("no findings, no lines") {
    ReportFixture empty;
    CHECK(render(empty.run(false), CheckFormat::jsonl).empty());
  }
}

TEST_CASE("report: check json with --explain") {
  ReportFixture fx = sample_run();
  const json doc = json::parse(render(fx.run(false), CheckFormat::json, true));
  const json& e = doc["findings"][0]["explanation"];
  CHECK(e["matched"].size() == 2);
  CHECK(e["intervals"][0]["claim"] == 0);
  CHECK(e["intervals"][0]["low"] == 2550);
  CHECK(e["intervals"][0]["tolerance"] == "approximate ±15%");
  CHECK(e["ratio"] == doctest::Approx(1.478));
  CHECK(e["severity_reason"] == "ratio 1.48 >= error_ratio 1.2");
  CHECK(doc["findings"][1]["explanation"]["ratio"].is_null());
  CHECK(validate_schema("check", doc.dump()).status == 0);
}

TEST_CASE("report: check json survives invalid UTF-8 and hostile text") {
  ReportFixture fx = hostile_run();
  fx.result.findings[0].message += "\xff\xfe bad bytes";
  std::string text;
  CHECK_NOTHROW(text = render(fx.run(false), CheckFormat::json));
  const json doc = json::parse(text);
  CHECK(doc["findings"][0]["message"].get<std::string>().find("\xEF\xBF\xBD") != std::string::npos);
  CHECK(doc["findings"][0]["id"] == "id\"><script>alert(6)</script>");
  CHECK(validate_schema("check", text).status == 0);
}
