#!/usr/bin/env python3
"""Edits cells of an .xlsx as a clerk would, for the import tests.

xlsx_edit.py IN OUT SHEET!CELL=VALUE ...   (an empty VALUE empties the cell)

Sheets are found by name through xl/workbook.xml and its relationships; an edited cell
becomes an inline string, the other parts are copied unchanged."""
import re
import sys
import zipfile
from xml.sax.saxutils import escape


def sheet_parts(archive):
    workbook = archive.read("xl/workbook.xml").decode()
    rels = archive.read("xl/_rels/workbook.xml.rels").decode()
    targets = dict(re.findall(r'<Relationship Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    targets.update({k: v for v, k in re.findall(r'<Relationship[^>]*Target="([^"]+)"[^>]*Id="([^"]+)"', rels)})
    parts = {}
    for name, rid in re.findall(r'<sheet name="([^"]+)"[^>]*r:id="([^"]+)"', workbook):
        parts[name] = "xl/" + targets[rid].lstrip("/").removeprefix("xl/")
    return parts


def set_cell(xml, cell, value):
    row = re.match(r"[A-Z]+(\d+)$", cell).group(1)
    new = "" if value == "" else (
        f'<c r="{cell}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>')
    pattern = re.compile(rf'<c r="{cell}"(?:[^>]*/>|[^>]*>.*?</c>)')
    if pattern.search(xml):
        return pattern.sub(lambda _: new, xml, count=1)
    row_end = re.compile(rf'(<row r="{row}"[^>]*>.*?)(</row>)')
    if row_end.search(xml):
        return row_end.sub(lambda m: m.group(1) + new + m.group(2), xml, count=1)
    return xml.replace("</sheetData>", f'<row r="{row}">{new}</row></sheetData>')


def main():
    source, target, *edits = sys.argv[1:]
    with zipfile.ZipFile(source) as archive:
        parts = sheet_parts(archive)
        contents = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    for edit in edits:
        place, value = edit.split("=", 1)
        sheet, cell = place.split("!")
        part = parts[sheet]
        contents[part] = set_cell(contents[part].decode(), cell, value).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)


if __name__ == "__main__":
    main()
