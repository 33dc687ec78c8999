#!/usr/bin/env python3
"""End-to-end test of `tally check` and `tally reconcile` as CI and scripts use
them: reconciling extract output (and --consensus), bad claim records, exit
status and --fail-on, configuration discovery and validation, baselines, and
what --explain says.

Usage: test_check_cli.py PATH/TO/tally      (TALLY_SOURCE_DIR: the repository root)
Prints one line per check and `N passed, N failed` last; exits 1 on failure.
"""

import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("TALLY_SOURCE_DIR", HERE.parents[1]))
CORPORA = ROOT / "corpora"
VALIDATOR = ROOT / "tests" / "data" / "report" / "validate_schema.py"

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from harness import check, summary  # noqa: E402


def run(tally, *args, cwd=None, stdin=None):
    return subprocess.run([tally, *map(str, args)], cwd=cwd or ROOT, input=stdin, capture_output=True,
                          timeout=300)


def out(proc):
    return proc.stdout.decode(errors="replace")


def err(proc):
    return proc.stderr.decode(errors="replace")


def findings(proc):
    try:
        return json.loads(proc.stdout.decode())["findings"]
    except (json.JSONDecodeError, KeyError):
        return None


def test_reconcile_extract_output(tally, tmp):
    """Extract output is a valid claims file; reconcile groups on its subjects."""
    ex = run(tally, "extract", "--format", "jsonl", "corpora/troops")
    check("extract corpora/troops exits 0", ex.returncode == 0, err(ex))
    claims = tmp / "troops.jsonl"
    claims.write_bytes(ex.stdout)
    records = [json.loads(l) for l in ex.stdout.decode().splitlines() if l.strip()]

    r = run(tally, "reconcile", "--format", "json", claims)
    fs = findings(r)
    check("reconcile reads extract output without diagnostics", err(r).strip() == "", err(r)[:500])
    check("reconcile --format json is JSON", fs is not None, out(r)[:300])
    if fs is not None:
        for f in fs:
            subjects = {c["subject"] for c in f["claims"]}
            blocks = {c["block"] for c in f["claims"]}
            check(f"reconcile: finding {f['id']} holds one subject and one block as given",
                  len(subjects) == 1 and len(blocks) == 1, f"{subjects} {blocks}")
        has_error = any(f["severity"] == "error" for f in fs)
        check("reconcile: exit status follows the findings", r.returncode == (1 if has_error else 0),
              f"exit {r.returncode}")
        path = tmp / "reconcile.json"
        path.write_bytes(r.stdout)
        v = subprocess.run([sys.executable, str(VALIDATOR), "check", str(path)], capture_output=True)
        if v.returncode != 3:
            check("reconcile --format json is valid against the schema", v.returncode == 0,
                  v.stdout.decode()[:500])

    c = run(tally, "reconcile", "--consensus", claims)
    lines = [l for l in out(c).splitlines() if l.strip()]
    check("reconcile --consensus exits 0 or 1", c.returncode in (0, 1), err(c))
    try:
        subjects = [json.loads(l) for l in lines]
    except json.JSONDecodeError as e:
        check("reconcile --consensus prints JSON lines", False, str(e))
        return
    check("reconcile --consensus prints one line per subject and block",
          len(subjects) == len({(r["block"], r["subject"]) for r in records}),
          f"{len(subjects)} lines for {len({(r['block'], r['subject']) for r in records})} subjects")
    check("every claim is counted in one subject",
          sum(s["claims"] for s in subjects) == len(records))
    ok = True
    for s in subjects:
        ok = ok and set(s) >= {"subject", "block", "claims", "consensus", "sources"}
        ok = ok and all(0 <= r <= 1 for r in s["sources"].values())
        if s["consensus"] is not None:
            cons = s["consensus"]
            ok = ok and cons["low"] <= cons["value"] <= cons["high"] and cons["support"] >= 1
    check("consensus lines have SPEC's fields, reliabilities in [0, 1], value within low..high", ok,
          lines[0] if lines else "")
    # The three outlets that agree on about 3,000 support the consensus of the
    # troops in Russia: the reconciler saw the same subject string from each.
    troops = [s for s in subjects if s["consensus"] and s["consensus"]["value"] == 3000
              and s["block"] == "count:military_personnel"]
    check("reconcile --consensus: about 3,000 is a consensus of the troop claims", bool(troops),
          "\n".join(lines))

    # Partitioning by block gives the same findings (SPEC "Scale").
    by_block = {}
    for rec in records:
        by_block.setdefault(rec["block"], []).append(rec)
    ids = []
    for i, (block, recs) in enumerate(sorted(by_block.items())):
        part = tmp / f"part{i}.jsonl"
        part.write_text("".join(json.dumps(r) + "\n" for r in recs))
        fs_part = findings(run(tally, "reconcile", "--format", "json", part)) or []
        ids += [f["id"] for f in fs_part]
    if fs is not None:
        check("reconciling each block apart gives the same finding ids", sorted(ids) == sorted(f["id"] for f in fs),
              f"{sorted(ids)} != {sorted(f['id'] for f in fs)}")


