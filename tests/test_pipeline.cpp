// The pipeline (src/extract/pipeline.cpp): extraction in input order on any
// number of workers; claims from mentions with make_claims and ClaimBuilder.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <tally/pipeline.hpp>

#include "corpus_fixtures.hpp"

using namespace tally;

namespace {

Document doc_of(std::string id, std::string raw) {
  Document d;
  d.meta.id = id;
  d.meta.source = id + " source";
  d.meta.date = "2024-01-0" + std::to_string(id.size() % 9 + 1);
  d.raw = std::move(raw);
  return d;
}

// A mention of `text` in `d.raw`, in the sentence [s, e).
Mention mention_of(const Document& d, const std::string& text, std::size_t s, std::size_t e) {
  Mention m;
  m.text = text;
  m.start = d.raw.find(text, s);
  m.end = m.start + text.size();
  m.sentence_start = s;
  m.sentence_end = e;
  return m;
}

}  // namespace

TEST_CASE("SharedText reads like a const string") {
  SharedText empty;
  CHECK(empty.empty());
  CHECK(empty.size() == 0);
  CHECK(empty.str().empty());
  CHECK(empty.shared() == nullptr);
  SharedText t = std::string("Some 300 troops.");
  CHECK(t.size() == 16);
  CHECK(t == "Some 300 troops.");
  const std::string& s = t;
  CHECK(s == "Some 300 troops.");
  std::string_view v = t;
  CHECK(v.substr(5, 3) == "300");
  std::string copy;
  for (char c : t) copy.push_back(c);
  CHECK(copy == t.str());
  SharedText other = t;
  CHECK(other.shared() == t.shared());
  t = "";
  CHECK(t.empty());
  CHECK(other == "Some 300 troops.");
}

TEST_CASE("claims carry their document and sentence; a sentence is stored once") {
  const std::string s1 = "Some 300 troops and 12 tanks arrived.";
  const std::string s2 = " Later 40 more came.";
  Document a = doc_of("a.txt", s1 + s2);
  Document b = doc_of("b.txt", "Intro. " + s1);

  SUBCASE("make_claims") {
    std::vector<Mention> ms{mention_of(a, "300", 0, s1.size()), mention_of(a, "12", 0, s1.size()),
                            mention_of(a, "40", s1.size() + 1, a.raw.size())};
    std::vector<Claim> cs = make_claims(a, std::move(ms), 7);
    REQUIRE(cs.size() == 3);
    for (std::size_t i = 0; i < cs.size(); ++i) {
      CHECK(cs[i].index == 7 + i);
      CHECK(cs[i].doc == "a.txt");
      CHECK(cs[i].source == "a.txt source");
      CHECK(cs[i].date == a.meta.date);
    }
    CHECK(cs[0].mention.text == "300");
    CHECK(cs[0].sentence == s1);
    CHECK(cs[1].sentence == s1);
    CHECK(cs[0].sentence.shared() == cs[1].sentence.shared());
    CHECK(cs[2].sentence == "Later 40 more came.");
  }

  SUBCASE("ClaimBuilder shares sentences across documents") {
    ClaimBuilder builder;
    std::vector<Claim> out;
    builder.append(a, {mention_of(a, "300", 0, s1.size())}, 0, out);
    builder.append(b, {mention_of(b, "12", 7, b.raw.size()), mention_of(b, "Intro", 0, 0)}, 1, out);
    REQUIRE(out.size() == 3);
    CHECK(out[0].doc == "a.txt");
    CHECK(out[1].doc == "b.txt");
    CHECK(out[1].sentence == s1);
    CHECK(out[0].sentence.shared() == out[1].sentence.shared());
    CHECK(out[2].sentence.empty());
    CHECK(out[2].index == 2);
    builder = ClaimBuilder();
    CHECK(out[1].sentence == s1);  // the claims keep their sentences
  }

  SUBCASE("a sentence past the end of the document is an error, as before") {
    std::vector<Mention> ms{mention_of(a, "300", 0, s1.size())};
    ms[0].sentence_start = a.raw.size() + 1;
    CHECK_THROWS_AS(make_claims(a, std::move(ms), 0), std::out_of_range);
  }
}

TEST_CASE("run_extraction: one worker or several, the same mentions in input order") {
  // Enough documents, and batches small enough, that several workers see
  // several batches; one worker extracts each document as it is read.
  tally::testing::TempDir dir;
  std::string lines;
  for (int i = 0; i < 60; ++i)
    lines += fmt::format(R"({{"id": "d{}", "text": "Some {} troops arrived. About {},000 people left on {} May."}})"
                         "\n",
                         i, 100 + i, i + 1, i % 28 + 1);
  std::string path = dir.write("c.jsonl", lines);

  Extractor extractor;
  auto run = [&](unsigned jobs) {
    PipelineOptions options;
    options.jobs = jobs;
    options.batch_bytes = 512;
    CollectingSink sink;
    std::vector<std::string> seen;
    CorpusStats stats = run_extraction({path}, extractor, options, sink,
                                       [&](const Document& doc, std::vector<Mention>&& ms) {
                                         for (const Mention& m : ms) seen.push_back(doc.meta.id + " " + m.text);
                                       });
    CHECK(stats.documents == 60);
    CHECK(sink.items.empty());
    return seen;
  };
  std::vector<std::string> one = run(1);
  REQUIRE(one.size() == 120);
  CHECK(one.front() == "d0 Some 100");
  CHECK(one[1] == "d0 About 1,000");
  CHECK(one.back() == "d59 About 60,000");
  CHECK(run(2) == one);
  CHECK(run(3) == one);
}
