// Tests of JSONL corpora: the record fields, ids, malformed lines, long lines
// skipped without being held, gzip (whole and truncated), encodings.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "corpus/decode.hpp"
#include "corpus/jsonl.hpp"
#include "corpus_fixtures.hpp"

using namespace tally;
using tally::testing::read_paths;
using tally::testing::TempDir;

namespace {

// A source that makes up a long input on the fly: `prefix`, then `fill`
// bytes of 'x', then `suffix`. It counts what it hands out and never holds
// the whole input.
class Generated : public detail::ByteSource {
 public:
  Generated(std::string prefix, std::size_t fill, std::string suffix, std::size_t* delivered)
      : prefix_(std::move(prefix)), fill_(fill), suffix_(std::move(suffix)), delivered_(delivered) {}
  ~Generated() override { *delivered_ = pos_; }
  Generated(const Generated&) = delete;
  Generated& operator=(const Generated&) = delete;
  std::size_t read(char* buf, std::size_t n) override {
    std::size_t total = prefix_.size() + fill_ + suffix_.size();
    std::size_t k = 0;
    while (k < n && pos_ < total) {
      if (pos_ < prefix_.size()) {
        buf[k++] = prefix_[pos_++];
      } else if (pos_ < prefix_.size() + fill_) {
        std::size_t run = std::min(n - k, prefix_.size() + fill_ - pos_);
        std::memset(buf + k, 'x', run);
        k += run;
        pos_ += run;
      } else {
        buf[k++] = suffix_[pos_++ - prefix_.size() - fill_];
      }
    }
    return k;
  }

 private:
  std::string prefix_;
  std::size_t fill_;
  std::string suffix_;
  std::size_t* delivered_;
  std::size_t pos_ = 0;
};

class Chunked : public detail::ByteSource {
 public:
  Chunked(std::string data, std::size_t chunk) : data_(std::move(data)), chunk_(chunk) {}
  std::size_t read(char* buf, std::size_t n) override {
    std::size_t k = std::min({n, chunk_, data_.size() - pos_});
    std::memcpy(buf, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string data_;
  std::size_t chunk_;
  std::size_t pos_ = 0;
};

}  // namespace

TEST_CASE("corpus: JSONL records") {
  TempDir dir;

  SUBCASE("every field, and the decoded text as raw") {
    std::string p = dir.write("c.jsonl",
                              R"({"id": "kw-17", "source": "Kyiv Wire", "date": "2024-10-17", "title": "Troops", "url": "https://example.org/17", "text": "Caf\u00e9 line one.\nAbout 3,000 troops."})"
                              "\n");
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    const Document& d = r.docs[0];
    CHECK(d.meta.id == "kw-17");
    CHECK(d.meta.source == "Kyiv Wire");
    CHECK(d.meta.date == "2024-10-17");
    CHECK(d.meta.title == "Troops");
    CHECK(d.meta.url == "https://example.org/17");
    CHECK(d.raw == "Caf\xC3\xA9 line one.\nAbout 3,000 troops.");
    CHECK(d.text == d.raw);
    CHECK(d.format == DocumentFormat::text);
    CHECK(d.origin == p);
    CHECK(d.origin_line == 1);
    // Offsets, lines and columns count within the decoded text.
    auto at = LineIndex(d.raw).at(d.raw.find("3,000"));
    CHECK(at.line == 2);
    CHECK(at.col == 7);
    CHECK(r.diags.items.empty());
  }

  SUBCASE("only text is required; a missing id is FILE:LINE, source defaults to the id") {
    std::string p = dir.write("c.jsonl", "\n{\"text\": \"a\"}\n\n{\"text\": \"b\", \"id\": null}\n");
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 2);
    CHECK(r.docs[0].meta.id == p + ":2");
    CHECK(r.docs[0].meta.source == p + ":2");
    CHECK(r.docs[0].origin_line == 2);
    CHECK(r.docs[1].meta.id == p + ":4");
    CHECK(!r.docs[0].meta.date.has_value());
    CHECK(r.diags.items.empty());  // blank lines are skipped silently
  }

