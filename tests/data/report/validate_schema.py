#!/usr/bin/env python3
"""Validate a JSON file against one of the schemas beside this script.

  validate_schema.py check FILE    # `check --format json`  (tally-check.schema.json)
  validate_schema.py sarif FILE    # `check --format sarif` (the official SARIF 2.1.0 schema)

The schemas are copies of ../shared/schemas (SPEC's), kept here so the tests
run anywhere the repository is checked out. Prints each violation with its
JSON path; exits 1 if any, 0 if none, 3 if jsonschema is not installed.
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("python3 jsonschema is not installed (Debian: python3-jsonschema)")
    sys.exit(3)

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")
NAMES = {"check": "tally-check.schema.json", "sarif": "sarif-schema-2.1.0.json"}


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


def inline_refs(node, store):
    """Replace {"$ref": "file.json"} with that schema, so no resolver is needed."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref in store:
            return inline_refs(store[ref], store)
        return {k: inline_refs(v, store) for k, v in node.items()}
    if isinstance(node, list):
        return [inline_refs(v, store) for v in node]
    return node


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in NAMES:
        sys.exit(__doc__)
    store = {n: load(n) for n in os.listdir(HERE) if n.startswith("tally-")}
    schema = inline_refs(load(NAMES[sys.argv[1]]), store)
    validator = jsonschema.validators.validator_for(schema)(schema)
    with open(sys.argv[2], encoding="utf-8") as f:
        doc = json.load(f)
    errors = list(validator.iter_errors(doc))
    for err in errors:
        print(f"{'/'.join(map(str, err.path)) or '(top)'}: {err.message}")
    print(f"{len(errors)} problem(s)" if errors else "valid")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
