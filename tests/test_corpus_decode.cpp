// Tests of encodings (UTF-8 with and without BOM, UTF-16 with BOM, binary),
// byte sources (limits, gzip), character references and UTF-8 repair.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "corpus/decode.hpp"
#include "corpus_fixtures.hpp"

using namespace tally;
using namespace std::string_literals;
using tally::testing::read_paths;
using tally::testing::TempDir;

namespace {

std::string utf16(std::u16string_view s, bool big_endian) {
  std::string out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (char16_t u : s) {
    char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out += big_endian ? std::string{hi, lo} : std::string{lo, hi};
  }
  return out;
}

class StringSource : public detail::ByteSource {
 public:
  explicit StringSource(std::string s) : s_(std::move(s)) {}
  std::size_t read(char* buf, std::size_t n) override {
    std::size_t k = std::min(n, s_.size() - pos_);
    std::memcpy(buf, s_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string s_;
  std::size_t pos_ = 0;
};

}  // namespace

TEST_CASE("corpus: sniff_encoding") {
  struct Case {
    std::string head;
    detail::Encoding enc;
  };
  const Case cases[] = {
      {"plain ASCII", detail::Encoding::utf8},
      {"", detail::Encoding::utf8},
      {"caf\xC3\xA9", detail::Encoding::utf8},
      {"\xEF\xBB\xBFwith BOM", detail::Encoding::utf8},
      {"\xFF\xFE" "a\0"s, detail::Encoding::utf16le},
      {"\xFE\xFF\0a"s, detail::Encoding::utf16be},
      {"\xFF\xFE\0\0a\0\0\0"s, detail::Encoding::binary},  // UTF-32 LE
      {"\0\0\xFE\xFF"s, detail::Encoding::binary},         // UTF-32 BE
      {"a\0b\0"s, detail::Encoding::binary},               // UTF-16 without BOM
      {"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"s, detail::Encoding::binary},
      {"\xEF\xBB\xBF\0"s, detail::Encoding::binary},
  };
  for (const Case& c : cases) {
    CAPTURE(c.head);
    CHECK(detail::sniff_encoding(c.head) == c.enc);
  }
}

TEST_CASE("corpus: decode_text") {
  SUBCASE("UTF-8 is kept byte for byte, BOM and all") {
    auto r = detail::decode_text("\xEF\xBB\xBF" "3,000 troops", "a.txt");
    REQUIRE(r);
    CHECK(*r == "\xEF\xBB\xBF" "3,000 troops");
  }

  SUBCASE("UTF-16 with a BOM is converted to UTF-8, both byte orders") {
    for (bool be : {false, true}) {
      CAPTURE(be);
      std::size_t bad = 99;
      auto r = detail::decode_text(utf16(u"About 3\u00A0000 \u20AC, \U0001F600.", be), "a.txt", &bad);
      REQUIRE(r);
      CHECK(*r == "About 3\xC2\xA0" "000 \xE2\x82\xAC, \xF0\x9F\x98\x80.");
      CHECK(bad == 0);
    }
  }

  SUBCASE("unpaired surrogates and an odd last byte become U+FFFD") {
    std::string bytes = utf16(u"a", false) + "\x00\xD8"s + "b\0"s + "\x00\xDC"s + "c"s;
    std::size_t bad = 0;
    auto r = detail::decode_text(bytes, "a.txt", &bad);
    REQUIRE(r);
    CHECK(*r == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD\xEF\xBF\xBD");
    CHECK(bad == 3);
  }

  SUBCASE("NUL bytes without a UTF-16 BOM: binary") {
    auto r = detail::decode_text("text\0more"s, "blob.txt");
    REQUIRE(!r);
    CHECK(r.error().format() == "blob.txt: error: binary file (not text), skipped");
  }

  SUBCASE("U+0000 inside UTF-16 is binary too") {
    auto r = detail::decode_text(utf16(std::u16string_view(u"a\0b", 3), false), "a.txt");
    CHECK(!r);
  }
}

TEST_CASE("corpus: UTF-16 and BOM files through the reader") {
  TempDir dir;

  SUBCASE("UTF-16 LE: raw is the converted UTF-8, offsets count in it") {
    std::string p = dir.write("le.txt", utf16(u"Caf\u00E9: about 3,000 troops.", false));
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].raw == "Caf\xC3\xA9: about 3,000 troops.");
    CHECK(r.docs[0].text == r.docs[0].raw);
    CHECK(r.diags.items.empty());
  }

  SUBCASE("UTF-16 Markdown with front matter") {
    std::string p = dir.write("be.md", utf16(u"---\nsource: Seoul Daily\n---\n# About 1,500 troops\n", true));
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    CHECK(r.docs[0].meta.source == "Seoul Daily");
    CHECK(tally::testing::raw_of(r.docs[0], "1,500") == "1,500");
  }

  SUBCASE("a UTF-8 BOM is not text, and offsets still count from the file's first byte") {
    std::string p = dir.write("bom.txt", "\xEF\xBB\xBF" "About 3,000 troops.");
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    const Document& d = r.docs[0];
    CHECK(d.text == "About 3,000 troops.");
    CHECK(d.map.to_raw(d.text.find("3,000")) == 9);
  }

