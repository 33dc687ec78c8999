// fuzz-extract: a libFuzzer-free fuzz driver for the extractor and the
// corpus readers. Build it with sanitizers to turn bugs into crashes:
//
//   cmake -S . -B build-asan -G Ninja -DTALLY_SANITIZE=address,undefined
//         -DTALLY_BUILD_BENCHMARKS=ON -DTALLY_BUILD_TESTS=OFF   (one line)
//   cmake --build build-asan --target fuzz-extract
//   build-asan/tools/fuzz-extract --iterations 20000 --seed 1
//
// Each iteration builds one input from a fixed-seed PRNG: random bytes, or a
// sentence of figures from a seed list mutated (bytes flipped, inserted,
// deleted, spliced, invalid UTF-8, NULs, huge digit runs, separators,
// markup), and feeds it to
//   - make_document as text, Markdown and HTML, then Extractor::extract, the
//     SPEC record of every mention (offsets checked against `raw`), and
//     reconcile over the claims of the last few inputs;
//   - the JSONL reader (as a record's text, and as raw lines), from a source
//     that returns bytes in random chunk sizes, plain and through gunzip.
// Before each iteration the input is written to --crash-file (default
// fuzz-crash.bin), so after a crash it is the reproducer. A broken invariant
// (a mention's offsets outside the document or not matching its text) is not
// a crash: it is printed once per kind, its input saved as CRASHFILE.N, and
// the run goes on; the exit status is then 1. `--replay FILE` runs just that
// input through every target.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <tally/claim.hpp>
#include <tally/config.hpp>
#include <tally/corpus.hpp>
#include <tally/extract.hpp>
#include <tally/pipeline.hpp>
#include <tally/reconcile.hpp>
#include <tally/report.hpp>

#include "corpus/decode.hpp"
#include "corpus/jsonl.hpp"

namespace {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed * 0x9e3779b97f4a7c15ULL + 1) {}
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }
  bool chance(unsigned percent) { return below(100) < percent; }

 private:
  std::uint64_t s_;
};

const std::vector<std::string> kSeeds = {
    "President Zelensky said there is an intention to train 10,000 soldiers from different branches.",
    "Intelligence puts the number of North Korean personnel in Russian units at approximately 3,000.",
    "The death toll rose to 45 on Sunday and to 78 by 17 October 2024, officials said.",
    "Revenue was $2.5bn, up 12% (3.4 percentage points) from \xe2\x82\xac" "1.2 billion in 2023.",
    "between 10 and 12 thousand; 2,000\xe2\x80\x93" "3,000; 15 to 20 million; $3\xe2\x80\x93" "4 million; 35-38\xc2\xb0" "C",
    "ten thousand, three hundred and twenty, forty-two, a dozen, half a million, one and a half million",
    "tens of thousands of people; hundreds of thousands; several thousand; a few hundred; dozens",
    "at least 3,000+ troops, no fewer than 5, up to 1,200 soldiers a day, fewer than 10 km/h",
    "10\xc2\xa0" "000 and 10\xe2\x80\xaf" "000 and \xe2\x88\x92" "5 and -3.5m barrels and 12k downloads and 450 MW",
    "Flight BA287 at 14:30, COVID-19, 221B Baker Street, a 15-year-old, the second country, page 12",
    "Of the 1,200 prisoners, 700 were soldiers and 600 were civilians; a third of them; 3 out of 10.",
    "The bridge is 19 km (11.8 miles) long and could take 18 months; USD 450,000; 3 billion hryvnias",
    "---\nsource: Kyiv Wire\ndate: 2024-10-17\n---\nAbout 3,000 troops.",
    "# Title\n\n* 1,500 `code 99` items\n\n```\n12 km\n```\n[link 7](http://x/8) 45%",
    "<html><head><title>9</title><script>var x = 12;</script></head><body><p>About 3,000 &amp; "
    "&#x31;2 km</p></body></html>",
};

std::string random_bytes(Rng& r, std::size_t n) {
  std::string s(n, '\0');
  for (char& c : s) c = static_cast<char>(r.below(256));
  return s;
}

// Text that stresses number parsing: long digit runs, separators, scales.
std::string numberish(Rng& r) {
  static const char* parts[] = {"1", "0", ",", ".", " ", "\xc2\xa0", "\xe2\x80\xaf", "-", "\xe2\x80\x93",
                                "million", "bn", "k", "%", "$", "\xe2\x82\xac", "thousand", "and", "between",
                                "to", "about", "hundred", "twenty-", "a", "of", "\xe2\x88\x92", "e", "+", "~"};
  std::string s;
  std::size_t n = 1 + r.below(40);
  for (std::size_t i = 0; i < n; ++i) {
    if (r.chance(3)) s += std::string(1 + r.below(400), static_cast<char>('0' + r.below(10)));
    else s += parts[r.below(std::size(parts))];
    if (r.chance(30)) s += ' ';
  }
  return s;
}

