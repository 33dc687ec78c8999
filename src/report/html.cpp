// `check --format html` and `tally report`: one self-contained HTML page for
// a person reading findings in a browser, or an editor handed the file.
//
// Everything is inline (CSS, script, SVG charts drawn here); a
// Content-Security-Policy forbids every request and every script and style
// but the page's own (allowed by hash), so the page works offline as a CI
// artifact and a hostile corpus cannot make it run code or phone home. All
// corpus text and metadata goes through html_escape, in text and in
// attributes alike; no corpus text is placed inside <style> or <script>.
// Output is a pure function of the run (no timestamps), so two reports of
// one corpus are identical and two versions diff cleanly.
//
// The page: counts by severity; the findings (filter by severity, rule and
// text; sort; `j`/`k` or `]`/`[` to move; an anchor each), each with its
// claims side by side, the consensus, a chart and the reasons; then every
// document with its figures highlighted and the ones in findings linked to
// them (front matter shown muted). At phone width cards stack and charts
// scroll rather than shrink; dark mode follows prefers-color-scheme; every
// colour has a word or an icon beside it.
// tests/browser/test_report_browser.py renders it in headless Chromium.
#include <tally/report.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "report/present.hpp"
#include "report/sha256.hpp"

namespace tally::detail {

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\0': out += "\xEF\xBF\xBD"; break;
      default: out += ch;
    }
  }
  return out;
}

namespace {

// --- The page's style and script (their hashes go into the CSP) ---

constexpr std::string_view k_css = R"css(
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --panel: #fff; --text: #1b1e23; --muted: #5d6570; --line: #d8dce2;
  --accent: #2457a6; --soft: #eef1f5;
  --error: #b42318; --error-bg: #fdecea; --warning: #8a5300; --warning-bg: #fff3d6;
  --note: #175d8c; --note-bg: #e4f1fb;
  --mark: #ffe27a; --mark-text: #1b1e23; --fig: #e6edfb;
  --band: rgba(36, 87, 166, .13); --in: #2457a6; --out: #b42318;
  --added: #146c2e; --added-bg: #e6f4ea; --removed: #b42318; --removed-bg: #fdecea;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #14161a; --panel: #1c1f24; --text: #e4e7eb; --muted: #9ba4ae; --line: #343a42;
    --accent: #80aaff; --soft: #252a31;
    --error: #ff8f85; --error-bg: #3a1c1a; --warning: #ffc861; --warning-bg: #36290f;
    --note: #7fc3ff; --note-bg: #13283a;
    --mark: #6e5b10; --mark-text: #fff6d2; --fig: #243049;
    --band: rgba(128, 170, 255, .17); --in: #80aaff; --out: #ff8f85;
    --added: #7ad991; --added-bg: #15301e; --removed: #ff8f85; --removed-bg: #3a1c1a;
  }
}
* { box-sizing: border-box; }
html { scroll-padding-top: 1rem; }
body {
  margin: 0; background: var(--bg); color: var(--text); overflow-wrap: break-word;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
}
a { color: var(--accent); }
.wrap { max-width: 1120px; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; letter-spacing: -.01em; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; padding-bottom: .3rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0; }
.sub, .muted { color: var(--muted); }
.sub { margin: 0 0 1rem; }
code, kbd { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .88em; }
kbd { border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 0 .35em; background: var(--panel); }
.sev-error { --sevc: var(--error); --sevbg: var(--error-bg); }
.sev-warning { --sevc: var(--warning); --sevbg: var(--warning-bg); }
.sev-note { --sevc: var(--note); --sevbg: var(--note-bg); }
.kind-added { --sevc: var(--added); --sevbg: var(--added-bg); }
.kind-removed { --sevc: var(--removed); --sevbg: var(--removed-bg); }
.kind-changed { --sevc: var(--warning); --sevbg: var(--warning-bg); }

