// Tests of Markdown to text: what is text (prose, headings, lists, tables),
// what is not (code, link targets, images, raw HTML), sentence boundaries,
// entities, and offsets that point into the original bytes.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "corpus_fixtures.hpp"

using namespace tally;
using tally::testing::raw_of;
using tally::testing::unmapped_words;

namespace {

Document md(std::string raw, bool code = false) {
  CollectingSink sink;
  DocumentOptions opts;
  opts.markdown_code = code;
  return make_document("t.md", std::move(raw), DocumentFormat::markdown, sink, opts);
}

bool has(const Document& d, std::string_view s) { return d.text.find(s) != std::string::npos; }

}  // namespace

TEST_CASE("corpus: Markdown text") {
  SUBCASE("prose, headings, lists and tables are text, each block (a table row) its own sentence") {
    Document d = md(
        "# About 3,000 troops arrive\n"
        "\n"
        "Officials said *approximately* 3,000 troops\n"
        "crossed the border, a **19 km** march.\n"
        "\n"
        "- first item with 12 tanks\n"
        "- second item with $2.5bn\n"
        "\n"
        "| Unit | Count |\n"
        "|------|------:|\n"
        "| Brigade A | 1,200 |\n"
        "| Brigade B | 1,800 |\n"
        "\n"
        "> A quote of 40 words.\n");
    CHECK(d.text ==
          "About 3,000 troops arrive\n\n"
          "Officials said approximately 3,000 troops crossed the border, a 19 km march.\n\n"
          "first item with 12 tanks\n\n"
          "second item with $2.5bn\n\n"
          "| Unit | Count |\n\n"
          "| Brigade A | 1,200 |\n\n"
          "| Brigade B | 1,800 |\n\n"
          "A quote of 40 words.\n\n");
    CHECK(unmapped_words(d).empty());
  }

  SUBCASE("a code span in a table cell is text: it names the row") {
    Document d = md("| option | default |\n|---|---|\n| `timeout` | 60 s |\n");
    CHECK(d.text == "| option | default |\n\n| timeout | 60 s |\n\n");
    CHECK(unmapped_words(d).empty());
  }

  SUBCASE("code spans and code blocks are skipped by default") {
    std::string raw =
        "Run `retry(3000)` to try again.\n"
        "\n"
        "```python\n"
        "troops = 5000\n"
        "```\n"
        "\n"
        "    indented = 7000\n"
        "\n"
        "Then 12 more.\n";
    Document d = md(raw);
    CHECK(!has(d, "3000"));
    CHECK(!has(d, "5000"));
    CHECK(!has(d, "7000"));
    CHECK(!has(d, "python"));
    CHECK(has(d, "Then 12 more."));
    CHECK(unmapped_words(d).empty());

    SUBCASE("and read when asked") {
      Document c = md(raw, true);
      CHECK(has(c, "retry(3000)"));
      CHECK(has(c, "troops = 5000"));
      CHECK(has(c, "indented = 7000"));
      CHECK(raw_of(c, "5000") == "5000");
      CHECK(raw_of(c, "Then") == "Then");
      CHECK(unmapped_words(c).empty());
    }
  }

  SUBCASE("link text is text, link targets are not") {
    Document d = md(
        "See [the 2024 report](https://example.org/reports/2024/10/17?id=98765 \"Title 55\") "
        "and [a reference][ref] for 300 more.\n"
        "\n"
        "[ref]: https://example.org/archive/31337\n");
    CHECK(d.text == "See the 2024 report and a reference for 300 more.\n\n");
    CHECK(unmapped_words(d).empty());
  }

  SUBCASE("URLs shown as links (autolinks, bare URLs, e-mail) are not text") {
    Document d = md(
        "Sources: <https://example.org/a/12345>, https://example.org/b/67890 and "
        "www.example.com/c/24680 or desk-42@example.org; about 300 people.\n");
    CHECK(!has(d, "12345"));
    CHECK(!has(d, "67890"));
    CHECK(!has(d, "24680"));
    CHECK(!has(d, "42@"));
    CHECK(has(d, "about 300 people."));
    CHECK(unmapped_words(d).empty());
  }

  SUBCASE("images are not text") {
    Document d = md("Before ![chart of 9,999 units](img/chart-2024.png) after 5 units.\n");
    CHECK(d.text == "Before  after 5 units.\n\n");
  }

  SUBCASE("raw HTML and comments are not text, the text between inline tags is") {
    Document d = md(
        "<!-- draft: 8,888 -->\n"
        "\n"
        "<div class=\"box\" data-count=\"7777\">\n"
        "block html 6666\n"
        "</div>\n"
        "\n"
        "About <b>3,000</b> troops <!-- 5555 --> left.\n");
    CHECK(!has(d, "8,888"));
    CHECK(!has(d, "7777"));
    CHECK(!has(d, "6666"));
    CHECK(!has(d, "5555"));
    CHECK(has(d, "About 3,000 troops  left."));
    CHECK(raw_of(d, "3,000") == "3,000");
    CHECK(unmapped_words(d).empty());
  }

  SUBCASE("entities are decoded and the words after them still map") {
    std::string raw = "Kyiv &amp; Kharkiv: 3&nbsp;000 troops &#8211; 19&#x202F;km &unknown; done.\n";
    Document d = md(raw);
    CHECK(d.text == "Kyiv & Kharkiv: 3\xC2\xA0" "000 troops \xE2\x80\x93 19\xE2\x80\xAFkm &unknown; done.\n\n");
    CHECK(raw_of(d, "Kharkiv") == "Kharkiv");
    CHECK(raw_of(d, "troops") == "troops");
    CHECK(raw_of(d, "km") == "km");
    CHECK(raw_of(d, "done") == "done");
    // A figure spanning an entity maps its start and its end into the raw bytes.
    std::size_t start = d.text.find("3\xC2\xA0");
    std::size_t end = start + std::string("3\xC2\xA0" "000").size();
    CHECK(std::string_view(raw).substr(d.map.to_raw(start), d.map.to_raw(end) - d.map.to_raw(start)) ==
          "3&nbsp;000");
  }

  SUBCASE("soft breaks are spaces, hard breaks end sentences") {
    Document d = md("one line\nsame sentence  \nnew one\\\nlast\n");
    CHECK(d.text == "one line same sentence\n\nnew one\n\nlast\n\n");
    CHECK(unmapped_words(d).empty());
  }

  SUBCASE("escapes") {
    std::string raw = "Not \\*emphasis\\*, 3\\,000 \\# here.\n";
    Document d = md(raw);
    CHECK(d.text == "Not *emphasis*, 3,000 # here.\n\n");
    CHECK(raw_of(d, "emphasis") == "emphasis");
    CHECK(raw_of(d, "here") == "here");
    // A figure written with an escape spans the escape in the raw bytes.
    std::size_t start = d.text.find("3,000");
    CHECK(d.map.to_raw(start) == raw.find("3\\,000"));
    CHECK(d.map.to_raw(start + 5) == raw.find("3\\,000") + 6);
  }

  SUBCASE("nested lists and block quotes keep offsets") {
    std::string raw =
        "1. Phase one: 2,000 troops\n"
        "   - of which 500 engineers\n"
        "     > quoted 70 percent\n"
        "2. Phase two: 1,000 troops\n";
    Document d = md(raw);
    CHECK(has(d, "Phase one: 2,000 troops"));
    CHECK(has(d, "quoted 70 percent"));
    CHECK(unmapped_words(d).empty());
  }

  SUBCASE("front matter is metadata; offsets count from the file's first byte") {
    std::string raw = "---\ntitle: Troops\ndate: 2024-10-17\n---\n# Heading 42\n\nBody 3,000.\n";
    Document d = md(raw);
    CHECK(d.meta.title == "Troops");
    CHECK(d.meta.date == "2024-10-17");
    CHECK(d.text == "Heading 42\n\nBody 3,000.\n\n");
    CHECK(d.map.to_raw(d.text.find("42")) == raw.find("42"));
    CHECK(unmapped_words(d).empty());
  }

  SUBCASE("invalid UTF-8 is replaced and reported once") {
    CollectingSink sink;
    Document d = make_document("t.md", "caf\xE9 for 3 euros, *na\xEFve* 4\n", DocumentFormat::markdown, sink);
    CHECK(d.text == "caf\xEF\xBF\xBD for 3 euros, na\xEF\xBF\xBDve 4\n\n");
    REQUIRE(sink.items.size() == 1);
    CHECK(sink.items[0].level == Level::warning);
    CHECK(raw_of(d, "euros") == "euros");
  }

  SUBCASE("empty and blank documents") {
    CHECK(md("").text.empty());
    CHECK(md("\n\n   \n").text.empty());
  }
}

