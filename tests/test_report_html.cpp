// Tests of the HTML report (src/report/html.cpp): self-contained, summary
// first, findings with anchors, claims side by side, charts, the document
// view, and escaping of everything a corpus can put into the page.
// tests/browser/test_report_browser.py renders it in a real browser.
#include <doctest/doctest.h>

#include <cctype>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <tally/report.hpp>

#include "report/present.hpp"
#include "report/sha256.hpp"
#include "report_fixtures.hpp"

namespace {

using namespace tally;
using namespace tally::testing;

std::string render(const CheckRun& run) {
  std::ostringstream out;
  write_check(out, CheckFormat::html, run, {});
  return out.str();
}

std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

std::string between(const std::string& s, const std::string& open, const std::string& close) {
  const std::size_t a = s.find(open);
  if (a == std::string::npos) return "";
  const std::size_t b = s.find(close, a + open.size());
  if (b == std::string::npos) return "";
  return s.substr(a + open.size(), b - a - open.size());
}

// Every (tag, attribute name) of the page, read the way an HTML tokenizer
// does: quoted values are skipped whole, the text of <script> and <style> is
// not markup. A quote that escaped escaping would show as a stray attribute.
std::vector<std::pair<std::string, std::string>> attributes(const std::string& html) {
  std::vector<std::pair<std::string, std::string>> out;
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'; };
  std::size_t i = 0;
  while ((i = html.find('<', i)) != std::string::npos) {
    ++i;
    if (i >= html.size() || !std::isalpha(static_cast<unsigned char>(html[i]))) continue;
    std::size_t j = i;
    while (j < html.size() && !is_space(html[j]) && html[j] != '>' && html[j] != '/') ++j;
    const std::string tag = html.substr(i, j - i);
    while (j < html.size() && html[j] != '>') {
      if (is_space(html[j]) || html[j] == '/') {
        ++j;
        continue;
      }
      std::size_t k = j;
      while (k < html.size() && !is_space(html[k]) && html[k] != '=' && html[k] != '>') ++k;
      out.emplace_back(tag, html.substr(j, k - j));
      j = k;
      if (j < html.size() && html[j] == '=') {
        ++j;
        if (html[j] == '"' || html[j] == '\'') {
          j = html.find(html[j], j + 1);
          if (j == std::string::npos) return out;
          ++j;
        } else {
          while (j < html.size() && !is_space(html[j]) && html[j] != '>') ++j;
        }
      }
    }
    if (tag == "script" || tag == "style") j = html.find("</" + tag, j);
    if (j == std::string::npos) break;
    i = j;
  }
  return out;
}

}  // namespace

