"""Flags (catatan mutu data): doubts a person must see, kept as data, not as sentences.

A flag is a code with values (``duration-conflict {stated: 222, counted: 368, …}``).
Records keep flags in their plain form (``{"code": …, "values": {…}}``); reports,
``activity show`` and ``flag list`` put them into words in the reader's language from
the message catalogue (reports/i18n.py), so no language is stored with the data.

Stores written before flags were data hold them as English sentences; :func:`upcast`
reads those into the same codes and values, so old and new records look alike to every
reader. A sentence of an unknown shape becomes a ``note`` keeping its text.

:class:`FlagLedger` is the life of the flags on one record: raised by a source, settled
by a supervisor with a reason, reopened when a later source raises the same flag again.
It is pure; aggregates call it from their event methods, so replay rebuilds it.
"""

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from domain.flag_sentences import read_sentence
from domain.model.errors import InvalidValue, Refused


class FlagCode(StrEnum):
    """What kind of doubt a flag is. The values each code carries are in ``VALUES``."""

    # The stated length of a period disagrees with its dates (both ends counted).
    DURATION_CONFLICT = "duration-conflict"
    # A date without a year, the year taken from the publication date (or today).
    YEAR_INFERRED = "year-inferred"
    # "kemarin", "hari ini", "sepekan lalu": a day taken relative to a reference date.
    RELATIVE_DATE = "relative-date"
    # The weekday written beside a date is not that date's weekday.
    WEEKDAY_MISMATCH = "weekday-mismatch"
    # A source gives a figure the store holds otherwise (personnel, audience, days).
    STORE_CONFLICT = "store-conflict"
    # The day falls outside the operation's period: not attached to it.
    OUTSIDE_OPERATION = "outside-operation"
    # A drill, parade or deployment shortly before the operation starts (its preparation).
    BEFORE_OPERATION_START = "before-operation-start"
    # The item states different totals of personnel (each alone in its sentence).
    PERSONNEL_CONFLICT = "personnel-conflict"
    # A flag stored as a sentence this version cannot read into values.
    NOTE = "note"


# The values each code carries: required names, then optional ones.
VALUES: dict[FlagCode, tuple[tuple[str, ...], tuple[str, ...]]] = {
    FlagCode.DURATION_CONFLICT: (("stated", "counted"), ("start", "end")),
    FlagCode.YEAR_INFERRED: (("text", "year"), ("from",)),
    FlagCode.RELATIVE_DATE: (("text", "date"), ("from", "precision")),
    FlagCode.WEEKDAY_MISMATCH: (("stated", "date"), ()),
    FlagCode.STORE_CONFLICT: (("field", "stored", "reported"), ("operation",)),
    FlagCode.OUTSIDE_OPERATION: (("date", "operation"), ("start", "end")),
    FlagCode.BEFORE_OPERATION_START: (("date", "days", "operation"), ("start",)),
    FlagCode.PERSONNEL_CONFLICT: (("stated",), ()),
    FlagCode.NOTE: (("text",), ("kind",)),
}

# Where a reference date came from ("from" of year-inferred and relative-date): the
# publication date, the weekday written beside the day, the period of the operation the
# text names, the years written in the text, the day the item was read.
REFERENCES = ("publication-date", "weekday", "operation-period", "text-years", "today")
# The figures store-conflict compares.
CONFLICT_FIELDS = ("personnel", "audience_size", "days")

# A flag as events carry it: the plain form ``{"code": …, "values": {…}}``, or, in stores
# written before flags were data, an English sentence (read by ``upcast``).
StoredFlag = Mapping[str, Any] | str


@dataclass(frozen=True)
class Flag:
    """One doubt: a code and plain (JSON) values; dates are ISO text."""

    code: str
    values: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, code: str | FlagCode, /, **values: Any) -> "Flag":
        """A flag of a known code, its values checked (None values are left out)."""
        known = FlagCode(code)
        given = {name: value for name, value in values.items() if value is not None}
        required, optional = VALUES[known]
        missing = [name for name in required if name not in given]
        unknown = sorted(set(given) - set(required) - set(optional))
        if missing or unknown:
            raise ValueError(
                f"flag {known.value}: missing {missing or 'nothing'}, unknown {unknown or 'none'}"
            )
        return cls(known.value, dict(sorted(given.items())))

    @property
    def key(self) -> tuple[str, str]:
        """What makes two flags the same flag: the code and every value."""
        return self.code, json.dumps(dict(self.values), sort_keys=True, ensure_ascii=False)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "values": dict(self.values)}


def upcast(stored: Any) -> Flag:
    """A flag as stored, in any version: the plain form, or an old English sentence."""
    if isinstance(stored, Flag):
        return stored
    if isinstance(stored, Mapping):
        return Flag(str(stored["code"]), dict(sorted((stored.get("values") or {}).items())))
    code, values = read_sentence(str(stored).strip())
    return Flag.of(code, **values)


def not_among(flags: Iterable[Any], held: Iterable[Any]) -> list[Any]:
    """The flags of ``flags`` that ``held`` does not hold yet, in either stored form (a
    record of an older store keeps sentences; new flags come as codes with values)."""
    keys = {upcast(flag).key for flag in held}
    new = []
    for flag in flags:
        key = upcast(flag).key
        if key not in keys:
            keys.add(key)
            new.append(flag)
    return new


