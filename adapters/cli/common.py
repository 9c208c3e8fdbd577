"""What the commands share: the session, option types, and how answers are printed."""

import json
import os
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from datetime import date

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
}


class Session:
    """What every command may need: the store, the actor, the application (opened lazily)."""

    def __init__(self, store: str | None, actor: str | None, read_only: bool = False) -> None:
        self.store_option = store
        self.actor_option = actor
        self.read_only = read_only  # audit commands set it before opening the store

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
        from adapters.bootstrap import open_application

        return open_application(self.store, read_only=self.read_only)

    def close(self) -> None:
        """Close the application if a command opened it (click calls this at the end)."""
        if "app" in self.__dict__:
            from adapters.bootstrap import close_application

            close_application(self.__dict__.pop("app"))

    @property
    def actor(self) -> str | None:
        actor = self.actor_option or os.environ.get("HUMAS_ACTOR") or self.settings.get("actor")
        return actor.strip() if actor and actor.strip() else None

    @property
    def recorder(self) -> "Recorder":
        from domain.model.provenance import Recorder

        if self.actor is None:
            raise click.UsageError(
                "who is recording? pass --as NAME, set HUMAS_ACTOR, "
                "or run: humas config set actor NAME"
            )
        return Recorder(actor=self.actor)


pass_session = click.make_pass_decorator(Session)


class DateParam(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: Any, ctx: Any) -> "date":
        from adapters.dates import DateError, parse_date

        try:
            return parse_date(str(value))
        except DateError as error:
            self.fail(str(error), param, ctx)


DATE = DateParam()


class TimeParam(click.ParamType):
    """A moment in ISO 8601; without a zone, the machine's local time. With
    ``end_of_day``, a bare date means the end of that day (for "until")."""

    name = "TIME"

    def __init__(self, end_of_day: bool = False) -> None:
        self.end_of_day = end_of_day

    def convert(self, value: Any, param: Any, ctx: Any) -> "datetime":
        from adapters.audit.times import TimeError, parse_moment

        if isinstance(value, datetime):
            return value
        try:
            return parse_moment(str(value), end_of_day=self.end_of_day)
        except TimeError as error:
            self.fail(str(error), param, ctx)


TIME_HELP = "ISO 8601; without a zone, local time"
COUNT = click.IntRange(min=0)

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> None:
    """A plain aligned table: (key, heading) pairs, lists joined with commas."""
    cells = [[_cell(row.get(key)) for key, _ in columns] for row in rows]
    headings = [heading for _, heading in columns]
    widths = [max(len(text) for text in column) for column in zip(headings, *cells, strict=False)]
    for line in [headings, *cells]:
        click.echo(
            "  ".join(text.ljust(width) for text, width in zip(line, widths, strict=True)).rstrip()
        )


def print_fields(pairs: Sequence[tuple[str, Any]]) -> None:
    width = max(len(label) for label, _ in pairs)
    for label, value in pairs:
        if value not in (None, "", []):
            click.echo(f"{label.ljust(width)}  {_cell(value)}")


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
