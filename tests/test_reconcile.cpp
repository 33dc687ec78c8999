// Tests for src/reconcile/reconcile.cpp and baseline.cpp: the rules
// (conflict, drift, aspect, arithmetic), severity, stable ids, ordering,
// partition invariance, baselines, and a 100,000-claim block.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>

#include <tally/reconcile.hpp>

#include "reconcile_fixtures.hpp"

namespace fs = std::filesystem;
using namespace tally;
using tally::test::Spec;

namespace {

std::vector<const Finding*> by_rule(const Reconciliation& r, std::string_view rule) {
  std::vector<const Finding*> out;
  for (const Finding& f : r.findings)
    if (f.rule == rule) out.push_back(&f);
  return out;
}

// A finding as the partition and reordering tests compare it: everything but
// positions, with claims named by (source, text).
std::string fingerprint(const Finding& f, const std::vector<Claim>& cs) {
  std::vector<std::string> claims;
  for (std::size_t p : f.claims) claims.push_back(cs[p].source + "=" + cs[p].mention.text);
  std::sort(claims.begin(), claims.end());
  std::string s = f.id + "|" + f.rule + "|" + std::string(to_string(f.severity)) + "|" + f.subject + "|";
  for (const auto& c : claims) s += c + ";";
  return s;
}

std::multiset<std::string> fingerprints(const Reconciliation& r, const std::vector<Claim>& cs) {
  std::multiset<std::string> out;
  for (const Finding& f : r.findings) out.insert(fingerprint(f, cs));
  return out;
}

// The troop story of SPEC, as an extractor would give it.
std::vector<Spec> troop_story() {
  return {
      {.source = "Kyiv Wire", .text = "10,000", .value = 10000, .noun = "soldiers", .modifiers = {"north korean"},
       .event = "train", .block = "count:military_personnel", .subject = "north korean troops",
       .modality = Modality::planned, .date = "2024-10-17"},
      {.source = "Kyiv Wire", .text = "approximately 3,000", .value = 3000, .qualifier = Qualifier::approximate,
       .noun = "personnel", .modifiers = {"north korean"}, .place = "in Russian units",
       .block = "count:military_personnel", .subject = "north korean troops", .date = "2024-10-17"},
      {.source = "Seoul Daily", .text = "about 1,500", .value = 1500, .qualifier = Qualifier::approximate,
       .noun = "soldiers", .modifiers = {"north korean"}, .place = "in Russia", .block = "count:military_personnel",
       .subject = "north korean troops", .date = "2024-10-17"},
  };
}

}  // namespace

TEST_CASE("reconcile: conflict, aspect and the SPEC message") {
  auto cs = test::make_claims(troop_story());
  Reconciliation r = reconcile(cs, Config{}, Grouping::cluster);
  auto conflicts = by_rule(r, "conflict");
  REQUIRE(conflicts.size() == 1);
  const Finding& c = *conflicts[0];
  CHECK(c.severity == Severity::error);
  CHECK(c.subject == "north korean troops");
  CHECK(c.message == "Kyiv Wire says approximately 3,000; Seoul Daily says about 1,500 (2.0x apart)");
  CHECK(c.claims == std::vector<std::size_t>{1, 2});
  CHECK(c.id.size() == 12);
  CHECK(c.id.find_first_not_of("0123456789abcdef") == std::string::npos);
  REQUIRE(c.explanation.ratio);
  CHECK(*c.explanation.ratio == doctest::Approx(2550.0 / 1725));
  CHECK(c.explanation.intervals.size() == 2);
  CHECK(c.explanation.intervals[0].tolerance == "approximate ±15%");
  CHECK(c.explanation.intervals[0].low == doctest::Approx(2550));
  CHECK(c.explanation.severity_reason.find("error_ratio 1.2") != std::string::npos);
  CHECK_FALSE(c.explanation.matched.empty());
  // One source against one with equal weight: no majority, so no consensus
  // (the value between them is one nobody stated).
  CHECK_FALSE(c.consensus);

  auto aspects = by_rule(r, "aspect");
  REQUIRE(aspects.size() == 1);
  CHECK(aspects[0]->severity == Severity::note);
  CHECK(aspects[0]->claims == std::vector<std::size_t>{0, 1, 2});
  CHECK(aspects[0]->message.rfind("asserted approximately 3,000 (Kyiv Wire), about 1,500 (Seoul Daily) vs planned 10,000 (Kyiv Wire)", 0) == 0);
  CHECK(by_rule(r, "drift").empty());
  // Errors first.
  CHECK(r.findings.front().rule == "conflict");
}