/* summary */
.counts { display: flex; flex-wrap: wrap; gap: .6rem; list-style: none; padding: 0; margin: 0 0 .5rem; }
.counts li {
  background: var(--panel); border: 1px solid var(--line); border-radius: 10px;
  padding: .55rem 1rem; min-width: 8.5rem; border-top: 4px solid var(--sevc, var(--line));
}
.counts .n { display: block; font-size: 1.7rem; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.counts .what { color: var(--muted); font-size: .9rem; }
.counts a { color: inherit; text-decoration: none; }
.counts li[data-count="0"] { border-top-color: var(--line); }
.counts li[data-count="0"] .n { color: var(--muted); }
.toc { display: flex; gap: 1.2rem; margin: .75rem 0 0; }

/* badges: a word and an icon, never colour alone */
.badge {
  display: inline-flex; align-items: center; gap: .3em; padding: .05em .6em; border-radius: 999px;
  font-weight: 650; font-size: .85rem; color: var(--sevc); background: var(--sevbg);
  border: 1px solid var(--sevc); white-space: nowrap;
}
.rule { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: .85rem; color: var(--muted); }

/* controls */
.controls {
  display: flex; flex-wrap: wrap; gap: .5rem 1.2rem; align-items: center;
  background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: .6rem .9rem; margin: 0 0 .5rem;
}
.controls fieldset { border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .2rem .8rem; align-items: center; }
.controls legend { float: left; margin-right: .5rem; font-weight: 600; }
.controls label { white-space: nowrap; }
.controls select, .controls input[type=search] {
  font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: .15rem .4rem;
}
.controls input[type=search] { width: 13rem; max-width: 100%; }
.controls output { margin-left: auto; color: var(--muted); }
.keys { margin: 0 0 1rem; color: var(--muted); font-size: .9rem; }

/* findings */
ol.items { list-style: none; padding: 0; margin: 0; }
.item {
  background: var(--panel); border: 1px solid var(--line); border-left: 6px solid var(--sevc);
  border-radius: 10px; padding: .9rem 1.1rem 1rem; margin: 0 0 1rem;
}
.item:target, .item.current { outline: 3px solid var(--accent); outline-offset: 2px; }
.item:focus { outline: 3px solid var(--accent); outline-offset: 2px; }
.fhead { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem .7rem; }
.fhead h3 { flex: 1 1 16rem; overflow-wrap: anywhere; }
.anchor { text-decoration: none; font-weight: 700; color: var(--muted); }
.anchor:hover { color: var(--accent); }
.message { margin: .45rem 0 .75rem; overflow-wrap: anywhere; }
.claims {
  display: grid; grid-template-columns: repeat(auto-fit, minmax(15.5rem, 1fr)); gap: 1px;
  background: var(--line); border: 1px solid var(--line); border-radius: 8px; overflow: hidden;
}
.claim { background: var(--panel); padding: .7rem .85rem; min-width: 0; }
.claim .who { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .2rem .6rem; }
.claim .who strong { overflow-wrap: anywhere; }
.claim time, .claim .where { color: var(--muted); font-size: .88rem; }
.claim .where { overflow-wrap: anywhere; }
.claim blockquote, .diffrow blockquote {
  margin: .45rem 0; padding: .45rem .6rem; background: var(--soft); border-radius: 6px;
  border-left: 3px solid var(--line); overflow-wrap: anywhere;
}
mark.fig {
  background: var(--mark); color: var(--mark-text); font-weight: 700; border-radius: 3px; padding: 0 .12em;
  text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 3px;
}
dl.vals { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .7rem; margin: .4rem 0 0; font-size: .92rem; }
dl.vals dt { color: var(--muted); }
dl.vals dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.verdict { margin: .45rem 0 0; font-size: .88rem; font-weight: 600; }
.verdict.in { color: var(--in); }
.verdict.out { color: var(--out); }
.consensus { margin: .7rem 0 0; padding: .45rem .7rem; border-radius: 6px; background: var(--soft); overflow-wrap: anywhere; }
.label { font-weight: 650; margin-right: .4rem; }
figure.chart { margin: .8rem 0 0; }
figure.chart svg { display: block; width: 100%; max-width: 820px; height: auto; }
figure.chart figcaption { color: var(--muted); font-size: .85rem; }
details.why { margin: .6rem 0 0; font-size: .92rem; }
details.why summary { cursor: pointer; color: var(--accent); }
details.why ul { margin: .3rem 0 0; padding-left: 1.2rem; overflow-wrap: anywhere; }
.fid { margin: .5rem 0 0; font-size: .82rem; color: var(--muted); }
.empty { padding: 1rem; background: var(--panel); border: 1px dashed var(--line); border-radius: 10px; }

/* charts */
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .grid { stroke: var(--line); stroke-width: 1; }
svg text { fill: var(--text); font-size: 12px; font-family: system-ui, sans-serif; }
svg text.tick, svg text.note { fill: var(--muted); font-size: 11px; }
svg .band { fill: var(--band); }
svg .cline { stroke: var(--accent); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .bar { stroke-width: 6; stroke-linecap: round; }
svg .bar.in { stroke: var(--in); }
svg .bar.out { stroke: var(--out); }
svg .pt { stroke: var(--panel); stroke-width: 2; }
svg .pt.in { fill: var(--in); }
svg .pt.out { fill: var(--out); }
svg .trend { fill: none; stroke: var(--accent); stroke-width: 2; }
svg .whisker { stroke: var(--accent); stroke-width: 1.5; }

/* documents */
details.doc { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; margin: 0 0 1rem; }
details.doc > summary { cursor: pointer; padding: .7rem 1rem; display: block; }
details.doc > summary::before { content: "▸ "; color: var(--muted); }
details.doc[open] > summary::before { content: "▾ "; }
details.doc > summary h3 { display: inline; }
details.doc > summary .muted { display: block; font-size: .88rem; overflow-wrap: anywhere; }
.doctext { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; padding: .2rem 1rem 1rem; font: inherit; line-height: 1.7; }
.doctext mark.fig { background: var(--fig); color: inherit; font-weight: 600; text-decoration: underline dotted; }
.doctext mark.fig.flagged { background: var(--mark); color: var(--mark-text); text-decoration: underline solid; }
.doctext mark.fig:target { outline: 3px solid var(--accent); }
.doctext .frontmatter { color: var(--muted); font-size: .88em; }
.flag { font-size: .75rem; font-weight: 700; margin-left: .15em; vertical-align: super; line-height: 0; white-space: nowrap; }
.flag a { color: var(--sevc); text-decoration: none; border: 1px solid var(--sevc); border-radius: 4px; padding: 0 .25em; background: var(--sevbg); }

/* diff */
.diffrow { display: grid; grid-template-columns: 1fr 1fr; gap: 1px; background: var(--line); border: 1px solid var(--line); border-radius: 8px; overflow: hidden; margin-top: .6rem; }
.diffrow > div { background: var(--panel); padding: .6rem .8rem; min-width: 0; }
.diffrow .side { font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.diffrow .none { color: var(--muted); font-style: italic; }
.arrow { font-weight: 700; }
.doclist { margin: .2rem 0 1rem; }

footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }

@media (max-width: 640px) {
  body { font-size: 14.5px; }
  .wrap { padding: .8rem .7rem 2rem; }
  .counts li { min-width: calc(50% - .3rem); flex: 1 1 calc(50% - .3rem); }
  .item { padding: .7rem .75rem; }
  .controls output { margin-left: 0; }
  .diffrow { grid-template-columns: 1fr; }
  /* A chart shrunk to a phone's width has unreadable labels: keep it legible and let it scroll. */
  figure.chart { overflow-x: auto; }
  figure.chart svg { min-width: 600px; }
}
@media print {
  .controls, .keys { display: none !important; }
  .item, details.doc { break-inside: avoid; }
}
)css";

// Filters, sorting and keyboard navigation. Works on any page with an
// `ol#items` of `.item`s and a `#controls` form: the report and the diff.
// It reads only the page's own data attributes and never writes HTML.
constexpr std::string_view k_script = R"js(
(function () {
  'use strict';
  // Set only here, once the page's own script has run: a browser test looks for it.
  function ready() { document.documentElement.setAttribute('data-tally-script', 'ready'); }

  // The element the URL's fragment names, with every <details> around it
  // opened: a link from a finding may point into a closed document.
  function target() {
    var id = location.hash.slice(1);
    if (!id) return null;
    try { id = decodeURIComponent(id); } catch (e) { return null; }
    var el = document.getElementById(id);
    if (!el) return null;
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === 'DETAILS') p.open = true;
    }
    return el;
  }

  var list = document.getElementById('items');
  var controls = document.getElementById('controls');
  if (!list || !controls) {
    var open = function () {
      var el = target();
      if (el) el.scrollIntoView({block: 'start'});
    };
    window.addEventListener('hashchange', open);
    open();
    ready();
    return;
  }
  var items = Array.prototype.slice.call(list.children);
  var shown = document.getElementById('shown');
  var none = document.getElementById('none');
  var search = document.getElementById('q');
  var sortBy = document.getElementById('sort');
  var current = null;
  controls.hidden = false;
  var keys = document.getElementById('keys');
  if (keys) keys.hidden = false;

  function apply() {
    var groups = {};
    controls.querySelectorAll('input[type=checkbox][data-filter]').forEach(function (box) {
      var g = groups[box.dataset.filter] || (groups[box.dataset.filter] = {});
      g[box.value] = box.checked;
    });
    var selects = {};
    controls.querySelectorAll('select[data-filter]').forEach(function (s) {
      selects[s.dataset.filter] = s.value;
    });
    var q = search ? search.value.trim().toLowerCase() : '';
    var n = 0;
    items.forEach(function (it) {
      var ok = true;
      Object.keys(groups).forEach(function (k) {
        if (groups[k][it.dataset[k]] === false) ok = false;
      });
      Object.keys(selects).forEach(function (k) {
        if (selects[k] && it.dataset[k] !== selects[k]) ok = false;
      });
      if (ok && q && it.textContent.toLowerCase().indexOf(q) < 0) ok = false;
      it.hidden = !ok;
      if (ok) n++;
    });
    if (shown) shown.textContent = n + ' of ' + items.length + ' shown';
    if (none) none.hidden = n > 0;
  }

  function byOrder(a, b) { return a.dataset.order - b.dataset.order; }
  function byText(key) {
    return function (a, b) {
      return (a.dataset[key] || '').localeCompare(b.dataset[key] || '') || byOrder(a, b);
    };
  }
  var orders = {
    severity: function (a, b) { return b.dataset.rank - a.dataset.rank || byOrder(a, b); },
    order: byOrder,
    subject: byText('subject'),
    rule: byText('rule'),
    spread: function (a, b) {
      return (parseFloat(b.dataset.spread) || 0) - (parseFloat(a.dataset.spread) || 0) || byOrder(a, b);
    }
  };
  function sort() {
    var cmp = orders[sortBy.value] || byOrder;
    items.slice().sort(cmp).forEach(function (it) { list.appendChild(it); });
  }

  function select(it, scroll) {
    if (current) current.classList.remove('current');
    current = it;
    it.classList.add('current');
    if (scroll) {
      it.focus({preventScroll: true});
      it.scrollIntoView({block: 'start'});
      try { history.replaceState(null, '', '#' + it.id); } catch (e) { /* file: URLs may refuse */ }
    }
  }
  function move(step) {
    var vis = Array.prototype.filter.call(list.children, function (it) { return !it.hidden; });
    if (!vis.length) return;
    var i = vis.indexOf(current);
    if (i < 0) {
      // Start from where the reader is: the first item below the top of the window.
      i = step > 0 ? vis.length - 1 : vis.length;
      for (var k = 0; k < vis.length; k++) {
        if (vis[k].getBoundingClientRect().top > 2) { i = step > 0 ? k - 1 : k; break; }
      }
    }
    select(vis[Math.min(vis.length - 1, Math.max(0, i + step))], true);
  }
  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)) {
      if (e.key === 'Escape') t.blur();
      return;
    }
    if (e.key === 'j' || e.key === ']') { move(1); e.preventDefault(); }
    else if (e.key === 'k' || e.key === '[') { move(-1); e.preventDefault(); }
    else if (e.key === '/' && search) { search.focus(); e.preventDefault(); }
  });

  // A link from the document view may point at a finding the filters hide:
  // show it.
  function reveal() {
    var el = target();
    if (!el) return;
    var it = el.closest('.item');
    if (it && it.hidden) {
      controls.reset();
      apply();
    }
    if (it && it.parentElement === list) select(it, false);
    el.scrollIntoView({block: 'start'});
  }

  controls.addEventListener('submit', function (e) { e.preventDefault(); });
  controls.addEventListener('input', apply);
  controls.addEventListener('change', apply);
  if (sortBy) sortBy.addEventListener('change', sort);
  window.addEventListener('hashchange', reveal);
  sort();
  apply();
  reveal();
  ready();
})();
)js";

