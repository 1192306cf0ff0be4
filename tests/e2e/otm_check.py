#!/usr/bin/env python3
"""Validates Open Threat Model documents against a JSON schema and checks what the schema
cannot say: identifiers unique within their kind, and every reference (parent, dataflow end,
asset, threat, mitigation, representation) naming an element that exists.

usage: otm_check.py SCHEMA OTM.json...          (python3-jsonschema from Debian)
       otm_check.py --must-reject SCHEMA OTM.json
           breaks the (valid) document in each way the specification forbids and fails
           unless every broken copy is rejected, so that a lax schema cannot pass silently.
"""
import copy
import json
import sys

import jsonschema

KINDS = ["representations", "assets", "trustZones", "components", "dataflows", "threats",
         "mitigations"]


def reference_problems(document):
    problems = []
    ids = {}
    for kind in KINDS:
        seen = set()
        for element in document.get(kind) or []:
            if not isinstance(element, dict) or not isinstance(element.get("id"), str):
                continue
            if element["id"] in seen:
                problems.append(f"{kind}: id {element['id']!r} repeats")
            seen.add(element["id"])
        ids[kind] = seen

    def expect(kind, value, where):
        if isinstance(value, str) and value not in ids[kind]:
            problems.append(f"{where}: {value!r} is not one of the {kind}")

    def threat_instances(owner, where):
        for instance in owner.get("threats") or []:
            expect("threats", instance.get("threat"), f"{where} threat")
            for mitigation in instance.get("mitigations") or []:
                expect("mitigations", (mitigation or {}).get("mitigation"), f"{where} mitigation")

    def representation_elements(owner, where):
        for element in owner.get("representations") or []:
            expect("representations", element.get("representation"), f"{where} representation")

    parents = {}
    for kind in ("trustZones", "components"):
        for element in document.get(kind) or []:
            where = f"{kind} {element.get('id')!r}"
            parent = element.get("parent") or {}
            expect("trustZones", parent.get("trustZone"), f"{where} parent")
            expect("components", parent.get("component"), f"{where} parent")
            parents[(kind, element.get("id"))] = (
                ("trustZones", parent["trustZone"]) if "trustZone" in parent else
                ("components", parent["component"]) if "component" in parent else None)
            representation_elements(element, where)
            if kind == "components":
                assets = element.get("assets") or {}
                for asset in (assets.get("processed") or []) + (assets.get("stored") or []):
                    expect("assets", asset, f"{where} asset")
                threat_instances(element, where)
    for start in parents:
        walked, at = set(), start
        while at in parents and parents[at] is not None:
            if at in walked:
                problems.append(f"{start[0]} {start[1]!r}: parents form a cycle")
                break
            walked.add(at)
            at = parents[at]
    for flow in document.get("dataflows") or []:
        where = f"dataflow {flow.get('id')!r}"
        expect("components", flow.get("source"), f"{where} source")
        expect("components", flow.get("destination"), f"{where} destination")
        for asset in flow.get("assets") or []:
            expect("assets", asset, f"{where} asset")
        threat_instances(flow, where)
    return problems


def problems_of(validator, document):
    problems = [f"/{'/'.join(map(str, error.absolute_path))}: {error.message}"
                for error in validator.iter_errors(document)]
    return problems + reference_problems(document)


def breakages(document):
    """Copies of a valid document, each broken in one way the specification forbids."""
    def broken(change):
        copy_of = copy.deepcopy(document)
        change(copy_of)
        return copy_of

    def first(kind):
        return lambda change: broken(lambda d: change(d[kind][0]))

    yield "no otmVersion", broken(lambda d: d.pop("otmVersion"))
    yield "project without id", broken(lambda d: d["project"].pop("id"))
    yield "project name not a string", broken(lambda d: d["project"].update(name=7))
    yield "trust zone rating above 100", first("trustZones")(
        lambda z: z["risk"].update(trustRating=150))
    yield "trust zone without risk", first("trustZones")(lambda z: z.pop("risk"))
    yield "component without parent", first("components")(lambda c: c.pop("parent"))
    yield "component without type", first("components")(lambda c: c.pop("type"))
    yield "component with two parents", first("components")(
        lambda c: c["parent"].update(component=c["id"]))
    yield "component in a zone that does not exist", first("components")(
        lambda c: c.update(parent={"trustZone": "no-such-zone"}))
    yield "dataflow without destination", first("dataflows")(lambda f: f.pop("destination"))
    yield "dataflow from nowhere", first("dataflows")(lambda f: f.update(source="no-such-node"))
    yield "dataflow bidirectional not a boolean", first("dataflows")(
        lambda f: f.update(bidirectional="yes"))
    yield "dataflow carrying an unknown asset", first("dataflows")(
        lambda f: f.update(assets=["no-such-asset"]))
    yield "component attribute not a string (attributes map strings to strings)",\
        first("components")(lambda c: c.setdefault("attributes", {}).update(count=3))
    yield "repeated component id", broken(
        lambda d: d["components"].append(copy.deepcopy(d["components"][0])))
    if document.get("assets"):
        yield "asset without risk", first("assets")(lambda a: a.pop("risk"))
        yield "asset confidentiality below 0", first("assets")(
            lambda a: a["risk"].update(confidentiality=-1))


def main():
    arguments = sys.argv[1:]
    must_reject = arguments[:1] == ["--must-reject"]
    if must_reject:
        arguments = arguments[1:]
    schema_path, *paths = arguments
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.validators.validator_for(schema)(schema)
    passed = failed = 0
    for path in paths:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        if must_reject:
            for what, broken in breakages(document):
                if problems_of(validator, broken):
                    passed += 1
                else:
                    print(f"FAIL {path}: {what} is accepted")
                    failed += 1
            continue
        problems = problems_of(validator, document)
        for problem in problems[:5]:
            print(f"FAIL {path}: {problem}")
        passed += not problems
        failed += bool(problems)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
