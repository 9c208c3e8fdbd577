"""``humas log …`` and ``humas activity …``: record what the unit did, correct it, read it."""

from typing import Any

import click

from adapters.cli.common import (
    CLOCK,
    COUNT,
    DATE,
    KIND,
    REF,
    TEXT,
    TITLE,
    Session,
    choices,
    compose,
    in_order,
    json_option,
    label_width,
    pass_session,
    pass_writer,
    period_options,
    place_text,
    print_fields,
    print_json,
    print_list,
    print_record,
    reads_one_record,
)
from adapters.cli.i18n import N_, _, explain, tell
from domain.model.values import ActivityKind, Lifecycle, Review

KIND_HELP = {
    "simulation": "a drill, e.g. Simulasi Sispam Kota",
    "outreach": "sosialisasi, edukasi, cooling system, patroli dialogis, Jumat Curhat …",
    "deployment": "apel, gelar pasukan, pergeseran pasukan",
    "coordination": "rapat koordinasi with stakeholders",
    "press": "a press conference or release",
    "other": "anything else the unit did",
}
PLACE_PARTS = {  # the place's parts below the venue, with their Indonesian names
    "village": "Desa / kelurahan.",
    "subdistrict": "Kecamatan.",
    "district": "Kabupaten / kota.",
    "province": "Provinsi.",
}
LIST_OPTIONS = {"unit": "units", "stakeholder": "stakeholders", "message": "messages", "step": "scenario_steps"}  # fmt: skip


def field_options(required: bool) -> Any:
    """The options that set an activity's fields; shared by ``log`` and ``activity correct``."""
    return compose(
        click.option("--title", type=TITLE, required=required, help="What happened, in a line."),
        click.option("--on", "occurred_on", type=DATE, required=required,
                     help="Day, e.g. 17/10/2023 or \"Selasa, 17 Oktober 2023\"."),
        click.option("--at", "occurred_at", type=CLOCK, help="Time of day, e.g. 08.00 or 08.00 WIB."),
        click.option("--precision", "date_precision", type=click.Choice(["day", "week", "month"]),
                     help="How exact the day is (default: day)."),
        click.option("--place", "venue", type=TITLE, help="Venue, e.g. Halaman Kantor Pemkab OKU Timur."),
        *(click.option(f"--{part}", type=TITLE, help=words) for part, words in PLACE_PARTS.items()),
        click.option("--organiser", type=TITLE, help="Organising unit (default: the first --unit)."),
        click.option("--unit", type=TITLE, multiple=True, help="Participating unit, e.g. Polsek Belitang (repeat)."),
        click.option("--stakeholder", type=TITLE, multiple=True, help="Institution involved, e.g. KPU (repeat)."),
        click.option("--operation", type=REF, help="Operation it belongs to: slug, alias or name."),
        click.option("--personnel", type=COUNT, help="Number of personnel."),
        click.option("--audience", type=TEXT, help="Who was reached, e.g. tokoh agama dan pemuda."),
        click.option("--audience-size", type=COUNT, help="How many people were reached."),
        click.option("--channel", type=TITLE, help="tatap muka, radio, media sosial, spanduk …"),
        click.option("--message", type=TITLE, multiple=True, help="Key message, e.g. pemilu-damai (repeat)."),
        click.option("--scenario-setting", type=TEXT, help="Simulations: the place the scenario pretends to be."),
        click.option("--step", type=TEXT, multiple=True, help="Simulations: a scenario step, in order (repeat)."),
        click.option("--note", "notes", type=TEXT, help="Free notes."),
    )  # fmt: skip


def field_values(options: dict[str, Any], *, only_given: bool) -> dict[str, Any]:
    """Turn option values into activity fields; with ``only_given``, keep what was typed."""
    values: dict[str, Any] = {}
    place = {part: options.pop(part) for part in ("venue", *PLACE_PARTS)}
    if not only_given or any(place.values()):
        values["place"] = {key: value for key, value in place.items() if value or not only_given}
    for option, field in LIST_OPTIONS.items():
        given = list(options.pop(option))
        if given or not only_given:
            values[field] = given
    for name, value in options.items():
        if value is not None or not only_given:
            values[name] = value
    return values