std::string csp_hash(std::string_view content) {
  return "'sha256-" + base64(sha256(content)) + "'";
}

using detail::html_escape;
std::string esc(std::string_view s) { return html_escape(s); }

template <class... Args>
void put(std::string& out, fmt::format_string<Args...> f, Args&&... args) {
  fmt::format_to(std::back_inserter(out), f, std::forward<Args>(args)...);
}

std::string_view severity_icon(Severity s) {
  switch (s) {
    case Severity::error: return "✖";
    case Severity::warning: return "▲";
    case Severity::note: return "ℹ";
  }
  return "";
}

int severity_rank(Severity s) { return static_cast<int>(s); }

std::string badge(Severity s) {
  return fmt::format(R"(<span class="badge sev-{0}"><span aria-hidden="true">{1}</span> {0}</span>)",
                     to_string(s), severity_icon(s));
}

// Ids for anchors: the finding id is a hex fingerprint, but nothing stops a
// reconciler (or a claims file) from using other characters, and two
// findings must never share an anchor.
class AnchorNames {
 public:
  std::string take(std::string_view prefix, std::string_view raw) {
    std::string name(prefix);
    for (char ch : raw) {
      const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                      ch == '-' || ch == '_';
      name += ok ? ch : '_';
    }
    std::string unique = name;
    for (int n = 2; !used_.insert(unique).second; ++n) unique = fmt::format("{}-{}", name, n);
    return unique;
  }

 private:
  std::set<std::string> used_;
};

std::string claim_anchor(std::size_t index) { return fmt::format("c-{}", index); }

std::string who(const Claim& c) { return (c.source.empty() ? c.doc : c.source).str(); }

// A consensus that no source agrees with (every claim is an outlier) is only
// a weighted middle: the page says there is none rather than draw a band no
// claim touches and call every claim an outlier.
std::optional<Consensus> agreed(std::optional<Consensus> c) {
  if (c && c->support == 0) return std::nullopt;
  return c;
}

// --- Charts ---

constexpr double k_chart_width = 720;

// A value axis, linear or logarithmic, mapping values onto [px0, px1].
struct Axis {
  double lo = 0;
  double hi = 1;
  bool log = false;
  double px0 = 0;
  double px1 = 1;

