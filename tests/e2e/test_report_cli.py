#!/usr/bin/env python3
"""End-to-end test of the reports as the `tally` program writes them: SARIF,
GitHub workflow commands, the HTML report, `diff` and colour.

Usage: test_report_cli.py PATH/TO/tally
Environment: TALLY_SOURCE_DIR (the repository root; default: two levels up).
Prints one line per check and `N passed, N failed` last; exits 1 on failure.

- `check --format sarif` is valid against the official SARIF 2.1.0 schema
  (tests/data/report/validate_schema.py), has one rule per finding rule, a
  level from each finding's severity, the first claim as location and the
  others as relatedLocations, and the finding id in partialFingerprints;
- `check --format github` prints one `::error|warning|notice file=…,line=…,
  col=…,title=…::message` per finding, escaped as GitHub's toolkit does (%25,
  %0D, %0A in the message; also %3A and %2C in properties), so a hostile file
  name, source or text can neither add a property nor forge a command;
- `check --format html` and `report -o` write the same self-contained page;
- `diff OLD NEW` on files, directories and JSONL corpora, as text, json and
  html: exit 0 when nothing changed and 1 when something did;
- colour only on a terminal, never with --no-color or NO_COLOR.
"""

import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("TALLY_SOURCE_DIR", HERE.parents[1]))
VALIDATE = SOURCE_DIR / "tests" / "data" / "report" / "validate_schema.py"
ANSI = re.compile(rb"\x1b\[")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from harness import check, summary  # noqa: E402


def run(tally, *args, cwd=None, env=None):
    return subprocess.run([tally, *map(str, args)], capture_output=True, timeout=120, cwd=cwd, env=env)


def run_tty(tally, *args, cwd=None, env=None):
    """Runs tally with its standard output on a pseudo-terminal; returns (exit, output)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([tally, *map(str, args)], stdout=slave, stderr=subprocess.DEVNULL, cwd=cwd, env=env)
    os.close(slave)
    out = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return proc.wait(timeout=60), out


def stderr_of(proc):
    return proc.stderr.decode(errors="replace")[:500]


# --- A corpus with findings of every severity, and a hostile one ---------------

CORPUS = {
    "news/kyiv.md": """---
title: Troops arrive
source: Kyiv Wire
date: 2024-10-17
---
Officials said approximately 3,000 North Korean troops were in Russia's Kursk region.
The flood displaced 40,000 people in Kherson, the governor said.
About 1,200 homes in Kherson lost power after the strike.
Of the 1,200 prisoners, 700 were released and 600 were transferred.
""",
    "news/seoul.txt": """---
source: Seoul Daily
date: 2024-10-17
---
Seoul's spy agency said about 11,000 North Korean troops were in Russia's Kursk region.
The flood displaced 52,000 people in Kherson.
The strike cut power to 1,500 homes in Kherson.
""",
    "news/later.txt": """---