def test_bad_claims(tally, tmp):
    """Bad records: a diagnostic naming file and line each, the rest reconciled, exit 2."""
    def rec(value, source, **kw):
        r = {"subject": "north korean troops | in russia", "block": "count:military_personnel",
             "source": source, "value": value, "doc": f"{source}.txt"}
        r.update(kw)
        return json.dumps(r)

    lines = [
        rec(3000, "Kyiv Wire", qualifier="approximate", text="approximately 3,000"),  # 1 ok
        '{"block": "count:military_personnel", "source": "X", "value": 5}',            # 2 no subject
        rec("many", "Y"),                                                              # 3 not a number
        '{"subject": "s", "source": "Z", "value": NaN}',                               # 4 NaN
        '{"subject": "s", "source": "Z", "value": Infinity}',                          # 5 infinite
        '{"subject": "s", "source": "Z", "value": -1e999}',                            # 6 overflows to -inf
        '{"subject": "s", "value": 4}',                                                # 7 no source
        '{"subject": "s", "source": "Z"}',                                             # 8 no value
        "this is not json",                                                            # 9
        rec(12000, "Baltic Monitor", text="12,000"),                                   # 10 ok
    ]
    bad = tmp / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n")
    r = run(tally, "reconcile", "--format", "json", bad)
    e = err(r)
    check("bad claims: exit status 2", r.returncode == 2, f"exit {r.returncode}")
    for n in range(2, 10):
        check(f"bad claims: a diagnostic names {bad.name}:{n}", f"{bad}:{n}: error:" in e, e)
    for n in (1, 10):
        check(f"bad claims: no diagnostic for the good line {n}", f"{bad}:{n}:" not in e, e)
    check("bad claims: the missing field is named", "subject" in e and "source" in e, e)
    check("bad claims: NaN and Infinity are named as not finite",
          f"{bad}:4: error: not valid JSON: NaN is not a finite number" in e
          and f"{bad}:5: error: not valid JSON: Infinity is not a finite number" in e, e)
    fs = findings(r)
    check("bad claims: the good lines are still reconciled (the conflict 12,000 vs about 3,000)",
          fs is not None and any(f["rule"] == "conflict" and len(f["claims"]) == 2 for f in fs), out(r)[:500])

    empty = tmp / "empty.jsonl"
    empty.write_text("")
    good = tmp / "good.jsonl"
    good.write_text(lines[0] + "\n" + lines[-1] + "\n")
    r = run(tally, "reconcile", "--format", "json", good, empty)
    check("an empty claims file is a diagnostic naming it", str(empty) in err(r), err(r))
    check("an empty claims file makes the exit status 2", r.returncode == 2, f"exit {r.returncode}")
    fs = findings(r)
    check("claims of the other file are reconciled beside an empty one",
          fs is not None and len(fs) == 1 and fs[0]["rule"] == "conflict", out(r)[:500])

    r = run(tally, "reconcile", tmp / "no-such-file.jsonl", good)
    check("a missing claims file: diagnostic naming it, exit 2",
          r.returncode == 2 and "no-such-file.jsonl" in err(r), f"exit {r.returncode}: {err(r)}")


def test_fail_on(tally, tmp):
    """--fail-on error|warning|note|never on check and reconcile."""
    # company-results has a warning and notes but no error.
    for level, want in (("error", 0), ("warning", 1), ("note", 1), ("never", 0)):
        r = run(tally, "check", "--quiet", "--fail-on", level, "corpora/company-results")
        check(f"check --fail-on {level} on warnings and notes exits {want}", r.returncode == want,
              f"exit {r.returncode}")
    r = run(tally, "check", "--quiet", "corpora/company-results")
    check("check without --fail-on fails on errors only (exit 0 on a warning)", r.returncode == 0,
          f"exit {r.returncode}")
    r = run(tally, "check", "--quiet", "--fail-on", "sometimes", "corpora/troops")
    check("check --fail-on with an unknown level is a usage error (exit 2)", r.returncode == 2,
          f"exit {r.returncode}")

    claims = tmp / "t.jsonl"
    claims.write_text(
        json.dumps({"subject": "s", "source": "A", "value": 10}) + "\n"
        + json.dumps({"subject": "s", "source": "B", "value": 11.2}) + "\n")  # 9.5-10.5 vs 11.15-11.25: a warning
    for level, want in (("error", 0), ("warning", 1), ("never", 0)):
        r = run(tally, "reconcile", "--fail-on", level, claims)
        check(f"reconcile --fail-on {level} on a warning exits {want}", r.returncode == want,
              f"exit {r.returncode}: {out(r)}")