  double t(double v) const {
    if (log) return (std::log10(std::max(v, lo)) - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
    return (v - lo) / (hi - lo);
  }
  double at(double v) const { return px0 + std::clamp(t(v), 0.0, 1.0) * (px1 - px0); }
};

// Log scale when the figures span more than 10x (and are all positive), so a
// 3,000 next to a 300,000 is not a dot squashed against the axis.
Axis make_axis(const std::vector<double>& values, double px0, double px1) {
  Axis a;
  a.px0 = px0;
  a.px1 = px1;
  double lo = INFINITY;
  double hi = -INFINITY;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  if (!std::isfinite(lo)) {
    a.lo = 0;
    a.hi = 1;
    return a;
  }
  if (lo > 0 && hi / lo > 10) {
    a.log = true;
    const double pad = (std::log10(hi) - std::log10(lo)) * 0.06;
    a.lo = std::pow(10, std::log10(lo) - pad);
    a.hi = std::pow(10, std::log10(hi) + pad);
    return a;
  }
  double span = hi - lo;
  if (span == 0) span = lo == 0 ? 1 : std::fabs(lo) * 0.2;
  a.lo = lo - span * 0.08;
  a.hi = hi + span * 0.08;
  if (lo >= 0 && a.lo < 0) a.lo = 0;
  if (a.hi == a.lo) a.hi = a.lo + 1;
  return a;
}

std::vector<double> ticks(const Axis& a) {
  std::vector<double> out;
  if (a.log) {
    const int first = static_cast<int>(std::ceil(std::log10(a.lo) - 1e-9));
    const int last = static_cast<int>(std::floor(std::log10(a.hi) + 1e-9));
    const bool fine = last - first < 2;  // few decades: 2x and 5x steps too
    for (int e = first - 1; e <= last; ++e)
      for (double m : {1.0, 2.0, 5.0}) {
        if (m != 1.0 && !fine) continue;
        const double v = m * std::pow(10, e);
        if (v >= a.lo && v <= a.hi) out.push_back(v);
      }
    return out;
  }
  const double raw = (a.hi - a.lo) / 5;
  const double p = std::pow(10, std::floor(std::log10(raw)));
  double step = p;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * p >= raw) {
      step = m * p;
      break;
    }
  for (double v = std::ceil(a.lo / step) * step; v <= a.hi + step * 1e-9; v += step)
    out.push_back(std::fabs(v) < step * 1e-9 ? 0 : v);
  return out;
}

// The figures of a finding as one picture: each claim's interval on a shared
// axis (an open end runs to the edge with an arrow), its stated point, and
// the consensus as a band across all rows.
std::string interval_chart(const Finding& f, const std::vector<std::size_t>& shown,
                           const std::vector<Claim>& claims, const std::string& unit) {
  constexpr double label_w = 170;
  constexpr double row_h = 30;
  constexpr double top = 24;
  const double right = k_chart_width - 60;
  const double height = top + row_h * static_cast<double>(shown.size()) + 34;

  const std::optional<Consensus> cons = agreed(consensus_in(f, claims, unit));
  std::vector<double> values;
  for (std::size_t i : shown) {
    const Interval iv = compared_interval(f, i, claims[i]);
    if (iv.low) values.push_back(*iv.low);
    if (iv.high) values.push_back(*iv.high);
    if (auto p = point_in(claims[i], unit)) values.push_back(*p);
  }
  if (cons) {
    values.push_back(cons->low);
    values.push_back(cons->high);
  }
  const Axis axis = make_axis(values, label_w, right);

  std::string svg;
  const double bottom = top + row_h * static_cast<double>(shown.size());
  put(svg, R"(<svg viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">)",
      k_chart_width, height,
      esc(fmt::format("Each source's interval{} on one {} axis{}", unit.empty() ? "" : fmt::format(" in {}", unit),
                      axis.log ? "logarithmic" : "linear", cons ? ", with the consensus as a band" : "")));
  for (double v : ticks(axis)) {
    const double x = axis.at(v);
    put(svg, R"(<line class="grid" x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}"/>)", x, top - 6, bottom);
    put(svg, R"(<text class="tick" x="{:.1f}" y="{}" text-anchor="middle">{}</text>)", x, bottom + 16,
        esc(format_compact(v)));
  }
  put(svg, R"(<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>)", label_w, bottom, right, bottom);
  put(svg, R"(<text class="note" x="{}" y="{}" text-anchor="end">{}{}</text>)", label_w - 10, bottom + 16,
      esc(unit.empty() ? std::string() : fmt::format("{} · ", unit)), axis.log ? "log scale" : "linear scale");

  if (cons) {
    const double x0 = axis.at(cons->low);
    const double x1 = axis.at(cons->high);
    put(svg, R"(<rect class="band" x="{:.1f}" y="{}" width="{:.1f}" height="{}"><title>{}</title></rect>)",
        x0, top - 6, std::max(x1 - x0, 2.0), bottom - top + 6,
        esc("consensus " + format_consensus(*f.consensus)));
    const double xc = axis.at(cons->value);
    put(svg, R"(<line class="cline" x1="{0:.1f}" y1="{1}" x2="{0:.1f}" y2="{2}"/>)", xc, top - 6, bottom);
    put(svg, R"(<text class="note" x="{:.1f}" y="{}" text-anchor="middle">consensus {}</text>)", xc, top - 10,
        esc(with_unit(format_number(f.consensus->value), f.consensus->unit)));
  }

  // Rows are named by source; when sources repeat (parts of one sentence),
  // by where the figure is, which the claim's card shows too.
  std::vector<std::string> labels;
  for (std::size_t i : shown) labels.push_back(trim_chars(clean_text(who(claims[i])), 24, false));
  const std::vector<std::string> names = labels;
  for (std::size_t r = 0; r < shown.size(); ++r)
    if (std::count(names.begin(), names.end(), names[r]) > 1)
      labels[r] = trim_chars(clean_text(claim_location(claims[shown[r]])), 24, true);

  for (std::size_t r = 0; r < shown.size(); ++r) {
    const Claim& c = claims[shown[r]];
    const Interval iv = compared_interval(f, shown[r], c);
    const double y = top + row_h * (static_cast<double>(r) + 0.5);
    const bool agrees = !cons || overlaps(iv, cons->low, cons->high);
    const char* cls = agrees ? "in" : "out";
    put(svg, R"(<text x="{}" y="{:.1f}" text-anchor="end">{}</text>)", label_w - 10, y + 4, esc(labels[r]));
    const double x0 = iv.low ? axis.at(*iv.low) : axis.px0;
    const double x1 = iv.high ? axis.at(*iv.high) : axis.px1;
    put(svg, R"(<line class="bar {}" x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}"><title>{}</title></line>)",
        cls, x0, y, std::max(x1, x0 + 0.5), y, esc(format_interval(iv.low, iv.high, unit)));
    if (!iv.low) put(svg, R"(<path class="pt {}" d="M{:.1f} {:.1f}l8 -6v12z"/>)", cls, x0 - 6, y);
    if (!iv.high) put(svg, R"(<path class="pt {}" d="M{:.1f} {:.1f}l-8 -6v12z"/>)", cls, x1 + 6, y);
    const std::optional<double> point = point_in(c, unit);
    if (point)
      put(svg, R"(<circle class="pt {}" cx="{:.1f}" cy="{:.1f}" r="5.5"/>)", cls, axis.at(*point), y);
    // An open interval is labelled as one ("≥ 4,100"), not by its point at the far end.
    const std::string value =
        point && iv.low && iv.high ? format_number(*point) : format_interval(iv.low, iv.high, "");
    put(svg, R"(<text x="{:.1f}" y="{:.1f}">{}{}</text>)", std::min(x1, right) + 10, y + 4,
        agrees ? "" : "✖ ", esc(value));
  }
  svg += "</svg>";
  return svg;
}

