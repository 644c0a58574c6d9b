"""Glossary exchange formats: CSV (spreadsheets) and TBX (translation tools' termbases).

TBX follows TBX-Basic: one ``termEntry`` per entry, a ``langSec`` per language; the zh
section holds the headword (``termType`` fullForm) then the aliases (``shortForm``), the
entry type sits in a ``termNote type="entityType"``, the note in ``note`` and flags in a
``descrip type="flags"``. Exporting then importing gives identical entries.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from reader.errors import ReaderError
from reader.glossary.format import COLUMNS, TYPES, Entry, Issue, make_entry

FORMATS = ("tsv", "csv", "tbx")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def to_csv(entries: Sequence[Entry]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in entries:
        writer.writerow([e.zh, e.en, e.type, "|".join(e.aliases), e.note, "|".join(e.flags)])
    return buf.getvalue()


def from_csv(text: str, source: str) -> tuple[list[Entry], list[Issue]]:
    """Rows with a header naming the columns (zh, en, …) or, without one, in COLUMNS order."""
    entries: list[Entry] = []
    issues: list[Issue] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    columns: tuple[str, ...] = COLUMNS
    for index, row in enumerate(reader):
        lineno = reader.line_num
        if not row or not any(cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if index == 0 and row[0].strip().lower() == "zh":
            columns = tuple(c.strip().lower() for c in row)
            continue
        if len(row) < 2:
            issues.append(
                Issue(source, lineno, f"missing column: {len(row)} field(s), need zh and en")
            )
            continue
        values = {c: v for c, v in zip(columns, row, strict=False) if c in COLUMNS}
        entry = make_entry(values, source, lineno, issues)
        if entry is not None:
            entries.append(entry)
    return entries, issues


def to_tbx(entries: Sequence[Entry]) -> str:
    martif = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: "zh"})
    header = ET.SubElement(martif, "martifHeader")
    desc = ET.SubElement(ET.SubElement(header, "fileDesc"), "sourceDesc")
    ET.SubElement(desc, "p").text = "reader glossary export"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for n, e in enumerate(entries, start=1):
        entry = ET.SubElement(body, "termEntry", {"id": f"e{n}"})
        if e.note:
            ET.SubElement(entry, "note").text = e.note
        if e.flags:
            ET.SubElement(entry, "descrip", {"type": "flags"}).text = "|".join(e.flags)
        zh = ET.SubElement(entry, "langSec", {_XML_LANG: "zh"})
        for term, term_type in [(e.zh, "fullForm"), *((a, "shortForm") for a in e.aliases)]:
            tig = ET.SubElement(zh, "tig")
            ET.SubElement(tig, "term").text = term
            ET.SubElement(tig, "termNote", {"type": "termType"}).text = term_type
            if term_type == "fullForm":
                ET.SubElement(tig, "termNote", {"type": "entityType"}).text = e.type
        en = ET.SubElement(entry, "langSec", {_XML_LANG: "en"})
        ET.SubElement(ET.SubElement(en, "tig"), "term").text = e.en
    ET.indent(martif)
    xml = ET.tostring(martif, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n"


def from_tbx(text: str, source: str) -> tuple[list[Entry], list[Issue]]:
    try:
        root = ET.fromstring(text.lstrip("\ufeff").encode("utf-8"))
    except ET.ParseError as exc:
        raise ReaderError(f"{source}: not valid TBX/XML ({exc}); check the file") from None
    entries: list[Entry] = []
    issues: list[Issue] = []
    for n, term_entry in enumerate(_all(root, "termEntry"), start=1):
        values = _tbx_values(term_entry)
        entry = make_entry(values, source, n, issues)
        if entry is not None:
            entries.append(entry)
    return entries, issues


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _all(root: ET.Element, name: str) -> list[ET.Element]:
    return [el for el in root.iter() if _local(el.tag) == name]


def _tbx_values(term_entry: ET.Element) -> dict[str, str]:
    zh_terms: list[str] = []
    en = ""
    kind = ""
    for lang_sec in _all(term_entry, "langSec"):
        lang = (lang_sec.get(_XML_LANG) or lang_sec.get("lang") or "").lower()
        terms = [(t.text or "").strip() for t in _all(lang_sec, "term")]
        terms = [t for t in terms if t]
        if lang.startswith("zh"):
            zh_terms.extend(terms)
            for note in _all(lang_sec, "termNote"):
                value = (note.text or "").strip().lower()
                if note.get("type") == "entityType" or (not kind and value in TYPES):
                    kind = value
        elif lang.startswith("en") and terms and not en:
            en = terms[0]
    notes = [(el.text or "").strip() for el in term_entry if _local(el.tag) == "note"]
    flags = [
        (el.text or "").strip()
        for el in term_entry
        if _local(el.tag) == "descrip" and el.get("type") == "flags"
    ]
    return {
        "zh": zh_terms[0] if zh_terms else "",
        "en": en,
        "type": kind or "other",
        "aliases": "|".join(zh_terms[1:]),
        "note": " ".join(n for n in notes if n),
        "flags": "|".join(f for f in flags if f),
    }
