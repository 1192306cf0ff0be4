#!/usr/bin/env python3
"""Every rule of data/policy.toml and every built-in check `nagare policy` lists is
documented in docs/policy.md, as a reviewer reads it. Usage: policy_doc_check.py NAGARE REPO"""
import pathlib
import re
import subprocess
import sys
import tomllib

nagare, repo = sys.argv[1], pathlib.Path(sys.argv[2])
doc = (repo / "docs" / "policy.md").read_text(encoding="utf-8")
ids = [rule["id"] for rule in tomllib.loads((repo / "data" / "policy.toml").read_text())["rule"]]
listing = subprocess.run([nagare, "policy", "--lang", "en"], capture_output=True, text=True).stdout
ids += [i for i in re.findall(r"(?m)^([a-z][a-z-]*)  \[", listing) if i not in ids]
missing = [i for i in ids if f"`{i}`" not in doc]
for i in missing:
    print(f"FAIL docs/policy.md does not document {i}")
print(f"{len(ids) - len(missing)} passed, {len(missing)} failed")
sys.exit(1 if missing else 0)