  SUBCASE("a bad UTF-16 surrogate is a warning, not an error") {
    std::string p = dir.write("bad.txt", utf16(u"a", false) + "\x00\xD8"s + "b\0"s);
    auto r = read_paths({p});
    REQUIRE(r.docs.size() == 1);
    REQUIRE(r.diags.items.size() == 1);
    CHECK(r.diags.items[0].level == Level::warning);
  }
}

TEST_CASE("corpus: read_all") {
  SUBCASE("within the limit") {
    StringSource src(std::string(100, 'x'));
    auto r = detail::read_all(src, 100, "a");
    REQUIRE(r);
    CHECK(r->size() == 100);
  }
  SUBCASE("one byte over") {
    StringSource src(std::string(101, 'x'));
    auto r = detail::read_all(src, 100, "a");
    REQUIRE(!r);
    CHECK(r.error().path == "a");
    CHECK(r.error().message == "larger than the document size limit (100 bytes), skipped");
  }
  SUBCASE("limits are printed readably") {
    CHECK(detail::over_limit_message(std::size_t{256} << 20) ==
          "larger than the document size limit (256 MiB), skipped");
  }
}

TEST_CASE("corpus: gunzip") {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += fmt::format("line {} of a compressed corpus\n", i);
  std::string gz = tally::testing::gzip(text);

  auto inflate_all = [](std::string compressed, std::string* error) {
    auto src = detail::gunzip(std::make_unique<StringSource>(std::move(compressed)));
    std::string out;
    char buf[777];  // an odd size, so output straddles reads
    while (std::size_t n = src->read(buf, sizeof buf)) out.append(buf, n);
    *error = src->error();
    return out;
  };

  SUBCASE("whole") {
    std::string err;
    CHECK(inflate_all(gz, &err) == text);
    CHECK(err.empty());
  }
  SUBCASE("truncated: every byte before the cut, then an error") {
    std::string err;
    std::string out = inflate_all(gz.substr(0, gz.size() / 3), &err);
    CHECK(err == "truncated gzip stream");
    CHECK(!out.empty());
    CHECK(text.compare(0, out.size(), out) == 0);
  }
  SUBCASE("trailing garbage after a member is ignored") {
    std::string err;
    CHECK(inflate_all(gz + "garbage", &err) == text);
    CHECK(err.empty());
  }
  SUBCASE("corrupt data") {
    std::string bad = gz;
    for (std::size_t i = 20; i < 60; ++i) bad[i] = static_cast<char>(bad[i] ^ 0x55);
    std::string err;
    inflate_all(bad, &err);
    CHECK(err.starts_with("corrupt gzip stream"));
  }
}

TEST_CASE("corpus: decode_entity") {
  struct Case {
    const char* ref;
    const char* text;  // nullptr: not known
  };
  const Case cases[] = {
      {"&amp;", "&"},
      {"&lt;", "<"},
      {"&quot;", "\""},
      {"&nbsp;", "\xC2\xA0"},
      {"&ndash;", "\xE2\x80\x93"},
      {"&mdash;", "\xE2\x80\x94"},
      {"&euro;", "\xE2\x82\xAC"},
      {"&pound;", "\xC2\xA3"},
      {"&deg;", "\xC2\xB0"},
      {"&eacute;", "\xC3\xA9"},
      {"&Eacute;", "\xC3\x89"},
      {"&yuml;", "\xC3\xBF"},
      {"&frac12;", "\xC2\xBD"},
      {"&thinsp;", "\xE2\x80\x89"},
      {"&alpha;", "\xCE\xB1"},
      {"&Omega;", "\xCE\xA9"},
      {"&#8211;", "\xE2\x80\x93"},
      {"&#x2013;", "\xE2\x80\x93"},
      {"&#X20ac;", "\xE2\x82\xAC"},
      {"&#65;", "A"},
      {"&#150;", "\xE2\x80\x93"},  // Windows-1252, as HTML reads it
      {"&#0;", "\xEF\xBF\xBD"},
      {"&#xD800;", "\xEF\xBF\xBD"},
      {"&#x110000;", "\xEF\xBF\xBD"},
      {"&#128512;", "\xF0\x9F\x98\x80"},
      {"&unknownthing;", nullptr},
      {"&amp", nullptr},
      {"&#;", nullptr},
      {"&#x;", nullptr},
      {"&#12a;", nullptr},
      {"amp;", nullptr},
  };
  for (const Case& c : cases) {
    CAPTURE(c.ref);
    auto got = detail::decode_entity(c.ref);
    if (c.text == nullptr) {
      CHECK(!got.has_value());
    } else {
      REQUIRE(got.has_value());
      CHECK(*got == c.text);
    }
  }
}

TEST_CASE("corpus: sanitize_utf8") {
  struct Case {
    std::string in, out;
    std::size_t bad;
  };
  const Case cases[] = {
      {"plain", "plain", 0},
      {"caf\xC3\xA9", "caf\xC3\xA9", 0},
      {"caf\xE9!", "caf\xEF\xBF\xBD!", 1},
      {"\xC0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD", 2},          // overlong NUL
      {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD", 3},  // surrogate
      {"a\0b"s, "a\0b"s, 0},                                // NUL is valid UTF-8
      {"\xE2\x82", "\xEF\xBF\xBD\xEF\xBF\xBD", 2},          // cut short
  };
  for (const Case& c : cases) {
    CAPTURE(c.in);
    std::string s = c.in;
    CHECK(detail::sanitize_utf8(s) == c.bad);
    CHECK(s == c.out);
  }
}
