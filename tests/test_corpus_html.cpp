// Tests of HTML to text: the visible prose of the body, what is skipped
// (scripts, styles, navigation, hidden elements), entities, sentence
// boundaries, metadata from the head, offsets into the original bytes, and
// broken pages.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>

#include <tally/extract.hpp>

#include "corpus_fixtures.hpp"

using namespace tally;
using tally::testing::raw_of;
using tally::testing::unmapped_words;

namespace {

Document html(std::string raw, CollectingSink* diags = nullptr) {
  CollectingSink local;
  return make_document("t.html", std::move(raw), DocumentFormat::html, diags ? *diags : local);
}

bool has(const Document& d, std::string_view s) { return d.text.find(s) != std::string::npos; }

}  // namespace

TEST_CASE("corpus: HTML text") {
  SUBCASE("block elements end sentences, inline elements do not") {
    Document d = html(
        "<html><body><h1>About 3,000 troops</h1>"
        "<p>Officials said <b>approximately</b> <a href=\"/x/123\">3,000</a> troops crossed.</p>"
        "<ul><li>12 tanks</li><li>$2.5bn in aid</li></ul>"
        "<table><tr><th>Unit</th><th>Count</th></tr><tr><td>Brigade A</td><td>1,200</td></tr></table>"
        "<div>Line one<br>Line two</div></body></html>");
    CHECK(d.text ==
          "About 3,000 troops\n\n"
          "Officials said approximately 3,000 troops crossed.\n\n"
          "12 tanks\n\n$2.5bn in aid\n\n"
          "Unit\n\nCount\n\nBrigade A\n\n1,200\n\n"
          "Line one\n\nLine two\n\n");
    CHECK(unmapped_words(d).empty());
  }

  SUBCASE("scripts, styles, navigation, footers, templates and hidden elements are not text") {
    Document d = html(
        "<html><head><title>T</title><style>p { margin: 1111px }</style>"
        "<script>var views = 2222;</script></head><body>"
        "<nav>Home | Page 3333</nav>"
        "<p>Visible 10 people.</p>"
        "<script type=\"application/ld+json\">{\"count\": 4444}</script>"
        "<noscript>Enable JS for 5555 more</noscript>"
        "<template><p>6666 templates</p></template>"
        "<div hidden>7777 hidden</div>"
        "<span aria-hidden=\"TRUE\">8888 aria</span>"
        "<p style=\"color: red; display : none\">9999 styled away</p>"
        "<p style=\"visibility:hidden\">1212 invisible</p>"
        "<svg><text x=\"0\">1313</text></svg>"
        "<select><option>2014</option></select>"
        "<p>Also 20 visible.</p>"
        "<footer>Copyright 1999-2024, 123 Main St</footer></body></html>");
    CHECK(d.text == "Visible 10 people.\n\nAlso 20 visible.\n\n");
    CHECK(unmapped_words(d).empty());
  }

  SUBCASE("white space collapses as a browser shows it, except in <pre>") {
    Document d = html("<p>\n  About\n   3,000\t troops\n</p><pre>  keep   12\n  lines</pre>");
    CHECK(d.text == "About 3,000 troops\n\n  keep   12\n  lines\n\n");
    CHECK(unmapped_words(d).empty());
  }

  SUBCASE("entities are decoded; words after them map exactly") {
    std::string raw = "<p>Kyiv &amp; Kharkiv: 3&nbsp;000 troops &#8211; 19&#x202F;km &copy; AT&T &lt;5&gt; done</p>";
    Document d = html(raw);
    CHECK(d.text ==
          "Kyiv & Kharkiv: 3\xC2\xA0" "000 troops \xE2\x80\x93 19\xE2\x80\xAFkm \xC2\xA9 AT&T <5> done\n\n");
    for (const char* w : {"Kyiv", "Kharkiv", "troops", "km", "AT", "done"}) {
      CAPTURE(w);
      CHECK(raw_of(d, w) == w);
    }
    // A decoded entity maps to the entity's first byte; a figure spanning
    // one maps to its raw span.
    std::size_t start = d.text.find("3\xC2\xA0");
    std::size_t end = start + std::string("3\xC2\xA0" "000").size();
    CHECK(d.map.to_raw(start + 1) == raw.find("&nbsp;"));
    CHECK(std::string_view(raw).substr(d.map.to_raw(start), d.map.to_raw(end) - d.map.to_raw(start)) ==
          "3&nbsp;000");
  }

  SUBCASE("entities without a semicolon, as browsers read them") {
    Document d = html("<p>&copy 2024 and 5 &amp 6 &notanentity; 7</p>");
    CHECK(d.text == "\xC2\xA9 2024 and 5 & 6 \xC2\xAC" "anentity; 7\n\n");
    CHECK(raw_of(d, "2024") == "2024");
    CHECK(raw_of(d, "7") == "7");
  }

  SUBCASE("CR LF line ends") {
    std::string raw = "<p>One\r\nline 12</p>\r\n<p>Two 13\r\nend</p>";
    Document d = html(raw);
    CHECK(d.text == "One line 12\n\nTwo 13 end\n\n");
    CHECK(unmapped_words(d).empty());
  }

  SUBCASE("a byte-order mark") {
    std::string raw = "\xEF\xBB\xBF<p>About 3,000 troops</p>";
    Document d = html(raw);
    CHECK(d.text == "About 3,000 troops\n\n");
    CHECK(d.map.to_raw(d.text.find("3,000")) == raw.find("3,000"));
  }

  SUBCASE("invalid UTF-8: a warning, the text after it still maps") {
    CollectingSink diags;
    Document d = html("<p>caf\xE9 costs 3 euros, na\xFF\xFEve 4</p>", &diags);
    CHECK(has(d, "caf\xEF\xBF\xBD costs 3 euros"));
    CHECK(raw_of(d, "costs") == "costs");
    CHECK(raw_of(d, "4") == "4");
    REQUIRE(diags.items.size() == 1);
    CHECK(diags.items[0].level == Level::warning);
  }

  SUBCASE("text with no markup at all") {
    Document d = html("About 3,000 troops.");
    CHECK(d.text == "About 3,000 troops.\n\n");
    CHECK(unmapped_words(d).empty());
  }

  SUBCASE("empty") {
    CHECK(html("").text.empty());
    CHECK(html("<html><body></body></html>").text.empty());
  }
}

