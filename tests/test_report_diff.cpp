// Tests of `tally diff` (src/report/diff.cpp): how figures of two versions
// pair up, and the text, json and html output.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <tally/diff.hpp>

#include "report_fixtures.hpp"

namespace {

using namespace tally;
using namespace tally::testing;
using nlohmann::json;

// One version of a corpus: documents with figures, as claims.
struct Version {
  ReportFixture fx;
  Version& doc(const std::string& id, const std::string& text, const std::vector<Figure>& figures) {
    fx.add_document(meta(id, "Wire", "2024-10-17"), text, figures);
    return *this;
  }
  const std::vector<Claim>& claims() const { return fx.claims; }
};

Figure fig(const std::string& text, double value, const std::string& subject = "troops | in russia",
           Qualifier q = Qualifier::exact) {
  return {.text = text, .value = value, .subject = subject, .qualifier = q};
}

std::string render(DiffFormat format, const DiffResult& d, const Version& a, const Version& b, bool color = false) {
  std::ostringstream out;
  ReportOptions options;
  options.color = color;
  write_diff(out, format, d, a.claims(), b.claims(), options);
  return out.str();
}

}  // namespace

TEST_CASE("report: diff pairs figures") {
  SUBCASE("nothing changed") {
    Version a, b;
    a.doc("a.txt", "About 3,000 troops.", {fig("3,000", 3000)});
    b.doc("a.txt", "Some 3,000 troops.", {fig("3,000", 3000)});
    const DiffResult d = diff_claims(a.claims(), b.claims());
    CHECK(d.empty());
  }
  SUBCASE("a value that changed is one change, not a removal and an addition") {
    Version a, b;
    a.doc("a.txt", "3,000 troops. 40 tanks.", {fig("3,000", 3000), fig("40", 40, "tanks")});
    b.doc("a.txt", "12,000 troops. 40 tanks.", {fig("12,000", 12000), fig("40", 40, "tanks")});
    const DiffResult d = diff_claims(a.claims(), b.claims());
    REQUIRE(d.changes.size() == 1);
    CHECK(d.changes[0].kind == ChangeKind::changed);
    CHECK(d.changes[0].doc == "a.txt");
    CHECK(*d.changes[0].old_claim == 0);
    CHECK(*d.changes[0].new_claim == 0);
  }
  SUBCASE("a figure inserted before others of its subject shifts nothing") {
    Version a, b;
    a.doc("a.txt", "3,000 troops. Then 5,000 troops.", {fig("3,000", 3000), fig("5,000", 5000)});
    b.doc("a.txt", "1,000 troops. 3,000 troops. Then 5,000 troops.",
          {fig("1,000", 1000), fig("3,000", 3000), fig("5,000", 5000)});
    const DiffResult d = diff_claims(a.claims(), b.claims());
    REQUIRE(d.changes.size() == 1);
    CHECK(d.changes[0].kind == ChangeKind::added);
    CHECK(*d.changes[0].new_claim == 0);
    CHECK(!d.changes[0].old_claim);
  }
  SUBCASE("a removed figure") {
    Version a, b;
    a.doc("a.txt", "3,000 troops. 40 tanks.", {fig("3,000", 3000), fig("40", 40, "tanks")});
    b.doc("a.txt", "3,000 troops.", {fig("3,000", 3000)});
    const DiffResult d = diff_claims(a.claims(), b.claims());
    REQUIRE(d.changes.size() == 1);
    CHECK(d.changes[0].kind == ChangeKind::removed);
    CHECK(*d.changes[0].old_claim == 1);
  }
  SUBCASE("a qualifier that changed is a change") {
    Version a, b;
    a.doc("a.txt", "About 3,000 troops.", {fig("About 3,000", 3000, "troops | in russia", Qualifier::approximate)});
    b.doc("a.txt", "At least 3,000 troops.", {fig("At least 3,000", 3000, "troops | in russia", Qualifier::at_least)});
    const DiffResult d = diff_claims(a.claims(), b.claims());
    REQUIRE(d.changes.size() == 1);
    CHECK(d.changes[0].kind == ChangeKind::changed);
  }
  SUBCASE("a reworded sentence that moved the subject is not a change") {
    Version a, b;
    a.doc("a.txt", "3,000 troops in Russia.", {fig("3,000", 3000, "troops | in russia")});
    b.doc("a.txt", "3,000 troops now in Kursk.", {fig("3,000", 3000, "troops | in kursk")});
    CHECK(diff_claims(a.claims(), b.claims()).empty());
  }
  SUBCASE("the same counted thing under another subject with another value is a change") {
    Version a, b;
    a.doc("a.txt", "3,000 troops in Russia.", {fig("3,000", 3000, "troops | in russia")});
    b.doc("a.txt", "4,000 troops now in Kursk.", {fig("4,000", 4000, "troops | in kursk")});
    const DiffResult d = diff_claims(a.claims(), b.claims());
    REQUIRE(d.changes.size() == 1);
    CHECK(d.changes[0].kind == ChangeKind::changed);
  }
  SUBCASE("documents pair by id; unpaired ones are added or removed with their figures") {
    Version a, b;
    a.doc("a.txt", "3,000 troops.", {fig("3,000", 3000)}).doc("gone.txt", "7 ships.", {fig("7", 7, "ships")});
    b.doc("a.txt", "3,000 troops.", {fig("3,000", 3000)}).doc("new.txt", "9 planes.", {fig("9", 9, "planes")});
    const DiffResult d = diff_claims(a.claims(), b.claims());
    CHECK(d.added_documents == std::vector<std::string>{"new.txt"});
    CHECK(d.removed_documents == std::vector<std::string>{"gone.txt"});
    REQUIRE(d.changes.size() == 2);
    CHECK(d.changes[0].doc == "gone.txt");
    CHECK(d.changes[0].kind == ChangeKind::removed);
    CHECK(d.changes[1].doc == "new.txt");
    CHECK(d.changes[1].kind == ChangeKind::added);
  }
  SUBCASE("two single documents are two versions of one, whatever their names") {
    Version a, b;
    a.doc("v1.txt", "3,000 troops.", {fig("3,000", 3000)});
    b.doc("v2.txt", "4,000 troops.", {fig("4,000", 4000)});
    const DiffResult d = diff_claims(a.claims(), b.claims());
    CHECK(d.added_documents.empty());
    CHECK(d.removed_documents.empty());
    REQUIRE(d.changes.size() == 1);
    CHECK(d.changes[0].kind == ChangeKind::changed);
    CHECK(d.changes[0].doc == "v2.txt");
  }
  SUBCASE("changes come in document order, then position") {
    Version a, b;
    a.doc("b.txt", "1 x. 2 y.", {fig("1", 1, "x"), fig("2", 2, "y")}).doc("a.txt", "5 z.", {fig("5", 5, "z")});
    b.doc("b.txt", "3 x. 4 y.", {fig("3", 3, "x"), fig("4", 4, "y")}).doc("a.txt", "6 z.", {fig("6", 6, "z")});
    const DiffResult d = diff_claims(a.claims(), b.claims());
    REQUIRE(d.changes.size() == 3);
    CHECK(d.changes[0].doc == "a.txt");
    CHECK(*d.changes[1].new_claim == 0);
    CHECK(*d.changes[2].new_claim == 1);
  }
}