class KindGroup(click.Group):
    """``humas log KIND``: a kind's Indonesian name or abbreviation works too
    (``humas log sosialisasi``), and an unknown one is answered with the choices."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        from domain.model.errors import InvalidValue
        from domain.model.rules import activity_kind

        if args and args[0] not in self.commands and not args[0].startswith("-"):
            try:
                args = [activity_kind(args[0]).value, *args[1:]]
            except InvalidValue as error:
                raise click.UsageError(explain(error), ctx) from None
        return super().resolve_command(ctx, args)

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[Any]:
        """The kinds' Indonesian names complete too (``humas log sosi<TAB>``)."""
        from click.shell_completion import CompletionItem

        from domain.model.rules import KIND_ALIASES

        aliases = [alias.replace(" ", "-") for alias in KIND_ALIASES]
        return super().shell_complete(ctx, incomplete) + [
            CompletionItem(alias) for alias in aliases if alias.startswith(incomplete)
        ]


@click.group("log", cls=KindGroup, invoke_without_command=False)
def log() -> None:
    """Record an activity of the unit: humas log KIND --title … --on …

    KIND may be written in Indonesian too: sosialisasi, simulasi, apel, gelar-pasukan,
    rakor, rilis, konferensi-pers …

    \b
    Example:
      humas log outreach --title "Jumat Curhat" --on 2023-10-20 --unit "Polsek Belitang"
      humas log sosialisasi --title "Sosialisasi pemilu damai" --on "Selasa, 17 Oktober 2023"
    """


def _log_command(kind: str) -> click.Command:
    @field_options(required=True)
    @click.option("--planned", is_flag=True, help="It has not happened yet (default: by date).")
    @json_option
    @pass_writer
    def command(session: Session, planned: bool, as_json: bool, **options: Any) -> None:
        from domain.model.values import Lifecycle

        values = field_values(options, only_given=False)
        activity = session.app.log_activity(
            session.recorder,
            kind=kind,
            status=Lifecycle.PLANNED if planned else None,
            **values,
        )
        _show(session.app.describe_activity(activity), as_json, verb=N_("logged"))

    command.__doc__ = f"Log {KIND_HELP[kind]}.\n\n" + (
        '\b\nExample:\n  humas log simulation --title "Simulasi Sispam Kota" --on 17/10/2023 \\\n'
        '    --place "Halaman Kantor Pemkab OKU Timur" --scenario-setting "Kantor KPU OKU Timur" \\\n'
        '    --step "Massa berunjuk rasa" --step "Negosiasi gagal" --unit "Polres OKU Timur"'
        if kind == "simulation"
        else f'\b\nExample:\n  humas log {kind} --title "…" --on 2023-10-20 --unit "Polsek Belitang"'
    )
    return click.command(kind)(command)


for _kind in ActivityKind:
    log.add_command(_log_command(_kind.value))


@click.group("activity")
def activity() -> None:
    """List, show, correct, cancel activities.

    \b
    Example:
      humas activity list --from 2023-10-16 --to 2023-10-22
      humas activity correct 3f2a9c --personnel 350 --reason "angka dari Kabag Ops"
    """


@activity.command("list")
@click.option("--operation", type=REF, help="Only this operation's activities.")
@click.option("--kind", type=KIND, help="Only this kind (a name or an alias).")
@period_options()
@click.option("--status", type=choices((*Lifecycle, *Review)), help="Lifecycle or review status.")
@json_option
@pass_session
def list_activities(session: Session, operation: str | None, as_json: bool, **where: Any) -> None:
    """List activities, oldest first.

    \b
    Example:
      humas activity list --operation omb --from 2023-10-16 --to 2023-10-22 --json
    """
    from domain.ports import ActivityFilter

    in_order(where["date_from"], where["date_to"], "--from", "--to")
    operation_id = session.app.operation_id(operation, "operation") if operation else None
    print_list(
        session.app.list_activities(ActivityFilter(operation_id=operation_id, **where)),
        [("short_id", N_("ID")), ("occurred_on", N_("DATE")), ("kind", N_("KIND")), ("status", N_("STATUS")),
         ("review", N_("REVIEW")), ("unit", N_("UNIT")), ("title", N_("TITLE"))],
        as_json,
        empty=N_("no activities"),
        cells=lambda row: {"unit": row["organiser"] or ", ".join(row["units"])},
    )  # fmt: skip


