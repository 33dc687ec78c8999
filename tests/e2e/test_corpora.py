#!/usr/bin/env python3
"""Golden test of the sample corpora: `tally check` on each folder of
corpora/ must give exactly the reviewed findings in tests/golden/NAME.expected.json.

Usage: test_corpora.py PATH/TO/tally      (TALLY_SOURCE_DIR: the repository root)
Prints one line per check and `N passed, N failed` last; exits 1 on failure.

A golden file holds a projection of the findings that is stable under
changes that do not alter what was found (messages, ids, consensus values,
offsets): for each finding its rule, severity, subject, and the (document,
figure text) of each claim, documents relative to the corpus folder, all
sorted. `notes` in a golden file are for the reviewer and are not compared.

There is deliberately no switch that rewrites the goldens. On a mismatch the
test prints a diff and the projection it got; a person reviews the change
and edits the golden file by hand.
"""

import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = Path(os.environ.get("TALLY_SOURCE_DIR", HERE.parents[1]))
CORPORA = ROOT / "corpora"
GOLDEN = ROOT / "tests" / "golden"
VALIDATOR = ROOT / "tests" / "data" / "report" / "validate_schema.py"

SEVERITY_ORDER = {"error": 0, "warning": 1, "note": 2}

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from harness import check, summary  # noqa: E402


def run(tally, *args):
    # The repository root as working directory: documents are named
    # corpora/NAME/..., and no tally.json of the caller's can apply (the
    # search for one stops at the repository's .git).
    return subprocess.run([tally, *args], cwd=ROOT, capture_output=True, timeout=300)


def project(report, corpus):
    prefix = f"corpora/{corpus}/"
    findings = []
    for f in report["findings"]:
        claims = sorted(
            [c["doc"][len(prefix):] if c["doc"].startswith(prefix) else c["doc"], c["text"]]
            for c in f["claims"])
        findings.append({"rule": f["rule"], "severity": f["severity"], "subject": f["subject"],
                         "claims": claims})
    findings.sort(key=lambda f: (SEVERITY_ORDER.get(f["severity"], 9), f["rule"], f["subject"],
                                 f["claims"]))
    return findings


def dump(findings):
    return json.dumps(findings, indent=2, ensure_ascii=False).splitlines()


def expected_exit(findings, fail_on):
    levels = {"error": ["error"], "warning": ["error", "warning"],
              "note": ["error", "warning", "note"], "never": []}[fail_on]
    return 1 if any(f["severity"] in levels for f in findings) else 0


def validate(path):
    proc = subprocess.run([sys.executable, str(VALIDATOR), "check", str(path)],
                          capture_output=True, timeout=120)
    return proc.returncode, (proc.stdout + proc.stderr).decode(errors="replace")


def check_corpus(tally, corpus, tmp):
    golden_path = GOLDEN / f"{corpus}.expected.json"
    if not golden_path.exists():
        check(f"{corpus}: has a golden file", False, f"{golden_path} is missing")
        return
    golden = json.loads(golden_path.read_text(encoding="utf-8"))
    want = golden["findings"]

    proc = run(tally, "check", "--format", "json", "--no-color", f"corpora/{corpus}")
    stderr = proc.stderr.decode(errors="replace")
    check(f"{corpus}: check writes no diagnostics", stderr.strip() == "", stderr[:500])
    try:
        report = json.loads(proc.stdout.decode())
    except json.JSONDecodeError as e:
        check(f"{corpus}: check --format json is JSON", False, str(e))
        return
    got = project(report, corpus)
    if got == want:
        check(f"{corpus}: findings match the golden ({len(want)})", True)
    else:
        diff = "\n".join(difflib.unified_diff(dump(want), dump(got), f"{golden_path.name} (expected)",
                                              "tally check (got)", lineterm=""))
        check(f"{corpus}: findings match the golden", False,
              f"\n{diff}\n--- the projection tally gave (review before copying it into the golden):\n"
              + json.dumps(got, indent=2, ensure_ascii=False))
    check(f"{corpus}: documents counted", report.get("documents") == golden.get("documents"),
          f"{report.get('documents')} != {golden.get('documents')}")

    # Exit status: 1 with an error-severity finding, else 0 (default --fail-on error).
    check(f"{corpus}: exit status {expected_exit(want, 'error')} by default",
          proc.returncode == expected_exit(want, "error"), f"got {proc.returncode}")
    for level in ("never", "warning", "note"):
        p = run(tally, "check", "--quiet", "--fail-on", level, f"corpora/{corpus}")
        check(f"{corpus}: exit status {expected_exit(want, level)} with --fail-on {level}",
              p.returncode == expected_exit(want, level), f"got {p.returncode}")

    out = tmp / f"{corpus}.json"
    out.write_bytes(proc.stdout)
    code, text = validate(out)
    if code == 3:
        print(f"skip {corpus}: schema validation ({text.strip()})")
    else:
        check(f"{corpus}: json output valid against tally-check.schema.json", code == 0, text[:1000])

    # Same findings in the same order on a second run and with one job.
    again = run(tally, "check", "--format", "json", "--jobs", "1", f"corpora/{corpus}")
    check(f"{corpus}: output identical with --jobs 1", again.stdout == proc.stdout)


def main():
    if len(sys.argv) != 2:
        print("usage: test_corpora.py PATH/TO/tally", file=sys.stderr)
        return 2
    tally = os.path.abspath(sys.argv[1])
    import tempfile
    corpora = sorted(p.name for p in CORPORA.iterdir() if p.is_dir() and not p.name.startswith("."))
    check("there are corpora", len(corpora) >= 5, str(corpora))
    goldens = sorted(p.name[: -len(".expected.json")] for p in GOLDEN.glob("*.expected.json"))
    check("every golden file has its corpus", set(goldens) <= set(corpora),
          str(sorted(set(goldens) - set(corpora))))
    with tempfile.TemporaryDirectory() as d:
        for corpus in corpora:
            check_corpus(tally, corpus, Path(d))
    return summary()


if __name__ == "__main__":
    sys.exit(main())
