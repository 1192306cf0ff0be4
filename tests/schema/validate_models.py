#!/usr/bin/env python3
"""Validates models (TOML) against nagare's JSON Schema with python3-jsonschema (Debian).

usage: validate_models.py SCHEMA expect-valid|expect-invalid MODEL...
Exit 0 when every model got the verdict expected, 1 otherwise (one line per surprise).
"""
import datetime
import json
import sys
import tomllib

import jsonschema


def plain(value):
    """TOML dates and times as the strings a schema validator sees (as Taplo does)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, (datetime.date, datetime.time, datetime.datetime)):
        return value.isoformat()
    return value


def main():
    schema_path, expectation, *models = sys.argv[1:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema)
    surprises = 0
    for model in models:
        try:
            with open(model, "rb") as f:
                document = plain(tomllib.load(f))
        except tomllib.TOMLDecodeError as error:
            errors = [f"TOML: {error}"]
        else:
            errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                      for e in validator.iter_errors(document)]
        if expectation == "expect-valid" and errors:
            print(f"FAIL {model}: does not validate: {errors[0]}")
            surprises += 1
        elif expectation == "expect-invalid" and not errors:
            print(f"FAIL {model}: validates, but the schema should reject it")
            surprises += 1
    print(f"{len(models) - surprises} passed, {surprises} failed")
    return 1 if surprises else 0


if __name__ == "__main__":
    sys.exit(main())