@activity.command("show")
@reads_one_record
def show(session: Session, ref: str, as_json: bool) -> None:
    """Show one activity: REF is its id or an id prefix of 6 or more characters.

    \b
    Example:
      humas activity show 3f2a9c
      humas activity show 3f2a9c --json
    """
    _show(session.app.describe_activity(ref), as_json)


@activity.command("correct")
@click.argument("ref", type=REF)
@click.option("--kind", type=KIND, help="Correct the kind.")
@field_options(required=False)
@click.option("--reason", type=TEXT, required=True, help="Why the record was wrong.")
@json_option
@pass_writer
def correct(session: Session, ref: str, reason: str, as_json: bool, **options: Any) -> None:
    """Correct fields of an activity; a repeated option (--unit …) replaces the whole list.

    \b
    Example:
      humas activity correct 3f2a9c --personnel 350 --reason "angka dari Kabag Ops"
    """
    changes = field_values(options, only_given=True)
    activity = session.app.correct_activity(session.recorder, ref, changes, reason)
    _show(session.app.describe_activity(activity), as_json, verb=N_("corrected"))


@activity.command("conduct")
@click.argument("ref", type=REF)
@pass_writer
def conduct(session: Session, ref: str) -> None:
    """Mark a planned activity as conducted.

    \b
    Example:
      humas activity conduct 3f2a9c
    """
    activity = session.app.mark_conducted(session.recorder, ref)
    click.echo(tell("conducted {id} {title}", id=str(activity.id)[:8], title=activity.title))


@activity.command("cancel")
@click.argument("ref", type=REF)
@click.option("--reason", type=TEXT, required=True, help="Why it was called off.")
@pass_writer
def cancel(session: Session, ref: str, reason: str) -> None:
    """Cancel an activity, with a reason.

    \b
    Example:
      humas activity cancel 3f2a9c --reason "diundur karena hujan"
    """
    activity = session.app.cancel_activity(session.recorder, ref, reason)
    click.echo(tell("cancelled {id} {title}", id=str(activity.id)[:8], title=activity.title))


@click.command("history")
@reads_one_record
def history(session: Session, ref: str, as_json: bool) -> None:
    """Every event of an operation, activity or incident: who, when, via which channel,
    what changed (old → new).

    \b
    Example:
      humas history 3f2a9c
      humas history omb --json
    """
    events = session.app.history(ref)
    if as_json:
        print_json(events)
        return
    for event in events:
        click.echo(
            tell(
                "v{version}  {at} UTC  {type}  by {actor} via {channel}",
                version=str(event["version"]),
                at=event["recorded_at"][:19].replace("T", " "),
                type=event["type"],
                actor=event["actor"],
                channel=event["channel"],
            )
        )
        for name, change in event["changes"].items():
            label = _(name.replace("_", " "))  # the field's name in the reader's language
            if name == "flags" and isinstance(change, list):
                _echo_flags(label, change)
            elif isinstance(change, dict) and set(change) == {"from", "to"}:
                click.echo(f"      {label}: {readable(change['from'])} → {readable(change['to'])}")
            elif change not in (None, [], "", {}):
                click.echo(f"      {label}: {readable(change)}")
        if event["reason"]:
            click.echo("      " + tell("reason: {reason}", reason=event["reason"]))
        if event.get("source"):  # the field report or news item it came from
            from adapters.audit.render import source_text

            click.echo("      " + tell("source: {source}", source=source_text(event["source"])))


def _echo_flags(label: str, flags: list[Any]) -> None:
    """The flags an event raised, one a line, in the reader's words (stored, some as an
    English sentence: a history is read in the reader's language like ``flag list``)."""
    from adapters.cli.flag_commands import flag_line

    for stored in flags:
        click.echo(f"      {label}: {flag_line(stored)}")