TEST_CASE("report: sha256 for the content security policy") {
  using tally::detail::base64;
  using tally::detail::sha256;
  CHECK(base64(sha256("")) == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  CHECK(base64(sha256("abc")) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  // Two blocks: 56 bytes force the length into a second block.
  CHECK(base64(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE=");
}

TEST_CASE("report: html page") {
  ReportFixture fx = sample_run();
  auto lone = fx.add_document(meta("news/other.txt", "Other", std::nullopt), "Some 40 boats sailed.\n",
                              {{.text = "40", .value = 40, .subject = "boats"}});
  const std::string html = render(fx.run());

  SUBCASE("a complete document with a viewport for phones") {
    CHECK(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
    CHECK(html.find(R"(<meta name="viewport" content="width=device-width, initial-scale=1">)") != std::string::npos);
    CHECK(html.find("<title>tally report: 3 findings</title>") != std::string::npos);
    CHECK(html.substr(html.size() - 8) == "</html>\n");
  }
  SUBCASE("self-contained: the CSP forbids requests and allows exactly our style and script") {
    const std::string css = between(html, "<style>", "</style>");
    const std::string js = between(html, "<script>", "</script>");
    REQUIRE(!css.empty());
    REQUIRE(!js.empty());
    const std::string csp = between(html, "http-equiv=\"Content-Security-Policy\" content=\"", "\"");
    CHECK(csp.find("default-src 'none'") != std::string::npos);
    CHECK(csp.find("style-src 'sha256-" + detail::base64(detail::sha256(css)) + "'") != std::string::npos);
    CHECK(csp.find("script-src 'sha256-" + detail::base64(detail::sha256(js)) + "'") != std::string::npos);
    CHECK(csp.find("unsafe-inline") == std::string::npos);
  }
  SUBCASE("nothing on the page loads from anywhere") {
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<iframe") == std::string::npos);
    CHECK(html.find(" src=") == std::string::npos);
    const std::regex href(R"re(href="([^"]*)")re");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), href); it != std::sregex_iterator(); ++it) {
      const std::string target = (*it)[1];
      CAPTURE(target);
      CHECK((target.rfind('#', 0) == 0 || target == "data:,"));
    }
  }
  SUBCASE("counts by severity at the top, in words") {
    CHECK(html.find(R"(<li class="sev-error" data-count="1"><span class="n">1</span><span class="what"><span aria-hidden="true">✖</span> error</span></li>)") !=
          std::string::npos);
    CHECK(html.find(R"(data-count="1"><span class="n">1</span><span class="what"><span aria-hidden="true">▲</span> warning)") != std::string::npos);
    CHECK(html.find(R"(<span class="n">4</span><span class="what">documents</span>)") != std::string::npos);
    CHECK(html.find(R"(<span class="n">7</span><span class="what">claims</span>)") != std::string::npos);
    CHECK(html.find("summary") < html.find("id=\"findings\""));
  }
  SUBCASE("findings: one item each, most severe first, with an anchor and a link to it") {
    CHECK(count(html, "<li class=\"item finding ") == 3);
    const std::size_t e = html.find("id=\"f-c3f1a9e2d4b5\"");
    const std::size_t w = html.find("id=\"f-aa11bb22cc33\"");
    const std::size_t n = html.find("id=\"f-0d1e2f3a4b5c\"");
    REQUIRE(e != std::string::npos);
    CHECK(e < w);
    CHECK(w < n);
    CHECK(html.find(R"(<a class="anchor" href="#f-c3f1a9e2d4b5")") != std::string::npos);
    CHECK(html.find(R"(data-severity="error" data-rank="2" data-rule="conflict" data-order="0" data-subject="troops | in russia" data-spread="1.478")") !=
          std::string::npos);
  }
  SUBCASE("filters by severity and rule, sort, keyboard help") {
    CHECK(html.find(R"(<input type="checkbox" data-filter="severity" value="error" checked>)") != std::string::npos);
    CHECK(html.find(R"(<option value="conflict">conflict (1)</option>)") != std::string::npos);
    CHECK(html.find(R"(<select id="sort">)") != std::string::npos);
    CHECK(html.find("<kbd>j</kbd> or <kbd>]</kbd> next finding") != std::string::npos);
    CHECK(html.find("<kbd>k</kbd> or <kbd>[</kbd> previous") != std::string::npos);
  }
  SUBCASE("claims side by side: source, date, sentence with the figure, value, consensus") {
    const std::string item = between(html, "id=\"f-c3f1a9e2d4b5\"", "</li>");
    CHECK(count(item, "<div class=\"claim\">") == 2);
    CHECK(item.find("<strong>Kyiv Wire</strong><time datetime=\"2024-10-17\">2024-10-17</time>") != std::string::npos);
    CHECK(item.find("South Korea&#39;s spy agency said <mark class=\"fig\">approximately 3,000</mark> North Korean") !=
          std::string::npos);
    CHECK(item.find("<dt>normalised</dt><dd>1,500</dd>") != std::string::npos);
    CHECK(item.find("<dt>compared as</dt><dd>1,275–1,725 <span class=\"muted\">(approximate ±15%)</span>") !=
          std::string::npos);
    CHECK(item.find("<a href=\"#c-0\" title=\"Show in the document\">news/kyiv-wire.txt:2:31</a>") != std::string::npos);
    CHECK(item.find("Consensus</span>3,000 (2,550–3,450), 1 source agrees") != std::string::npos);
    CHECK(item.find("✔</span> agrees with the consensus") != std::string::npos);
    CHECK(item.find("✖</span> outside the consensus") != std::string::npos);
    CHECK(item.find("<summary>Why this finding</summary>") != std::string::npos);
  }
  SUBCASE("a chart per finding; the drift one over time") {
    CHECK(count(html, "<svg ") == 3);
    const std::string conflict = between(html, "id=\"f-c3f1a9e2d4b5\"", "</li>");
    CHECK(conflict.find("class=\"band\"") != std::string::npos);
    CHECK(conflict.find("linear scale") != std::string::npos);
    CHECK(conflict.find("class=\"bar out\"") != std::string::npos);
    const std::string drift = between(html, "id=\"f-0d1e2f3a4b5c\"", "</li>");
    CHECK(drift.find("The figure over time, 2024-10-16 to 2024-10-18") != std::string::npos);
    CHECK(drift.find("class=\"trend\"") != std::string::npos);
    // An open interval ("more than 4,100") runs to the edge with an arrow.
    const std::string aspect = between(html, "id=\"f-aa11bb22cc33\"", "</li>");
    CHECK(aspect.find("<path class=\"pt in\" d=\"M") != std::string::npos);
  }
  SUBCASE("the document view marks every figure and links flagged ones to their finding") {
    const std::string docs = between(html, "<section id=\"documents\">", "</section>");
    CHECK(count(docs, "<details class=\"doc\"") == 4);
    CHECK(docs.find(R"(<mark class="fig flagged sev-error" id="c-0" title="3,000 · troops | in russia"><a href="#f-c3f1a9e2d4b5">approximately 3,000</a></mark>)") !=
          std::string::npos);
    CHECK(docs.find(R"(<span class="flag sev-error"><a href="#f-c3f1a9e2d4b5" title="error: conflict — go to the finding"><span aria-hidden="true">✖</span> conflict</a></span>)") !=
          std::string::npos);
    CHECK(docs.find(R"(Some <mark class="fig" id="c-)" + std::to_string(lone[0]) + R"(" title="40 · boats">40</mark> boats sailed.)") !=
          std::string::npos);
    CHECK(docs.find("<h3>Troops in Russia</h3>") != std::string::npos);
  }
  SUBCASE("dark mode and phone width") {
    CHECK(html.find("@media (prefers-color-scheme: dark)") != std::string::npos);
    CHECK(html.find("@media (max-width: 640px)") != std::string::npos);
  }
  SUBCASE("stable: the same run gives the same bytes") { CHECK(render(fx.run()) == html); }
}

TEST_CASE("report: html with a log scale chart") {
  ReportFixture fx;
  auto a = fx.add_document(meta("a.txt", "A", std::nullopt), "A said 100 ships.\n", {{.text = "100", .value = 100}});
  auto b = fx.add_document(meta("b.txt", "B", std::nullopt), "B said 5,000 ships.\n", {{.text = "5,000", .value = 5000}});
  fx.add_finding("f", "conflict", Severity::error, "ships", "50x apart", {a[0], b[0]});
  const std::string html = render(fx.run());
  CHECK(html.find("log scale") != std::string::npos);
  CHECK(html.find("logarithmic axis") != std::string::npos);
}

TEST_CASE("report: html of a run without findings") {
  ReportFixture fx;
  fx.add_document(meta("a.txt", "A", std::nullopt), "A said 100 ships.\n", {{.text = "100", .value = 100}});
  const std::string html = render(fx.run());
  CHECK(html.find("No findings: the figures tally.") != std::string::npos);
  CHECK(html.find("<ol id=\"items\"") == std::string::npos);
  CHECK(html.find(R"(<mark class="fig" id="c-0")") != std::string::npos);
}

TEST_CASE("report: html escapes everything a corpus can say") {
  ReportFixture fx = hostile_run();
  const std::string html = render(fx.run());

  SUBCASE("no markup from the corpus survives") {
    CHECK(html.find(k_script_payload) == std::string::npos);
    CHECK(html.find(k_style_payload) == std::string::npos);
    CHECK(html.find("\"onerror=") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;&quot;onerror=alert(2) x=&quot;&lt;/style&gt;") !=
          std::string::npos);
  }
  SUBCASE("exactly one style and one script element: ours") {
    CHECK(count(html, "<script") == 1);
    CHECK(count(html, "</script") == 1);
    CHECK(count(html, "<style") == 1);
    CHECK(count(html, "</style") == 1);
  }
  SUBCASE("a javascript: URL stays text") {
    CHECK(html.find("href=\"javascript") == std::string::npos);
    CHECK(html.find(" · javascript:alert(4)</span>") != std::string::npos);
  }
  SUBCASE("anchors are made of safe characters") {
    CHECK(html.find(R"(id="f-id___script_alert_6___script_")") != std::string::npos);
  }
  SUBCASE("attributes cannot be closed early: no tag gets an event handler") {
    for (const auto& [tag, attribute] : attributes(html)) {
      CAPTURE(tag);
      CHECK(attribute.rfind("on", 0) != 0);
    }
    CHECK(attributes(html).size() > 100);
  }
}

TEST_CASE("report: html when no source agrees with the consensus") {
  ReportFixture fx;
  auto a = fx.add_document(meta("a.txt", "A", "2024-10-17"), "A said 3,000 troops.\n", {{.text = "3,000", .value = 3000}});
  auto b = fx.add_document(meta("b.txt", "B", "2024-10-17"), "B said 11,000 troops.\n", {{.text = "11,000", .value = 11000}});
  fx.add_finding("f", "conflict", Severity::error, "troops", "3.7x apart", {a[0], b[0]},
                 consensus(5744.6, 5744.6, 5744.6, 0));
  const std::string html = render(fx.run());
  const std::string item = between(html, "id=\"f-f\"", "</li>");

  SUBCASE("the page says there is none, and gives the weighted middle") {
    CHECK(item.find(R"(<span class="label">No consensus</span>the sources disagree; none agrees with their weighted middle, 5,744.6)") !=
          std::string::npos);
    CHECK(item.find("0 sources agree") == std::string::npos);
  }
  SUBCASE("no claim is called an outlier, no band is drawn") {
    CHECK(item.find("outside the consensus") == std::string::npos);
    CHECK(item.find("agrees with the consensus") == std::string::npos);
    CHECK(item.find("class=\"band\"") == std::string::npos);
    CHECK(item.find("class=\"bar out\"") == std::string::npos);
    CHECK(item.find("✖ 3,000") == std::string::npos);
    CHECK(item.find("Each source's compared interval on one axis.</figcaption>") != std::string::npos);
  }
}

TEST_CASE("report: html chart rows of one source are told apart by place") {
  ReportFixture fx;
  auto a = fx.add_document(meta("news/jail.txt", "Kyiv Wire", "2024-10-17"),
                           "Of the 1,200 prisoners, 700 were released and 600 were transferred.\n",
                           {{.text = "1,200", .value = 1200, .subject = "prisoners"},
                            {.text = "700", .value = 700, .subject = "prisoners"},
                            {.text = "600", .value = 600, .subject = "prisoners"}});
  auto b = fx.add_document(meta("news/b.txt", "Seoul Daily", "2024-10-17"), "Some 900 prisoners.\n",
                           {{.text = "900", .value = 900, .subject = "prisoners"}});
  fx.add_finding("sum", "arithmetic", Severity::warning, "prisoners", "parts add up to 1,300", {a[0], a[1], a[2], b[0]});
  const std::string svg = between(render(fx.run()), "<svg ", "</svg>");
  CHECK(svg.find(">news/jail.txt:1:8</text>") != std::string::npos);
  CHECK(svg.find(">news/jail.txt:1:25</text>") != std::string::npos);
  CHECK(svg.find(">news/jail.txt:1:47</text>") != std::string::npos);
  CHECK(svg.find(">Seoul Daily</text>") != std::string::npos);
  CHECK(svg.find(">Kyiv Wire</text>") == std::string::npos);
}

TEST_CASE("report: html document view shows front matter muted") {
  ReportFixture fx;
  const std::string raw = "---\ntitle: T <b>\nsource: A\n---\nA said 3,000 troops.\n";
  fx.add_document(meta("a.md", "A", std::nullopt, "T <b>"), raw, {{.text = "3,000", .value = 3000}});
  SUBCASE("the block is muted, the text after it is not") {
    const std::string docs = between(render(fx.run()), "<div class=\"doctext\">", "</div>");
    CHECK(docs.rfind("<span class=\"frontmatter\">---\ntitle: T &lt;b&gt;\nsource: A\n---\n</span>A said <mark", 0) == 0);
  }
  SUBCASE("no block without a closing fence") {
    ReportFixture open;
    open.add_document(meta("b.md", "B", std::nullopt), "---\nB said 3,000 troops.\n", {{.text = "3,000", .value = 3000}});
    CHECK(render(open.run()).find("class=\"frontmatter\"") == std::string::npos);
  }
  SUBCASE("a figure inside it (a file that only looks like front matter) keeps the plain view") {
    ReportFixture odd;
    odd.add_document(meta("c.md", "C", std::nullopt), "---\nC said 3,000 troops.\n---\nMore.\n",
                     {{.text = "3,000", .value = 3000}});
    const std::string html = render(odd.run());
    CHECK(html.find("class=\"frontmatter\"") == std::string::npos);
    CHECK(html.find(R"(<mark class="fig" id="c-0")") != std::string::npos);
  }
}

TEST_CASE("report: html script") {
  ReportFixture fx = sample_run();
  const std::string js = between(render(fx.run()), "<script>", "</script>");
  SUBCASE("marks the page once it ran, for the browser test") {
    CHECK(js.find("setAttribute('data-tally-script', 'ready')") != std::string::npos);
  }
  SUBCASE("opens the document a link points into, even on a page without findings") {
    ReportFixture quiet;
    quiet.add_document(meta("a.txt", "A", std::nullopt), "A said 100 ships.\n", {{.text = "100", .value = 100}});
    const std::string html = render(quiet.run());
    CHECK(html.find("<details class=\"doc\" id=\"doc-1\"><summary>") != std::string::npos);  // closed
    CHECK(between(html, "<script>", "</script>") == js);
    CHECK(js.find("if (p.tagName === 'DETAILS') p.open = true;") < js.find("if (!list || !controls)"));
  }
  SUBCASE("keys: j/] next, k/[ previous, / find") {
    CHECK(js.find("e.key === 'j' || e.key === ']'") != std::string::npos);
    CHECK(js.find("e.key === 'k' || e.key === '['") != std::string::npos);
  }
}

TEST_CASE("report: html summary cards of zero are muted, not coloured") {
  ReportFixture fx = sample_run();
  const std::string html = render(fx.run());
  CHECK(html.find(R"(.counts li[data-count="0"] { border-top-color: var(--line); })") != std::string::npos);
}

TEST_CASE("report: html long unbroken text wraps at phone width") {
  // A source or message with a long token (a URL, an attribute-like string)
  // must wrap inside its card rather than run off a 390px screen.
  ReportFixture fx = sample_run();
  const std::string css = between(render(fx.run()), "<style>", "</style>");
  CHECK(css.find("overflow-wrap: break-word;") != std::string::npos);
  CHECK(css.find(".message { margin: .45rem 0 .75rem; overflow-wrap: anywhere; }") != std::string::npos);
  CHECK(css.find("border-radius: 6px; background: var(--soft); overflow-wrap: anywhere; }") != std::string::npos);
}

TEST_CASE("report: html charts stay legible on a phone") {
  ReportFixture fx = sample_run();
  const std::string css = between(render(fx.run()), "<style>", "</style>");
  const std::string phone = between(css, "@media (max-width: 640px) {", "\n}\n");
  CHECK(phone.find("figure.chart { overflow-x: auto; }") != std::string::npos);
  CHECK(phone.find("figure.chart svg { min-width: 600px; }") != std::string::npos);
  CHECK(css.find("vertical-align: super; line-height: 0; white-space: nowrap; }") != std::string::npos);
}
