#!/usr/bin/env python3
"""Browser test of the HTML report: render it in headless Chromium and check
what a reader would get.

Usage: test_report_browser.py PATH/TO/tally
Environment: TALLY_SOURCE_DIR (the repository root), TALLY_ARTIFACT_DIR (where
the screenshots go; default: `artifacts` beside the tally binary), CHROMIUM
(the browser; default: chromium or chromium-browser on PATH).

It writes a small corpus of several sources (Markdown, text and JSONL, with
hostile text in the documents and in their front matter: `<script>`,
`"onerror=`, `</style>`, each of which would leave a trace in the page if it
ran), runs `tally report DIR -o report.html`, and then, in a fresh Chromium
profile each time:

- dumps the DOM after the page's script ran (--dump-dom) and checks it: the
  page's own script ran (only it sets data-tally-script on <html>) and no
  hostile one did (no `pwned` title, no data-pwned attribute, no element the
  payloads would add, one <script> and one <style>, no on* attribute); the
  finding count shown and the number of findings equal `check --format
  json`'s; every figure of every document is a <mark>; every `#` link
  resolves to an element id;
- loads the page at a claim's anchor inside a closed document, and at a
  finding's anchor, and checks that the page's script opened the document and
  selected the finding;
- records Chromium's network log while the page loads and checks that the
  page asked for nothing (Chromium's own background requests carry no page
  initiator and are ignored; a control page with one external image proves
  the check sees page requests);
- saves screenshots at desktop and phone width and in dark mode, and prints
  their paths.

The HTML itself is checked too: a Content-Security-Policy with default-src
'none', and no http(s) or protocol-relative URL in any src, href or other
resource attribute except links to a document's own web page.

Prints `ok`/`FAIL` lines and `N passed, N failed`; exits 1 on failure, and 77
(skipped) when Chromium is not installed.
"""

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("TALLY_SOURCE_DIR", HERE.parents[1]))

SKIP = 77
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from harness import check, summary  # noqa: E402


# --- The corpus ---------------------------------------------------------------

# Each payload would leave a trace if it ran: the page's title, a data-pwned
# attribute on <html>, or an element with id "pwned".
SCRIPT = "<script>document.title='pwned';document.documentElement.setAttribute('data-pwned','script')</script>"
IMG = "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">"
ATTR = "\"onerror=alert(1) x=\" \" onmouseover=\"document.title='pwned'\" "
STYLE = "</style><div id=pwned>styled out</div><style>"
TITLE_BREAK = "</title><script>document.documentElement.setAttribute('data-pwned','title')</script>"
HOSTILE = [SCRIPT, IMG, ATTR, STYLE, TITLE_BREAK]

KYIV = f"""---
title: Troops {STYLE}{SCRIPT} arrive
source: Kyiv Wire "onerror=alert(1) x="
date: 2024-10-17
url: https://example.org/kyiv-wire/troops
---
Officials said approximately 3,000 North Korean troops were in Russia's Kursk region.
The flood displaced 40,000 people in Kherson, the governor said.
About 1,200 homes in Kherson lost power after the strike.
Of the 1,200 prisoners, 700 were released and 600 were transferred.
"""

SEOUL = f"""---
title: Seoul view {TITLE_BREAK}
source: Seoul Daily {IMG}
date: 2024-10-17
---
Seoul's spy agency said about 11,000 North Korean troops were in Russia's Kursk region. {SCRIPT}
The flood displaced 52,000 people in Kherson. {ATTR} {STYLE}
The strike cut power to 1,500 homes in Kherson.
"""

LATER = """---
source: Seoul Daily
date: 2024-12-20
---
Seoul said 12,000 North Korean troops were in Russia's Kursk region in December.
"""

# A document whose figures are in no finding: its view starts closed.
QUIET = """---
title: Museum notes
source: Odesa Courier
date: 2024-10-17
---
The museum reopened its 14 rooms to visitors.
"""

JSONL = [
    {"id": "wire/1", "source": f"Wire {SCRIPT}", "date": "2024-10-17", "title": f"Wire {STYLE}",
     "url": "javascript:document.title='pwned'",
     "text": f"Some 40 ships were in the port of Odesa, {IMG} the harbour master said."},
    {"id": "wire/2", "source": "Black Sea Post", "date": "2024-10-17",
     "text": "Officials counted 90 ships in the port of Odesa."},
]


DIFF_OLD = {"a.txt": "The flood displaced 40,000 people in Kherson.\nAbout 1,200 homes lost power.\n",
            "b.txt": f"The port of Odesa had 40 ships. {SCRIPT}\n"}