TEST_CASE("reconcile: options leave out what will not be printed, and nothing else") {
  auto specs = troop_story();
  specs.push_back({.source = "Ledger", .text = "45", .value = 45, .noun = ""});  // nothing counted: a lone subject
  auto cs = test::make_claims(specs);
  const Reconciliation full = reconcile(cs, Config{}, Grouping::cluster);
  const Reconciliation bare = reconcile(cs, Config{}, Grouping::cluster, {.explain = false, .summaries = false});
  REQUIRE(bare.findings.size() == full.findings.size());
  for (std::size_t i = 0; i < full.findings.size(); ++i) {
    CAPTURE(i);
    CHECK(bare.findings[i].id == full.findings[i].id);
    CHECK(bare.findings[i].message == full.findings[i].message);
    CHECK(bare.findings[i].claims == full.findings[i].claims);
    CHECK_FALSE(full.findings[i].explanation.matched.empty());
    CHECK(bare.findings[i].explanation.matched.empty());
    CHECK(bare.findings[i].explanation.intervals.empty());
  }
  // Every claim is in one subject, the lone one included, with or without summaries.
  CHECK(full.subjects.size() == full.subject_count);
  CHECK(bare.subjects.empty());
  CHECK(bare.subject_count == full.subject_count);
  std::size_t counted = 0;
  for (const SubjectSummary& s : full.subjects) counted += s.claims.size();
  CHECK(counted == cs.size());
}

TEST_CASE("reconcile: a plan alone is not a conflict") {
  auto specs = troop_story();
  specs.pop_back();
  auto cs = test::make_claims(specs);
  Reconciliation r = reconcile(cs, Config{}, Grouping::cluster);
  CHECK(by_rule(r, "conflict").empty());
  CHECK(by_rule(r, "aspect").size() == 1);
}

TEST_CASE("reconcile: drift over days, and a wrong figure on one day") {
  auto toll = [](const char* source, const char* text, double v, const char* date) {
    return Spec{.source = source, .text = text, .value = v, .noun = "people", .event = "killed",
                .block = "count:people", .subject = "people killed | valley floods", .date = date};
  };
  auto cs = test::make_claims({
      toll("River Times", "45", 45, "2024-03-01"),
      toll("Valley Post", "45", 45, "2024-03-01"),
      toll("River Times", "78", 78, "2024-03-04"),
      toll("Valley Post", "78", 78, "2024-03-04"),
      toll("River Times", "112", 112, "2024-03-05"),
      toll("Valley Post", "112", 112, "2024-03-05"),
      toll("Metro Herald", "211", 211, "2024-03-05"),
  });
  Reconciliation r = reconcile(cs, Config{}, Grouping::cluster);
  auto drift = by_rule(r, "drift");
  REQUIRE(drift.size() == 1);
  CHECK(drift[0]->severity == Severity::note);
  CHECK(drift[0]->message == "the figure changed over time: 45 on 2024-03-01 → 78 on 2024-03-04 → 112 on 2024-03-05");
  CHECK(drift[0]->claims == std::vector<std::size_t>{0, 2, 5});
  auto conflicts = by_rule(r, "conflict");
  REQUIRE(conflicts.size() == 1);
  CHECK(conflicts[0]->severity == Severity::error);
  CHECK(conflicts[0]->message == "River Times and Valley Post say 112; Metro Herald says 211 (1.9x apart)");
  REQUIRE(conflicts[0]->consensus);
  CHECK(conflicts[0]->consensus->value == doctest::Approx(112).epsilon(0.02));
  CHECK(conflicts[0]->consensus->support == 2);
  CHECK(r.findings.size() == 2);
}