TEST_CASE("report: diff output") {
  Version a, b;
  a.doc("news/a.txt", "Officials said approximately 3,000 troops arrived. 40 tanks.",
        {fig("approximately 3,000", 3000, "troops | in russia", Qualifier::approximate), fig("40", 40, "tanks")});
  b.doc("news/a.txt", "Officials said about 12,000 troops arrived. 9 planes.",
        {fig("about 12,000", 12000, "troops | in russia", Qualifier::approximate), fig("9", 9, "planes")});
  const DiffResult d = diff_claims(a.claims(), b.claims());
  REQUIRE(d.changes.size() == 3);

  SUBCASE("text: old → new with both sentences, and a summary") {
    const std::string out = render(DiffFormat::text, d, a, b);
    CHECK(out.find("news/a.txt\n") != std::string::npos);
    CHECK(out.find("  ~ changed troops | in russia\n      approximately 3,000 → about 12,000   (3,000 → 12,000)") !=
          std::string::npos);
    CHECK(out.find("\"Officials said »approximately 3,000« troops arrived.\"") != std::string::npos);
    CHECK(out.find("\"Officials said »about 12,000« troops arrived.\"") != std::string::npos);
    CHECK(out.find("  - removed tanks") != std::string::npos);
    CHECK(out.find("  + added   planes") != std::string::npos);
    CHECK(out.find("3 figures changed in 1 document (1 changed, 1 added, 1 removed); 0 documents added, 0 removed\n") !=
          std::string::npos);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(render(DiffFormat::text, d, a, b, true).find("\x1b[32m+ added") != std::string::npos);
  }
  SUBCASE("text of no change") {
    Version same;
    same.doc("x.txt", "3 x.", {fig("3", 3, "x")});
    CHECK(render(DiffFormat::text, diff_claims(same.claims(), same.claims()), same, same) == "no figure changed\n");
  }
  SUBCASE("json: documents and changes with full records") {
    const json j = json::parse(render(DiffFormat::json, d, a, b));
    CHECK(j["added_documents"].empty());
    CHECK(j["removed_documents"].empty());
    REQUIRE(j["changes"].size() == 3);
    const json& changed = j["changes"][0];
    CHECK(changed["kind"] == "changed");
    CHECK(changed["doc"] == "news/a.txt");
    CHECK(changed["old"] == to_record(a.claims()[0]));
    CHECK(changed["new"] == to_record(b.claims()[0]));
    // By position: "9 planes" (new, byte 44) comes before "40 tanks" (old, byte 51).
    CHECK(j["changes"][1]["kind"] == "added");
    CHECK(j["changes"][1]["old"].is_null());
    CHECK(j["changes"][2]["kind"] == "removed");
    CHECK(j["changes"][2]["new"].is_null());
  }
  SUBCASE("html: the report's page, old and new side by side") {
    const std::string html = render(DiffFormat::html, d, a, b);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("Content-Security-Policy") != std::string::npos);
    CHECK(html.find("<h1>tally diff</h1>") != std::string::npos);
    CHECK(html.find("<div class=\"diffrow\"><div><div class=\"side\">old</div>") != std::string::npos);
    CHECK(html.find("<mark class=\"fig\">approximately 3,000</mark>") != std::string::npos);
    CHECK(html.find("<mark class=\"fig\">about 12,000</mark>") != std::string::npos);
    CHECK(html.find("3,000 <span class=\"arrow\" aria-label=\"became\">→</span> 12,000") != std::string::npos);
    CHECK(html.find(R"(data-kind="removed")") != std::string::npos);
    CHECK(html.find("not in this version") != std::string::npos);
    CHECK(html.find(R"(id="change-0")") != std::string::npos);
  }
}

