#!/usr/bin/env python3
"""End-to-end test of `tally extract`: the four output formats, every JSONL
record against the mention schema, and the bad inputs of issue 2 (invalid
UTF-8, NUL bytes, an empty file, a malformed JSONL line among valid ones, a
missing path, one very long line, standard input).

Usage: test_extract_cli.py PATH/TO/tally
Prints one line per check and `N passed, N failed` last; exits 1 on failure.
"""

import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = Path(os.environ.get("TALLY_SOURCE_DIR", HERE.parents[1]))
SCHEMA = SOURCE / "tests" / "data" / "report" / "schemas" / "tally-mention.schema.json"

STORY = (
    "KYIV, October 17, 2024. Ukraine's president said there is an intention to train "
    "10,000 soldiers from different branches. Intelligence puts the number of North Korean "
    "personnel in Russian units at approximately 3,000, and a second country may follow.\n"
    "The aid package is worth $2.5bn, and the bridge is 19 km long.\n"
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from harness import check, summary  # noqa: E402


def run(tally, *args, stdin=None, timeout=120):
    return subprocess.run([tally, *map(str, args)], input=stdin, capture_output=True, timeout=timeout)


def records(proc):
    """The JSONL records on stdout, or None when a line is not JSON."""
    try:
        return [json.loads(line) for line in proc.stdout.decode().splitlines() if line.strip()]
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


def stderr(proc):
    return proc.stderr.decode(errors="replace")


def validator():
    try:
        import jsonschema
    except ImportError:
        return None
    schema = json.loads(SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def test_formats(tally, tmp):
    path = tmp / "story.txt"
    path.write_text(STORY)
    raw = STORY.encode()

    proc = run(tally, "extract", "--format", "jsonl", path)
    recs = records(proc)
    check("jsonl: exit 0", proc.returncode == 0, f"exit {proc.returncode}: {stderr(proc)[:300]}")
    check("jsonl: every line is a JSON record", recs is not None)
    if not recs:
        return
    texts = [r["text"] for r in recs]
    check("jsonl: the figures of the story, in order",
          texts == ["10,000", "approximately 3,000", "$2.5bn", "19 km"], str(texts))
    check("jsonl: no year and no ordinal", all("2024" not in t and "second" not in t for t in texts))
    for r in recs:
        b = raw[r["start"]:r["end"]]
        check(f"jsonl: offsets of {r['text']!r} point at its bytes", b.decode() == r["text"], repr(b))
    by_text = {r["text"]: r for r in recs}
    a = by_text.get("10,000", {})
    check("jsonl: 10,000 soldiers is planned",
          (a.get("noun"), a.get("modality")) == ("soldier", "planned"), str(a))
    b = by_text.get("approximately 3,000", {})
    check("jsonl: approximately 3,000 personnel is asserted",
          (b.get("noun"), b.get("modality"), b.get("qualifier"), b.get("noun_phrase"))
          == ("personnel", "asserted", "approximate", "North Korean personnel"), str(b))
    c = by_text.get("$2.5bn", {})
    check("jsonl: $2.5bn is 2.5e9 USD", (c.get("value"), c.get("unit")) == (2.5e9, "USD"), str(c))
    d = by_text.get("19 km", {})
    check("jsonl: 19 km is 19000 m in norm",
          (d.get("unit"), d.get("norm", {}).get("value"), d.get("norm", {}).get("unit")) == ("km", 19000, "m"),
          str(d))

    v = validator()
    if v is None:
        check("jsonschema is installed (python3-jsonschema)", False)
    else:
        for r in recs:
            errors = sorted(v.iter_errors(r), key=str)
            check(f"jsonl: {r['text']!r} validates against the mention schema", not errors,
                  "; ".join(e.message for e in errors[:3]))

    proc = run(tally, "extract", "--format", "json", path)
    try:
        arr = json.loads(proc.stdout.decode())
    except json.JSONDecodeError as e:
        arr = None
        check("json: one JSON array", False, str(e))
    if arr is not None:
        check("json: one JSON array", isinstance(arr, list))
        check("json: the same records as jsonl", arr == recs)
    check("json: exit 0", proc.returncode == 0)

    proc = run(tally, "extract", "--format", "tsv", path)
    check("tsv: exit 0", proc.returncode == 0)
    rows = list(csv.reader(io.StringIO(proc.stdout.decode()), delimiter="\t"))
    check("tsv: a header then one row per figure", len(rows) == len(recs) + 1, f"{len(rows)} rows")
    if rows:
        header = rows[0]
        check("tsv: header names the fields", {"doc", "start", "end", "text", "value", "unit"} <= set(header),
              str(header))
        if "text" in header:
            col = header.index("text")
            check("tsv: the figure texts", [r[col] for r in rows[1:]] == texts)
        check("tsv: every row has every column", all(len(r) == len(header) for r in rows))

    proc = run(tally, "extract", path)
    out = proc.stdout.decode()
    check("text: exit 0", proc.returncode == 0)
    check("text: a readable table with every figure", all(t in out for t in texts), out[:500])

    proc = run(tally, "extract", "--format", "yaml", path)
    check("an unknown format is a usage error (exit 2)", proc.returncode == 2, f"exit {proc.returncode}")


def test_bad_inputs(tally, tmp):
    good = tmp / "good.txt"
    good.write_text("The convoy carried 4,500 tonnes of grain.\n")

    # Invalid UTF-8: a warning, and the document is still read.
    bad = tmp / "latin1.txt"
    bad.write_bytes("Caf\xe9 owners said 3,000 jobs were lost.\n".encode("latin-1"))
    proc = run(tally, "extract", "--format", "jsonl", bad)
    recs = records(proc) or []
    err = stderr(proc)
    check("invalid UTF-8: one warning naming the path", f"{bad}: warning:" in err and err.count("warning") == 1, err)
    check("invalid UTF-8: still processed", [r["text"] for r in recs] == ["3,000"], str(recs))
    if recs:
        raw = bad.read_bytes()
        check("invalid UTF-8: offsets are bytes of the original",
              raw[recs[0]["start"]:recs[0]["end"]] == b"3,000")

    # NUL bytes: a binary file is one error; the other file is still processed.
    binary = tmp / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR 12 34\x00\x00")
    proc = run(tally, "extract", "--format", "jsonl", binary, good)
    recs = records(proc) or []
    err = stderr(proc)
    check("binary file: exit 2", proc.returncode == 2, f"exit {proc.returncode}")
    check("binary file: one diagnostic PATH: error:", err.count(f"{binary}: error:") == 1, err)
    check("binary file: the other file is processed", [r["doc"] for r in recs] == [str(good)], str(recs))

    # Empty file: nothing to report, no error.
    empty = tmp / "empty.txt"
    empty.write_bytes(b"")
    proc = run(tally, "extract", "--format", "jsonl", empty)
    check("empty file: exit 0 and no records", proc.returncode == 0 and records(proc) == [],
          f"exit {proc.returncode}: {stderr(proc)}")

    # A malformed JSONL line among valid ones.
    corpus = tmp / "corpus.jsonl"
    corpus.write_text(
        json.dumps({"id": "a", "source": "Wire", "date": "2024-10-17", "text": "They sent 5 ships."}) + "\n"
        + '{"id": "b", "text": "broken\n'
        + json.dumps({"text": "They lost 7 tanks."}) + "\n"
        + "\n"
        + json.dumps({"id": "d", "text": "Turnout was 45%."}) + "\n"
    )
    proc = run(tally, "extract", "--format", "jsonl", corpus)
    recs = records(proc) or []
    err = stderr(proc)
    check("malformed JSONL: exit 2", proc.returncode == 2, f"exit {proc.returncode}")
    check("malformed JSONL: diagnostic PATH:LINE: error:", f"{corpus}:2: error:" in err, err)
    check("malformed JSONL: exactly one diagnostic", err.count("error:") == 1, err)
    check("malformed JSONL: the valid records are still output",
          [(r["doc"], r["text"]) for r in recs] == [("a", "5"), (f"{corpus}:3", "7"), ("d", "45%")], str(recs))
    if recs:
        check("malformed JSONL: source and date come from the record",
              (recs[0]["source"], recs[0]["date"]) == ("Wire", "2024-10-17"))

    # A missing path: exit 2, the other files still processed.
    missing = tmp / "no-such-file.txt"
    proc = run(tally, "extract", "--format", "jsonl", missing, good)
    recs = records(proc) or []
    err = stderr(proc)
    check("missing path: exit 2", proc.returncode == 2, f"exit {proc.returncode}")
    check("missing path: one diagnostic naming it", err.count(f"{missing}: error:") == 1, err)
    check("missing path: the other file is processed", [r["text"] for r in recs] == ["4,500 tonnes"], str(recs))

    # Standard input, as text and as JSONL.
    proc = run(tally, "extract", "--format", "jsonl", "-", stdin=b"About 300 people came.\n")
    recs = records(proc) or []
    check("stdin: text read from -", proc.returncode == 0 and [r["text"] for r in recs] == ["About 300"],
          f"exit {proc.returncode}: {recs}")
    check("stdin: the document id is -", bool(recs) and recs[0]["doc"] == "-")
    proc = run(tally, "extract", "--format", "jsonl", "--input-format", "jsonl", "-",
               stdin=(json.dumps({"id": "s1", "text": "They sent 12 ships."}) + "\n{oops\n").encode())
    recs = records(proc) or []
    check("stdin JSONL: records read, malformed line diagnosed, exit 2",
          proc.returncode == 2 and [(r["doc"], r["text"]) for r in recs] == [("s1", "12")]
          and "-:2: error:" in stderr(proc), f"exit {proc.returncode}: {recs} {stderr(proc)}")


def test_directory_and_front_matter(tally, tmp):
    root = tmp / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / ".hidden").mkdir()
    story = "---\nsource: Kyiv Wire\ndate: 2024-10-17\n---\nYesterday 300 people arrived.\n"
    (root / "a.md").write_text(story)
    (root / "sub" / "b.txt").write_text("They sent 5 ships.\n")
    (root / ".hidden" / "c.txt").write_text("They sent 9 tanks.\n")
    (root / "d.csv").write_text("7,tanks\n")
    proc = run(tally, "extract", "--format", "jsonl", root)
    recs = records(proc) or []
    check("directory: exit 0", proc.returncode == 0, f"exit {proc.returncode}: {stderr(proc)}")
    check("directory: walked recursively, hidden and unknown extensions skipped",
          [(r["doc"], r["text"]) for r in recs] == [(f"{root}/a.md", "300"), (f"{root}/sub/b.txt", "5")],
          str([(r["doc"], r["text"]) for r in recs]))
    if recs:
        a = recs[0]
        check("front matter: source and date", (a["source"], a["date"]) == ("Kyiv Wire", "2024-10-17"), str(a))
        check("front matter: relative time resolved against the date", a["period"] == "2024-10-16", str(a))
        check("front matter: offsets into the original file",
              story.encode()[a["start"]:a["end"]] == b"300" and a["line"] == 5, str(a))


def test_long_line(tally, tmp):
    # One line of about 50 MB with a figure every 100 bytes or so, and no
    # sentence end: processed in one piece, no crash, every figure found.
    sentence = ("Officials said that 3,000 troops arrived by road from the north and that the "
                "aid, worth $2.5bn, had been agreed by the allies in the spring, up 12% on 2023; ")
    reps = 50 * 1024 * 1024 // len(sentence)
    path = tmp / "long.txt"
    with open(path, "w") as f:
        f.write(sentence * reps)
        f.write("\n")
    proc = subprocess.run([tally, "extract", "--format", "tsv", str(path)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=600)
    check("50 MB line: exit 0", proc.returncode == 0, f"exit {proc.returncode}: {stderr(proc)[:300]}")
    lines = proc.stdout.count(b"\n")
    check("50 MB line: every figure found", lines == 3 * reps + 1, f"{lines - 1} figures for {reps} sentences")


def main():
    if len(sys.argv) != 2:
        print("usage: test_extract_cli.py PATH/TO/tally", file=sys.stderr)
        return 2
    tally = sys.argv[1]
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        test_formats(tally, tmp)
        test_bad_inputs(tally, tmp)
        test_directory_and_front_matter(tally, tmp)
        test_long_line(tally, tmp)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
