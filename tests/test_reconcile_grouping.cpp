// Tests for src/reconcile/grouping.cpp: synonym classes, what is counted,
// contradictions, the windowed clustering, exact subjects.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>
#include <string>

#include "reconcile/grouping.hpp"
#include "reconcile_fixtures.hpp"

using namespace tally;
using tally::test::Spec;

namespace {

std::vector<std::size_t> all_of(const std::vector<Claim>& cs) {
  std::vector<std::size_t> v(cs.size());
  std::iota(v.begin(), v.end(), std::size_t{0});
  return v;
}

// Subjects as sets of claim positions, sorted, for comparison.
// A lone claim is a subject of one.
std::vector<std::vector<std::size_t>> partition(const detail::Subjects& subjects) {
  std::vector<std::vector<std::size_t>> out;
  for (std::size_t p : subjects.lone) out.push_back({p});
  for (const auto& s : subjects.compared) {
    auto c = s.claims;
    std::sort(c.begin(), c.end());
    out.push_back(c);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::vector<std::size_t>> group(const std::vector<Claim>& cs, const Config& cfg = {},
                                            Grouping g = Grouping::cluster) {
  return partition(detail::form_subjects(cs, all_of(cs), cfg, g));
}

using Parts = std::vector<std::vector<std::size_t>>;

}  // namespace

TEST_CASE("reconcile grouping: synonym classes") {
  Config cfg;
  detail::Synonyms syn(cfg);
  for (const char* w : {"soldier", "soldiers", "servicemen", "personnel", "troops", "military personnel", "Forces"})
    CHECK(syn.class_of(w) == "troops");
  for (const char* w : {"killed", "dead", "deaths", "death toll", "fatalities"}) CHECK(syn.class_of(w) == "killed");
  CHECK(syn.class_of("wounded") == "injured");
  CHECK(syn.class_of("bridges") == "bridge");  // unknown words are their own class
  CHECK(syn.class_of("said").empty());          // neutral verbs carry nothing

  SUBCASE("the config extends a built-in class and adds new ones") {
    cfg.synonyms["troops"] = {"marines"};
    cfg.synonyms["vessels"] = {"ships", "boats"};
    detail::Synonyms ext(cfg);
    CHECK(ext.class_of("marines") == "troops");
    CHECK(ext.class_of("soldiers") == "troops");
    CHECK(ext.class_of("boats") == "vessels");
    CHECK(ext.class_of("ships") == "vessels");
  }
  SUBCASE("a configured class sharing a word joins the built-in one") {
    cfg.synonyms["army"] = {"soldiers", "recruits"};
    detail::Synonyms ext(cfg);
    CHECK(ext.class_of("recruits") == "troops");
    CHECK(ext.class_of("army") == "troops");
  }
}

TEST_CASE("reconcile grouping: what is counted") {
  Config cfg;
  detail::Synonyms syn(cfg);
  auto key = [&](std::string noun, std::string event) {
    Claim c = test::make_claim({.source = "S", .text = "45", .value = 45, .noun = noun, .event = event}, 0);
    return detail::counted_key(c.mention, syn);
  };
  CHECK(key("people", "killed") == "killed");
  CHECK(key("", "killed") == "killed");
  CHECK(key("death toll", "rose") == "killed");
  CHECK(key("dead", "") == "killed");
  CHECK(key("soldiers", "killed") == "troops killed");
  CHECK(key("soldiers", "sent") == "troops");
  CHECK(key("personnel", "") == "troops");
  CHECK(key("", "said").empty());
  CHECK(key("", "").empty());
}

TEST_CASE("reconcile grouping: contradictions") {
  auto ctx = [](std::vector<std::string> mods, std::string place, std::string event = "",
                Modality m = Modality::asserted) {
    detail::Context c;
    c.modifiers = std::move(mods);
    std::sort(c.modifiers.begin(), c.modifiers.end());
    if (!place.empty()) c.place = {place};
    c.event = std::move(event);
    c.modality = m;
    return c;
  };
  CHECK(detail::compatible(ctx({"north korean"}, ""), ctx({}, "")));
  CHECK(detail::compatible(ctx({"north korean"}, ""), ctx({"elite", "north korean"}, "")));
  CHECK_FALSE(detail::compatible(ctx({"north korean"}, ""), ctx({"russian"}, "")));
  CHECK_FALSE(detail::compatible(ctx({"acme", "second-quarter"}, ""), ctx({"acme", "third-quarter"}, "")));
  CHECK(detail::compatible(ctx({}, "russia"), ctx({}, "russian")));
  CHECK_FALSE(detail::compatible(ctx({}, "gaza"), ctx({}, "israel")));
  CHECK_FALSE(detail::compatible(ctx({}, "", "released"), ctx({}, "", "transferred")));
  CHECK(detail::compatible(ctx({}, "", "trained", Modality::planned), ctx({}, "", "deployed")));
  CHECK(detail::similarity(ctx({}, ""), ctx({}, "")) == doctest::Approx(1.0));
  CHECK(detail::similarity(ctx({"north korean"}, ""), ctx({"north korean"}, "russia")) >
        detail::similarity(ctx({"north korean"}, ""), ctx({}, "russia")));
}

TEST_CASE("reconcile grouping: forming subjects") {
  SUBCASE("synonyms and missing context join; contradicting modifiers do not") {
    auto cs = test::make_claims({
        {.source = "A", .text = "3,000", .value = 3000, .noun = "personnel", .modifiers = {"north korean"}},
        {.source = "B", .text = "1,500", .value = 1500, .noun = "soldiers", .modifiers = {"north korean"}, .place = "in Russia"},
        {.source = "C", .text = "2,000", .value = 2000, .noun = "troops"},
        {.source = "D", .text = "600,000", .value = 600000, .noun = "soldiers", .modifiers = {"russian"}},
    });
    auto parts = group(cs);
    CHECK(parts == Parts{{0, 1, 2}, {3}});
  }
  SUBCASE("blocks, rates and units never mix") {
    auto cs = test::make_claims({
        {.source = "A", .text = "300", .value = 300, .block = "count:people"},
        {.source = "B", .text = "300", .value = 300, .block = "count:vehicles"},
        {.source = "C", .text = "300 a day", .value = 300, .is_rate = true},
        {.source = "D", .text = "$3m", .value = 3e6, .noun = "cost", .block = "currency:cost", .dimension = "currency", .unit = "USD"},
        {.source = "E", .text = "€3m", .value = 3e6, .noun = "cost", .block = "currency:cost", .dimension = "currency", .unit = "EUR"},
    });
    CHECK(group(cs) == Parts{{0}, {1}, {2}, {3}, {4}});
    Config cfg;
    cfg.currency_rates["EUR"] = 1.1;
    CHECK(group(cs, cfg) == Parts{{0}, {1}, {2}, {3, 4}});
  }
  SUBCASE("periods and modalities do not split a subject") {
    auto cs = test::make_claims({
        {.source = "A", .text = "45", .value = 45, .noun = "people", .event = "killed", .date = "2024-03-01"},
        {.source = "B", .text = "78", .value = 78, .noun = "death toll", .date = "2024-03-04"},
        {.source = "C", .text = "10,000", .value = 10000, .noun = "soldiers", .modality = Modality::planned},
        {.source = "D", .text = "3,000", .value = 3000, .noun = "soldiers"},
    });
    CHECK(group(cs) == Parts{{0, 1}, {2, 3}});
  }
  SUBCASE("places that share no word stay apart") {
    auto cs = test::make_claims({
        {.source = "A", .text = "45", .value = 45, .noun = "people", .event = "killed", .place = "in Gaza"},
        {.source = "B", .text = "60", .value = 60, .noun = "people", .event = "killed", .place = "in Israel"},
        {.source = "C", .text = "44", .value = 44, .noun = "dead", .place = "Gaza"},
    });
    CHECK(group(cs) == Parts{{0, 2}, {1}});
  }
  SUBCASE("figures with nothing counted are never grouped") {
    auto cs = test::make_claims({
        {.source = "A", .text = "45", .value = 45, .noun = ""},
        {.source = "B", .text = "60", .value = 60, .noun = ""},
    });
    CHECK(group(cs) == Parts{{0}, {1}});
  }
  SUBCASE("two figures of one sentence are not compared") {
    const std::string s = "Of the prisoners, 700 were released and 600 were freed.";
    auto cs = test::make_claims({
        {.source = "A", .text = "700", .value = 700, .noun = "prisoners", .sentence = s},
        {.source = "A", .text = "600", .value = 600, .noun = "prisoners", .sentence = s},
        {.source = "B", .text = "700", .value = 700, .noun = "prisoners"},
    });
    CHECK(group(cs) == Parts{{0, 2}, {1}});
  }
  SUBCASE("exact subjects as given") {
    auto cs = test::make_claims({
        {.source = "A", .text = "1", .value = 1, .noun = "x", .subject = "springfield | population"},
        {.source = "B", .text = "2", .value = 2, .noun = "y", .subject = "springfield | population"},
        {.source = "C", .text = "3", .value = 3, .noun = "x", .subject = "shelbyville | population"},
        {.source = "D", .text = "4", .value = 4, .noun = "x", .block = "count:other", .subject = "springfield | population"},
    });
    CHECK(group(cs, {}, Grouping::exact_subject) == Parts{{0, 1}, {2}, {3}});
    auto subjects = detail::form_subjects(cs, all_of(cs), {}, Grouping::exact_subject);
    CHECK(subjects.compared.front().label == "springfield | population");
  }
  SUBCASE("the label is the most common extracted subject") {
    auto cs = test::make_claims({
        {.source = "A", .text = "1", .value = 1, .subject = "north korean troops | in russia"},
        {.source = "B", .text = "2", .value = 2, .subject = "north korean troops | in russia"},
        {.source = "C", .text = "3", .value = 3, .subject = "troops"},
    });
    auto subjects = detail::form_subjects(cs, all_of(cs), {}, Grouping::cluster);
    REQUIRE(subjects.compared.size() == 1);
    CHECK(subjects.lone.empty());
    CHECK(subjects.compared[0].label == "north korean troops | in russia");
    CHECK_FALSE(subjects.compared[0].matched.empty());
  }
}

TEST_CASE("reconcile grouping: whose a figure is keeps owners apart") {
  auto cs = test::make_claims({
      {.source = "A", .text = "7,200", .value = 7200, .noun = "job", .entity = "acme"},
      {.source = "B", .text = "7,000", .value = 7000, .noun = "job", .entity = "acme corp"},
      {.source = "C", .text = "1,500", .value = 1500, .noun = "job", .entity = "globex"},
      {.source = "D", .text = "7,100", .value = 7100, .noun = "job"},  // "the company": no one named
  });
  const Parts parts = group(cs);
  // Acme's figures meet each other and the unnamed one; Globex's meet neither.
  CHECK(parts == Parts{{0, 1, 3}, {2}});
}

TEST_CASE("reconcile grouping: many contexts go through candidate groups") {
  // 1,200 units, each reported twice with different detail: more nodes than
  // one similarity matrix takes, so candidate groups must still pair every
  // report with its twin and never merge two units.
  std::vector<Spec> specs;
  for (int rep = 0; rep < 2; ++rep)
    for (int u = 0; u < 1200; ++u)
      specs.push_back({.source = rep ? "B" : "A", .text = "100", .value = 100,
                       .modifiers = {"unit " + std::to_string(u)},
                       .place = rep ? "sector " + std::to_string(u) : ""});
  auto cs = test::make_claims(specs);
  auto parts = group(cs);
  REQUIRE(parts.size() == 1200);
  for (const auto& p : parts) {
    REQUIRE(p.size() == 2);
    CHECK(p[1] == p[0] + 1200);
  }
}

TEST_CASE("reconcile grouping: order does not matter") {
  std::vector<Spec> specs = {
      {.source = "A", .text = "3,000", .value = 3000, .noun = "personnel", .modifiers = {"north korean"}},
      {.source = "B", .text = "1,500", .value = 1500, .noun = "soldiers"},
      {.source = "C", .text = "2,000", .value = 2000, .noun = "troops", .modifiers = {"russian"}},
      {.source = "D", .text = "2,500", .value = 2500, .noun = "troops", .place = "in kursk"},
  };
  auto forward = test::make_claims(specs);
  std::reverse(specs.begin(), specs.end());
  auto backward = test::make_claims(specs);
  auto by_source = [](const std::vector<Claim>& cs) {
    std::vector<std::vector<std::string>> out;
    const detail::Subjects subjects = detail::form_subjects(cs, all_of(cs), {}, Grouping::cluster);
    for (std::size_t p : subjects.lone) out.push_back({cs[p].source.str()});
    for (const auto& s : subjects.compared) {
      std::vector<std::string> names;
      for (std::size_t p : s.claims) names.push_back(cs[p].source.str());
      std::sort(names.begin(), names.end());
      out.push_back(names);
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK(by_source(forward) == by_source(backward));
}

TEST_CASE("reconcile grouping: claims naming no modifier or place") {
  SUBCASE("join the subject their own document reports") {
    // "roughly 3,000 North Korean soldiers are in Russia ... the plan is to
    // train 10,000 soldiers ... one of the largest armies, with about 1.2
    // million active personnel": the bare plan is about the troops in Russia,
    // not about the active army, though it is more similar to the latter.
    auto cs = test::make_claims({
        {.source = "Ledger", .text = "roughly 3,000", .value = 3000, .qualifier = Qualifier::approximate,
         .modifiers = {"north korean"}, .place = "in Russia", .doc = "ledger.txt"},
        {.source = "Ledger", .text = "10,000", .value = 10000, .modality = Modality::planned, .doc = "ledger.txt"},
        {.source = "Ledger", .text = "about 1.2 million", .value = 1.2e6, .qualifier = Qualifier::approximate,
         .noun = "personnel", .modifiers = {"active"}, .doc = "ledger.txt"},
    });
    // make_claims places claim i at offset 100 * i: the plan follows the troops in Russia.
    CHECK(group(cs) == Parts{{0, 1}, {2}});
    auto subjects = detail::form_subjects(cs, all_of(cs), {}, Grouping::cluster);
    bool explained = false;
    for (const auto& s : subjects.compared)
      for (const auto& m : s.matched) explained = explained || m.find("their own document") != std::string::npos;
    CHECK(explained);
  }
  SUBCASE("else the compatible subject most sources report") {
    auto cs = test::make_claims({
        {.source = "A", .text = "3,000", .value = 3000, .modifiers = {"north korean"}, .place = "in Russia"},
        {.source = "B", .text = "3,100", .value = 3100, .modifiers = {"north korean"}, .place = "in Russia"},
        {.source = "C", .text = "1.2 million", .value = 1.2e6, .modifiers = {"active"}},
        {.source = "D", .text = "10,000", .value = 10000, .modality = Modality::planned},
        {.source = "E", .text = "9,000", .value = 9000, .modality = Modality::planned},
    });
    CHECK(group(cs) == Parts{{0, 1, 3, 4}, {2}});
  }
  SUBCASE("bare claims of different documents may join different subjects") {
    auto cs = test::make_claims({
        {.source = "A", .text = "45", .value = 45, .noun = "people", .event = "killed", .place = "in Gaza", .doc = "a.txt"},
        {.source = "A", .text = "44", .value = 44, .noun = "dead", .doc = "a.txt"},
        {.source = "B", .text = "60", .value = 60, .noun = "people", .event = "killed", .place = "in Israel", .doc = "b.txt"},
        {.source = "B", .text = "61", .value = 61, .noun = "dead", .doc = "b.txt"},
    });
    CHECK(group(cs) == Parts{{0, 1}, {2, 3}});
  }
  SUBCASE("a bare claim compatible with no subject stays apart") {
    auto cs = test::make_claims({
        {.source = "A", .text = "700", .value = 700, .noun = "prisoners", .event = "released", .place = "in Kherson"},
        {.source = "B", .text = "600", .value = 600, .noun = "prisoners", .event = "transferred"},
    });
    CHECK(group(cs) == Parts{{0}, {1}});
  }
}
