"""The executive summary: three to five sentences written from the figures.

One sentence each for what was done, the reach (people and media), the change from the
previous period, what needs attention, and the public-order context. Every sentence is a
translatable message with its numbers already formatted for the language.
"""

from typing import Any

from reports.i18n import Fmt


def summary_sentences(figures: dict[str, Any], fmt: Fmt) -> list[str]:
    if figures["empty"]:
        # One sentence, not a row of zeros; the previous period only when it had any.
        sentences = [fmt._("No activity, news item or incident was recorded in this period.")]
        previous = figures["totals"]["previous"]
        if previous:
            sentences.append(
                fmt.ngettext(
                    "The previous period had %(num)s counted activity.",
                    "The previous period had %(num)s counted activities.",
                    previous,
                )
            )
        return sentences
    sentences = [
        _done(figures, fmt),
        _reach(figures, fmt),
        _change(figures, fmt),
        _attention(figures, fmt),
        _context(figures, fmt),
    ]
    return [sentence for sentence in sentences if sentence]


def _done(figures: dict[str, Any], fmt: Fmt) -> str:
    total = figures["totals"]["counted"]
    if total == 0:
        return fmt._("No counted activity took place in this period.")
    kinds = [
        f"{fmt.kind(row['kind'])} {fmt.num(row['current'])}"
        for row in figures["activities"]["by_kind"]
        if row["current"]
    ]
    # Activities of no known unit are no unit of their own.
    units = sum(1 for row in figures["activities"]["by_unit"] if row["current"] and row["unit"])
    return fmt.ngettext(
        "In this period %(num)s activity was counted (%(kinds)s), by %(units)s.",
        "In this period %(num)s activities were counted (%(kinds)s), by %(units)s.",
        total,
        kinds=", ".join(kinds),
        units=fmt.ngettext("%(num)s unit", "%(num)s units", units),
    )


def _reach(figures: dict[str, Any], fmt: Fmt) -> str:
    outreach, coverage = figures["outreach"], figures["coverage"]
    parts = []
    sessions = outreach["activities"]
    if sessions:
        known = outreach["with_size"]
        if known == 0:
            parts.append(
                fmt.ngettext(
                    "%(num)s outreach session was held; its audience size is unknown",
                    "%(num)s outreach sessions were held; their audience size is unknown",
                    sessions,
                )
            )
        else:
            people = fmt.ngettext(
                "outreach reached %(num)s person",
                "outreach reached %(num)s people",
                outreach["audience_total"],
            )
            if known < sessions:
                parts.append(
                    fmt._(
                        "%(people)s in %(sessions)s (size known for %(known)s)",
                        people=people,
                        sessions=fmt.ngettext("%(num)s session", "%(num)s sessions", sessions),
                        known=fmt.num(known),
                    )
                )
            else:
                parts.append(
                    fmt._(
                        "%(people)s in %(sessions)s",
                        people=people,
                        sessions=fmt.ngettext("%(num)s session", "%(num)s sessions", sessions),
                    )
                )
    if coverage["items"]:
        what = []
        if coverage["activity_items"]:
            what.append(
                fmt.ngettext(
                    "%(num)s about %(activities)s of the unit",
                    "%(num)s about %(activities)s of the unit",
                    coverage["activity_items"],
                    activities=fmt.ngettext(
                        "%(num)s activity", "%(num)s activities", coverage["activities_covered"]
                    ),
                )
            )
        if coverage["incident_items"]:
            what.append(
                fmt.ngettext(
                    "%(num)s about incidents", "%(num)s about incidents", coverage["incident_items"]
                )
            )
        if coverage["unlinked"]:
            what.append(
                fmt.ngettext(
                    "%(num)s not related to them",
                    "%(num)s not related to them",
                    coverage["unlinked"],
                )
            )
        parts.append(
            fmt.ngettext(
                "the media carried %(num)s item from %(outlets)s (%(what)s)",
                "the media carried %(num)s items from %(outlets)s (%(what)s)",
                coverage["items"],
                outlets=_outlets(coverage, fmt),
                what=fmt.join(what),
            )
        )
    if not parts:
        return fmt._("No outreach session and no news item was recorded.")
    sentence = "; ".join(parts)
    return sentence[0].upper() + sentence[1:] + "."


def _outlets(coverage: dict[str, Any], fmt: Fmt) -> str:
    """How many outlets ran the items: items whose outlet is unknown are said apart, as
    they may come from one outlet or from several."""
    named = sum(1 for row in coverage["outlets"] if row["outlet"])
    unknown = sum(row["items"] for row in coverage["outlets"] if not row["outlet"])
    if not unknown:
        return fmt.ngettext("%(num)s outlet", "%(num)s outlets", named)
    if not named:
        return fmt._("unknown outlets")
    return fmt.ngettext(
        "%(outlets)s and %(num)s of an unknown outlet",
        "%(outlets)s and %(num)s of unknown outlets",
        unknown,
        outlets=fmt.ngettext("%(num)s outlet", "%(num)s outlets", named),
    )


def _change(figures: dict[str, Any], fmt: Fmt) -> str:
    totals = figures["totals"]
    if not totals["counted"] and not totals["previous"]:
        return ""  # nothing now and nothing before: no comparison to make
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
    # Name the kinds that moved most, all of them when several moved as much.
    largest = max(abs(row["change"]) for row in figures["activities"]["by_kind"])
    moved = [row for row in figures["activities"]["by_kind"] if abs(row["change"]) == largest]
    if largest and len(moved) == 1:
        sentence += " " + fmt._(
            "The largest change is in %(kind)s (%(change)s).",
            kind=fmt.kind(moved[0]["kind"]),
            change=fmt.signed(moved[0]["change"]),
        )
    elif largest:
        sentence += " " + fmt._(
            "The largest changes, equal in size, are in %(kinds)s.",
            kinds=fmt.join([f"{fmt.kind(r['kind'])} ({fmt.signed(r['change'])})" for r in moved]),
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
    if not incidents["total"]:
        return fmt._(
            "No real public-order incident was recorded in the period; drills are never "
            "counted as incidents."
        )
    return fmt.ngettext(
        "%(num)s real public-order incident was recorded in the period; "
        "drills are never counted as incidents.",
        "%(num)s real public-order incidents were recorded in the period; "
        "drills are never counted as incidents.",
        incidents["total"],
    )