// Days since 1970-01-01 of an ISO date ("2024-10-17", "2024-10", "2024",
// "2024-10-01/2024-10-31" takes its start); nullopt when it is not one.
std::optional<double> iso_days(std::string_view s) {
  auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    if (at + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  const std::optional<int> y = digits(0, 4);
  if (!y) return std::nullopt;
  int m = 1;
  int d = 1;
  if (s.size() >= 7 && s[4] == '-') {
    if (auto mm = digits(5, 2)) m = *mm; else return std::nullopt;
    if (s.size() >= 10 && s[7] == '-') {
      if (auto dd = digits(8, 2)) d = *dd; else return std::nullopt;
    }
  } else if (s.size() > 4 && s[4] != '/') {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  // Howard Hinnant's days_from_civil.
  const int yy = *y - (m <= 2);
  const int era = (yy >= 0 ? yy : yy - 399) / 400;
  const int yoe = yy - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<double>(era * 146097 + doe - 719468);
}

// The date a claim's figure is about: its period when that is a date, else
// the date of its document.
std::optional<std::pair<double, std::string>> claim_time(const Claim& c) {
  for (const std::optional<SmallString>* s : {&c.mention.period, &c.date})
    if (*s)
      if (auto d = iso_days(**s)) return std::pair(*d, (*s)->substr(0, std::min<std::size_t>((*s)->size(), 10)));
  return std::nullopt;
}

// For drift: the figure over time, dates across, values up, each claim's
// interval as a whisker.
std::string drift_chart(const Finding& f, const std::vector<std::size_t>& shown,
                        const std::vector<Claim>& claims, const std::string& unit) {
  struct Point {
    double day;
    std::string date;
    std::size_t claim;
    double value;
  };
  std::vector<Point> points;
  for (std::size_t i : shown) {
    const auto t = claim_time(claims[i]);
    const std::optional<double> v = point_in(claims[i], unit);
    if (t && v) points.push_back({t->first, t->second, i, *v});
  }
  std::stable_sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.day < b.day; });

  constexpr double left = 70;
  constexpr double top = 18;
  constexpr double plot_h = 190;
  const double right = k_chart_width - 40;
  const double bottom = top + plot_h;

  std::vector<double> values;
  for (const Point& p : points) {
    const Interval iv = compared_interval(f, p.claim, claims[p.claim]);
    values.push_back(p.value);
    if (iv.low) values.push_back(*iv.low);
    if (iv.high) values.push_back(*iv.high);
  }
  const Axis y_axis = make_axis(values, bottom, top);
  Axis x_axis;
  x_axis.lo = points.front().day;
  x_axis.hi = points.back().day;
  if (x_axis.hi == x_axis.lo) {
    x_axis.lo -= 1;
    x_axis.hi += 1;
  }
  const double pad = (x_axis.hi - x_axis.lo) * 0.06;
  x_axis.lo -= pad;
  x_axis.hi += pad;
  x_axis.px0 = left;
  x_axis.px1 = right;

  std::string svg;
  put(svg, R"(<svg viewBox="0 0 {} {}" role="img" aria-label="{}" xmlns="http://www.w3.org/2000/svg">)",
      k_chart_width, bottom + 40,
      esc(fmt::format("The figure over time, {} to {}", points.front().date, points.back().date)));
  for (double v : ticks(y_axis)) {
    const double y = y_axis.at(v);
    put(svg, R"(<line class="grid" x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}"/>)", left, y, right, y);
    put(svg, R"(<text class="tick" x="{}" y="{:.1f}" text-anchor="end">{}</text>)", left - 6, y + 4,
        esc(format_compact(v)));
  }
  put(svg, R"(<line class="axis" x1="{0}" y1="{1}" x2="{2}" y2="{1}"/>)", left, bottom, right);
  put(svg, R"(<text class="note" x="{}" y="{}" text-anchor="end">{}{}</text>)", right, bottom + 36,
      esc(unit.empty() ? std::string() : fmt::format("{} · ", unit)), y_axis.log ? "log scale" : "linear scale");

  // Date labels: every distinct date when there are few, else first, middle, last.
  std::vector<const Point*> labelled;
  for (const Point& p : points)
    if (labelled.empty() || labelled.back()->date != p.date) labelled.push_back(&p);
  if (labelled.size() > 6) labelled = {labelled.front(), labelled[labelled.size() / 2], labelled.back()};
  for (const Point* p : labelled)
    put(svg, R"(<text class="tick" x="{:.1f}" y="{}" text-anchor="middle">{}</text>)", x_axis.at(p->day),
        bottom + 18, esc(p->date));

  std::string path;
  for (const Point& p : points)
    put(path, "{}{:.1f} {:.1f}", path.empty() ? "M" : " L", x_axis.at(p.day),
        y_axis.at(p.value));
  put(svg, R"(<path class="trend" d="{}"/>)", path);
  for (const Point& p : points) {
    const Claim& c = claims[p.claim];
    const Interval iv = compared_interval(f, p.claim, c);
    const double x = x_axis.at(p.day);
    const double y = y_axis.at(p.value);
    if (iv.low || iv.high)
      put(svg, R"(<line class="whisker" x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}"/>)", x,
          iv.low ? y_axis.at(*iv.low) : bottom, iv.high ? y_axis.at(*iv.high) : top);
    put(svg, R"(<circle class="pt in" cx="{:.1f}" cy="{:.1f}" r="5.5"><title>{}</title></circle>)", x, y,
        esc(fmt::format("{} ({}): {}", clean_text(who(c)), p.date, format_norm(c.mention))));
    // Value and source above the point, kept inside the plot at either end.
    const char* anchor = x < left + 60 ? "start" : x > right - 60 ? "end" : "middle";
    put(svg, R"(<text x="{:.1f}" y="{:.1f}" text-anchor="{}">{} <tspan class="tick">{}</tspan></text>)",
        x + (anchor[0] == 's' ? -6 : anchor[0] == 'e' ? 6 : 0), y - 10, anchor, esc(format_number(p.value)),
        esc(trim_chars(clean_text(who(c)), 20, false)));
  }
  svg += "</svg>";
  return svg;
}

