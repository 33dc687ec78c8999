#!/usr/bin/env python3
"""End-to-end test of the input formats: one story as plain text, Markdown,
HTML and a JSONL record must give the same figures, in the same order, and
every figure's offsets must point at its own bytes in the original input.

Usage: test_inputs.py PATH/TO/tally
Prints one line per check and `N passed, N failed` last; exits 1 on failure.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
INPUTS = Path(os.environ.get("TALLY_SOURCE_DIR", HERE.parents[1])) / "tests" / "data" / "inputs"

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from harness import check, summary  # noqa: E402


def run(tally, *args, stdin=None):
    return subprocess.run([tally, *args], input=stdin, capture_output=True, timeout=120)


def extract(tally, *paths):
    """Records of `tally extract --format jsonl PATHS`, or None (and a failure)."""
    proc = run(tally, "extract", "--format", "jsonl", *map(str, paths))
    if proc.returncode != 0:
        check(f"extract {' '.join(map(str, paths))} exits 0", False,
              f"exit {proc.returncode}: {proc.stderr.decode(errors='replace')[:500]}")
        return None
    try:
        return [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]
    except json.JSONDecodeError as e:
        check("extract output is JSONL", False, str(e))
        return None


def figures(records):
    return [(r["text"], r["value"]) for r in records]


def main():
    if len(sys.argv) != 2:
        print("usage: test_inputs.py PATH/TO/tally", file=sys.stderr)
        return 2
    tally = sys.argv[1]
    story = {ext: INPUTS / f"story.{ext}" for ext in ("txt", "md", "html", "jsonl")}

    results = {ext: extract(tally, path) for ext, path in story.items()}
    base = results["txt"]
    if base is not None:
        check("the text story has figures", len(base) >= 8, f"{len(base)} figures")
        values = [r["value"] for r in base]
        for v in (3000, 2.5e9, 19, 42):
            check(f"the text story has the figure {v:g}", v in values, str(figures(base)))

    # The same story in every format: same figure texts and values, same order.
    for ext in ("md", "html", "jsonl"):
        got = results[ext]
        if base is None or got is None:
            continue
        check(f"{ext} gives the same figures as txt", figures(got) == figures(base),
              f"\n  txt: {figures(base)}\n  {ext}: {figures(got)}")

    # Markup, code, link targets, scripts, hidden elements are not text.
    never = {3, 99, 512, 8812, 4410, 7777, 6, 8675309, 77, 300, 24, 9, 35, 50, 6666, 25, 14, 555}
    for ext in ("md", "html"):
        got = results[ext]
        if got is None:
            continue
        stray = [r["text"] for r in got if r["value"] in never]
        check(f"{ext}: nothing from markup, code or hidden elements", not stray, str(stray))

    # Offsets point into the original bytes (for JSONL: into the decoded text).
    for ext, got in results.items():
        if got is None:
            continue
        if ext == "jsonl":
            raw = json.loads(story[ext].read_text(encoding="utf-8"))["text"].encode()
        else:
            raw = story[ext].read_bytes()
        bad = [(r["text"], r["start"], r["end"], raw[r["start"]:r["end"]].decode(errors="replace"))
               for r in got if raw[r["start"]:r["end"]].decode(errors="replace") != r["text"]]
        check(f"{ext}: each record's text is raw[start:end]", not bad, str(bad[:5]))
        lines = raw.split(b"\n")
        wrong = []
        for r in got:
            line = lines[r["line"] - 1] if 0 < r["line"] <= len(lines) else b""
            col = len(line.decode(errors="replace")[: r["col"] - 1].encode())
            if line[col:col + r["end"] - r["start"]].decode(errors="replace") != r["text"]:
                wrong.append((r["text"], r["line"], r["col"]))
        check(f"{ext}: line and col point at the figure", not wrong, str(wrong[:5]))

    # Metadata from front matter, HTML meta and JSONL fields.
    for ext, got in results.items():
        if got:
            check(f"{ext}: source and date from the document", got[0].get("source") == "Northbridge Courier"
                  and got[0].get("date") == "2024-10-17", f"{got[0].get('source')!r} {got[0].get('date')!r}")

    # A directory is walked in byte order; ids join the path as given.
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "news"
        (tree / "b").mkdir(parents=True)
        (tree / "b" / "story.md").write_bytes(story["md"].read_bytes())
        (tree / "a.txt").write_bytes(story["txt"].read_bytes())
        (tree / ".hidden.txt").write_text("About 5,000 people.\n")
        (tree / "notes.csv").write_text("1,2,3\n")
        walked = extract(tally, str(tree) + "/")
        if walked is not None:
            docs = list(dict.fromkeys(r["doc"] for r in walked))
            check("a directory is walked in order, hidden files skipped",
                  docs == [f"{tree}/a.txt", f"{tree}/b/story.md"], str(docs))

        # Bad input: one diagnostic, everything else still read, exit 2.
        missing = Path(tmp) / "missing.txt"
        binary = Path(tmp) / "blob.txt"
        binary.write_bytes(b"\x00\x01\x02binary")
        proc = run(tally, "extract", "--format", "jsonl", str(missing), str(binary), str(story["txt"]))
        err = proc.stderr.decode(errors="replace")
        check("unreadable inputs exit 2", proc.returncode == 2, f"exit {proc.returncode}")
        check("a missing file is one error", f"{missing}: error: " in err, err[:300])
        check("a binary file is one error", f"{binary}: error: binary file" in err, err[:300])
        out = [json.loads(l) for l in proc.stdout.decode().splitlines() if l.strip()]
        if base is not None:
            check("the readable file is still extracted", figures(out) == figures(base))

        # Malformed JSONL lines cost themselves only.
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text('{"id": "a", "text": "About 3,000 troops."}\nnot json\n'
                          '{"id": "b", "text": 12}\n{"id": "c", "text": "Some 1,500 troops."}\n')
        proc = run(tally, "extract", "--format", "jsonl", str(corpus))
        err = proc.stderr.decode(errors="replace")
        out = [json.loads(l) for l in proc.stdout.decode().splitlines() if l.strip()]
        check("malformed JSONL lines: exit 2", proc.returncode == 2, f"exit {proc.returncode}")
        check("malformed JSONL lines: PATH:LINE diagnostics",
              f"{corpus}:2: error:" in err and f"{corpus}:3: error:" in err, err[:300])
        check("malformed JSONL lines: the good records are read",
              [r["doc"] for r in out] == ["a", "c"], str([r["doc"] for r in out]))

        # stdin, as text and as JSONL.
        proc = run(tally, "extract", "--format", "jsonl", "-", stdin=story["txt"].read_bytes())
        out = [json.loads(l) for l in proc.stdout.decode().splitlines() if l.strip()]
        if base is not None:
            check("stdin as text", proc.returncode == 0 and figures(out) == figures(base),
                  f"exit {proc.returncode}")
        proc = run(tally, "extract", "--format", "jsonl", "--input-format", "jsonl", "-",
                   stdin=story["jsonl"].read_bytes())
        out = [json.loads(l) for l in proc.stdout.decode().splitlines() if l.strip()]
        if base is not None:
            check("stdin as JSONL", proc.returncode == 0 and figures(out) == figures(base),
                  f"exit {proc.returncode}")

    return summary()


if __name__ == "__main__":
    sys.exit(main())