  SUBCASE("numeric ids are kept as text") {
    std::string p = dir.write("c.jsonl", "{\"id\": 42, \"text\": \"a\"}\n");
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].meta.id == "42");
  }

  SUBCASE("an integer id too large for 64 bits is not text: warned, the record still read") {
    // Such a line goes past the fast parser to nlohmann, which reads it as a
    // floating-point number: the id is refused as for any other number.
    std::string p = dir.write("c.jsonl", "{\"id\": 123456789012345678901234567890, \"text\": \"a\"}\n");
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].meta.id == p + ":1");
    CHECK(r.docs[0].raw == "a");
    REQUIRE(r.diags.items.size() == 1);
    CHECK(r.diags.items[0].level == Level::warning);
    CHECK(r.diags.items[0].message == "\"id\" is number, not a string; ignored");
  }

  SUBCASE("a repeated key: the last one counts; other fields, however nested, are ignored") {
    std::string p = dir.write("c.jsonl",
                              R"({"text": "first", "meta": {"a": [1, {"b": null}], "c": true}, "source": "A", "text": "second", "source": "B"})"
                              "\n");
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].raw == "second");
    CHECK(r.docs[0].meta.source == "B");
    CHECK(r.diags.items.empty());
  }

  SUBCASE("escapes and a field of the wrong type") {
    std::string p = dir.write("c.jsonl",
                              R"({"text": "tab\there \"quoted\" \ud83d\ude00 \/", "date": 20241017, "title": ["x"]})"
                              "\n");
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].raw == "tab\there \"quoted\" \xF0\x9F\x98\x80 /");
    CHECK(!r.docs[0].meta.date.has_value());
    CHECK(!r.docs[0].meta.title.has_value());
    REQUIRE(r.diags.items.size() == 2);
    CHECK(r.diags.items[0].message == "\"date\" is number, not a string; ignored");
    CHECK(r.diags.items[1].message == "\"title\" is array, not a string; ignored");
  }

  SUBCASE("CRLF line ends, a byte-order mark, no final newline") {
    std::string p = dir.write("c.jsonl", "\xEF\xBB\xBF{\"text\": \"a\"}\r\n{\"text\": \"b\"}");
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 2);
    CHECK(r.docs[0].raw == "a");
    CHECK(r.docs[1].raw == "b");
    CHECK(r.diags.items.empty());
  }

  SUBCASE("front matter inside a record's text is text") {
    std::string p = dir.write("c.jsonl", "{\"text\": \"---\\nsource: X\\n---\\nbody\"}\n");
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].text == "---\nsource: X\n---\nbody");
    CHECK(r.docs[0].meta.source == p + ":1");
  }

  SUBCASE("an empty file is an empty corpus") {
    std::string p = dir.write("c.jsonl", "");
    auto r = read_paths({p});
    CHECK(r.docs.empty());
    CHECK(r.diags.items.empty());
  }
}

TEST_CASE("corpus: malformed JSONL lines") {
  TempDir dir;
  struct Case {
    const char* line;
    const char* message;  // a fragment of the diagnostic
  };
  const Case cases[] = {
      {"not json", "invalid JSON at column 2"},
      {"{\"text\": \"unterminated}", "invalid JSON"},
      {"{\"text\": \"a\"} trailing", "invalid JSON"},
      {"[1, 2, 3]", "expected a JSON object, found array"},
      {"\"just a string\"", "expected a JSON object, found string"},
      {"{\"id\": \"x\"}", "record has no \"text\""},
      {"{\"text\": 3000}", "\"text\" is number, not a string"},
      {"{\"text\": null}", "\"text\" is null, not a string"},
      {"{\"text\": [\"a\"]}", "\"text\" is array, not a string"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.line);
    std::string p = dir.write("c.jsonl", std::string("{\"text\": \"before\"}\n") + c.line +
                                             "\n{\"text\": \"after\"}\n");
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 2);
    CHECK(r.docs[0].raw == "before");
    CHECK(r.docs[1].raw == "after");
    CHECK(r.docs[1].meta.id == p + ":3");
    REQUIRE(r.diags.items.size() == 1);
    const Diagnostic& d = r.diags.items[0];
    CHECK(d.level == Level::error);
    CHECK(d.path == p);
    CHECK(d.line == 2);
    CHECK(d.message.find(c.message) != std::string::npos);
    CHECK(d.format().starts_with(p + ":2: error: "));
    CHECK(r.stats.errors == 1);
  }

  SUBCASE("metadata of the wrong type: a warning, the text is still read") {
    std::string p = dir.write("c.jsonl", "{\"text\": \"a\", \"date\": 20241017, \"source\": [\"x\"]}\n");
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    CHECK(!r.docs[0].meta.date.has_value());
    CHECK(r.docs[0].meta.source == p + ":1");
    CHECK(r.diags.items.size() == 2);
    CHECK(r.diags.errors() == 0);
  }

  SUBCASE("invalid UTF-8 in a line: a warning, the record read with U+FFFD") {
    std::string p = dir.write("c.jsonl", "{\"text\": \"caf\xE9 3,000\"}\n");
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].raw == "caf\xEF\xBF\xBD 3,000");
    REQUIRE(r.diags.items.size() == 1);
    CHECK(r.diags.items[0].level == Level::warning);
    CHECK(r.diags.items[0].line == 1);
  }

  SUBCASE("a binary file named .jsonl") {
    std::string p = dir.write("c.jsonl", std::string("\x1f\x8b\x08\0\0\0\0\0", 8));
    auto r = read_paths({p});
    CHECK(r.docs.empty());
    CHECK(r.messages() == std::vector<std::string>{p + ": error: binary file (not text), skipped"});
  }
}

