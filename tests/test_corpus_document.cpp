// Tests of src/corpus/document.cpp: LineIndex (lines and columns of byte
// offsets, counted in code points, on short lines and on one very long
// line) and the sanitizing of plain text in make_document.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include <tally/corpus.hpp>

namespace {

// The definition: 1-based line, and 1 + code points since the line's start.
tally::LineIndex::Position naive(const std::string& raw, std::size_t offset) {
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (raw[i] == '\n') {
      ++line;
      col = 1;
    } else if ((static_cast<unsigned char>(raw[i]) & 0xC0) != 0x80) {
      ++col;
    }
  }
  return {line, col};
}

}  // namespace

TEST_CASE("LineIndex: lines and code-point columns") {
  const std::string raw = "first line\nsecond: 3\xE2\x80\xAF" "000 troops\n\nlast";
  const tally::LineIndex index(raw);
  CHECK(index.at(0).line == 1);
  CHECK(index.at(0).col == 1);
  const std::size_t troops = raw.find("troops");
  CHECK(index.at(troops).line == 2);
  CHECK(index.at(troops).col == 15);  // the narrow no-break space is one column
  CHECK(index.at(raw.find("last")).line == 4);
  CHECK(index.at(raw.size() + 10).line == 4);  // past the end: clamped
}

TEST_CASE("LineIndex: a long line with multibyte text agrees with counting from its start") {
  std::mt19937 rng(7);
  std::string raw;
  const char* pieces[] = {"abc ", "\xC3\xA9t\xC3\xA9 ", "\xE2\x80\x93", "\xF0\x9F\x98\x80", "\n", "12,000 "};
  while (raw.size() < 200000) raw += pieces[rng() % 200 == 0 ? 4 : rng() % 6 == 4 ? 5 : rng() % 4];
  raw += std::string(50000, 'x');  // and one line much longer than the checkpoint stride
  const tally::LineIndex index(raw);
  for (int k = 0; k < 2000; ++k) {
    std::size_t offset = rng() % (raw.size() + 1);
    while (offset < raw.size() && (static_cast<unsigned char>(raw[offset]) & 0xC0) == 0x80) ++offset;
    const auto want = naive(raw, offset);
    const auto got = index.at(offset);
    REQUIRE(got.line == want.line);
    REQUIRE(got.col == want.col);
  }
}

TEST_CASE("make_document: invalid bytes, NULs and controls anywhere in an 8-byte word") {
  // Printable ASCII is passed over eight bytes at a time; every other byte
  // must still be seen wherever it falls in such a word.
  struct Row {
    std::string insert;
    std::string want;  // what the inserted bytes read as in the text
    std::size_t bad;   // bytes reported as invalid UTF-8
  };
  const std::vector<Row> rows = {
      {"\xFF", "\xEF\xBF\xBD", 1},
      {std::string(1, '\0'), " ", 0},
      {"\n", "\n", 0},
      {"\x7F", "\x7F", 0},
      {"\x1F", "\x1F", 0},
      {"\xC3\xA9", "\xC3\xA9", 0},
      {"\xE2\x82", "\xEF\xBF\xBD\xEF\xBF\xBD", 2},
  };
  for (const Row& r : rows) {
    for (std::size_t at = 0; at <= 17; ++at) {
      const std::string raw = std::string(at, 'a') + r.insert + std::string(17 - at, 'b');
      INFO("insert ", static_cast<int>(static_cast<unsigned char>(r.insert[0])), " at ", at);
      tally::CollectingSink sink;
      tally::DocumentOptions options;
      options.front_matter = false;
      const tally::Document doc = tally::make_document("t", raw, tally::DocumentFormat::text, sink, options);
      CHECK(doc.text == std::string(at, 'a') + r.want + std::string(17 - at, 'b'));
      CHECK(sink.items.size() == (r.bad > 0 ? 1u : 0u));
      // The text after the inserted bytes maps back to where it stands in raw.
      if (at < 17) CHECK(doc.map.to_raw(doc.text.size() - 1) == raw.size() - 1);
    }
  }
}