TEST_CASE("corpus: Markdown through the reader honours markdown_code") {
  tally::testing::TempDir dir;
  std::string p = dir.write("doc.md", "Text 1.\n\n```\ncode 2\n```\n");
  CorpusOptions opts;
  auto plain = tally::testing::read_paths({p}, opts);
  opts.markdown_code = true;
  auto with_code = tally::testing::read_paths({p}, opts);
  REQUIRE(plain.docs.size() == 1);
  REQUIRE(with_code.docs.size() == 1);
  CHECK(!has(plain.docs[0], "code 2"));
  CHECK(has(with_code.docs[0], "code 2"));
}

TEST_CASE("corpus: Markdown with a huge table stays fast and exact") {
  std::string raw = "| id | place | count | share |\n|---|---|---:|---:|\n";
  for (int i = 0; i < 20000; ++i) raw += fmt::format("| {} | Town {} | {} | {}% |\n", i, i, i * 7, i % 100);
  auto t0 = std::chrono::steady_clock::now();
  Document d = md(raw);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(seconds < 10.0);
  CHECK(has(d, "| 19999 | Town 19999 | 139993 | 99% |"));
  CHECK(raw_of(d, "139993") == "139993");
  CHECK(unmapped_words(d).empty());
}

TEST_CASE("corpus: pathological Markdown does not crash") {
  const std::string cases[] = {
      std::string(20000, '>') + " deep quote 1",
      std::string(20000, '[') + "x" + std::string(20000, ']'),
      std::string(5000, '*') + "a" + std::string(5000, '_'),
      "|" + std::string(3000, '|') + "\n|" + std::string(3000, '-') + "|\n",
      std::string(30000, '`'),
      "- " + std::string(2000, ' ') + "- - - - - - - - - - 1\n",
      "<!--" + std::string(10000, '-'),
      "&#" + std::string(100, '9') + ";",
      std::string("a\0b", 3),
  };
  for (const std::string& raw : cases) {
    Document d = md(raw);
    CHECK(unmapped_words(d).size() <= 1);
  }
}