std::string mutate(Rng& r, std::string s) {
  std::size_t rounds = 1 + r.below(8);
  for (std::size_t k = 0; k < rounds; ++k) {
    std::size_t pos = s.empty() ? 0 : r.below(s.size() + 1);
    switch (r.below(9)) {
      case 0:  // flip a byte
        if (!s.empty()) s[r.below(s.size())] = static_cast<char>(r.below(256));
        break;
      case 1:  // insert random bytes
        s.insert(pos, random_bytes(r, 1 + r.below(8)));
        break;
      case 2:  // delete a span
        if (!s.empty()) s.erase(r.below(s.size()), 1 + r.below(16));
        break;
      case 3:  // splice another seed
        s.insert(pos, kSeeds[r.below(kSeeds.size())]);
        break;
      case 4:  // invalid UTF-8 / NUL / lone continuation / overlong
      {
        static const char* bad[] = {"\xff", "\xc0\x80", "\x80", "\xe2\x82", "" /* NUL, below */,
                                    "\xf4\x90\x80\x80", "\xed\xa0\x80", "\xef\xbb\xbf"};
        std::size_t which = r.below(std::size(bad));
        s.insert(pos, which == 4 ? std::string(1, '\0') : std::string(bad[which]));
        break;
      }
      case 5:  // number-heavy noise
        s.insert(pos, numberish(r));
        break;
      case 6:  // duplicate a span
        if (!s.empty()) {
          std::size_t a = r.below(s.size());
          s.insert(pos, s.substr(a, 1 + r.below(64)));
        }
        break;
      case 7:  // markup and line structure
      {
        static const char* marks[] = {"\n", "\r\n", "\n\n", "---\n", "<p>", "</p>", "&amp;", "&#", "`",
                                      "```\n", "*", "[", "](", "<script>", "<!--", "\t", "\"", "\\"};
        s.insert(pos, marks[r.below(std::size(marks))]);
        break;
      }
      default:  // truncate
        if (!s.empty()) s.resize(r.below(s.size()));
        break;
    }
  }
  if (s.size() > (1u << 16)) s.resize(1u << 16);
  return s;
}

std::string make_input(Rng& r) {
  switch (r.below(10)) {
    case 0: return random_bytes(r, r.below(512));
    case 1: return numberish(r);
    case 2: return std::string();
    default: {
      std::string s = kSeeds[r.below(kSeeds.size())];
      if (r.chance(40)) s += ' ' + kSeeds[r.below(kSeeds.size())];
      return mutate(r, std::move(s));
    }
  }
}

class NullSink : public tally::DiagnosticSink {
 public:
  void report(tally::Diagnostic) override { ++count; }
  std::size_t count = 0;
};

// Bytes of a string in chunks of random sizes.
class ChunkedSource : public tally::detail::ByteSource {
 public:
  ChunkedSource(std::string data, std::uint64_t seed) : data_(std::move(data)), rng_(seed) {}
  std::size_t read(char* buf, std::size_t n) override {
    std::size_t k = std::min({n, data_.size() - pos_, 1 + rng_.below(4096)});
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string data_;
  std::size_t pos_ = 0;
  Rng rng_;
};

// A broken invariant (not a crash): reported with the input saved beside the
// crash file as FILE.N, and the run goes on. The first of each kind is kept.
const std::string* g_input = nullptr;
std::string g_crash_file = "fuzz-crash.bin";
std::vector<std::string> g_failures;
const char* g_target = "";

bool g_broken = false;  // the current input broke an invariant

void fail(const std::string& what) {
  g_broken = true;
  std::string key = std::string(g_target) + ": " + what;
  if (std::find(g_failures.begin(), g_failures.end(), key) != g_failures.end()) return;
  g_failures.push_back(key);
  std::string path = g_crash_file + "." + std::to_string(g_failures.size());
  if (std::FILE* f = std::fopen(path.c_str(), "wb")) {
    if (g_input) std::fwrite(g_input->data(), 1, g_input->size(), f);
    std::fclose(f);
  }
  std::fprintf(stderr, "fuzz-extract: %s (input saved as %s)\n", key.c_str(), path.c_str());
}

// False when a mention breaks an invariant (then reported): such claims are
// kept out of reconcile, which may rely on them, so one bug does not hide others.
bool check_mentions(const tally::Document& doc, const std::vector<tally::Mention>& ms) {
  std::size_t before = g_failures.size();
  for (const tally::Mention& m : ms) {
    if (m.sentence_start > m.sentence_end || m.sentence_end > doc.raw.size())
      fail("sentence offsets outside the document");
    if (m.start > m.end || m.end > doc.raw.size()) fail("mention offsets outside the document");
    else if (m.text != doc.raw.substr(m.start, m.end - m.start)) fail("mention text is not raw[start, end)");
    if (m.line == 0 || m.col == 0) fail("line/col not 1-based");
    if (m.start < m.sentence_start || m.end > m.sentence_end) fail("mention outside its sentence");
  }
  return g_failures.size() == before && !g_broken;
}

std::vector<tally::Claim> g_claims;  // a window of recent claims for reconcile

void run_document(const tally::Extractor& ex, const std::string& input, tally::DocumentFormat f) {
  g_target = f == tally::DocumentFormat::text ? "text" : f == tally::DocumentFormat::markdown ? "markdown" : "html";
  NullSink sink;
  tally::Document doc = tally::make_document("fuzz", input, f, sink);
  std::vector<tally::Mention> ms = ex.extract(doc);
  g_broken = false;
  bool ok = check_mentions(doc, ms);
  std::ostringstream out;
  tally::ExtractWriter w(out, tally::ExtractFormat::jsonl, {false, false});
  for (tally::Claim& c : tally::make_claims(doc, std::move(ms), g_claims.size())) {
    w.add(c);
    if (ok) g_claims.push_back(std::move(c));
  }
  w.finish();
}

void run_jsonl(const std::string& input, std::uint64_t seed, bool gz) {
  g_target = gz ? "jsonl.gz" : "jsonl";
  NullSink sink;
  tally::CorpusOptions opts;
  opts.max_document_bytes = 1u << 14;  // exercise the too-long path too
  std::unique_ptr<tally::detail::ByteSource> src = std::make_unique<ChunkedSource>(input, seed);
  if (gz) src = tally::detail::gunzip(std::move(src));
  tally::detail::read_jsonl(std::move(src), "fuzz.jsonl", opts, sink, [](tally::Document&& d) {
    if (d.text.size() > (1u << 22)) fail("document larger than any input");
  });
}

std::string json_escape(const std::string& s) {
  std::string o = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') o += '\\', o += static_cast<char>(c);
    else if (c < 0x20) {
      char b[8];
      std::snprintf(b, sizeof b, "\\u%04x", c);
      o += b;
    } else o += static_cast<char>(c);
  }
  return o + "\"";
}