TEST_CASE("corpus: JSONL lines over the size limit") {
  TempDir dir;

  SUBCASE("a long line is reported and skipped; the lines around it are read") {
    std::string long_line = "{\"text\": \"" + std::string(5000, 'x') + "\"}";
    std::string p = dir.write("c.jsonl", "{\"text\": \"a\"}\n" + long_line + "\n{\"text\": \"b\"}\n" +
                                             long_line);
    CorpusOptions opts;
    opts.max_document_bytes = 1000;
    auto r = read_paths({p}, opts);
    REQUIRE(r.docs.size() == 2);
    CHECK(r.docs[0].raw == "a");
    CHECK(r.docs[1].raw == "b");
    CHECK(r.docs[1].meta.id == p + ":3");
    REQUIRE(r.diags.items.size() == 2);
    CHECK(r.diags.items[0].line == 2);
    CHECK(r.diags.items[1].line == 4);
    CHECK(r.diags.items[0].message.find("size limit") != std::string::npos);
    CHECK(r.stats.errors == 2);
  }

  SUBCASE("a 256 MB line streams through with a 1 MB limit") {
    std::size_t delivered = 0;
    auto src = std::make_unique<Generated>("{\"text\": \"a\"}\n{\"text\": \"", std::size_t{256} << 20,
                                           "\"}\n{\"text\": \"b\"}\n", &delivered);
    CorpusOptions opts;
    opts.max_document_bytes = std::size_t{1} << 20;
    CollectingSink sink;
    std::vector<std::string> seen;
    std::size_t n = detail::read_jsonl(std::move(src), "big.jsonl", opts, sink,
                                       [&](Document&& d) { seen.push_back(d.raw); });
    CHECK(n == 2);
    CHECK(seen == std::vector<std::string>{"a", "b"});
    REQUIRE(sink.items.size() == 1);
    CHECK(sink.items[0].line == 2);
    CHECK(delivered > (std::size_t{256} << 20));  // read through, never held
  }
}

TEST_CASE("corpus: LineReader") {
  SUBCASE("lines across chunk boundaries of every size") {
    std::string data = "first\nsecond line\r\n\nthird";
    for (std::size_t chunk : {1u, 2u, 3u, 7u, 100u}) {
      CAPTURE(chunk);
      Chunked src(data, chunk);
      detail::LineReader lines(src, 100);
      std::string line;
      std::vector<std::string> got;
      while (lines.next(line) == detail::LineReader::Result::line) got.push_back(line);
      CHECK(got == std::vector<std::string>{"first", "second line", "", "third"});
    }
  }

  SUBCASE("a line exactly at the limit is kept, one byte more is not") {
    Chunked src("12345\n123456\nok\n", 4);
    detail::LineReader lines(src, 5);
    std::string line;
    CHECK(lines.next(line) == detail::LineReader::Result::line);
    CHECK(line == "12345");
    CHECK(lines.next(line) == detail::LineReader::Result::too_long);
    CHECK(lines.line_number() == 2);
    CHECK(lines.next(line) == detail::LineReader::Result::line);
    CHECK(line == "ok");
    CHECK(lines.next(line) == detail::LineReader::Result::end);
  }
}