TEST_CASE("corpus: HTML metadata") {
  struct Case {
    const char* head;
    const char* title;
    const char* date;
    const char* source;
  };
  const Case cases[] = {
      {"<title> Troops  cross\n border </title><meta name=\"date\" content=\"2024-10-17\">",
       "Troops cross border", "2024-10-17", "t.html"},
      {"<meta property=\"article:published_time\" content=\"2024-10-17T08:30:00+03:00\">", nullptr,
       "2024-10-17", "t.html"},
      {"<meta name=\"DC.date.issued\" content=\"2024/10/17\">", nullptr, "2024-10-17", "t.html"},
      {"<meta itemprop=\"datePublished\" content=\"2024-10-17\">", nullptr, "2024-10-17", "t.html"},
      {"<meta name=\"date\" content=\"October 17, 2024\">", nullptr, nullptr, "t.html"},
      {"<meta name=\"date\" content=\"2024-10-170\">", nullptr, nullptr, "t.html"},
      {"<meta property=\"og:site_name\" content=\"Kyiv Wire\"><meta name=\"author\" content=\"A. Writer\">",
       nullptr, nullptr, "Kyiv Wire"},
      {"<meta property=\"og:title\" content=\"From OG\">", "From OG", nullptr, "t.html"},
      {"<title>Wins</title><meta property=\"og:title\" content=\"From OG\">", "Wins", nullptr, "t.html"},
      {"<meta name=\"date\" content=\"2024-10-17\"><meta property=\"article:published_time\" "
       "content=\"2023-01-01\">",
       nullptr, "2024-10-17", "t.html"},
      {"<title>Tom &amp; Jerry</title>", "Tom & Jerry", nullptr, "t.html"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.head);
    Document d = html(std::string("<html><head>") + c.head + "</head><body><p>Text 1.</p></body></html>");
    if (c.title) CHECK(d.meta.title == c.title);
    else CHECK(!d.meta.title.has_value());
    if (c.date) CHECK(d.meta.date == c.date);
    else CHECK(!d.meta.date.has_value());
    CHECK(d.meta.source == c.source);
    CHECK(d.text == "Text 1.\n\n");  // the head is never text
  }
}

