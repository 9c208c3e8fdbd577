"""What the commands share: the session, option types, and how answers are printed."""

import functools
import os
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import click

from adapters.cli.i18n import N_, _, explain, tell

# Only click is imported at start-up (``humas --help`` pays for nothing else); json, re
# and datetime are imported where they are used.
if TYPE_CHECKING:
    from datetime import date, datetime
    from pathlib import Path

    from adapters.store import StoreConfig
    from domain.application import HumasApplication
    from domain.model.provenance import Recorder

# How a domain field is called on the command line, for one-line error messages.
OPTION_NAMES = {
    "occurred_on": "--on",
    "occurred_at": "--at",
    "date_precision": "--precision",
    "audience_size": "--audience-size",
    "scenario_setting": "--scenario-setting",
    "scenario_steps": "--step",
    "units": "--unit",
    "stakeholders": "--stakeholder",
    "messages": "--message",
    "notes": "--note",
    "operation_id": "--operation",
    "name": "NAME",
    "ref": "REF",
    "actor": "--as",  # or HUMAS_ACTOR, or the actor setting
}


class Session:
    """What every command may need: the store, the actor, the application (opened lazily)."""

    def __init__(self, store: str | None, actor: str | None, read_only: bool = False) -> None:
        self.store_option = store
        self.actor_option = actor
        self.read_only = read_only  # audit commands set it before opening the store
        # Set by commands that write (``pass_writer``): only they may create a store.
        self.writing = False
        self.key_optional = False  # `audit verify` checks an encrypted store without its key

    @cached_property
    def settings(self) -> dict[str, str]:
        from adapters.config import read_config

        return read_config()

    @cached_property
    def store(self) -> "StoreConfig":
        from adapters.store import parse_store

        return parse_store(
            self.store_option or os.environ.get("HUMAS_STORE") or self.settings.get("store")
        )

    @cached_property
    def app(self) -> "HumasApplication":
        from adapters.bootstrap import open_for_command

        if self.writing:
            # Who records is asked before the store is opened: a write refused for want of
            # an actor must not have made a new store on its way.
            _ = self.recorder
        return open_for_command(
            self.store,
            writing=self.writing,
            read_only=self.read_only,
            announce=lambda template, **values: click.echo(
                "humas: " + tell(template, **values), err=True
            ),
            key_optional=self.key_optional,
        )

    def close(self) -> None:
        """Close the application if a command opened it (click calls this at the end)."""
        if "app" in self.__dict__:
            from adapters.bootstrap import close_application

            close_application(self.__dict__.pop("app"))

    @property
    def actor(self) -> str | None:
        """Who is recording, a name under the rules of every name (one line, at most 300
        characters, no control characters), as on the roster; None when not given."""
        from domain.model.rules import check_title

        actor = self.actor_option or os.environ.get("HUMAS_ACTOR") or self.settings.get("actor")
        return check_title(actor, "actor") if actor and actor.strip() else None

    @property
    def recorder(self) -> "Recorder":
        from domain.model.provenance import Recorder

        if self.actor is None:
            raise click.UsageError(
                _(
                    "who is recording? pass --as NAME, set HUMAS_ACTOR, "
                    "or run: humas config set actor NAME"
                )
            )
        return Recorder(actor=self.actor)


pass_session = click.make_pass_decorator(Session)


def pass_writer(function: Callable[..., Any]) -> Callable[..., Any]:
    """``pass_session`` for a command that writes: it may create a new store."""

    @functools.wraps(function)
    def command(*args: Any, **kwargs: Any) -> Any:
        session = click.get_current_context().find_object(Session)
        assert session is not None
        session.writing = True
        return function(session, *args, **kwargs)

    return command


class DateParam(click.ParamType):
    """A day as officers write it (see adapters/dates.py), within the domain's range."""

    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> "date":
        from datetime import date as date_type

        from adapters.dates import DateError, parse_date
        from domain.model.errors import InvalidValue
        from domain.model.rules import check_day

        if isinstance(value, date_type):
            return value
        try:
            return check_day(parse_date(str(value)), "date")
        except (DateError, InvalidValue) as error:
            self.fail(explain(error), param, ctx)


DATE = DateParam()


class ClockParam(click.ParamType):
    """A time of day: 08:00, 08.00, 08.00 WIB (the zone is kept)."""

    name = "HH:MM"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from adapters.dates import DateError, parse_time

        try:
            return parse_time(str(value))
        except DateError as error:
            self.fail(explain(error), param, ctx)


CLOCK = ClockParam()