def readable(value: Any) -> str:
    """A stored value as a person reads it: lists joined, places and mappings as
    "key: value" pairs without the empty ones, nothing as a dash."""
    if value in (None, "", [], {}):
        return "—"
    if isinstance(value, list | tuple):
        return ", ".join(readable(item) for item in value)
    if isinstance(value, dict):
        parts = [
            f"{str(key).replace('_', ' ')}: {readable(item)}"
            for key, item in value.items()
            if item not in (None, "", [], {}) and key != "precision"
        ]
        return "; ".join(parts) or "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


# Field names a record's history shows that no other label of the command line names.
HISTORY_FIELDS = (
    N_("occurred on"), N_("occurred at"), N_("date precision"), N_("scenario setting"),
    N_("scenario steps"), N_("operation id"), N_("start"), N_("end"), N_("stated days"),
    N_("flags"), N_("coverage id"), N_("coverage ids"), N_("merged id"), N_("survivor id"),
    N_("record id"), N_("record type"), N_("content hash"), N_("raw text"), N_("facts"),
    N_("how"),
)  # fmt: skip


def _show(summary: dict[str, Any], as_json: bool, verb: str | None = None) -> None:
    heading = (
        tell("{verb} {kind} {id}", verb=_(verb), kind=summary["kind"], id=summary["id"][:8])
        if verb
        else None
    )
    print_record(summary, as_json, _fields, heading=heading, more=_show_steps_and_sources)


def _fields(summary: dict[str, Any]) -> list[tuple[str, Any]]:
    return [
        (N_("title"), summary["title"]),
        (N_("id"), summary["id"]),
        (N_("kind"), summary["kind"]),
        (N_("status"), f"{_(summary['status'])}, {_(summary['review'])}"),
        (N_("date"), " ".join(filter(None, [summary["occurred_on"], summary.get("occurred_at")]))),
        (N_("place"), place_text(summary.get("place"))),
        (N_("organiser"), summary["organiser"]),
        (N_("units"), summary["units"]),
        (N_("operation"), summary.get("operation")),
        (N_("personnel"), summary["personnel"]),
        (N_("stakeholders"), summary["stakeholders"]),
        (N_("audience"), " ".join(filter(None, [str(summary["audience_size"] or ""), summary["audience"] or ""]))),
        (N_("channel"), summary["channel"]),
        (N_("messages"), summary["messages"]),
        (N_("scenario"), summary["scenario_setting"]),
        (N_("notes"), summary["notes"]),
    ]  # fmt: skip


def _show_steps_and_sources(summary: dict[str, Any]) -> None:
    """A drill's steps, where the record came from, the news items behind it, and why the
    machine thought so."""
    width = label_width(_fields(summary))

    def show(pairs: list[tuple[str, Any]]) -> None:
        print_fields(pairs, width)

    for number, step in enumerate(summary["scenario_steps"], start=1):
        click.echo("  " + tell("step {number}. {step}", number=str(number), step=step))
    source = summary.get("source") or {}
    if source.get("report_id"):
        show(
            [
                (
                    N_("source"),
                    tell(
                        "field report {id} ({at})", id=source["report_id"], at=str(source.get("at"))
                    ),
                )
            ]
        )
    if summary.get("merged_into"):
        show([(N_("merged into"), summary["merged_into"][:8])])
    if summary.get("review_reason"):
        show([(N_("rejected"), summary["review_reason"])])
    from adapters.cli.flag_commands import flag_line
    from domain.flags import entries_of

    for entry in entries_of(summary.get("flag_entries") or summary.get("flags")):
        show([(N_("flag"), flag_line(entry.flag, entry.resolved))])
    for fact, sentence in (summary.get("evidence") or {}).items():
        show([(N_("evidence"), f"{fact}: {sentence}")])
    coverage = summary.get("coverage") or []
    if coverage:
        show([(N_("coverage"), tell("{count} item(s)", count=len(coverage)))])
    for item in coverage:
        published = item.get("published_on") or _("undated")
        where = item.get("url") or item.get("source")
        click.echo(
            f"  {item['id'][:8]}  {published}  {item.get('outlet') or '?'}: {item.get('title')}"
        )
        click.echo(f"            {where}")