DIFF_NEW = {"a.txt": "About 1,200 homes lost power.\nThe flood displaced 45,000 people in Kherson.\n"
                     f"The dam held 18 million cubic metres of water. {IMG}\n"}


def write_corpus(root):
    corpus = root / "corpus"
    (corpus / "news").mkdir(parents=True)
    (corpus / "news" / "kyiv.md").write_text(KYIV, encoding="utf-8")
    (corpus / "news" / "seoul.txt").write_text(SEOUL, encoding="utf-8")
    (corpus / "news" / "later.txt").write_text(LATER, encoding="utf-8")
    (corpus / "news" / "museum.txt").write_text(QUIET, encoding="utf-8")
    with open(corpus / "wires.jsonl", "w", encoding="utf-8") as f:
        for record in JSONL:
            f.write(json.dumps(record) + "\n")
    return corpus


# --- Chromium -----------------------------------------------------------------

def find_chromium():
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


class Browser:
    """Runs headless Chromium once per call, each time with a fresh profile."""

    FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--mute-audio"]

    def __init__(self, exe, scratch):
        self.exe = exe
        self.scratch = scratch
        self.runs = 0

    def run(self, url, *flags, timeout=120):
        self.runs += 1
        profile = self.scratch / f"profile-{self.runs}"
        profile.mkdir()
        cmd = [self.exe, *self.FLAGS, f"--user-data-dir={profile}", *flags, url]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        return proc

    def dom(self, url, *flags):
        proc = self.run(url, "--virtual-time-budget=2000", "--dump-dom", *flags)
        if proc.returncode != 0 or not proc.stdout.strip():
            check(f"chromium dumps the DOM of {url}", False,
                  f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[-800:]}")
            return None
        return proc.stdout.decode("utf-8", errors="replace")

    def screenshot(self, url, path, width, height, *flags):
        proc = self.run(url, "--virtual-time-budget=2000", f"--window-size={width},{height}",
                        f"--screenshot={path}", *flags)
        return proc.returncode == 0 and path.exists()

    def requests_of_page(self, url):
        """URLs the page asked for while loading, from Chromium's network log.

        Chromium's own background requests (updates, time, accounts) carry
        the initiator "not an origin"; anything the page loads has the page's
        origin ("null" for a file: URL) as initiator."""
        log = self.scratch / f"netlog-{self.runs + 1}.json"
        self.run(url, "--virtual-time-budget=2000", "--dump-dom", f"--log-net-log={log}",
                 "--host-resolver-rules=MAP * ~NOTFOUND")
        try:
            data = json.loads(log.read_text(encoding="utf-8", errors="replace"))
        except (OSError, ValueError) as e:
            return None, f"no network log: {e}"
        types = {v: k for k, v in data.get("constants", {}).get("logEventTypes", {}).items()}
        page = []
        for event in data.get("events", []):
            params = event.get("params") or {}
            # The job's start names its URL and initiator; its end only the result.
            if types.get(event.get("type")) == "URL_REQUEST_START_JOB" and "url" in params:
                initiator = params.get("initiator", "")
                if initiator != "not an origin":
                    page.append(f"{params['url']} (initiator {initiator})")
        return page, ""


# --- Reading the DOM ----------------------------------------------------------

class Element:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []
        self.text = []

    def classes(self):
        return set((self.attrs.get("class") or "").split())

    def ancestors(self):
        p = self.parent
        while p is not None:
            yield p
            p = p.parent

    def all_text(self):
        out = list(self.text)
        for c in self.children:
            out.append(c.all_text())
        return "".join(out)