TEST_CASE("corpus: broken HTML") {
  const std::string cases[] = {
      "<p>Unclosed 1 <b>bold 2 <i>both 3",
      "<div><p>stray < sign 4 and 5 > 6 </div></p></span>",
      "<<<<>>>> 7 <",
      "<p>8 <a href=\"unterminated>9 x</a> 10</p>",
      "<!-- never closed 11",
      "<table><td>12<tr>13<p>14</table>15",
      "</p></div></body></html>16",
      "<script>never closed 17",
      "<p>&#99999999; &# &#x; &; 18</p>",
      "<textarea><p>19</textarea>20",
      "<html><frameset><frame src=x></frameset></html>",
      std::string("<p>nul\0byte 21</p>", 18),
  };
  for (const std::string& raw : cases) {
    CAPTURE(raw);
    Document d = html(raw);
    // Whatever the parser makes of it, every offset stays inside the raw bytes.
    for (std::size_t i = 0; i <= d.text.size(); ++i) REQUIRE(d.map.to_raw(i) <= d.raw.size());
  }
  CHECK(has(html("<p>Unclosed 1 <b>bold 2 <i>both 3"), "Unclosed 1 bold 2 both 3"));
  CHECK(has(html("<div><p>stray < sign 4 and 5 > 6 </div>"), "stray < sign 4 and 5 > 6"));
  CHECK(has(html("<table><td>12<tr>13<p>14</table>15"), "12"));

  SUBCASE("very deep nesting") {
    std::string raw;
    for (int i = 0; i < 20000; ++i) raw += "<div>";
    raw += "deep 42";
    Document d = html(raw);
    CHECK(has(d, "deep 42"));
    CHECK(raw_of(d, "42") == "42");
  }

  SUBCASE("a large page stays exact") {
    std::string raw = "<html><head><title>Big</title></head><body>";
    for (int i = 0; i < 20000; ++i)
      raw += fmt::format("<p class=\"para\">Report {} counted about {} people &amp; {} vehicles.</p>\n", i, i * 3, i % 7);
    raw += "</body></html>";
    Document d = html(raw);
    CHECK(raw_of(d, "59997") == "59997");
    CHECK(has(d, "Report 19999 counted about 59997 people & 0 vehicles.\n\n"));
  }
}

TEST_CASE("corpus: HTML through the reader") {
  tally::testing::TempDir dir;
  std::string p = dir.write("page.htm", "<title>T</title><p>About 3,000 troops.</p>");
  CorpusOptions opts;
  auto r = tally::testing::read_paths({p}, opts);
  REQUIRE(r.docs.size() == 1);
  CHECK(r.docs[0].format == DocumentFormat::html);
  CHECK(r.docs[0].meta.title == "T");
  CHECK(r.docs[0].text == "About 3,000 troops.\n\n");

  SUBCASE("a page over the size limit is refused before parsing") {
    opts.max_document_bytes = 16;
    auto big = tally::testing::read_paths({p}, opts);
    CHECK(big.docs.empty());
    CHECK(big.stats.errors == 1);
  }
}

namespace {

// Every figure found in `raw` read as HTML is an ordered range inside the
// raw bytes whose text is those bytes; returns the figures' texts.
std::vector<std::string> checked_figures(const std::string& raw) {
  static const Extractor ex;
  Document d = html(raw);
  std::vector<std::string> texts;
  for (const Mention& m : ex.extract(d)) {
    CHECK(m.start <= m.end);
    CHECK(m.end <= d.raw.size());
    CHECK(m.sentence_start <= m.sentence_end);
    CHECK(m.sentence_end <= d.raw.size());
    if (m.start <= m.end && m.end <= d.raw.size()) CHECK(m.text == d.raw.substr(m.start, m.end - m.start));
    texts.push_back(m.text.str());
  }
  // Offsets at the start of every character never run backwards within a
  // paragraph.
  std::size_t prev = 0;
  for (std::size_t i = 0; i < d.text.size(); ++i) {
    if ((static_cast<unsigned char>(d.text[i]) & 0xC0) == 0x80) continue;
    if (d.text[i] == '\n') {
      prev = 0;
      continue;
    }
    std::size_t r = d.map.to_raw(i);
    CHECK(r <= d.raw.size());
    CHECK(r >= prev);
    prev = r;
  }
  return texts;
}

}  // namespace

