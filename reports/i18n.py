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

from domain.flags import Flag, FlagCode, upcast, weekday_index
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
    "incident": N_("Incident"),
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
# A flag in a few words (flag list, table headings).
FLAG_LABELS = {
    FlagCode.DURATION_CONFLICT.value: N_("Duration does not match the dates"),
    FlagCode.YEAR_INFERRED.value: N_("Year not written"),
    FlagCode.RELATIVE_DATE.value: N_("Relative date"),
    FlagCode.WEEKDAY_MISMATCH.value: N_("Weekday does not match the date"),
    FlagCode.STORE_CONFLICT.value: N_("Figure differs from the record"),
    FlagCode.OUTSIDE_OPERATION.value: N_("Outside the operation period"),
    FlagCode.BEFORE_OPERATION_START.value: N_("Before the operation starts"),
    FlagCode.PERSONNEL_CONFLICT.value: N_("Totals of personnel differ"),
    FlagCode.NOTE.value: N_("Note"),
}
# What a flag says, one sentence per code (and per shape of its values).
FLAG_MESSAGES = {
    "duration-conflict": N_(
        "The stated duration is %(stated)s days, but %(start)s to %(end)s spans %(counted)s "
        "days counting both ends."
    ),
    "duration-conflict/no-dates": N_(
        "The stated duration is %(stated)s days, but the dates span %(counted)s days."
    ),
    "year-inferred": N_("The year of “%(text)s” is not written; %(year)s is taken from %(ref)s."),
    "relative-date": N_("“%(text)s” is read as %(date)s, counted from %(ref)s."),
    "relative-date/week": N_("“%(text)s” is read as the week of %(date)s, counted from %(ref)s."),
    "weekday-mismatch": N_("“%(stated)s” is written beside %(date)s, which is a %(weekday)s."),
    "store-conflict": N_("%(field)s: the source gives %(reported)s, the record holds %(stored)s."),
    "outside-operation": N_(
        "%(date)s is outside %(operation)s (%(start)s to %(end)s); not counted in it."
    ),
    "outside-operation/before": N_(
        "%(date)s is before %(operation)s starts (%(start)s); not counted in it."
    ),
    "outside-operation/after": N_(
        "%(date)s is after %(operation)s ended (%(end)s); not counted in it."
    ),
    "before-operation-start": N_(
        "%(date)s is %(days)s days before %(operation)s starts (%(start)s); counted as its "
        "preparation."
    ),
    "before-operation-start/one-day": N_(
        "%(date)s is the day before %(operation)s starts (%(start)s); counted as its preparation."
    ),
    "personnel-conflict": N_("The item states %(stated)s personnel as the total."),
    "note": N_("Note: %(text)s"),
}
FLAG_REFERENCES = {
    "publication-date": N_("the publication date"),
    "today": N_("the day it was read"),
    "weekday": N_("the weekday written beside it"),
    "operation-period": N_("the period of the operation it names"),
    "text-years": N_("the years written in the text"),
}
CONFLICT_FIELD_LABELS = {
    "personnel": N_("Number of personnel"),
    "audience_size": N_("Audience size"),
    "days": N_("Operation duration in days"),
}
# Channels humas itself writes: an activity made from a news item gets "news", which
# says where the record came from, not how the outreach reached its audience.
CHANNEL_LABELS = {"news": N_("not stated (from a news item)")}
FLAG_STATUS_LABELS = {"open": N_("open"), "resolved": N_("resolved")}
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
    "syndicated_group": N_("One text in several outlets"),
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
    "resolved_flags": N_("Records with settled flags"),
    "by_operation": N_("Activities of the operation"),
    "outside_operation": N_("Activities outside any operation"),
    "per_week": N_("Activities per week"),
    "activity_items": N_("Coverage about the unit's activities"),
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
        pattern = f"EEEE, d MMMM y, HH{self._time_separator}mm xxx"
        return format_datetime(moment, pattern, tzinfo=moment.tzinfo, locale=self.lang)

    @property
    def _time_separator(self) -> str:
        # Indonesian writes the time of day with a full stop: pukul 08.00 WIB.
        return "." if self.lang == "id" else ":"

    def time(self, value: str | None) -> str:
        """A time of day as stored ("08:00", "08:00 WITA"), written as the language does."""
        if not value:
            return "–"
        clock, _, zone = str(value).partition(" ")
        hours, colon, minutes = clock.partition(":")
        if not (colon and hours.isdigit() and minutes.isdigit()):
            return str(value)  # a shape this version does not know: shown as stored
        return f"{hours}{self._time_separator}{minutes}" + (f" {zone}" if zone else "")

    def join(self, parts: list[str]) -> str:
        return format_list(parts, locale=self.lang) if parts else ""

    def kind(self, code: str | None) -> str:
        return self._(KIND_LABELS.get(code or "other", KIND_LABELS["other"]))

    def review(self, code: str | None) -> str:
        return self._(REVIEW_LABELS[code]) if code in REVIEW_LABELS else (code or "–")

    def category(self, code: str | None) -> str:
        return self._(CATEGORY_LABELS[code]) if code in CATEGORY_LABELS else (code or "–")

    def channel(self, label: str | None) -> str:
        """An outreach channel as found in the data, or the words for one humas wrote."""
        if label is None:
            return self._("not stated")
        return self._(CHANNEL_LABELS[label]) if label in CHANNEL_LABELS else label

    def source(self, code: str) -> str:
        return self._(SOURCE_LABELS[code]) if code in SOURCE_LABELS else code

    def check(self, code: str) -> str:
        return self._(CHECK_LABELS[code]) if code in CHECK_LABELS else code

    def figure(self, code: str) -> str:
        return self._(FIGURE_LABELS[code]) if code in FIGURE_LABELS else code

    def report_title(self, kind: str) -> str:
        return self._(REPORT_TITLES[kind])

    def flag_label(self, code: str) -> str:
        return self._(FLAG_LABELS.get(code, FLAG_LABELS["note"]))

    def flag_status(self, status: str) -> str:
        return self._(FLAG_STATUS_LABELS[status]) if status in FLAG_STATUS_LABELS else status

    def weekday(self, index: int) -> str:
        # 2024-01-01 was a Monday: index 0.
        return format_date(date(2024, 1, 1 + index), "EEEE", locale=self.lang)

    def flag(self, stored: Flag | dict[str, object] | str) -> str:
        """A flag in words, in this language, from its code and values."""
        flag = upcast(stored)
        v = dict(flag.values)
        key = flag.code
        params: dict[str, object] = {}
        for name, value in v.items():
            if name in ("start", "end", "date"):
                params[name] = self.date_long(str(value)) if value else "–"
            elif isinstance(value, int) and not isinstance(value, bool) and name != "year":
                params[name] = self.num(value)
            else:
                params[name] = value
        if key == "duration-conflict" and not (v.get("start") and v.get("end")):
            key = "duration-conflict/no-dates"
        elif key in ("year-inferred", "relative-date"):
            ref = str(v.get("from") or "publication-date")
            params["ref"] = self._(FLAG_REFERENCES.get(ref, FLAG_REFERENCES["publication-date"]))
            if key == "relative-date" and v.get("precision") == "week":
                key = "relative-date/week"
        elif key == "weekday-mismatch":
            day = parse_date(v.get("date"))
            params["weekday"] = self.weekday(day.weekday()) if day else "–"
            stated = weekday_index(str(v.get("stated") or ""))
            params["stated"] = self.weekday(stated) if stated is not None else v.get("stated")
        elif key == "store-conflict":
            name = str(v.get("field"))
            params["field"] = (
                self._(CONFLICT_FIELD_LABELS[name]) if name in CONFLICT_FIELD_LABELS else name
            )
        elif key == "personnel-conflict":
            totals = v.get("stated")
            numbers = [self.num(int(n)) for n in totals] if isinstance(totals, list) else []
            params["stated"] = format_list(numbers, locale=self.lang)
        elif key == "outside-operation" and not (v.get("start") and v.get("end")):
            key = "outside-operation/before" if v.get("start") else "outside-operation/after"
        elif key == "before-operation-start":
            params.setdefault("start", "–")
            if v.get("days") == 1:  # not "1 days"
                key = "before-operation-start/one-day"
        elif key not in FLAG_MESSAGES:
            key = "note"
            params["text"] = " ".join(f"{name}={value}" for name, value in v.items())
        if key == "note" and "text" not in params:
            params["text"] = ""
        return self._(FLAG_MESSAGES[key], **params)