def test_config(tally, tmp):
    """Discovery from the working directory upwards, JSON with comments, strict keys."""
    repo = tmp / "repo"
    (repo / ".git").mkdir(parents=True)
    work = repo / "docs" / "deep"
    work.mkdir(parents=True)
    corpus = CORPORA / "docs-timeout"
    cfg = repo / "tally.json"

    cfg.write_text('{\n  // a conflict must be 10x apart to fail the build\n'
                   '  "severity": {"error_ratio": 10}, /* and nothing else */\n'
                   '  "fail_on": "error"\n}\n')
    r = run(tally, "check", "--format", "json", corpus, cwd=work)
    fs = findings(r)
    check("config found from a subdirectory upwards, comments allowed", r.returncode == 0 and fs is not None
          and [f["severity"] for f in fs] == ["warning"], f"exit {r.returncode}: {err(r)} {fs and [f['severity'] for f in fs]}")

    hidden = repo / ".tally.json"
    cfg.unlink()
    hidden.write_text('{"fail_on": "warning", "severity": {"error_ratio": 10}}')
    r = run(tally, "check", "--quiet", corpus, cwd=work)
    check(".tally.json is found too (fail_on warning makes the warning fail)", r.returncode == 1,
          f"exit {r.returncode}: {err(r)}")
    hidden.unlink()

    # Discovery stops at the repository's top: a tally.json above .git is not read.
    (tmp / "tally.json").write_text('{"fail_on": "never"}')
    r = run(tally, "check", "--quiet", corpus, cwd=work)
    check("discovery stops at the directory holding .git", r.returncode == 1, f"exit {r.returncode}")
    (tmp / "tally.json").unlink()

    cases = [
        ('{\n  "severity": {"error_ratio": 2},\n  "toleranse": {"approximate": 0.2}\n}\n', "toleranse", 3),
        ('{\n  "tolerance": {\n    "aproximate": 0.2\n  }\n}\n', "tolerance.aproximate", 3),
        ('{\n  "tolerance": {"approximate": "wide"}\n}\n', "tolerance.approximate", 2),
        ('{\n  "fail_on": true\n}\n', "fail_on", 2),
        ('{\n  "synonyms": {"troops": "soldiers"}\n}\n', "synonyms.troops", 2),
        ('{\n  "overrides": [{"paths": ["docs/**"], "fail_on": "loud"}]\n}\n', "overrides[0].fail_on", 2),
    ]
    for text, key, line in cases:
        cfg.write_text(text)
        r = run(tally, "check", corpus, cwd=work)
        e = err(r)
        check(f"config: bad key {key} is rejected with exit 2", r.returncode == 2, f"exit {r.returncode}")
        check(f"config: the message names \"{key}\" and its line", f'"{key}"' in e and f"tally.json:{line}:" in e, e)
    cfg.write_text('{"severity": {"error_ratio": 2}')  # not closed
    r = run(tally, "check", corpus, cwd=work)
    check("config: malformed JSON is exit 2 naming the file", r.returncode == 2 and "tally.json" in err(r), err(r))
    cfg.unlink()

    explicit = tmp / "strict.json"
    explicit.write_text('{"fail_on": "note"}')
    r = run(tally, "check", "--quiet", "--config", explicit, "corpora/bridge-length")
    check("--config FILE is used (fail_on note)", r.returncode == 1, f"exit {r.returncode}")
    r = run(tally, "check", "--quiet", "--config", explicit, "--fail-on", "never", "corpora/bridge-length")
    check("--fail-on wins over the config's fail_on", r.returncode == 0, f"exit {r.returncode}")
    r = run(tally, "check", "--config", tmp / "missing.json", "corpora/bridge-length")
    check("--config with a missing file is exit 2", r.returncode == 2, f"exit {r.returncode}")

    syn = tmp / "ignore.json"
    syn.write_text('{"ignore": {"subjects": ["timeout"]}}')
    r = run(tally, "check", "--format", "json", "--config", syn, corpus)
    check("ignore.subjects drops the subject's findings", findings(r) == [] and r.returncode == 0,
          f"exit {r.returncode}: {findings(r)}")