TEST_CASE("corpus: HTML with invalid UTF-8 keeps figure offsets ordered and exact") {
  SUBCASE("the fuzzer's html-invalid-utf8-offsets case") {
    const std::string raw = "\xF1\x4C\xBF\xCA\xEC" "0 MW";
    Document d = html(raw);
    CHECK(d.text == "\xEF\xBF\xBDL\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "0 MW\n\n");
    CHECK(raw_of(d, "0 MW") == "0 MW");
    auto figs = checked_figures(raw);
    REQUIRE(figs.size() == 1);
    CHECK(figs[0] == "0 MW");
  }
  SUBCASE("each kind of bad byte is one U+FFFD, and what follows maps exactly") {
    const std::string cases[] = {
        "<p>\xE2\x82" "A 3,000 km</p>",             // a truncated sequence: one U+FFFD for both bytes
        "<p>\xED\xA0\x80 3,000 km</p>",             // a surrogate: one per byte
        "<p>\xF4\x90\x80\x80 3,000 km</p>",         // past U+10FFFF
        "<p>\xC0\x80 3,000 km</p>",                 // overlong
        "<p>\x01\x7F\xC2\x80\xEF\xBF\xBF 3,000 km</p>",  // controls and a non-character, valid but replaced
        "<p>\xEF\xBF\xBD 3,000 km</p>",             // a real U+FFFD is copied
        "<p>\xFF\xFE\xFD\xFC\xFB\xFA\xF9\xF8\xF7\xF6\xF5\xF4\xF3\xF2\xF1\xF0 3,000 km</p>",
        "<p>a&amp;\xFF&eacute;\xE9&#x31;\xC3 3,000 km</p>",  // entities beside bad bytes
        std::string("<p>\xFF\0\xFE\r\n\xFD 3,000 km</p>", 23),  // NUL and CR LF among them
    };
    for (const std::string& raw : cases) {
      CAPTURE(raw);
      Document d = html(raw);
      CHECK(raw_of(d, "3,000 km") == "3,000 km");
      auto figs = checked_figures(raw);
      CHECK(std::find(figs.begin(), figs.end(), "3,000 km") != figs.end());
    }
  }
  SUBCASE("text the parser moves out of a table does not join across the move") {
    for (const std::string raw : {"<table>1<tr><td>x</td></tr>2 km</table>",
                                  "<table><tr><td>5</td></tr>0 km</table>",
                                  "<table>1<tr><td>2</td></tr>3<tr><td>4 km</td></tr>5 km</table>"}) {
      CAPTURE(raw);
      checked_figures(raw);
    }
  }
  SUBCASE("random bytes, entities and markup: every figure is an ordered range into the raw bytes") {
    const std::vector<std::string> pieces = {
        "3,000", "12", " km", " MW", "\xFF", "\xE2\x82", "\xF1", "\xC0\x80", "\xED\xA0\x80", "&amp;", "&#x31;",
        "&eacute;", "&#0;", "&nbsp;", "\r\n", "\r", std::string(1, '\0'), "<p>", "</p>", "<b>", "</b>", "<table>",
        "<td>", "<pre>\n", "</pre>", " ", "to", "-", "\xEF\xBF\xBF", "\x01", "\xC3", "\xA9", "e", "million"};
    std::uint32_t state = 4242;
    auto next = [&state] {
      state = state * 1664525u + 1013904223u;
      return state >> 8;
    };
    for (int round = 0; round < 400; ++round) {
      std::string raw;
      int n = 1 + static_cast<int>(next() % 24);
      for (int k = 0; k < n; ++k) raw += pieces[next() % pieces.size()];
      CAPTURE(raw);
      checked_figures(raw);
    }
  }
}