class CountParam(click.ParamType):
    """A count of people: a whole number within the domain's limits."""

    name = "N"

    def __init__(self, minimum: int = 0) -> None:
        self.minimum = minimum  # a duration counts from 1

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        from domain.model.errors import InvalidValue
        from domain.model.rules import check_count

        if not isinstance(value, int):
            text = str(value).strip()
            import re

            if not re.fullmatch(r"-?\d{1,30}", text):
                # The words of a field report's count (adapters/field_reports/model.py).
                self.fail(
                    tell(
                        "must be a whole number in digits only, e.g. 1250 (no dots, ± or words), "
                        "got {got}",
                        got=repr(_brief(text)),
                    ),
                    param,
                    ctx,
                )
            value = int(text)
        if value < self.minimum:
            self.fail(
                tell("must be {least} or more, got {got}", least=self.minimum, got=value),
                param,
                ctx,
            )
        try:
            return check_count(value, "count")
        except InvalidValue as error:
            self.fail(explain(error), param, ctx)


COUNT = CountParam()
DAYS = CountParam(minimum=1)


class TextParam(click.ParamType):
    """Text a person typed: not empty, within the domain's length, no control characters.
    ``kind`` is "text", "title" (one line, shorter) or "ref" (a reference to a record)."""

    def __init__(self, kind: str = "text") -> None:
        self.kind = kind
        self.name = {"text": "TEXT", "title": "TEXT", "ref": "REF"}[kind]

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from domain.model.errors import InvalidValue
        from domain.model.rules import check_ref, check_text, check_title

        checks: dict[str, Callable[[object, str], str]] = {
            "text": check_text, "title": check_title, "ref": check_ref,
        }  # fmt: skip
        try:
            return checks[self.kind](value, "value")
        except InvalidValue as error:
            self.fail(explain(error), param, ctx)


TEXT = TextParam("text")
TITLE = TextParam("title")
REF = TextParam("ref")