def upcast_all(stored: Iterable[Any] | None) -> list[Flag]:
    """Flags as stored, read and without repeats, in the order first seen."""
    seen: dict[tuple[str, str], Flag] = {}
    for item in stored or []:
        flag = upcast(item)
        seen.setdefault(flag.key, flag)
    return list(seen.values())


_WEEKDAY_INDEX = {
    name: index
    for index, name in enumerate(("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"))
}


def weekday_index(name: str) -> int | None:
    """Monday = 0 for an Indonesian weekday as written ("Kamis", "JUMAT", "Jum'at")."""
    return _WEEKDAY_INDEX.get(re.sub(r"[^a-z]", "", name.casefold()))


# --- the life of a record's flags -----------------------------------------------------


@dataclass
class FlagEntry:
    """One flag on one record: where it came from, when it was raised, how it was settled."""

    flag: Flag
    sources: list[str] = field(default_factory=list)
    opened_at: str | None = None
    resolved: dict[str, Any] | None = None  # {"by", "reason", "at"} while settled

    @property
    def is_open(self) -> bool:
        return self.resolved is None

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.flag.as_dict(),
            "sources": list(self.sources),
            "opened_at": self.opened_at,
            "resolved": dict(self.resolved) if self.resolved else None,
            "status": "open" if self.is_open else "resolved",
        }


class FlagLedger:
    """The flags of one record, in the order first raised."""

    def __init__(self, entries: Iterable[FlagEntry] = ()) -> None:
        self._entries: dict[tuple[str, str], FlagEntry] = {e.flag.key: e for e in entries}

    def raise_flags(self, flags: Iterable[Any], source: str | None, at: str | None) -> None:
        """Flags raised by a source (a news item, a field report, the record itself).

        A flag already open gains the source; a settled one raised again by a new source
        is open again, since that source has not been checked."""
        for flag in upcast_all(flags):
            entry = self._entries.get(flag.key)
            if entry is None:
                entry = self._entries[flag.key] = FlagEntry(flag, opened_at=at)
            elif not entry.is_open and source not in entry.sources:
                entry.resolved, entry.opened_at = None, at
            if source and source not in entry.sources:
                entry.sources.append(source)

    def settle(self, code: str, by: str, reason: str, at: str | None) -> list[Flag]:
        """Mark every open flag of ``code`` settled; returns those it settled."""
        settled = []
        for entry in self._entries.values():
            if entry.flag.code == code and entry.is_open:
                entry.resolved = {"by": by, "reason": reason, "at": at}
                settled.append(entry.flag)
        return settled

    def open_codes(self) -> list[str]:
        return sorted({e.flag.code for e in self._entries.values() if e.is_open})

    def entries(self) -> list[FlagEntry]:
        return list(self._entries.values())

    def open_flags(self) -> list[Flag]:
        return [e.flag for e in self._entries.values() if e.is_open]

    def as_list(self) -> list[dict[str, Any]]:
        return [entry.as_dict() for entry in self._entries.values()]


def entries_of(stored: Iterable[Any] | None) -> list[FlagEntry]:
    """Flag entries as a record's summary holds them: entries (dicts with ``status``), or,
    from a store older than settling, bare flags or sentences, all open."""
    entries: dict[tuple[str, str], FlagEntry] = {}
    for item in stored or []:
        if isinstance(item, Mapping) and "status" in item:
            flag = upcast(item)
            entry = FlagEntry(
                flag,
                sources=list(item.get("sources") or []),
                opened_at=item.get("opened_at"),
                resolved=dict(item["resolved"]) if item.get("resolved") else None,
            )
        else:
            entry = FlagEntry(upcast(item))
        entries.setdefault(entry.flag.key, entry)
    return list(entries.values())


# --- for aggregates: their state keeps plain lists, so snapshots and replay stay simple --


# The source flag entries name for a flag a correction raised.
CORRECTION_SOURCE = "correction"


def source_label(source: Mapping[str, Any] | None) -> str | None:
    """Where a record's first flags came from, as flag entries name it."""
    source = source or {}
    if source.get("coverage_id"):
        return f"coverage:{source['coverage_id']}"
    if source.get("report_id"):
        return f"field-report:{source['report_id']}"
    return None


def raised(
    entries: list[dict[str, Any]] | None, flags: Iterable[Any], source: str | None
) -> list[dict[str, Any]]:
    """A record's flag entries after a source raised ``flags``."""
    ledger = FlagLedger(entries_of(entries))
    ledger.raise_flags(flags, source, None)
    return ledger.as_list()


def settled(
    entries: list[dict[str, Any]] | None, code: str, by: str, reason: str, at: str
) -> list[dict[str, Any]]:
    """A record's flag entries after a supervisor settled every open flag of ``code``."""
    ledger = FlagLedger(entries_of(entries))
    ledger.settle(code, by, reason, at)
    return ledger.as_list()


def open_codes(entries: list[dict[str, Any]] | None) -> list[str]:
    return FlagLedger(entries_of(entries)).open_codes()


def check_settling(
    entries: list[dict[str, Any]] | None, code: str, reason: str, record: str
) -> None:
    """What settling a flag asks of every record: a reason, and an open flag of ``code``."""
    if not reason.strip():
        raise InvalidValue("settling-needs-reason", field="reason")
    if code not in open_codes(entries):
        raise Refused("no-open-flag", record=record, code=repr(code))
