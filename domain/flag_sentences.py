"""Flags as stores kept them before flags were data: English sentences
("duration-conflict: 222 days stated, but …"), read into the code and values they say
(``domain.flags.upcast`` makes the flag of them)."""

import re
from functools import cache
from typing import Any

_DATE = r"\d{4}-\d{2}-\d{2}"


@cache
def _sentences() -> list[tuple[str, re.Pattern[str]]]:
    """The old sentences' patterns, compiled when an old flag is first read (most
    commands never read one, and compiling them is a noticeable part of start-up)."""
    return [
        (
            "duration-conflict",
            re.compile(
                rf"^duration[ -]conflict: (?P<stated>\d+) days stated, but (?P<start>{_DATE}) to "
                rf"(?P<end>{_DATE}) spans (?P<counted>\d+) days"
            ),
        ),
        (
            "year-inferred",
            re.compile(r"^year-inferred: (?P<text>.+?) -> (?P<year>\d{4}) from (?P<ref>.+)$"),
        ),
        (
            "relative-date",
            re.compile(
                rf"^relative-date: '(?P<text>.+?)' -> (?P<week>week of )?(?P<date>{_DATE})"
                r"(?: from (?P<ref>.+))?$"
            ),
        ),
        (
            "weekday-mismatch",
            re.compile(rf"^weekday-mismatch: (?P<stated>\S+) stated, (?P<date>{_DATE}) is a"),
        ),
        (
            "before-operation-start",
            re.compile(
                rf"^before-operation-start: (?:activity on )?(?P<date>{_DATE}) is (?P<days>\d+) "
                rf"days before (?P<operation>.+?) starts \((?P<start>{_DATE})\)"
            ),
        ),
        (
            "outside-operation",
            re.compile(
                rf"^outside-operation: (?:activity on )?(?P<date>{_DATE}) "
                rf"(?:is outside (?P<operation>.+?) \((?P<start>{_DATE}) to (?P<end>{_DATE})\)"
                rf"|predates (?P<operation2>.+?) \((?P<start2>{_DATE})\)"
                rf"|is after (?P<operation3>.+?) ended \((?P<end3>{_DATE})\))"
            ),
        ),
        (
            "store-conflict",
            re.compile(
                r"^store-conflict: (?:the item says (?P<days>\d+) days, the store holds "
                r"(?P<held_days>\d+) for (?P<operation>.+)"
                r"|(?P<field>personnel|audience_size) (?P<given>\d+) in this item, "
                r"(?P<held>\d+) recorded)"
            ),
        ),
    ]


def read_sentence(text: str) -> tuple[str, dict[str, Any]]:
    """The code and values an old sentence says; one of an unknown shape is a ``note``
    keeping its text."""
    for code, pattern in _sentences():
        match = pattern.match(text)
        if match:
            return code, _values(code, match.groupdict())
    kind, _, rest = text.partition(":")
    if rest and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", kind.strip()):
        return "note", {"kind": kind.strip(), "text": rest.strip()}
    return "note", {"text": text}


def _values(code: str, found: dict[str, str | None]) -> dict[str, Any]:
    """The values of a flag from the parts of its old sentence."""
    if code == "duration-conflict":
        return {
            "stated": int(found["stated"] or 0),
            "counted": int(found["counted"] or 0),
            "start": found["start"],
            "end": found["end"],
        }
    if code == "year-inferred":
        return {
            "text": found["text"],
            "year": int(found["year"] or 0),
            "from": reference_of(found["ref"]),
        }
    if code == "relative-date":
        return {
            "text": found["text"],
            "date": found["date"],
            "from": reference_of(found["ref"]),
            "precision": "week" if found["week"] else None,
        }
    if code == "weekday-mismatch":
        return {"stated": found["stated"], "date": found["date"]}
    if code == "before-operation-start":
        return {
            "date": found["date"],
            "days": int(found["days"] or 0),
            "operation": found["operation"],
            "start": found["start"],
        }
    if code == "outside-operation":
        return {
            "date": found["date"],
            "operation": found["operation"] or found["operation2"] or found["operation3"],
            "start": found["start"] or found["start2"],
            "end": found["end"] or found["end3"],
        }
    if found["days"]:
        return {
            "field": "days",
            "reported": int(found["days"]),
            "stored": int(found["held_days"] or 0),
            "operation": found["operation"],
        }
    return {
        "field": found["field"],
        "reported": int(found["given"] or 0),
        "stored": int(found["held"] or 0),
    }


def reference_of(label: str | None) -> str | None:
    """Where a reference date came from (one of ``REFERENCES``), from the words that
    named it ("publication date", "weekday Selasa", "years in the text (2024)" …)."""
    if not label:
        return None
    label = label.strip()
    for prefix, ref in (
        ("today", "today"),
        ("weekday", "weekday"),
        ("operation period", "operation-period"),
        ("years in the text", "text-years"),
    ):
        if label.startswith(prefix):
            return ref
    return "publication-date"