TEST_CASE("corpus: gzip-compressed JSONL") {
  TempDir dir;
  std::string corpus;
  for (int i = 1; i <= 200; ++i)
    corpus += fmt::format("{{\"id\": \"doc-{}\", \"text\": \"Report {} counted about {} people.\"}}\n", i, i, i * 100);

  SUBCASE("read as if it were not compressed") {
    std::string p = dir.write("c.jsonl.gz", tally::testing::gzip(corpus));
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 200);
    CHECK(r.docs[0].meta.id == "doc-1");
    CHECK(r.docs[199].raw == "Report 200 counted about 20000 people.");
    CHECK(r.docs[199].origin == p);
    CHECK(r.docs[199].origin_line == 200);
    CHECK(r.diags.items.empty());
  }

  SUBCASE("walked directories read .jsonl.gz too") {
    dir.write("tree/c.jsonl.gz", tally::testing::gzip(corpus));
    dir.write("tree/other.txt.gz", tally::testing::gzip("text"));
    auto r = read_paths({(dir.path() / "tree").string()});
    CHECK(r.docs.size() == 200);
    CHECK(r.stats.skipped_files == 1);
  }

  SUBCASE("concatenated members are one stream") {
    std::string half1 = corpus.substr(0, corpus.size() / 2);
    half1 = half1.substr(0, half1.rfind('\n') + 1);
    std::string half2 = corpus.substr(half1.size());
    std::string p = dir.write("c.jsonl.gz", tally::testing::gzip(half1) + tally::testing::gzip(half2));
    auto r = read_paths({p});
    CHECK(r.docs.size() == 200);
    CHECK(r.diags.items.empty());
  }

  SUBCASE("a truncated stream: one error, every complete line before the cut is read") {
    std::string gz = tally::testing::gzip(corpus);
    std::string p = dir.write("c.jsonl.gz", gz.substr(0, gz.size() / 2));
    auto r = read_paths({p});
    CHECK(r.docs.size() > 10);
    CHECK(r.docs.size() < 200);
    for (std::size_t i = 0; i < r.docs.size(); ++i)
      CHECK(r.docs[i].meta.id == fmt::format("doc-{}", i + 1));
    REQUIRE(r.diags.items.size() == 1);
    CHECK(r.diags.items[0].level == Level::error);
    CHECK(r.diags.items[0].message.find("truncated gzip stream") != std::string::npos);
    CHECK(r.diags.items[0].line == r.docs.size() + 1);
    CHECK(r.stats.errors == 1);
  }

  SUBCASE("a stream cut inside the gzip trailer") {
    std::string gz = tally::testing::gzip(corpus);
    std::string p = dir.write("c.jsonl.gz", gz.substr(0, gz.size() - 4));
    auto r = read_paths({p});
    CHECK(r.docs.size() == 200);
    CHECK(r.stats.errors == 1);
  }

  SUBCASE("not gzip at all") {
    std::string p = dir.write("c.jsonl.gz", corpus);
    auto r = read_paths({p});
    CHECK(r.docs.empty());
    REQUIRE(r.diags.items.size() == 1);
    CHECK(r.diags.items[0].message.find("corrupt gzip stream") != std::string::npos);
  }

  SUBCASE("an empty file is an empty corpus") {
    std::string p = dir.write("c.jsonl.gz", "");
    auto r = read_paths({p});
    CHECK(r.docs.empty());
    CHECK(r.diags.items.empty());
  }
}

TEST_CASE("corpus: UTF-16 JSONL") {
  TempDir dir;
  std::string utf8 = "{\"text\": \"caf\xC3\xA9 3,000\"}\n{\"text\": \"b\"}\n";
  std::string le = "\xFF\xFE";
  for (char c : std::string("{\"text\": \"caf")) le += std::string{c, '\0'};
  le += std::string("\xE9\0", 2);
  for (char c : std::string(" 3,000\"}\n{\"text\": \"b\"}\n")) le += std::string{c, '\0'};
  std::string p = dir.write("c.jsonl", le);
  auto r = read_paths({p});
  REQUIRE(r.docs.size() == 2);
  CHECK(r.docs[0].raw == "caf\xC3\xA9 3,000");
  CHECK(r.docs[1].raw == "b");
  CHECK(r.diags.items.empty());
}
