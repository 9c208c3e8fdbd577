"""Translations and locale-aware formatting for the reports (Indonesian and English).

The catalogues are the ``.po`` files under ``reports/locale``; they are compiled in
memory on first use, so there is no build step and no ``.mo`` file to forget.
To refresh them after changing a label::

    pybabel extract -F reports/babel.cfg -o /tmp/messages.pot .
    pybabel update -i /tmp/messages.pot -d reports/locale
"""

from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from io import BytesIO

from babel.dates import format_date, format_datetime
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from reports.figures import parse_date
from reports.model import LANGS


def N_(message: str) -> str:
    """Marks a label for extraction; it is translated where it is shown."""
    return message


# Labels for the codes that figures carry. Kept here, not in the templates, so Markdown
# and HTML show the same words.
KIND_LABELS = {
    "simulation": N_("Drill"),
    "outreach": N_("Outreach"),
    "deployment": N_("Deployment / parade"),
    "coordination": N_("Coordination"),
    "press": N_("Press"),
    "other": N_("Other"),
}
REVIEW_LABELS = {
    "proposed": N_("proposed"),
    "reported": N_("reported"),
    "verified": N_("verified"),
    "rejected": N_("rejected"),
}
# What a news item is about, as the extractor codes it (adapters/news/extract.py).
CATEGORY_LABELS = {
    "simulation": N_("Drill"),
    "incident": N_("Incident"),
    "outreach": N_("Outreach"),
    "operation_launch": N_("Operation launch"),
    "deployment": N_("Deployment / parade"),
    "unrelated": N_("Not related"),
}
SOURCE_LABELS = {
    "operation": N_("Operation"),
    "activity": N_("Activity"),
    "coverage": N_("Coverage"),
}
REPORT_TITLES = {
    "weekly": N_("Weekly report"),
    "period": N_("Period report"),
}
CHECK_LABELS = {
    "period_outside_operation": N_("The report period lies outside the operation."),
    "coverage_undated": N_("Coverage items without a publication date."),
    "coverage_of_uncounted": N_(
        "Coverage about an activity that is not counted (proposed, rejected, cancelled or "
        "outside the period)."
    ),
    "incident_shares_coverage_with_drill": N_(
        "An incident shares news items with a drill: check that the drill was not taken "
        "for a real incident."
    ),
}
# The appendix names each figure by a code; these say in words what the ids stand behind.
FIGURE_LABELS = {
    "counted": N_("Counted activities"),
    "counted_previous": N_("Counted activities, previous period"),
    "not_verified": N_("Counted but not yet verified"),
    "left_out": N_("Left out: reported, not verified"),
    "by_kind": N_("Activities by kind"),
    "by_kind_previous": N_("Activities by kind, previous period"),
    "by_unit": N_("Activities by unit"),
    "by_unit_previous": N_("Activities by unit, previous period"),
    "per_day": N_("Activities per day"),
    "drills": N_("Drills"),
    "outreach": N_("Outreach activities"),
    "without_size": N_("Outreach without audience size"),
    "audience": N_("Audience"),
    "channel": N_("Channel"),
    "reach_week": N_("Audience reach, week"),
    "message_activities": N_("Key message in activities"),
    "message_coverage": N_("Key message in coverage"),
    "stakeholder_cell": N_("Stakeholder engaged by unit"),
    "stakeholder": N_("Stakeholder engaged"),
    "coverage": N_("Coverage items"),
    "outlet": N_("Outlet"),
    "covered_activities": N_("Activities covered"),
    "coverage_group": N_("Coverage of one activity"),
    "incident_items": N_("Coverage about incidents"),
    "unlinked": N_("Coverage not linked"),
    "speaker": N_("Spokesperson quoted"),
    "incidents": N_("Incidents"),
    "drills_excluded": N_("Drills not counted as incidents"),
    "check": N_("Check"),
    "reported": N_("Reported, awaiting verification"),
    "proposed": N_("Proposed, awaiting review"),
    "nil_return": N_("Nil return"),
    "flags": N_("Records with open flags"),
}


@lru_cache(maxsize=len(LANGS))
def translations(lang: str) -> Translations:
    if lang not in LANGS:
        raise ValueError(f"no catalogue for {lang!r}")
    source = resources.files("reports") / "locale" / lang / "LC_MESSAGES" / "messages.po"
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy guess must not reach a report
    compiled.seek(0)
    return Translations(fp=compiled, domain="messages")


class Fmt:
    """Numbers, dates and labels in one language; handed to the templates as ``fmt``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.tr = translations(lang)

    def _(self, message: str, **params: object) -> str:
        text = self.tr.gettext(message)
        return text % params if params else text

    def ngettext(self, singular: str, plural: str, count: int, **params: object) -> str:
        return self.tr.ngettext(singular, plural, count) % {"num": self.num(count), **params}

    def num(self, value: float | int | None) -> str:
        if value is None:
            return "–"
        return format_decimal(value, locale=self.lang)

    def signed(self, value: int) -> str:
        # A real minus sign and an explicit plus, so "+2" and "−2" read at a glance.
        if value > 0:
            return "+" + self.num(value)
        if value < 0:
            return "−" + self.num(-value)
        return "±0"

    def date_full(self, value: str | date | None) -> str:
        day = parse_date(value)
        # Explicit pattern: Babel's "full" for en is US order; the brief wants 17 October.
        return format_date(day, "EEEE, d MMMM y", locale=self.lang) if day else "–"

    def date_long(self, value: str | date | None) -> str:
        day = parse_date(value)
        return format_date(day, "d MMMM y", locale=self.lang) if day else "–"

    def date_short(self, value: str | date | None) -> str:
        day = parse_date(value)
        return format_date(day, "d MMM y", locale=self.lang) if day else "–"

    def day_month(self, value: str | date | None) -> str:
        day = parse_date(value)
        return format_date(day, "d MMM", locale=self.lang) if day else "–"

    def datetime_full(self, value: str | datetime) -> str:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        return format_datetime(
            moment, "EEEE, d MMMM y, HH:mm xxx", tzinfo=moment.tzinfo, locale=self.lang
        )

    def join(self, parts: list[str]) -> str:
        return format_list(parts, locale=self.lang) if parts else ""

    def kind(self, code: str | None) -> str:
        return self._(KIND_LABELS.get(code or "other", KIND_LABELS["other"]))

    def review(self, code: str | None) -> str:
        return self._(REVIEW_LABELS[code]) if code in REVIEW_LABELS else (code or "–")

    def category(self, code: str | None) -> str:
        return self._(CATEGORY_LABELS[code]) if code in CATEGORY_LABELS else (code or "–")

    def source(self, code: str) -> str:
        return self._(SOURCE_LABELS[code]) if code in SOURCE_LABELS else code

    def check(self, code: str) -> str:
        return self._(CHECK_LABELS[code]) if code in CHECK_LABELS else code

    def figure(self, code: str) -> str:
        return self._(FIGURE_LABELS[code]) if code in FIGURE_LABELS else code

    def report_title(self, kind: str) -> str:
        return self._(REPORT_TITLES[kind])