std::string chart(const Finding& f, const std::vector<std::size_t>& shown, const std::vector<Claim>& claims) {
  if (shown.empty()) return "";
  const std::string unit = comparison_unit(f, claims);
  std::set<double> days;
  for (std::size_t i : shown)
    if (auto t = claim_time(claims[i]); t && point_in(claims[i], unit)) days.insert(t->first);
  if (f.rule == "drift" && days.size() >= 2)
    return fmt::format(R"(<figure class="chart">{}<figcaption>The figure over time: each point is a claim at its date, the whisker its compared interval.</figcaption></figure>)",
                       drift_chart(f, shown, claims, unit));
  const bool band = agreed(consensus_in(f, claims, unit)).has_value();
  return fmt::format(R"(<figure class="chart">{}<figcaption>Each source's compared interval on one axis{}.</figcaption></figure>)",
                     interval_chart(f, shown, claims, unit),
                     band ? "; the band is the consensus, ✖ marks a claim outside it" : "");
}

// --- Findings ---

struct ClaimLinks {
  std::set<std::size_t> in_views;  // claims that the document view shows (link targets)
};

std::string claim_card(const Finding& f, std::size_t index, const std::vector<Claim>& claims_all,
                       const ClaimLinks& links) {
  const Claim& c = claims_all[index];
  std::string h;
  h += R"(<div class="claim">)";
  put(h, R"(<div class="who"><strong>{}</strong>)", esc(who(c)));
  if (c.date) put(h, R"(<time datetime="{0}">{0}</time>)", esc(*c.date));
  h += "</div>";
  if (links.in_views.count(index))
    put(h, R"(<div class="where"><a href="#{}" title="Show in the document">{}</a></div>)",
        claim_anchor(index), esc(claim_location(c)));
  else
    put(h, R"(<div class="where">{}</div>)", esc(claim_location(c)));
  put(h, "<blockquote>{}</blockquote>", html_sentence(c, "fig"));

  const Mention& m = c.mention;
  h += R"(<dl class="vals">)";
  std::string stated = esc(clean_text(m.text));
  if (m.qualifier != Qualifier::exact) stated += fmt::format(" <span class=\"muted\">· {}</span>", as_words(to_string(m.qualifier)));
  put(h, "<dt>stated</dt><dd>{}</dd>", stated);
  put(h, "<dt>normalised</dt><dd>{}</dd>", esc(format_norm(m)));
  if (const ClaimExplanation* e = explanation_for(f, index)) {
    const Interval iv = explained_interval(*e);
    put(h, "<dt>compared as</dt><dd>{}", esc(format_interval(iv.low, iv.high, e->unit.empty() ? m.norm_unit : e->unit)));
    if (!e->tolerance.empty()) put(h, " <span class=\"muted\">({})</span>", esc(e->tolerance));
    h += "</dd>";
  }
  if (m.modality != Modality::asserted) put(h, "<dt>modality</dt><dd>{}</dd>", to_string(m.modality));
  if (m.period) put(h, "<dt>period</dt><dd>{}</dd>", esc(*m.period));
  if (m.attribution) put(h, "<dt>attributed to</dt><dd>{}</dd>", esc(*m.attribution));
  h += "</dl>";
  if (const std::optional<Consensus> cons = agreed(consensus_in(f, claims_all, comparison_unit(f, claims_all)))) {
    if (overlaps(compared_interval(f, index, c), cons->low, cons->high))
      h += R"(<p class="verdict in"><span aria-hidden="true">✔</span> agrees with the consensus</p>)";
    else
      h += R"(<p class="verdict out"><span aria-hidden="true">✖</span> outside the consensus</p>)";
  }
  h += "</div>";
  return h;
}

std::string why_list(const Finding& f, const std::vector<Claim>& claims) {
  const Explanation& e = f.explanation;
  std::string items;
  for (const std::string& m : e.matched) put(items, "<li>grouped because: {}</li>", esc(m));
  const std::string unit = comparison_unit(f, claims);
  for (const ClaimExplanation& ce : e.intervals) {
    const std::string name = ce.claim < claims.size() ? who(claims[ce.claim]) : fmt::format("claim {}", ce.claim);
    const Interval iv = explained_interval(ce);
    put(items, "<li>{} compared as {}{}</li>", esc(name), esc(format_interval(iv.low, iv.high, ce.unit.empty() ? unit : ce.unit)),
        ce.tolerance.empty() ? std::string() : esc(fmt::format(" ({})", ce.tolerance)));
  }
  if (e.ratio) put(items, "<li>ratio between the nearest ends: {:.3g}×</li>", *e.ratio);
  if (!e.severity_reason.empty()) put(items, "<li>severity: {}</li>", esc(e.severity_reason));
  if (items.empty()) return "";
  return fmt::format(R"(<details class="why"><summary>Why this finding</summary><ul>{}</ul></details>)", items);
}