def test_baseline(tally, tmp):
    """--write-baseline records today's findings; --baseline then reports only new ones."""
    base = tmp / "baseline.json"
    r = run(tally, "check", "--format", "json", "--write-baseline", base, "corpora/troops")
    before = findings(r) or []
    check("--write-baseline: the run still reports and fails", r.returncode == 1 and len(before) >= 2,
          f"exit {r.returncode}")
    try:
        saved = json.loads(base.read_text())
    except (OSError, json.JSONDecodeError) as e:
        check("--write-baseline writes JSON", False, str(e))
        return
    check("the baseline holds the finding ids, sorted", saved.get("findings") == sorted(f["id"] for f in before),
          str(saved))

    r = run(tally, "check", "--format", "json", "--baseline", base, "corpora/troops")
    check("--baseline: known findings are suppressed, exit 0", findings(r) == [] and r.returncode == 0,
          f"exit {r.returncode}: {findings(r)}")

    # Known findings stay suppressed when the text moves; a new one is reported.
    moved = tmp / "troops"
    moved.mkdir()
    for p in (CORPORA / "troops").iterdir():
        text = p.read_text(encoding="utf-8")
        head, sep, body = text.partition("\n---\n")
        (moved / p.name).write_text(head + sep + "\n\n" + body, encoding="utf-8")
    (moved / "yellow-sea-times.txt").write_text(
        "---\nsource: Yellow Sea Times\ndate: 2024-10-17\ntitle: Drones\n---\n"
        "Russia launched 90 drones at Kyiv overnight, the air force said.\n"
        "---\n", encoding="utf-8")
    (moved / "harbour-news.txt").write_text(
        "---\nsource: Harbour News\ndate: 2024-10-17\ntitle: Drones\n---\n"
        "The air force said Russia launched 40 drones at Kyiv overnight.\n", encoding="utf-8")
    # The ids do not depend on the path prefix or line numbers: compare from the same relative root.
    r1 = run(tally, "check", "--format", "json", "--write-baseline", tmp / "b2.json", "troops", cwd=tmp)
    ids_moved = {f["id"] for f in findings(r1) or []}
    r0 = run(tally, "check", "--format", "json", "corpora/troops")
    ids_orig = {f["id"] for f in findings(r0) or []}
    check("finding ids survive moved lines and another path", ids_orig <= ids_moved,
          f"{ids_orig} vs {ids_moved}")
    r2 = run(tally, "check", "--format", "json", "--baseline", base, "troops", cwd=tmp)
    new = findings(r2) or []
    check("--baseline reports only the findings not in it",
          len(new) == len(ids_moved - ids_orig) and all(f["id"] not in ids_orig for f in new),
          f"{[f['message'] for f in new]}")

    bad = tmp / "bad-baseline.json"
    bad.write_text("[1, 2")
    r = run(tally, "check", "--baseline", bad, "corpora/troops")
    check("an unreadable baseline is exit 2 naming it", r.returncode == 2 and "bad-baseline.json" in err(r),
          f"exit {r.returncode}: {err(r)}")


def test_explain(tally):
    """--explain: why grouped, widened intervals with their tolerances, the ratio behind the severity."""
    r = run(tally, "check", "--no-color", "--explain", "corpora/troops")
    text = out(r)
    flat = " ".join(text.split())
    for what, needle in [
        ("why the claims were grouped", "grouped because:"),
        ("the shared block", "same block: count:"),
        ("the counted thing and its synonyms", "counts the same thing: troops"),
        ("the modality and period of the cell", "same modality: asserted"),
        ("each widened interval", "compared as: Baltic Monitor 11,500–12,500"),
        ("the approximate tolerance", "approximate ±15%"),
        ("the precision tolerance of an exact figure", "half a unit of the last non-zero digit"),
        ("the ratio between the nearest ends", "ratio: 3.33× between the nearest ends"),
        ("the severity threshold", "is at least error_ratio 1.2"),
        ("why an aspect is a note", "aspect is a note"),
    ]:
        check(f"--explain shows {what}", needle in flat, needle)
    plain = out(run(tally, "check", "--no-color", "corpora/troops"))
    check("without --explain the reasons are not printed", "grouped because:" not in plain)

    r = run(tally, "check", "--no-color", "--explain", "corpora/docs-timeout")
    flat = " ".join(out(r).split())
    check("--explain shows a capped precision tolerance", "precision capped at exact_max" in flat, flat[:600])
    r = run(tally, "check", "--no-color", "--explain", "corpora/disaster-toll")
    flat = " ".join(out(r).split())
    check("--explain says why a drift is a note", "drift is a note" in flat, flat[:600])
    r = run(tally, "check", "--no-color", "--explain", "corpora/bridge-length")
    flat = " ".join(out(r).split())
    check("--explain shows intervals converted to metres", "18,500–19,500 m" in flat, flat[:600])


def main():
    if len(sys.argv) != 2:
        print("usage: test_check_cli.py PATH/TO/tally", file=sys.stderr)
        return 2
    tally = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for test in (test_reconcile_extract_output, test_bad_claims, test_fail_on, test_config, test_baseline):
            sub = tmp / test.__name__
            sub.mkdir()
            test(tally, sub)
        test_explain(tally)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
