#!/usr/bin/env python3
"""Validates nagare's SARIF against a JSON schema and checks what the schema cannot say.

usage: sarif_check.py SCHEMA SARIF...   (python3-jsonschema from Debian)
"""
import json
import sys

import jsonschema


def main():
    schema_path, *logs = sys.argv[1:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.validators.validator_for(schema)(schema)
    failures = 0
    for path in logs:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                    for e in validator.iter_errors(log)]
        run = log["runs"][0]
        rules = run["tool"]["driver"]["rules"]
        ids = [rule["id"] for rule in rules]
        if len(ids) != len(set(ids)):
            problems.append("rule ids repeat")
        for result in run["results"]:
            if ids[result["ruleIndex"]] != result["ruleId"]:
                problems.append(f"ruleIndex of {result['ruleId']} points elsewhere")
            if not any(key.startswith("message_") for key in result.get("properties", {})):
                problems.append(f"{result['ruleId']}: no message in the other language")
        for rule in rules:
            other = rule["properties"].get("en") or rule["properties"].get("ja")
            if not other or not other.get("shortDescription"):
                problems.append(f"rule {rule['id']}: no text in the other language")
        for problem in problems[:5]:
            print(f"FAIL {path}: {problem}")
        failures += bool(problems)
    print(f"{len(logs) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