std::string finding_item(const Finding& f, std::size_t order, const std::string& anchor,
                         const std::vector<Claim>& claims, const ClaimLinks& links) {
  const std::vector<std::size_t> shown = finding_claims(f, claims);
  std::string h;
  put(h,
      R"(<li class="item finding sev-{0}" id="{1}" tabindex="-1" data-severity="{0}" data-rank="{2}" )"
      R"(data-rule="{3}" data-order="{4}" data-subject="{5}" data-spread="{6}">)",
      to_string(f.severity), anchor, severity_rank(f.severity), esc(f.rule), order, esc(f.subject),
      f.explanation.ratio && std::isfinite(*f.explanation.ratio) ? fmt::format("{:.6g}", *f.explanation.ratio)
                                                                 : std::string("0"));
  put(h, R"(<div class="fhead">{}<span class="rule">{}</span><h3>{}</h3>)", badge(f.severity), esc(f.rule),
      esc(f.subject.empty() ? std::string("(no subject)") : f.subject));
  put(h, R"(<a class="anchor" href="#{0}" title="Link to this finding" aria-label="Link to this finding">#</a></div>)",
      anchor);
  put(h, R"(<p class="message">{}</p>)", esc(f.message));
  h += R"(<div class="claims">)";
  for (std::size_t i : shown) h += claim_card(f, i, claims, links);
  h += "</div>";
  if (f.consensus && f.consensus->support > 0)
    put(h, R"(<p class="consensus"><span class="label">Consensus</span>{}</p>)",
        esc(format_consensus(*f.consensus)));
  else if (f.consensus)
    put(h, R"(<p class="consensus"><span class="label">No consensus</span>the sources disagree; none agrees )"
           R"(with their weighted middle, {}</p>)",
        esc(with_unit(format_number(f.consensus->value), f.consensus->unit)));
  h += chart(f, shown, claims);
  h += why_list(f, claims);
  put(h, R"(<p class="fid">finding id <code>{}</code></p>)", esc(f.id));
  h += "</li>\n";
  return h;
}

// Severity-first, then the reconciler's own order: the static page reads
// well without script, and the script's "severity" sort gives the same.
std::vector<std::size_t> display_order(const std::vector<Finding>& findings) {
  std::vector<std::size_t> order(findings.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return severity_rank(findings[a].severity) > severity_rank(findings[b].severity);
  });
  return order;
}

void write_summary(std::ostream& out, const CheckRun& run, const RunData& data) {
  const SeverityCounts n = count_severities(data.findings);
  out << R"(<ul class="counts" aria-label="Summary">)";
  out << fmt::format(R"(<li><span class="n">{}</span><span class="what">{}</span></li>)", run.documents,
                     run.documents == 1 ? "document" : "documents");
  out << fmt::format(R"(<li><span class="n">{}</span><span class="what">{}</span></li>)", data.claims.size(),
                     data.claims.size() == 1 ? "claim" : "claims");
  out << fmt::format(R"(<li><span class="n">{}</span><span class="what">{}</span></li>)", data.subjects,
                     data.subjects == 1 ? "subject" : "subjects");
  for (auto [sev, count, one, many] :
       {std::tuple{Severity::error, n.error, "error", "errors"},
        std::tuple{Severity::warning, n.warning, "warning", "warnings"},
        std::tuple{Severity::note, n.note, "note", "notes"}})
    out << fmt::format(
        R"(<li class="sev-{0}" data-count="{1}"><span class="n">{1}</span><span class="what"><span aria-hidden="true">{2}</span> {3}</span></li>)",
        to_string(sev), count, severity_icon(sev), count == 1 ? one : many);
  out << "</ul>\n";
}

void write_controls(std::ostream& out, const std::vector<Finding>& findings) {
  const SeverityCounts n = count_severities(findings);
  std::map<std::string, std::size_t> rules;
  for (const Finding& f : findings) ++rules[f.rule];
  out << R"(<form id="controls" class="controls" hidden><fieldset><legend>Show</legend>)";
  for (auto [sev, count] : {std::pair{Severity::error, n.error}, std::pair{Severity::warning, n.warning},
                            std::pair{Severity::note, n.note}})
    out << fmt::format(
        R"(<label class="sev-{0}"><input type="checkbox" data-filter="severity" value="{0}" checked> <span aria-hidden="true">{1}</span> {0} ({2})</label>)",
        to_string(sev), severity_icon(sev), count);
  out << R"(</fieldset><label>Rule <select data-filter="rule"><option value="">all rules</option>)";
  for (const auto& [rule, count] : rules)
    out << fmt::format(R"(<option value="{0}">{0} ({1})</option>)", esc(rule), count);
  out << R"(</select></label>)"
         R"(<label>Sort <select id="sort"><option value="severity">severity</option>)"
         R"(<option value="order">input order</option><option value="subject">subject</option>)"
         R"(<option value="rule">rule</option><option value="spread">spread (ratio)</option></select></label>)"
         R"(<label>Find <input type="search" id="q" placeholder="subject, source, words" aria-label="Find in findings"></label>)"
         R"(<output id="shown" aria-live="polite"></output></form>)"
         "\n"
         R"(<p id="keys" class="keys" hidden>Keys: <kbd>j</kbd> or <kbd>]</kbd> next finding, )"
         R"(<kbd>k</kbd> or <kbd>[</kbd> previous, <kbd>/</kbd> find, <kbd>Esc</kbd> leave the field.</p>)"
         "\n";
}

// --- Document view ---

// The length of a front matter block at the start of `raw` ("---" lines
// around `key: value` lines, as the corpus reader takes them), or 0. The view
// keeps it, since offsets point into the whole file, but shows it muted.
std::size_t front_matter_length(std::string_view raw) {
  auto line_end = [&](std::size_t from) {
    const std::size_t nl = raw.find('\n', from);
    return nl == std::string_view::npos ? raw.size() : nl + 1;
  };
  auto is_fence = [&](std::size_t from, std::size_t to) {
    std::string_view line = raw.substr(from, to - from);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
    return line == "---";
  };
  if (raw.substr(0, 3) != "---" || !is_fence(0, line_end(0))) return 0;
  for (std::size_t at = line_end(0); at < raw.size(); at = line_end(at))
    if (is_fence(at, line_end(at))) return line_end(at);
  return 0;
}

struct Flag {
  std::string anchor;
  Severity severity;
  std::string rule;
};

