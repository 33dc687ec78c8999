"""What every end-to-end script in tests/e2e and tests/browser shares: one
`ok`/`FAIL` line per check, and `N passed, N failed` with the exit status.

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from harness import check, summary
    check("a missing file exits 2", proc.returncode == 2, f"exit {proc.returncode}")  # returns ok
    return summary()   # 1 if any check failed, else 0
"""

passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))
    return ok


def summary():
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0