TEST_CASE("reconcile: units agree through norm") {
  auto len = [](const char* source, const char* text, double v, const char* unit, double to_base) {
    return Spec{.source = source, .text = text, .value = v, .noun = "bridge", .block = "length:bridge",
                .dimension = "length", .unit = unit, .to_base = to_base, .base_unit = "m", .date = "2024-05-02"};
  };
  auto ok = test::make_claims({len("A", "19 km", 19, "km", 1000), len("B", "11.8 miles", 11.8, "mi", 1609.344)});
  CHECK(reconcile(ok, Config{}, Grouping::cluster).findings.empty());

  auto off = test::make_claims({len("A", "19 km", 19, "km", 1000), len("B", "11.8 miles", 11.8, "mi", 1609.344),
                                len("C", "25 km", 25, "km", 1000)});
  Reconciliation r = reconcile(off, Config{}, Grouping::cluster);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "conflict");
  CHECK(r.findings[0].severity == Severity::error);
  CHECK(r.findings[0].message == "A and B say 19 km; C says 25 km (1.3x apart)");
  REQUIRE(r.findings[0].consensus);
  CHECK(r.findings[0].consensus->unit == "m");
  // Lengths do not change by the day: a later date is no excuse.
  off[2].date = "2024-06-30";
  CHECK(by_rule(reconcile(off, Config{}, Grouping::cluster), "conflict").size() == 1);
}

TEST_CASE("reconcile: severity thresholds") {
  auto rev = [](const char* source, const char* text, double v) {
    return Spec{.source = source, .text = text, .value = v, .noun = "revenue", .modifiers = {"acme", "third-quarter"},
                .block = "currency:revenue", .dimension = "currency", .unit = "USD", .date = "2024-10-24"};
  };
  auto cs = test::make_claims({rev("Market Ledger", "$4.52bn", 4.52e9), rev("Finance Today", "$4.52 billion", 4.52e9),
                               rev("Daily Ticker", "$4.25bn", 4.25e9)});
  Config cfg;
  Reconciliation r = reconcile(cs, cfg, Grouping::cluster);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].severity == Severity::warning);
  CHECK(r.findings[0].message == "Market Ledger and Finance Today say $4.52bn; Daily Ticker says $4.25bn (1.06x apart)");
  CHECK(r.findings[0].consensus->unit == "USD");
  CHECK(r.findings[0].consensus->value == doctest::Approx(4.52e9).epsilon(0.01));
  cfg.severity.error_ratio = 1.05;
  CHECK(reconcile(cs, cfg, Grouping::cluster).findings[0].severity == Severity::error);
  // Wider tolerances make them agree.
  cfg.tolerance.exact_max = 0.05;
  cs[2].mention.qualifier = Qualifier::approximate;
  CHECK(reconcile(cs, cfg, Grouping::cluster).findings.empty());
}

TEST_CASE("reconcile: ids are stable across reordering and offsets") {
  auto specs = troop_story();
  auto forward = test::make_claims(specs);
  std::reverse(specs.begin(), specs.end());
  auto backward = test::make_claims(specs);
  for (Claim& c : backward) {
    c.mention.start += 1000;  // the text moved
    c.mention.line += 7;
  }
  CHECK(fingerprints(reconcile(forward, Config{}, Grouping::cluster), forward) ==
        fingerprints(reconcile(backward, Config{}, Grouping::cluster), backward));
}