void write_document(std::ostream& out, const DocumentView& view, std::size_t number,
                    const std::vector<Claim>& claims, const std::map<std::size_t, std::vector<Flag>>& flags) {
  std::size_t flagged = 0;
  for (std::size_t i : view.claims) flagged += flags.count(i);
  const DocumentMeta& meta = view.meta;
  std::string heading = meta.title ? *meta.title : meta.id;
  std::string info;
  for (const std::string* part : {&meta.source, meta.date ? &*meta.date : nullptr, meta.title ? &meta.id : nullptr})
    if (part && !part->empty()) info += *part + " · ";
  out << fmt::format(R"(<details class="doc" id="doc-{}"{}><summary><h3>{}</h3><span class="muted">{}{} {}, {} in findings)",
                     number, flagged ? " open" : "", esc(heading), esc(info), view.claims.size(),
                     view.claims.size() == 1 ? "figure" : "figures", flagged);
  // Only web links become links; a javascript: or data: URL stays text.
  if (meta.url && (meta.url->rfind("https://", 0) == 0 || meta.url->rfind("http://", 0) == 0))
    out << fmt::format(R"( · <a href="{0}" rel="noopener noreferrer nofollow">{0}</a>)", esc(*meta.url));
  else if (meta.url)
    out << " · " << esc(*meta.url);
  out << "</span></summary>\n<div class=\"doctext\">";

  const std::string& raw = view.raw;
  std::size_t pos = 0;
  const std::size_t fm = front_matter_length(raw);
  const bool fm_clear = std::none_of(view.claims.begin(), view.claims.end(), [&](std::size_t i) {
    return i < claims.size() && claims[i].mention.start < fm;
  });
  if (fm > 0 && fm_clear) {
    out << R"(<span class="frontmatter">)" << esc(std::string_view(raw).substr(0, fm)) << "</span>";
    pos = fm;
  }
  for (std::size_t i : view.claims) {
    if (i >= claims.size()) continue;
    const Mention& m = claims[i].mention;
    // Overlapping or out-of-range figures are not marked, rather than corrupt the text.
    if (m.start < pos || m.end < m.start || m.end > raw.size()) continue;
    out << esc(std::string_view(raw).substr(pos, m.start - pos));
    const std::string text = esc(std::string_view(raw).substr(m.start, m.end - m.start));
    const std::string title = esc(fmt::format("{} · {}", format_norm(m), claims[i].mention.subject));
    auto it = flags.find(i);
    if (it == flags.end()) {
      out << fmt::format(R"(<mark class="fig" id="{}" title="{}">{}</mark>)", claim_anchor(i), title, text);
    } else {
      const Flag& worst = *std::max_element(it->second.begin(), it->second.end(), [](const Flag& a, const Flag& b) {
        return severity_rank(a.severity) < severity_rank(b.severity);
      });
      out << fmt::format(R"(<mark class="fig flagged sev-{}" id="{}" title="{}"><a href="#{}">{}</a></mark>)",
                         to_string(worst.severity), claim_anchor(i), title, worst.anchor, text);
      for (const Flag& fl : it->second)
        out << fmt::format(
            R"(<span class="flag sev-{0}"><a href="#{1}" title="{0}: {2} — go to the finding"><span aria-hidden="true">{3}</span> {2}</a></span>)",
            to_string(fl.severity), fl.anchor, esc(fl.rule), severity_icon(fl.severity));
    }
    pos = m.end;
  }
  out << esc(std::string_view(raw).substr(std::min(pos, raw.size())));
  out << "</div></details>\n";
}

}  // namespace

std::string html_sentence(const Claim& c, std::string_view mark_class) {
  const SentenceParts p = sentence_excerpt(c, 400);
  return fmt::format(R"({}<mark class="{}">{}</mark>{})", esc(p.before), esc(mark_class), esc(p.figure),
                     esc(p.after));
}

void write_html_head(std::ostream& out, std::string_view title) {
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << fmt::format(
             "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src {}; "
             "script-src {}; img-src data:; base-uri 'none'; form-action 'none'\">\n",
             csp_hash(k_css), csp_hash(k_script))
      << "<meta name=\"generator\" content=\"tally " << k_version << "\">\n"
      << "<link rel=\"icon\" href=\"data:,\">\n"
      << "<title>" << esc(title) << "</title>\n<style>" << k_css << "</style>\n</head>\n<body>\n";
}

void write_html_tail(std::ostream& out) {
  out << fmt::format(
             "<footer>Made by tally {}. This page is self-contained: it loads nothing from the "
             "network.</footer>\n</div>\n",
             k_version)
      << "<script>" << k_script << "</script>\n</body>\n</html>\n";
}

void write_check_html(std::ostream& out, const CheckRun& run, const ReportOptions& /*options*/) {
  const RunData data = run_data(run);
  const std::vector<Finding>& findings = data.findings;

  AnchorNames names;
  std::vector<std::string> anchors;
  for (const Finding& f : findings) anchors.push_back(names.take("f-", f.id));
  std::map<std::size_t, std::vector<Flag>> flags;
  for (std::size_t k = 0; k < findings.size(); ++k)
    for (std::size_t i : finding_claims(findings[k], data.claims))
      flags[i].push_back({anchors[k], findings[k].severity, findings[k].rule});
  ClaimLinks links;
  for (const DocumentView& v : run.views) links.in_views.insert(v.claims.begin(), v.claims.end());

  const SeverityCounts n = count_severities(findings);
  write_html_head(out, fmt::format("tally report: {}", plural(n.total(), "finding", "findings")));
  out << "<div class=\"wrap\">\n<header>\n<h1>tally report</h1>\n"
      << fmt::format(R"(<p class="sub">{}</p>)", esc(summary_line(n, run.documents, data.claims.size())))
      << "\n";
  write_summary(out, run, data);
  out << R"(<nav class="toc"><a href="#findings">Findings</a>)";
  if (!run.views.empty()) out << R"(<a href="#documents">Documents</a>)";
  out << "</nav>\n</header>\n<main>\n<section id=\"findings\">\n<h2>Findings</h2>\n";

  if (findings.empty()) {
    out << R"(<p class="empty">No findings: the figures tally.</p>)" << "\n";
  } else {
    write_controls(out, findings);
    out << "<ol id=\"items\" class=\"items\">\n";
    for (std::size_t k : display_order(findings))
      out << finding_item(findings[k], k, anchors[k], data.claims, links);
    out << "</ol>\n<p id=\"none\" class=\"empty\" hidden>No finding matches these filters.</p>\n";
  }
  out << "</section>\n";

  if (!run.views.empty()) {
    out << "<section id=\"documents\">\n<h2>Documents</h2>\n"
        << "<p class=\"muted\">Every figure tally found is highlighted; figures in a finding are "
           "marked with the finding's severity and link to it.</p>\n";
    for (std::size_t d = 0; d < run.views.size(); ++d)
      write_document(out, run.views[d], d + 1, data.claims, flags);
    out << "</section>\n";
  }
  out << "</main>\n";
  write_html_tail(out);
}

}  // namespace tally::detail