class KindParam(click.ParamType):
    """An activity kind by its name or an Indonesian alias (sosialisasi, apel, rakor …)."""

    name = "KIND"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from domain.model.errors import InvalidValue
        from domain.model.rules import activity_kind

        try:
            return activity_kind(value).value
        except InvalidValue as error:
            self.fail(explain(error), param, ctx)

    def shell_complete(self, ctx: Any, param: Any, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        from domain.model.rules import KIND_ALIASES
        from domain.model.values import ActivityKind

        names = [kind.value for kind in ActivityKind] + [a.replace(" ", "-") for a in KIND_ALIASES]
        return [CompletionItem(name) for name in names if name.startswith(incomplete)]


KIND = KindParam()


class PositionParam(click.ParamType):
    """A position in the store's event log: a whole number from 1 on."""

    name = "POSITION"

    def convert(self, value: Any, param: Any, ctx: Any) -> int:
        text = str(value).strip()
        import re

        if not re.fullmatch(r"\d{1,18}", text) or int(text) < 1:
            self.fail(
                tell(
                    "must be a position, a whole number from 1, got {got}", got=repr(_brief(text))
                ),
                param,
                ctx,
            )
        return int(text)


POSITION = PositionParam()


def in_order(first: "date | None", last: "date | None", first_name: str, last_name: str) -> None:
    """Refuse a range whose end comes before its start (the domain's rule), naming both
    options."""
    from domain.model.errors import InvalidValue
    from domain.model.rules import check_range

    try:
        check_range(first, last, "period")
    except InvalidValue as error:
        raise click.BadParameter(explain(error), param_hint=f"{first_name}/{last_name}") from None


def _brief(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


class TimeParam(click.ParamType):
    """A moment in ISO 8601; without a zone, the machine's local time. With
    ``end_of_day``, a bare date means the end of that day (for "until")."""

    name = "TIME"

    def __init__(self, end_of_day: bool = False, whole_minute: bool = False) -> None:
        self.end_of_day = end_of_day
        self.whole_minute = whole_minute

    def convert(self, value: Any, param: Any, ctx: Any) -> "datetime":
        from datetime import datetime

        from adapters.audit.times import TimeError, parse_moment

        if isinstance(value, datetime):
            return value
        try:
            return parse_moment(
                str(value), end_of_day=self.end_of_day, whole_minute=self.whole_minute
            )
        except TimeError as error:
            self.fail(explain(error), param, ctx)


TIME_HELP = "ISO 8601; without a zone, local time"

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")


FORCE = click.option("--force", is_flag=True, help="Overwrite the --out file if it exists.")


def check_out_file(out: "Path | None", force: bool) -> None:
    """An ``--out`` file that can be written, checked before anything is done (a report
    seals the store first): its folder exists (that it is no folder itself, the option's
    type checks), and no command overwrites a file unless told to."""
    if out is None:
        return
    if not out.parent.is_dir():
        raise click.BadParameter(
            tell("there is no folder {folder}", folder=str(out.parent)), param_hint="--out"
        )
    if out.exists() and not force:
        raise click.BadParameter(
            tell("{path} exists; --force overwrites it", path=str(out)), param_hint="--out"
        )


def print_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


# Columns whose values are statuses, said in the reader's language in tables (the values
# typed on the command line and JSON keep the codes).
WORDED_COLUMNS = frozenset({"status", "review"})
STATUS_WORDS = (
    N_("planned"), N_("conducted"), N_("cancelled"),  # an activity's lifecycle
    N_("proposed"), N_("reported"), N_("verified"), N_("rejected"), N_("merged"),  # review
    N_("open"), N_("closed"), N_("resolved"),  # an operation, a flag
)  # fmt: skip


# Record types (the aggregates' names) as the reader's language names them.
RECORD_TYPES = {
    "Activity": N_("activity"), "CoverageItem": N_("coverage item"),
    "Incident": N_("incident"), "Operation": N_("operation"), "Roster": N_("roster"),
    "Seal": N_("seal"), "UnitList": N_("list of units"),
}  # fmt: skip


def record_kind(type_name: str | None) -> str:
    """``Activity`` as a word of the reader's language: activity, kegiatan."""
    if not type_name:
        return _("record")
    return _(RECORD_TYPES[type_name]) if type_name in RECORD_TYPES else type_name.lower()


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> None:
    """A plain aligned table: (key, heading) pairs, lists joined with commas; the
    headings and the statuses in the reader's language."""
    cells = [
        [
            _(_cell(row.get(key))) if key in WORDED_COLUMNS else _cell(row.get(key))
            for key, _h in columns
        ]
        for row in rows
    ]
    headings = [_(heading) for _key, heading in columns]
    widths = [max(len(text) for text in column) for column in zip(headings, *cells, strict=False)]
    for line in [headings, *cells]:
        click.echo(
            "  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip()
        )


def print_list(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[tuple[str, str]],
    as_json: bool,
    *,
    empty: str | None = None,
    cells: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> None:
    """A list command's answer: the rows as JSON, or a table of ``columns`` ((key,
    heading) pairs) in which a row's ``short_id`` is its id's first 8 characters and
    ``cells`` adds the cells computed from a row; with no rows, the ``empty`` line."""
    if as_json:
        print_json(rows)
    elif not rows and empty:
        click.echo(_(empty))
    else:
        table = [{**row, **_short_id(row), **(cells(row) if cells else {})} for row in rows]
        print_table(table, columns)


def _short_id(row: dict[str, Any]) -> dict[str, str]:
    return {"short_id": str(row["id"])[:8]} if "id" in row else {}


def print_record(
    record: dict[str, Any],
    as_json: bool,
    fields: Callable[[dict[str, Any]], Sequence[tuple[str, Any]]],
    *,
    heading: str | None = None,
    more: Callable[[dict[str, Any]], None] | None = None,
) -> None:
    """A show command's answer: the record as JSON, or the ``heading`` line, the
    labelled ``fields`` it gives and ``more`` (lines of their own, e.g. its sources)."""
    if as_json:
        print_json(record)
        return
    if heading:
        click.echo(heading)
    print_fields(fields(record))
    if more:
        more(record)


def place_text(place: dict[str, Any] | None) -> str:
    """A place in one line, from the venue to the province, without the empty parts."""
    return ", ".join(value for key, value in (place or {}).items() if value and key != "precision")


def choices(members: Any) -> click.Choice:
    """A choice among the values of an enumeration's members (or some of them)."""
    return click.Choice([member.value for member in members])


def print_fields(pairs: Sequence[tuple[str, Any]], width: int = 0, indent: str = "") -> None:
    """Labelled values, the labels in the reader's language, padded to ``width`` at
    least (a record's later lines line up with its fields: ``label_width``)."""
    pairs = [(_(label), value) for label, value in pairs]
    width = max([width, *(len(label) for label, _value in pairs)])
    for label, value in pairs:
        if value not in (None, "", []):
            click.echo(f"{indent}{label.ljust(width)}  {_cell(value)}")


def label_width(pairs: Sequence[tuple[str, Any]]) -> int:
    """The width of the labels (English) of ``pairs`` in the reader's language."""
    return max(len(_(label)) for label, _value in pairs)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_cell(item) for item in value)
    return str(value)


def compose(*decorators: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Apply several click decorators at once, so commands can share a set of options."""

    def apply(function: Any) -> Any:
        for decorator in reversed(decorators):
            function = decorator(function)
        return function

    return apply


# What a command that reads one record takes (``show``, ``history``): its REF and --json.
reads_one_record = compose(click.argument("ref", type=REF), json_option, pass_session)


def period_options(first_help: str = "From this day on.") -> Callable[[Any], Any]:
    """--from and --to, the days a list covers (check them with ``in_order``)."""
    return compose(
        click.option("--from", "date_from", type=DATE, help=first_help),
        click.option("--to", "date_to", type=DATE, help="Up to this day."),
    )