TEST_CASE("reconcile: partition invariance") {
  // Several blocks, sources shared across them so that reliability differs
  // between one run and the partitioned runs.
  std::vector<Spec> specs = troop_story();
  const char* sources[] = {"Kyiv Wire", "Seoul Daily", "Metro Herald", "River Times"};
  std::mt19937 rng(7);
  for (int b = 0; b < 6; ++b) {
    std::string block = "count:block" + std::to_string(b);
    for (int k = 0; k < 5; ++k) {
      double v = 1000.0 * (b + 1) * ((k == 3 && b % 2) ? 1.6 : 1.0) + (k == 4 ? 7 : 0);
      std::string text = std::to_string(static_cast<long long>(v));
      specs.push_back({.source = sources[rng() % 4], .text = text, .value = v, .noun = "widgets", .block = block,
                       .date = "2024-01-0" + std::to_string(1 + (k == 2 && b == 4))});
    }
  }
  auto all = test::make_claims(specs);
  Reconciliation whole = reconcile(all, Config{}, Grouping::cluster);
  CHECK_FALSE(whole.findings.empty());

  std::map<std::string, std::vector<Claim>> parts;
  for (const Claim& c : all) parts[c.mention.block.str()].push_back(c);
  std::multiset<std::string> partitioned;
  for (auto& [block, cs] : parts) {
    Reconciliation r = reconcile(cs, Config{}, Grouping::cluster);
    for (const Finding& f : r.findings) partitioned.insert(fingerprint(f, cs));
  }
  CHECK(partitioned == fingerprints(whole, all));
  // The messages too.
  std::multiset<std::string> m1, m2;
  for (const Finding& f : whole.findings) m1.insert(f.message);
  for (auto& [block, cs] : parts)
    for (const Finding& f : reconcile(cs, Config{}, Grouping::cluster).findings) m2.insert(f.message);
  CHECK(m1 == m2);
}

TEST_CASE("reconcile: ignores") {
  auto cs = test::make_claims(troop_story());
  Config cfg;
  cfg.ignore_subjects = {"Korean Troops"};
  CHECK(reconcile(cs, cfg, Grouping::cluster).findings.empty());
  Config paths;
  paths.ignore_paths = {"Seoul*"};
  CHECK(by_rule(reconcile(cs, paths, Grouping::cluster), "conflict").empty());
}

TEST_CASE("reconcile: arithmetic findings") {
  const std::string s = "Of the 1,200 prisoners, 700 were released and 600 were transferred.";
  auto cs = test::make_claims({
      {.source = "Daily", .text = "1,200", .value = 1200, .noun = "prisoners", .sentence = s},
      {.source = "Daily", .text = "700", .value = 700, .noun = "", .sentence = s},
      {.source = "Daily", .text = "600", .value = 600, .noun = "", .sentence = s},
  });
  Reconciliation r = reconcile(cs, Config{}, Grouping::cluster);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "arithmetic");
  CHECK(r.findings[0].severity == Severity::warning);
  CHECK(r.findings[0].claims == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("reconcile: exact subjects and bad values") {
  auto cs = test::make_claims({
      {.source = "CapitalBot", .text = "111,454", .value = 111454, .subject = "springfield | population | 2000"},
      {.source = "Editor9", .text = "111,454", .value = 111454, .subject = "springfield | population | 2000"},
      {.source = "ip:10.1.2.3", .text = "6.6e18", .value = 6.6e18, .subject = "springfield | population | 2000",
       .date = "2024-01-01"},
      {.source = "Broken", .text = "x", .value = 0, .subject = "springfield | population | 2000"},
  });
  cs[3].mention.value = std::nan("");
  cs[3].mention.norm_value = std::nan("");
  Reconciliation r = reconcile(cs, Config{}, Grouping::exact_subject);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "conflict");  // edit dates are not periods in `reconcile`
  CHECK(r.findings[0].severity == Severity::error);
  REQUIRE(r.subjects.size() == 1);
  CHECK(r.subjects[0].claims.size() == 3);
  CHECK(r.subjects[0].consensus->support == 2);
  CHECK(r.source_reliability.at("CapitalBot") > r.source_reliability.at("ip:10.1.2.3"));
}

TEST_CASE("reconcile: fail-on") {
  auto cs = test::make_claims(troop_story());
  Config cfg;
  Reconciliation r = reconcile(cs, cfg, Grouping::cluster);
  CHECK(should_fail(r, cs, cfg));
  CHECK_FALSE(should_fail(r, cs, cfg, FailOn{}));  // --fail-on never
  auto notes_only = test::make_claims({troop_story()[0], troop_story()[1]});
  Reconciliation n = reconcile(notes_only, cfg, Grouping::cluster);
  CHECK_FALSE(should_fail(n, notes_only, cfg));
  CHECK(should_fail(n, notes_only, cfg, FailOn{Severity::note}));
  cfg.overrides.push_back({{"Kyiv*"}, FailOn{Severity::note}, std::nullopt});
  CHECK(should_fail(n, notes_only, cfg));
}

