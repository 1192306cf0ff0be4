#!/usr/bin/env python3
"""Matches nagare's findings on each seed model against a reviewer's expectation file
(tests/review/<model>.toml), both ways: a finding the reviewer expects that nagare misses,
one nagare gives that the reviewer does not list, a wrong severity, and one the reviewer
says must not be flagged, each fail.

Usage: review_check.py NAGARE REPO_DIR [MODEL_STEM ...]
       review_check.py NAGARE REPO_DIR --self-test   (the comparison can fail, each way)
"""
import fnmatch
import json
import pathlib
import subprocess
import sys
import tomllib


def check(nagare, repo, expectation_file, spec=None):
    if spec is None:
        spec = tomllib.loads(expectation_file.read_text(encoding="utf-8"))
    model = repo / spec["model"]
    run = subprocess.run([nagare, "check", "--format", "json", str(model)],
                         capture_output=True, text=True, cwd=repo)
    if run.returncode not in (0, 1):
        return [f"nagare check exited {run.returncode}: {run.stderr.strip()}"]
    found = {f["id"]: f["severity"] for f in json.loads(run.stdout)["findings"]}
    problems = []
    expected = {}
    for entry in spec.get("expect", []):
        expected[entry["id"]] = entry["severity"]
        if entry["id"] not in found:
            problems.append(f"missing   {entry['severity']:7} {entry['id']}  ({entry.get('seed_line', '')}: {entry.get('why', '')})")
        elif found[entry["id"]] != entry["severity"]:
            problems.append(f"severity  {found[entry['id']]:7} {entry['id']} (reviewer: {entry['severity']}; {entry.get('seed_line', '')})")
    for finding_id, severity in sorted(found.items()):
        if finding_id not in expected:
            problems.append(f"unexpected {severity:7} {finding_id}")
    for entry in spec.get("must_not", []):
        for finding_id in found:
            if fnmatch.fnmatchcase(finding_id, entry["id"]):
                problems.append(f"must-not  {finding_id} matches {entry['id']} ({entry.get('seed_line', '')}: {entry.get('why', '')})")
    return problems


def self_test(nagare, repo):
    """Edits an expectation in memory three ways; each edit must be caught."""
    expectation_file = sorted((repo / "tests" / "review").glob("*.toml"))[0]
    spec = tomllib.loads(expectation_file.read_text(encoding="utf-8"))
    first = spec["expect"][0]
    other = {"error": "info", "warning": "info", "info": "warning"}[first["severity"]]
    edits = {
        "a finding nagare gives that the reviewer does not list":
            dict(spec, expect=spec["expect"][1:]),
        "a severity the reviewer would not give":
            dict(spec, expect=[dict(first, severity=other)] + spec["expect"][1:]),
        "a finding the reviewer expects that nagare does not give":
            dict(spec, expect=spec["expect"] + [{"id": "encrypt-transit@flow.nowhere", "severity": "error"}]),
        "a finding the reviewer says must not be raised":
            dict(spec, must_not=spec.get("must_not", []) + [{"id": first["id"]}]),
    }
    passed = failed = 0
    for what, edited in edits.items():
        if check(nagare, repo, expectation_file, edited):
            passed += 1
        else:
            failed += 1
            print(f"FAIL not caught: {what}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


def main():
    nagare, repo = sys.argv[1], pathlib.Path(sys.argv[2]).resolve()
    if sys.argv[3:] == ["--self-test"]:
        return self_test(nagare, repo)
    stems = sys.argv[3:]
    files = sorted((repo / "tests" / "review").glob("*.toml"))
    if stems:
        files = [f for f in files if f.stem in stems]
    passed = failed = 0
    for expectation_file in files:
        problems = check(nagare, repo, expectation_file)
        if problems:
            failed += 1
            print(f"FAIL {expectation_file.stem}")
            for problem in problems:
                print("  " + problem)
        else:
            passed += 1
            print(f"ok   {expectation_file.stem}")
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