TEST_CASE("report: diff html escapes the corpus") {
  Version a, b;
  const std::string evil = std::string(k_script_payload) + k_attr_payload + k_style_payload;
  a.doc("x" + evil + ".txt", "3 troops " + evil + ".", {fig("3", 3, "t" + evil)});
  b.doc("x" + evil + ".txt", "4 troops " + evil + ".", {fig("4", 4, "t" + evil)});
  const DiffResult d = diff_claims(a.claims(), b.claims());
  const std::string html = render(DiffFormat::html, d, a, b);
  CHECK(html.find(k_script_payload) == std::string::npos);
  CHECK(html.find(k_style_payload) == std::string::npos);
  CHECK(html.find("\"onerror=") == std::string::npos);
  std::size_t scripts = 0;
  for (std::size_t p = html.find("<script"); p != std::string::npos; p = html.find("<script", p + 1)) ++scripts;
  CHECK(scripts == 1);
}

TEST_CASE("report: diff text gives normalised values only when they differ from the words") {
  Version a, b;
  a.doc("a.txt", "The flood displaced 40,000 people. Some 12 boats.",
        {fig("40,000", 40000, "people"), fig("Some 12", 12, "boats", Qualifier::approximate)});
  b.doc("a.txt", "The flood displaced 45,000 people.", {fig("45,000", 45000, "people")});
  const std::string out = render(DiffFormat::text, diff_claims(a.claims(), b.claims()), a, b);
  CHECK(out.find("      40,000 → 45,000\n") != std::string::npos);
  CHECK(out.find("      Some 12   (12)\n") != std::string::npos);
}

TEST_CASE("report: diff html quotes the sentences as the report does") {
  // The report's CSS styles the diff's blockquotes, so both pages look alike.
  Version a, b;
  a.doc("a.txt", "3 troops.", {fig("3", 3, "troops")});
  b.doc("a.txt", "4 troops.", {fig("4", 4, "troops")});
  const std::string html = render(DiffFormat::html, diff_claims(a.claims(), b.claims()), a, b);
  CHECK(html.find(".claim blockquote, .diffrow blockquote {") != std::string::npos);
  CHECK(html.find("<blockquote>") != std::string::npos);
}