source: Seoul Daily
date: 2024-12-20
---
Seoul said 12,000 North Korean troops were in Russia's Kursk region in December.
""",
}

# GitHub's command syntax in a file name, a source and the text.
HOSTILE_NAME = "a,b:c%25 d.txt"
HOSTILE_JSONL = [
    {"id": "wire,x:y%0A.txt", "source": "Wire\r\n::error file=forged.txt::forged, 100% real", "date": "2024-10-17",
     "text": "Officials said 3,000 troops were in Kursk.\n::warning::forged\r\nThat is 100%0A sure."},
    {"id": "post.txt", "source": "Post", "date": "2024-10-17",
     "text": "The ministry said 11,000 troops were in Kursk."},
]


def write_tree(root, files):
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def json_of(proc, what):
    try:
        return json.loads(proc.stdout)
    except ValueError as e:
        check(f"{what} prints JSON", False, f"{e}; exit {proc.returncode}: {stderr_of(proc)}")
        return None


# --- SARIF ------------------------------------------------------------------------

LEVEL = {"error": "error", "warning": "warning", "note": "note"}


def test_sarif(tally, tmp):
    report = json_of(run(tally, "check", "--format", "json", "corpus", cwd=tmp), "check --format json")
    proc = run(tally, "check", "--format", "sarif", "corpus", cwd=tmp)
    check("sarif: exit 1 when there are errors", proc.returncode == 1, f"exit {proc.returncode}: {stderr_of(proc)}")
    log = json_of(proc, "check --format sarif")
    if log is None or report is None:
        return
    sarif = tmp / "out.sarif"
    sarif.write_bytes(proc.stdout)
    v = subprocess.run([sys.executable, str(VALIDATE), "sarif", str(sarif)], capture_output=True, timeout=120)
    if v.returncode == 3:
        check("sarif: jsonschema is installed to validate it", False, v.stdout.decode())
    else:
        check("sarif: valid against the official SARIF 2.1.0 schema", v.returncode == 0,
              v.stdout.decode(errors="replace")[-1500:])

    check("sarif: version 2.1.0, one run", log.get("version") == "2.1.0" and len(log.get("runs", [])) == 1)
    run0 = log["runs"][0]
    driver = run0["tool"]["driver"]
    check("sarif: the tool is tally", driver.get("name") == "tally" and driver.get("version"))
    rules = driver.get("rules", [])
    rule_ids = [r["id"] for r in rules]
    used = {f["rule"] for f in report["findings"]}
    check("sarif: the corpus has findings of several rules", len(used) >= 3, str(sorted(used)))
    check("sarif: one rule per finding rule, no more, no less",
          sorted(rule_ids) == sorted(used) and len(rule_ids) == len(set(rule_ids)), f"{rule_ids} vs {sorted(used)}")
    check("sarif: each rule has a short and a full description and help",
          all(r.get("shortDescription", {}).get("text") and r.get("fullDescription", {}).get("text") and
              r.get("help", {}).get("text") for r in rules))

    results = run0.get("results", [])
    check("sarif: one result per finding", len(results) == len(report["findings"]),
          f"{len(results)} vs {len(report['findings'])}")
    by_id = {f["id"]: f for f in report["findings"]}
    for r in results:
        fid = r.get("partialFingerprints", {}).get("tallyFindingId/v1")
        f = by_id.get(fid)
        if not check(f"sarif: result's partialFingerprints hold a finding id ({fid})", f is not None):
            continue
        name = f"sarif {f['rule']} {fid}"
        check(f"{name}: ruleId and ruleIndex name the finding's rule",
              r.get("ruleId") == f["rule"] and rule_ids[r.get("ruleIndex", -1)] == f["rule"])
        check(f"{name}: level {r.get('level')} from severity {f['severity']}", r.get("level") == LEVEL[f["severity"]])
        locs = r.get("locations", [])
        related = r.get("relatedLocations", [])
        first = f["claims"][0]
        region = locs[0]["physicalLocation"]["region"] if locs else {}
        check(f"{name}: the first claim is the location",
              len(locs) == 1 and locs[0]["physicalLocation"]["artifactLocation"]["uri"] == first["doc"] and
              region.get("startLine") == first["line"] and region.get("startColumn") == first["col"],
              json.dumps(locs)[:300])
        check(f"{name}: the other claims are relatedLocations",
              len(related) == len(f["claims"]) - 1 and
              [(x["physicalLocation"]["artifactLocation"]["uri"], x["physicalLocation"]["region"]["startLine"])
               for x in related] == [(c["doc"], c["line"]) for c in f["claims"][1:]],
              json.dumps(related)[:300])
        check(f"{name}: no line number in the fingerprint", str(first["line"]) not in json.dumps(
            r["partialFingerprints"]).replace(fid, ""))
    # Which severities occur is the reconciler's business; the levels must mirror them.
    levels = {r.get("level") for r in results}
    check("sarif: the levels are the findings' severities, several of them",
          levels == {LEVEL[f["severity"]] for f in report["findings"]} and len(levels) >= 2, str(levels))

    # A corpus whose names need percent-encoding is still valid SARIF.
    hostile = tmp / "hostile-sarif"
    write_tree(hostile, {HOSTILE_NAME: "Officials said 3,000 troops were in Kursk.\n",
                         "b.txt": "The ministry said 11,000 troops were in Kursk.\n"})
    proc = run(tally, "check", "--format", "sarif", hostile)
    out = tmp / "hostile.sarif"
    out.write_bytes(proc.stdout)
    v = subprocess.run([sys.executable, str(VALIDATE), "sarif", str(out)], capture_output=True, timeout=120)
    check("sarif: a file name with , : % and space is still valid SARIF", v.returncode == 0,
          v.stdout.decode(errors="replace")[-800:])
    uris = re.findall(r'"uri": "([^"]*)"', proc.stdout.decode())
    check("sarif: such a name is a percent-encoded URI", any("a%2Cb%3Ac%2525%20d.txt" in u for u in uris), str(uris))


# --- GitHub -----------------------------------------------------------------------

COMMAND = re.compile(r"^::(error|warning|notice) ((?:[A-Za-z]+=[^,:]*)(?:,[A-Za-z]+=[^,:]*)*)::(.*)$")


ESCAPES = {"%25": "%", "%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ","}


def unescape_data(s):
    return re.sub(r"%(?:25|0D|0A)", lambda m: ESCAPES[m.group(0)], s)


def unescape_property(s):
    return re.sub(r"%(?:25|0D|0A|3A|2C)", lambda m: ESCAPES[m.group(0)], s)


def parse_commands(text, name):
    commands = []
    lines = text.split("\n")
    check(f"{name}: output ends with a newline", lines[-1] == "")
    for line in lines[:-1]:
        if line.startswith("tally: "):
            continue
        m = COMMAND.match(line)
        if not check(f"{name}: a workflow command: {line[:70]!r}", m is not None and "\r" not in line, line[:300]):
            continue
        props = {}
        for part in m.group(2).split(","):
            key, _, value = part.partition("=")
            props[key] = unescape_property(value)
        commands.append((m.group(1), props, unescape_data(m.group(3)), m.group(3)))
    return commands


def test_github(tally, tmp):
    report = json_of(run(tally, "check", "--format", "json", "corpus", cwd=tmp), "check --format json")
    proc = run(tally, "check", "--format", "github", "corpus", cwd=tmp)
    check("github: exit 1 when there are errors", proc.returncode == 1, f"exit {proc.returncode}")
    if report is None:
        return
    text = proc.stdout.decode()
    commands = parse_commands(text, "github")
    check("github: one command per finding", len(commands) == len(report["findings"]),
          f"{len(commands)} vs {len(report['findings'])}")
    check("github: a summary line last", text.splitlines()[-1].startswith("tally: "), text.splitlines()[-1])
    kinds = {"error": "error", "warning": "warning", "note": "notice"}
    for (kind, props, message, _), f in zip(commands, report["findings"]):
        first = f["claims"][0]
        name = f"github {f['rule']} {f['id']}"
        check(f"{name}: ::{kind} from severity {f['severity']}", kind == kinds[f["severity"]])
        check(f"{name}: file, line, col of the first claim",
              props.get("file") == first["doc"] and props.get("line") == str(first["line"]) and
              props.get("col") == str(first["col"]), str(props))
        check(f"{name}: a title naming the rule", props.get("title", "").startswith(f"tally {f['rule']}: "),
              str(props))
        check(f"{name}: the message says the finding and lists its claims",
              message.startswith(f["message"].split(";")[0]) and
              all(f"{c['doc']}:{c['line']}:{c['col']}" in message for c in f["claims"]) and
              f["id"] in message, message[:300])

    # Hostile: a file name with , : % and a space; a source and text with CR, LF,
    # `::` commands and percent signs.
    hostile = tmp / "hostile-github"
    write_tree(hostile, {HOSTILE_NAME: "---\nsource: Wire, Inc: 100% news\ndate: 2024-10-17\n---\n"
                                       "Officials said 3,000 troops were in Kursk.\n",
                         "b.txt": "---\nsource: Post\ndate: 2024-10-17\n---\n"
                                  "The ministry said 11,000 troops were in Kursk.\n"})
    proc = run(tally, "check", "--format", "github", "--fail-on", "never", hostile)
    text = proc.stdout.decode()
    check("github hostile name: exit 0 with --fail-on never", proc.returncode == 0, f"exit {proc.returncode}")
    commands = parse_commands(text, "github hostile name")
    files = [props.get("file", "") for _, props, _, _ in commands]
    check("github hostile name: , : % in a file name round-trip through %2C %3A %25",
          files == [str(hostile / HOSTILE_NAME)], f"{files}")
    check("github hostile name: the file property is escaped", "a%2Cb%3Ac%2525 d.txt,line=" in text, text[:400])
    check("github hostile name: a title with : is escaped as %3A", "title=tally conflict%3A " in text, text[:400])
    check("github hostile name: % in the message is %25", "100%25 news" in text, text[:600])
    check("github hostile name: , and : stay as they are in the message", "Wire, Inc: 100%25 news says" in text,
          text[:600])

    # A JSONL corpus whose document id, source and text carry CR, LF and `::`.
    jsonl = tmp / "hostile.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in HOSTILE_JSONL), encoding="utf-8")
    proc = run(tally, "check", "--format", "github", "--fail-on", "never", jsonl)
    text = proc.stdout.decode()
    lines = text.splitlines()
    check("github hostile jsonl: one finding and the summary", len(lines) == 2, text[:600])
    check("github hostile jsonl: no carriage return in the output", "\r" not in text)
    check("github hostile jsonl: every line is a command or the summary",
          all(line.startswith(("::error ", "::warning ", "::notice ", "tally: ")) for line in lines), text[:600])
    commands = parse_commands(text, "github hostile jsonl")
    check("github hostile jsonl: no property forged by the text",
          all(set(props) <= {"file", "line", "col", "endColumn", "endLine", "title"} for _, props, _, _ in commands)
          and all(props.get("file") != "forged.txt" for _, props, _, _ in commands), str(commands)[:400])
    check("github hostile jsonl: the annotation is on the corpus file, at the record's line",
          [(props.get("file"), props.get("line")) for _, props, _, _ in commands] == [(str(jsonl), "1")],
          text[:300])
    messages = [m for _, _, m, _ in commands]
    check("github hostile jsonl: the record id round-trips in the message (%250A is a literal %0A)",
          all(f"at {HOSTILE_JSONL[0]['id']}:" in m for m in messages), str(messages)[:600])
    check("github hostile jsonl: the forged command is text inside the message",
          any("::error file=forged.txt::forged, 100% real" in m for m in messages), str(messages)[:600])
    check("github hostile jsonl: tally's own line breaks are %0A",
          all(raw.count("%0A") >= 3 for _, _, _, raw in commands), text[:600])


# --- HTML -------------------------------------------------------------------------

def self_contained(html, name):
    check(f"{name}: a complete HTML document", html.startswith("<!DOCTYPE html>") and
          html.rstrip().endswith("</html>"))
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    check(f"{name}: CSP default-src 'none'", bool(csp) and "default-src 'none'" in csp.group(1))
    external = re.findall(r'\b(?:src|href|srcset|action|poster)\s*=\s*"(?:https?:)?//[^"]*"', html, re.I)
    check(f"{name}: no resource from the network", not external, str(external[:3]))
    check(f"{name}: inline style and script, nothing linked",
          "<style>" in html and "<script>" in html and "<link rel=\"stylesheet\"" not in html and
          "<script src" not in html and "@import" not in html)


def test_html(tally, tmp):
    out = tmp / "report.html"
    proc = run(tally, "report", "corpus", "-o", out, cwd=tmp)
    check("report -o: exit 1 when there are errors", proc.returncode == 1, f"exit {proc.returncode}: {stderr_of(proc)}")
    check("report -o: nothing on standard output", proc.stdout == b"")
    if not check("report -o writes the file", out.exists()):
        return
    html = out.read_text(encoding="utf-8")
    self_contained(html, "report -o")
    report = json_of(run(tally, "check", "--format", "json", "corpus", cwd=tmp), "check --format json")
    if report:
        check("report: one finding item per finding", html.count('<li class="item finding ') == len(report["findings"]))
        check("report: every finding has its anchor", all(f'id="f-{f["id"]}"' in html for f in report["findings"]))
    proc = run(tally, "check", "--format", "html", "corpus", cwd=tmp)
    check("check --format html: exit 1 when there are errors", proc.returncode == 1)
    check("check --format html prints the same page as report -o", proc.stdout.decode() == html)
    out2 = tmp / "check.html"
    run(tally, "check", "--format", "html", "--output", out2, "corpus", cwd=tmp)
    check("check --format html --output FILE writes the same page", out2.exists() and
          out2.read_text(encoding="utf-8") == html)
    proc = run(tally, "report", "corpus", cwd=tmp)
    check("report without -o is a usage error (exit 2)", proc.returncode == 2, f"exit {proc.returncode}")


# --- diff -------------------------------------------------------------------------

OLD = {"a.txt": "The flood displaced 40,000 people in Kherson.\nAbout 1,200 homes lost power.\n",
       "b.txt": "The port of Odesa had 40 ships.\n"}
NEW = {"a.txt": "About 1,200 homes lost power.\nThe flood displaced 45,000 people in Kherson.\n"
                "The dam held 18 million cubic metres of water.\n",
       "c.txt": "Some 300 cars were stuck on the bridge.\n"}


def test_diff(tally, tmp):
    old, new = tmp / "old", tmp / "new"
    write_tree(old, OLD)
    write_tree(new, NEW)

    # Directories.
    proc = run(tally, "diff", old, new)
    text = proc.stdout.decode()
    check("diff dirs: exit 1 when something changed", proc.returncode == 1, f"exit {proc.returncode}: {stderr_of(proc)}")
    check("diff dirs text: the changed figure, old → new", "40,000 → 45,000" in text, text[:500])
    check("diff dirs text: both sentences", "displaced »40,000« people" in text and "displaced »45,000« people" in text,
          text[:800])
    check("diff dirs text: added and removed figures and documents",
          "18 million cubic metres" in text and "b.txt" in text and "c.txt" in text, text)
    check("diff dirs text: a moved figure is no change", "1,200" not in text, text)

    proc = run(tally, "diff", "--format", "json", old, new)
    d = json_of(proc, "diff --format json")
    check("diff dirs json: exit 1", proc.returncode == 1)
    if d is not None:
        check("diff dirs json: documents paired by id relative to each side",
              d.get("added_documents") == ["c.txt"] and d.get("removed_documents") == ["b.txt"], json.dumps(d)[:300])
        kinds = sorted((c["kind"], c["doc"]) for c in d.get("changes", []))
        check("diff dirs json: changed, added and removed figures",
              kinds == [("added", "a.txt"), ("added", "c.txt"), ("changed", "a.txt"), ("removed", "b.txt")], str(kinds))
        changed = [c for c in d.get("changes", []) if c["kind"] == "changed"]
        check("diff dirs json: a change has old and new records",
              changed and changed[0]["old"]["value"] == 40000 and changed[0]["new"]["value"] == 45000 and
              changed[0]["old"]["text"] == "40,000")

    proc = run(tally, "diff", "--format", "html", old, new)
    html = proc.stdout.decode()
    check("diff dirs html: exit 1", proc.returncode == 1)
    self_contained(html, "diff html")
    check("diff html: old and new side by side", 'class="diffrow"' in html and "40,000" in html and "45,000" in html)

    proc = run(tally, "diff", old, old)
    check("diff of a directory with itself: exit 0", proc.returncode == 0, f"exit {proc.returncode}")
    check("diff of a directory with itself: says nothing changed", b"no figure changed" in proc.stdout,
          proc.stdout.decode()[:200])
    for fmt in ("json", "html"):
        proc = run(tally, "diff", "--format", fmt, old, old)
        check(f"diff --format {fmt} of no change: exit 0", proc.returncode == 0, f"exit {proc.returncode}")
    d = json_of(run(tally, "diff", "--format", "json", old, old), "diff json of no change")
    if d is not None:
        check("diff json of no change: empty lists", d == {"added_documents": [], "removed_documents": [], "changes": []},
              json.dumps(d)[:200])

    # Two files: two versions of one document, whatever their names.
    proc = run(tally, "diff", old / "a.txt", new / "a.txt")
    check("diff files: exit 1 when a figure changed", proc.returncode == 1, f"exit {proc.returncode}")
    check("diff files: the change", "40,000 → 45,000" in proc.stdout.decode(), proc.stdout.decode()[:400])
    proc = run(tally, "diff", old / "a.txt", old / "a.txt")
    check("diff files: exit 0 when nothing changed", proc.returncode == 0, f"exit {proc.returncode}")
    moved = tmp / "moved.txt"
    moved.write_text("About 1,200 homes lost power.\n\nThe flood displaced 40,000 people in Kherson.\n", encoding="utf-8")
    proc = run(tally, "diff", old / "a.txt", moved)
    check("diff files: moved figures and new lines are no change (exit 0)", proc.returncode == 0,
          proc.stdout.decode()[:400])

    # JSONL corpora: documents paired by their id, in any order.
    old_jl, new_jl = tmp / "old.jsonl", tmp / "new.jsonl"
    old_jl.write_text("\n".join(json.dumps(r) for r in [
        {"id": "s1", "source": "Wire", "text": "The flood displaced 40,000 people in Kherson."},
        {"id": "s2", "text": "The port of Odesa had 40 ships."}]) + "\n", encoding="utf-8")
    new_jl.write_text("\n".join(json.dumps(r) for r in [
        {"id": "s2", "text": "The port of Odesa had 40 ships."},
        {"id": "s1", "source": "Wire", "text": "The flood displaced 52,000 people in Kherson."},
        {"id": "s3", "text": "Some 300 cars were stuck on the bridge."}]) + "\n", encoding="utf-8")
    proc = run(tally, "diff", "--format", "json", old_jl, new_jl)
    d = json_of(proc, "diff jsonl")
    check("diff jsonl: exit 1", proc.returncode == 1, f"exit {proc.returncode}: {stderr_of(proc)}")
    if d is not None:
        kinds = sorted((c["kind"], c["doc"]) for c in d.get("changes", []))
        check("diff jsonl: paired by id, not by line", kinds == [("added", "s3"), ("changed", "s1")], str(kinds))
        check("diff jsonl: s3 is an added document", d.get("added_documents") == ["s3"], str(d.get("added_documents")))
    proc = run(tally, "diff", old_jl, new_jl)
    check("diff jsonl text: 40,000 → 52,000", "40,000 → 52,000" in proc.stdout.decode(), proc.stdout.decode()[:300])
    proc = run(tally, "diff", "--format", "html", old_jl, new_jl)
    check("diff jsonl html: exit 1 and a page", proc.returncode == 1 and proc.stdout.startswith(b"<!DOCTYPE html>"))
    proc = run(tally, "diff", old_jl, old_jl)
    check("diff jsonl with itself: exit 0", proc.returncode == 0, f"exit {proc.returncode}")

    proc = run(tally, "diff", "--format", "sarif", old, new)
    check("diff --format sarif is a usage error (exit 2)", proc.returncode == 2, f"exit {proc.returncode}")
    proc = run(tally, "diff", old)
    check("diff with one path is a usage error (exit 2)", proc.returncode == 2, f"exit {proc.returncode}")


# --- Colour -----------------------------------------------------------------------

def test_color(tally, tmp):
    old, new = tmp / "old", tmp / "new"
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm-256color"
    cases = [("check", ["check", "corpus"]), ("diff", ["diff", old, new]), ("extract", ["extract", "corpus"])]
    for name, args in cases:
        proc = run(tally, *args, cwd=tmp, env=env)
        check(f"{name}: no ANSI escape when standard output is not a terminal", not ANSI.search(proc.stdout),
              repr(proc.stdout[:120]))
        code, out = run_tty(tally, *args, cwd=tmp, env=env)
        if name != "extract":
            check(f"{name}: colour on a terminal", ANSI.search(out) is not None, repr(out[:120]))
        code_nc, out_nc = run_tty(tally, *args, "--no-color", cwd=tmp, env=env)
        check(f"{name} --no-color: no ANSI escape on a terminal", not ANSI.search(out_nc), repr(out_nc[:160]))
        check(f"{name} --no-color: same exit status", code_nc == code, f"{code_nc} vs {code}")
        check(f"{name} --no-color on a terminal: what a pipe gets",
              out_nc.replace(b"\r\n", b"\n") == proc.stdout, repr(out_nc[:160]))
        code_env, out_env = run_tty(tally, *args, cwd=tmp, env=dict(env, NO_COLOR="1"))
        check(f"{name} with NO_COLOR: no ANSI escape on a terminal", not ANSI.search(out_env), repr(out_env[:160]))
    out = tmp / "colour.txt"
    code, _ = run_tty(tally, "check", "corpus", "-o", out, cwd=tmp, env=env)
    check("check -o FILE from a terminal: no ANSI escape in the file",
          out.exists() and not ANSI.search(out.read_bytes()))


def main():
    if len(sys.argv) != 2:
        print("usage: test_report_cli.py PATH/TO/tally", file=sys.stderr)
        return 2
    tally = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory(prefix="tally-report-cli-") as tmp:
        tmp = Path(tmp)
        write_tree(tmp / "corpus", CORPUS)
        test_sarif(tally, tmp)
        test_github(tally, tmp)
        test_html(tally, tmp)
        test_diff(tally, tmp)
        test_color(tally, tmp)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
