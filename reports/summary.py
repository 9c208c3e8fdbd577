"""The executive summary: three to five sentences written from the figures.

One sentence each for what was done, the reach (people and media), the change from the
previous period, what needs attention, and the public-order context. Every sentence is a
translatable message with its numbers already formatted for the language.
"""

from typing import Any

from reports.i18n import Fmt


def summary_sentences(figures: dict[str, Any], fmt: Fmt) -> list[str]:
    return [
        _done(figures, fmt),
        _reach(figures, fmt),
        _change(figures, fmt),
        _attention(figures, fmt),
        _context(figures, fmt),
    ]


def _done(figures: dict[str, Any], fmt: Fmt) -> str:
    total = figures["totals"]["counted"]
    if total == 0:
        return fmt._("No counted activity took place in this period.")
    kinds = [
        f"{fmt.kind(row['kind'])} {fmt.num(row['current'])}"
        for row in figures["activities"]["by_kind"]
        if row["current"]
    ]
    units = sum(1 for row in figures["activities"]["by_unit"] if row["current"])
    return fmt.ngettext(
        "In this period %(num)s activity was counted (%(kinds)s), by %(units)s.",
        "In this period %(num)s activities were counted (%(kinds)s), by %(units)s.",
        total,
        kinds=", ".join(kinds),
        units=fmt.ngettext("%(num)s unit", "%(num)s units", units),
    )


def _reach(figures: dict[str, Any], fmt: Fmt) -> str:
    outreach, coverage = figures["outreach"], figures["coverage"]
    people = fmt.ngettext(
        "Outreach reached %(num)s person in %(sessions)s",
        "Outreach reached %(num)s people in %(sessions)s",
        outreach["audience_total"],
        sessions=fmt.ngettext("%(num)s session", "%(num)s sessions", outreach["activities"]),
    )
    media = fmt.ngettext(
        "the media carried %(num)s item from %(outlets)s about %(activities)s.",
        "the media carried %(num)s items from %(outlets)s about %(activities)s.",
        coverage["items"],
        outlets=fmt.ngettext("%(num)s outlet", "%(num)s outlets", len(coverage["outlets"])),
        activities=fmt.ngettext(
            "%(num)s activity", "%(num)s activities", coverage["activities_covered"]
        ),
    )
    return f"{people}; {media}"


def _change(figures: dict[str, Any], fmt: Fmt) -> str:
    totals = figures["totals"]
    previous = fmt.num(totals["previous"])
    if totals["change"] == 0:
        sentence = fmt._(
            "That is as many activities as in the previous period (%(previous)s).",
            previous=previous,
        )
    elif totals["change"] > 0:
        sentence = fmt._(
            "That is %(change)s more than in the previous period (%(previous)s).",
            change=fmt.num(totals["change"]),
            previous=previous,
        )
    else:
        sentence = fmt._(
            "That is %(change)s fewer than in the previous period (%(previous)s).",
            change=fmt.num(-totals["change"]),
            previous=previous,
        )
    # Name the kind that moved most; ties go to the fixed kind order, so it is stable.
    moved = max(figures["activities"]["by_kind"], key=lambda row: abs(row["change"]))
    if moved["change"]:
        sentence += " " + fmt._(
            "The largest change is in %(kind)s (%(change)s).",
            kind=fmt.kind(moved["kind"]),
            change=fmt.signed(moved["change"]),
        )
    return sentence


def _attention(figures: dict[str, Any], fmt: Fmt) -> str:
    quality = figures["quality"]
    parts = []
    # Reported and proposed records are disjoint, so no record is mentioned twice.
    if quality["reported"]:
        parts.append(
            fmt.ngettext(
                "%(num)s reported record not yet verified",
                "%(num)s reported records not yet verified",
                len(quality["reported"]),
            )
        )
    if quality["proposed"]:
        parts.append(
            fmt.ngettext(
                "%(num)s proposed record awaiting review",
                "%(num)s proposed records awaiting review",
                len(quality["proposed"]),
            )
        )
    if quality["open"]:
        parts.append(fmt.ngettext("%(num)s open flag", "%(num)s open flags", quality["open"]))
    nil = [row["unit"] for row in quality["nil_returns"]]
    if nil:
        parts.append(
            fmt.ngettext(
                "%(num)s nil return (%(units)s)",
                "%(num)s nil returns (%(units)s)",
                len(nil),
                units=", ".join(nil),
            )
        )
    if not parts:
        return fmt._("Nothing needs attention in the data.")
    return fmt._("Needs attention: %(items)s.", items=fmt.join(parts))


def _context(figures: dict[str, Any], fmt: Fmt) -> str:
    incidents = figures["incidents"]
    return fmt.ngettext(
        "%(num)s real public-order incident was recorded in the period; "
        "drills are never counted as incidents.",
        "%(num)s real public-order incidents were recorded in the period; "
        "drills are never counted as incidents.",
        incidents["total"],
    )