TEST_CASE("reconcile: baselines") {
  auto cs = test::make_claims(troop_story());
  Reconciliation r = reconcile(cs, Config{}, Grouping::cluster);
  REQUIRE(r.findings.size() == 2);
  fs::path path = fs::temp_directory_path() / ("tally-baseline-" + std::to_string(::getpid()) + ".json");
  REQUIRE_FALSE(write_baseline(path.string(), {r.findings[0]}, "0.1.0"));
  auto ids = read_baseline(path.string());
  REQUIRE(ids);
  CHECK(ids->size() == 1);
  CHECK(ids->count(r.findings[0].id) == 1);
  {
    std::ifstream in(path);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("\"tool\": \"tally\"") != std::string::npos);
  }
  Reconciliation again = reconcile(cs, Config{}, Grouping::cluster);
  CHECK(apply_baseline(again, *ids) == 1);
  REQUIRE(again.findings.size() == 1);
  CHECK(again.findings[0].id == r.findings[1].id);

  std::ofstream(path) << R"({"findings": [{"id": "abc"}, "def"]})";
  auto mixed = read_baseline(path.string());
  REQUIRE(mixed);
  CHECK(*mixed == std::set<std::string>{"abc", "def"});
  std::ofstream(path) << "{\"findings\": 3}";
  CHECK_FALSE(read_baseline(path.string()));
  fs::remove(path);
  CHECK_FALSE(read_baseline(path.string()));
}

TEST_CASE("reconcile: a block of 100,000 claims") {
  // One block, one counted noun, 100,000 claims from 500 sources over 40
  // places and 25 units: linear work, sane output.
  std::vector<Claim> cs;
  cs.reserve(100000);
  std::mt19937 rng(42);
  for (std::size_t i = 0; i < 100000; ++i) {
    int place = static_cast<int>(rng() % 40);
    int unit = static_cast<int>(rng() % 25);
    double v = 1000.0 * (place + 1) + 10.0 * unit;
    bool wrong = rng() % 500 == 0;
    if (wrong) v *= 3;
    Spec s{.source = "source " + std::to_string(rng() % 500), .text = std::to_string(static_cast<long long>(v)),
           .value = v, .modifiers = {"unit " + std::to_string(unit)}, .place = "in district " + std::to_string(place),
           .block = "count:military_personnel", .date = "2024-10-17"};
    cs.push_back(test::make_claim(s, i));
  }
  Reconciliation r = reconcile(cs, Config{}, Grouping::cluster);
  CHECK(r.subjects.size() == 1000);
  auto conflicts = by_rule(r, "conflict");
  CHECK_FALSE(conflicts.empty());
  CHECK(conflicts.size() <= 1000);
  for (const Finding* f : conflicts) {
    CHECK(f->severity == Severity::error);
    CHECK(f->claims.size() <= 50);
    REQUIRE(f->consensus);
    CHECK(f->consensus->support > 10);
  }
  CHECK(by_rule(r, "drift").empty());
  CHECK(r.source_reliability.size() == 500);
}

TEST_CASE("reconcile: a drift step is stated by the claim nearest the consensus") {
  // A rounded figure and an outlier share the later period with two exact
  // ones: the step shows $4.52 billion, not the median $4.5 billion.
  auto rev = [](const char* source, const char* text, double v, const char* date) {
    return Spec{.source = source, .text = text, .value = v, .noun = "revenue", .block = "currency:revenue",
                .dimension = "currency", .unit = "USD", .date = date};
  };
  auto cs = test::make_claims({
      rev("Acme", "$4.31 billion", 4.31e9, "2024-07-20"),
      rev("Acme", "$4.52 billion", 4.52e9, "2024-10-24"),
      rev("Journal", "$4.52bn", 4.52e9, "2024-10-24"),
      rev("Daily", "$4.25 billion", 4.25e9, "2024-10-24"),
      rev("Wire", "$4.5 billion", 4.5e9, "2024-10-24"),
  });
  Reconciliation r = reconcile(cs, Config{}, Grouping::cluster);
  auto drift = by_rule(r, "drift");
  REQUIRE(drift.size() == 1);
  CHECK(drift[0]->message == "the figure changed over time: $4.31 billion on 2024-07-20 → $4.52 billion on 2024-10-24");
  auto conflicts = by_rule(r, "conflict");
  REQUIRE(conflicts.size() == 1);
  CHECK(conflicts[0]->severity == Severity::warning);
  REQUIRE(conflicts[0]->consensus);
  CHECK(conflicts[0]->consensus->support == 3);
}