class Dom(HTMLParser):
    """A small tree of the dumped DOM (it is serialised, so well formed)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", [], None)
        self.cur = self.root
        self.elements = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        el = Element(tag, attrs, self.cur)
        self.cur.children.append(el)
        self.elements.append(el)
        if tag not in self.VOID:
            self.cur = el

    def handle_startendtag(self, tag, attrs):
        el = Element(tag, attrs, self.cur)
        self.cur.children.append(el)
        self.elements.append(el)

    def handle_endtag(self, tag):
        node = self.cur
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.cur = node.parent

    def handle_data(self, data):
        self.cur.text.append(data)

    def find(self, tag=None, cls=None, **attrs):
        out = []
        for el in self.elements:
            if tag and el.tag != tag:
                continue
            if cls and cls not in el.classes():
                continue
            if any(el.attrs.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            out.append(el)
        return out

    def by_id(self):
        return {el.attrs["id"]: el for el in self.elements if el.attrs.get("id")}


# --- The checks ---------------------------------------------------------------

RESOURCE_ATTRS = {"src", "href", "srcset", "poster", "data", "action", "formaction", "xlink:href",
                  "background", "cite", "manifest", "ping", "longdesc", "usemap"}
EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.I)


def check_static_html(html, corpus_urls):
    """The file as tally wrote it: self-contained and locked down."""
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    check("the report sets a Content-Security-Policy", csp is not None)
    if csp:
        policy = csp.group(1)
        check("the CSP's default-src is 'none'", "default-src 'none'" in policy, policy)
        check("the CSP allows no inline code by default", "unsafe-inline" not in policy and
              "unsafe-eval" not in policy, policy)
    dom = Dom(html)
    external = []
    for el in dom.elements:
        for name, value in el.attrs.items():
            if name in RESOURCE_ATTRS and value and EXTERNAL.match(value):
                # A document's own web page may be a link a reader follows; it is
                # never loaded by the page.
                if el.tag == "a" and name == "href" and value in corpus_urls:
                    continue
                external.append(f"<{el.tag} {name}={value}>")
    check("no src/href/... of the page points to the network", not external, str(external[:5]))
    styles = " ".join(el.all_text() for el in dom.find("style"))
    check("the style imports nothing and loads no url()", "@import" not in styles and "url(" not in styles)
    check("no <link> but the empty data: icon",
          all(el.attrs.get("href") == "data:," for el in dom.find("link")),
          str([el.attrs for el in dom.find("link")]))
    check("the document's web page is a link, nofollow and noopener",
          any(el.attrs.get("href") == "https://example.org/kyiv-wire/troops" and
              "noopener" in (el.attrs.get("rel") or "") for el in dom.find("a")))
    check("a javascript: URL from the corpus is no link",
          not any((el.attrs.get("href") or "").lower().startswith("javascript") for el in dom.elements))


def check_no_injection(dom):
    root = dom.find("html")
    attrs = root[0].attrs if root else {}
    check("the page's own script ran (data-tally-script on <html>)",
          attrs.get("data-tally-script") == "ready", str(attrs))
    check("no hostile script ran: no data-pwned on <html>", "data-pwned" not in attrs, str(attrs))
    titles = [el.all_text() for el in dom.find("title") if el.parent.tag == "head"]
    check("the title is tally's, not the corpus's", len(titles) == 1 and "pwned" not in titles[0] and
          titles[0].startswith("tally report"), str(titles))
    check("no element from a payload (id=pwned, <img>)",
          not dom.find(id="pwned") and not dom.find("img"))
    check("exactly one <script> element: the page's own", len(dom.find("script")) == 1)
    check("exactly one <style> element: the page's own", len(dom.find("style")) == 1)
    handlers = sorted({f"<{el.tag} {name}>" for el in dom.elements for name in el.attrs
                       if name.startswith("on")})
    check("no element has an event handler attribute", not handlers, str(handlers))
    # The hostile text is on the page, as text.
    text = dom.root.all_text()
    for payload in (SCRIPT, IMG, STYLE, '"onerror=alert(1) x="'):
        check(f"the payload {payload[:24]!r}… shows as text", payload in text)


def check_findings(dom, report):
    items = dom.find("li", cls="finding")
    n = len(report["findings"])
    check("the report has findings of several severities", len({f["severity"] for f in report["findings"]}) >= 2,
          str(sorted({f["severity"] for f in report["findings"]})))
    check("one finding item per finding of check --format json", len(items) == n, f"{len(items)} vs {n}")
    shown = dom.find("output", id="shown")
    shown_text = shown[0].all_text().strip() if shown else ""
    check("the count the page shows is the findings' count", shown_text == f"{n} of {n} shown",
          repr(shown_text))
    counts = {el.attrs.get("class"): int(el.attrs["data-count"]) for el in dom.find("li")
              if "data-count" in el.attrs}
    by_severity = {}
    for f in report["findings"]:
        by_severity[f["severity"]] = by_severity.get(f["severity"], 0) + 1
    for sev in ("error", "warning", "note"):
        check(f"the summary counts {sev}s as json does", counts.get(f"sev-{sev}") == by_severity.get(sev, 0),
              f"{counts.get(f'sev-{sev}')} vs {by_severity.get(sev, 0)}")
    ids = {el.attrs.get("id") for el in items}
    check("each finding's anchor is its id", ids == {"f-" + f["id"] for f in report["findings"]},
          f"{sorted(ids)}")
    check("the controls are shown once the script ran",
          bool(dom.find("form", id="controls")) and "hidden" not in dom.find("form", id="controls")[0].attrs)
    no_mark = [el.attrs.get("id") for el in items
               if not any(d.tag == "mark" for d in walk(el))]
    check("every finding highlights its figures (<mark>)", not no_mark, str(no_mark))
    no_chart = [el.attrs.get("id") for el in items if not any(d.tag == "svg" for d in walk(el))]
    check("every finding has a chart (<svg>)", not no_chart, str(no_chart))


def walk(el):
    for c in el.children:
        yield c
        yield from walk(c)


def check_documents(dom, report, claims_total):
    docs = dom.find("details", cls="doc")
    check("the document view shows every document", len(docs) == report["documents"],
          f"{len(docs)} vs {report['documents']}")
    figures = [m for d in docs for m in walk(d) if m.tag == "mark" and "fig" in m.classes()]
    check("every figure of every document is highlighted", len(figures) == claims_total,
          f"{len(figures)} marks, {claims_total} claims")
    flagged = [m for m in figures if "flagged" in m.classes()]
    finding_ids = {el.attrs.get("id") for el in dom.find("li", cls="finding")}
    linked = [m for m in flagged
              if any(a.tag == "a" and (a.attrs.get("href") or "")[1:] in finding_ids for a in walk(m))]
    check("figures in findings are marked and link to a finding", flagged and len(linked) == len(flagged),
          f"{len(linked)} of {len(flagged)}")
    in_findings = {(c["doc"], c["start"]) for f in report["findings"] for c in f["claims"]}
    check("as many figures are marked as are in findings", len(flagged) == len(in_findings),
          f"{len(flagged)} vs {len(in_findings)}")


def check_links(dom):
    ids = dom.by_id()
    broken = sorted({a.attrs["href"] for a in dom.find("a")
                     if (a.attrs.get("href") or "").startswith("#") and a.attrs["href"][1:] not in ids})
    local = [a for a in dom.find("a") if (a.attrs.get("href") or "").startswith("#")]
    check("the page has in-page links", len(local) > 10, str(len(local)))
    check("every in-page link resolves to an element id", not broken, str(broken[:10]))
    dupes = [el.attrs["id"] for el in dom.elements if el.attrs.get("id")]
    check("ids are unique", len(dupes) == len(set(dupes)))


def check_diff_page(tally, tmp, browser, artifacts):
    """`tally diff --format html` is the report's page: its script runs, one
    item per change, nothing injected."""
    for side, files in (("old", DIFF_OLD), ("new", DIFF_NEW)):
        (tmp / side).mkdir()
        for name, text in files.items():
            (tmp / side / name).write_text(text, encoding="utf-8")
    changes = subprocess.run([tally, "diff", "--format", "json", "old", "new"], capture_output=True, timeout=120,
                             cwd=tmp)
    page = subprocess.run([tally, "diff", "--format", "html", "old", "new", "-o", "diff.html"], capture_output=True,
                          timeout=120, cwd=tmp)
    if not check("diff --format html writes the page (exit 1: changes)", page.returncode == 1 and changes.returncode == 1,
                 f"exit {page.returncode}: {page.stderr.decode(errors='replace')[:300]}"):
        return
    n = len(json.loads(changes.stdout)["changes"])
    dumped = browser.dom((tmp / "diff.html").as_uri())
    if dumped is None:
        return
    dom = Dom(dumped)
    attrs = dom.find("html")[0].attrs if dom.find("html") else {}
    check("diff page: its script ran, no other did",
          attrs.get("data-tally-script") == "ready" and "data-pwned" not in attrs and len(dom.find("script")) == 1 and
          not dom.find("img"), str(attrs))
    items = dom.find("li", cls="item")
    check("diff page: one item per change", len(items) == n, f"{len(items)} vs {n}")
    shown = dom.find("output", id="shown")
    check("diff page: shows the count of changes", bool(shown) and shown[0].all_text().strip() == f"{n} of {n} shown")
    check("diff page: old and new side by side in every item",
          all(any(d.tag == "div" and "diffrow" in d.classes() for d in walk(it)) for it in items))
    path = artifacts / "diff-desktop.png"
    if path.exists():
        path.unlink()
    if check("screenshot diff-desktop.png", browser.screenshot((tmp / "diff.html").as_uri(), path, 1280, 1400)):
        print(f"     screenshot: {path}")


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


def main():
    if len(sys.argv) != 2:
        print("usage: test_report_browser.py PATH/TO/tally", file=sys.stderr)
        return 2
    tally = os.path.abspath(sys.argv[1])
    chromium = find_chromium()
    if not chromium:
        print("SKIP: chromium is not installed (Debian: apt-get install chromium)")
        return SKIP
    artifacts = Path(os.environ.get("TALLY_ARTIFACT_DIR") or Path(tally).parent / "artifacts")
    artifacts.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="tally-browser-") as tmp:
        tmp = Path(tmp)
        write_corpus(tmp)
        report_path = tmp / "report.html"

        # Run from the temporary directory, so document ids read "corpus/news/kyiv.md".
        proc = subprocess.run([tally, "check", "--format", "json", "corpus"], capture_output=True,
                              timeout=120, cwd=tmp)
        check("check --format json runs (exit 1: findings)", proc.returncode == 1,
              f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[:500]}")
        try:
            report = json.loads(proc.stdout)
        except ValueError as e:
            check("check --format json prints JSON", False, str(e))
            return 1
        extract = subprocess.run([tally, "extract", "--format", "jsonl", "corpus"], capture_output=True,
                                 timeout=120, cwd=tmp)
        claims_total = sum(1 for line in extract.stdout.decode().splitlines() if line.strip())
        check("the corpus has figures", claims_total == report["claims"] and claims_total >= 12,
              f"extract {claims_total}, check {report['claims']}")

        proc = subprocess.run([tally, "report", "corpus", "-o", str(report_path)], capture_output=True,
                              timeout=120, cwd=tmp)
        check("tally report writes the page (exit 1: findings)",
              proc.returncode == 1 and report_path.exists(),
              f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[:500]}")
        if not report_path.exists():
            return 1
        html = report_path.read_text(encoding="utf-8")
        corpus_urls = {"https://example.org/kyiv-wire/troops"}
        check_static_html(html, corpus_urls)

        browser = Browser(chromium, tmp)
        url = report_path.as_uri()
        dumped = browser.dom(url)
        if dumped is not None:
            dom = Dom(dumped)
            check_no_injection(dom)
            check_findings(dom, report)
            check_documents(dom, report, claims_total)
            check_links(dom)

            # The page's script follows a link into a closed document and opens it.
            docs = {d.attrs.get("id"): d for d in dom.find("details", cls="doc")}
            closed = [d for d in docs.values() if "open" not in d.attrs]
            check("a document without findings starts closed", len(closed) >= 1)
            if closed:
                mark = next((m for m in walk(closed[0]) if m.tag == "mark" and m.attrs.get("id")), None)
                if check("the closed document has a figure with an anchor", mark is not None):
                    at = Dom(browser.dom(f"{url}#{mark.attrs['id']}") or "")
                    opened = [d for d in at.find("details", cls="doc")
                              if d.attrs.get("id") == closed[0].attrs.get("id")]
                    check("following a figure's anchor opens its document",
                          opened and "open" in opened[0].attrs)
            last = report["findings"][-1]["id"]
            at = Dom(browser.dom(f"{url}#f-{last}") or "")
            current = [el.attrs.get("id") for el in at.find("li", cls="current")]
            check("following a finding's anchor selects that finding", current == [f"f-{last}"], str(current))

        page_requests, why = browser.requests_of_page(url)
        if check("Chromium writes a network log", page_requests is not None, why):
            check("the report makes no network request", not page_requests, str(page_requests[:5]))
            control = tmp / "control.html"
            control.write_text('<!DOCTYPE html><img src="http://tally-control.invalid/x.png">'
                               '<script>fetch("https://tally-control.invalid/y")</script>', encoding="utf-8")
            seen, why = browser.requests_of_page(control.as_uri())
            check("(control: the network check sees a page's image and fetch)", seen is not None and len(seen) == 2,
                  why or str(seen))

        check_diff_page(tally, tmp, browser, artifacts)

        shots = [("report-desktop.png", 1280, 2000, []),
                 ("report-phone.png", 390, 1600, []),
                 ("report-dark.png", 1280, 2000, ["--blink-settings=preferredColorScheme=0"])]
        for name, width, height, flags in shots:
            path = artifacts / name
            if path.exists():
                path.unlink()
            ok = browser.screenshot(url, path, width, height, *flags)
            size = png_size(path) if ok else None
            if check(f"screenshot {name} at {width}x{height}", size == (width, height) and
                     path.stat().st_size > 20000, f"{size}, {path.stat().st_size if ok else 0} bytes"):
                print(f"     screenshot: {path}")

    return summary()


if __name__ == "__main__":
    sys.exit(main())