void run_all(const tally::Extractor& ex, const std::string& input, std::uint64_t seed) {
  g_input = &input;
  run_document(ex, input, tally::DocumentFormat::text);
  run_document(ex, input, tally::DocumentFormat::markdown);
  run_document(ex, input, tally::DocumentFormat::html);
  // As a JSONL record's text, as raw JSONL, and as (probably broken) gzip.
  std::string rec = "{\"id\":\"f\",\"source\":\"S\",\"date\":\"2024-10-17\",\"text\":" + json_escape(input) + "}\n";
  run_jsonl(rec + input + "\n" + rec, seed, false);
  run_jsonl(input, seed, true);
  if (g_claims.size() > 400) g_claims.erase(g_claims.begin(), g_claims.end() - 200);
  if (seed % 16 == 0 && !g_claims.empty()) {
    tally::Config cfg;
    tally::Reconciliation r = tally::reconcile(g_claims, cfg, tally::Grouping::cluster);
    std::ostringstream out;
    tally::CheckRun run;
    run.documents = 1;
    run.claims = &g_claims;
    run.result = &r;
    tally::write_check(out, tally::CheckFormat::json, run, {false, true});
  }
}

std::string read_file(const char* path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    std::fprintf(stderr, "fuzz-extract: cannot read %s\n", path);
    std::exit(2);
  }
  return std::string(std::istreambuf_iterator<char>(f), {});
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t seed = 42, iterations = 10000;
  const char* replay = nullptr;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--seed" && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--iterations" && i + 1 < argc) iterations = std::strtoull(argv[++i], nullptr, 10);
    else if (a == "--crash-file" && i + 1 < argc) g_crash_file = argv[++i];
    else if (a == "--replay" && i + 1 < argc) replay = argv[++i];
    else {
      std::fprintf(stderr,
                   "usage: fuzz-extract [--seed N] [--iterations N] [--crash-file FILE] [--replay FILE]\n");
      return a == "-h" || a == "--help" ? 0 : 2;
    }
  }
  tally::Extractor ex;
  if (replay) {
    run_all(ex, read_file(replay), 0);
    std::printf("replay: no crash, %zu broken invariant(s)\n", g_failures.size());
    return g_failures.empty() ? 0 : 1;
  }
  Rng r(seed);
  for (std::uint64_t it = 0; it < iterations; ++it) {
    std::string input = make_input(r);
    {
      std::FILE* f = std::fopen(g_crash_file.c_str(), "wb");
      if (f) {
        std::fwrite(input.data(), 1, input.size(), f);
        std::fclose(f);
      }
    }
    run_all(ex, input, it);
    if ((it + 1) % 1000 == 0) std::fprintf(stderr, "fuzz-extract: %llu inputs\n", static_cast<unsigned long long>(it + 1));
  }
  std::remove(g_crash_file.c_str());
  std::printf("fuzz-extract: %llu inputs, no crash, %zu broken invariant(s) (seed %llu)\n",
              static_cast<unsigned long long>(iterations), g_failures.size(),
              static_cast<unsigned long long>(seed));
  return g_failures.empty() ? 0 : 1;
}