TEST_CASE("reconcile: no consensus without a majority") {
  auto t = [](const char* source, const char* text, double v) {
    return Spec{.source = source, .text = text, .value = v, .noun = "timeout", .modifiers = {"default"},
                .block = "duration:timeout", .dimension = "duration", .unit = "s"};
  };
  auto cs = test::make_claims({t("README", "30 seconds", 30), t("Configuration guide", "60 seconds", 60)});
  Reconciliation r = reconcile(cs, Config{}, Grouping::cluster);
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule == "conflict");
  CHECK(r.findings[0].severity == Severity::error);
  CHECK_FALSE(r.findings[0].consensus);
  REQUIRE(r.subjects.size() == 1);
  CHECK_FALSE(r.subjects[0].consensus);
}

TEST_CASE("reconcile: 100,000 claims, a tenth of them naming no modifier or place") {
  // Bare claims are resolved per claim (their document, else the subject most
  // sources report): still linear, and each lands where its document points.
  std::vector<Claim> cs;
  cs.reserve(100000);
  std::mt19937 rng(7);
  for (std::size_t i = 0; i < 100000; ++i) {
    std::size_t doc = i / 10;
    int place = static_cast<int>(doc % 400);
    bool bare = i % 10 == 9;
    double v = 1000.0 * (place + 1);
    Spec s{.source = "source " + std::to_string(rng() % 500), .text = std::to_string(static_cast<long long>(v)),
           .value = v, .place = bare ? "" : "in district " + std::to_string(place),
           .block = "count:military_personnel", .date = "2024-10-17", .doc = "doc" + std::to_string(doc) + ".txt"};
    cs.push_back(test::make_claim(s, i));
  }
  Reconciliation r = reconcile(cs, Config{}, Grouping::cluster);
  CHECK(r.subjects.size() == 400);
  CHECK(by_rule(r, "conflict").empty());
}

TEST_CASE("reconcile: an aspect pairs only claims about the same time") {
  // Counts stated for one day and a plan stated for another month are not
  // about the same time: no aspect note.
  auto specs = troop_story();
  specs[0].period = "2024-12";
  specs[1].period = "2024-10-17";
  specs[2].period = "2024-10-17";
  Reconciliation apart = reconcile(test::make_claims(specs), Config{}, Grouping::cluster);
  CHECK(by_rule(apart, "aspect").empty());
  // A claim that states no period meets every period: the plan with none is
  // about the same troops as the counts.
  specs[0].period = std::nullopt;
  Reconciliation together = reconcile(test::make_claims(specs), Config{}, Grouping::cluster);
  REQUIRE(by_rule(together, "aspect").size() == 1);
  CHECK(by_rule(together, "aspect")[0]->claims.size() == 3);
}

TEST_CASE("reconcile: an aspect names each value once, with its sources") {
  auto specs = troop_story();
  for (const char* source : {"Pacific Ledger", "Seoul Daily"}) {
    Spec plan = specs[0];
    plan.source = source;
    specs.push_back(plan);
  }
  auto cs = test::make_claims(specs);
  Reconciliation r = reconcile(cs, Config{}, Grouping::cluster);
  auto aspects = by_rule(r, "aspect");
  REQUIRE(aspects.size() == 1);
  CHECK(aspects[0]->message ==
        "asserted approximately 3,000 (Kyiv Wire), about 1,500 (Seoul Daily) vs planned 10,000 "
        "(Kyiv Wire, Pacific Ledger and Seoul Daily): different modalities are not compared");
  CHECK(aspects[0]->claims.size() == 5);
}
