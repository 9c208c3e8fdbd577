"""Steps for the behaviour specs: thin, calling the same application API as the CLI."""

import threading

import pytest
from pytest_bdd import given, parsers, then, when

from adapters.dates import parse_date
from domain.model.errors import DomainError
from domain.model.provenance import Recorder
from domain.ports import ActivityFilter
from reports.i18n import Fmt


@pytest.fixture
def story():
    """What a scenario remembers between its steps."""
    return {}


@given(parsers.parse('officer "{name}" records for Polres OKU Timur'))
def officer_records(story, name):
    story["officer"] = Recorder(actor=name)


@when(
    parsers.parse(
        'she plans "{name}" as "{slug}" from "{start}" to "{end}" stated as {days:d} days'
    )
)
def plan_operation(app, story, name, slug, start, end, days):
    app.plan_operation(story["officer"], name=name, slug=slug, start=parse_date(start),
                       end=parse_date(end), stated_days=days)  # fmt: skip


@then(parsers.parse('the operation "{ref}" is flagged with "{first}" and "{second}"'))
def operation_flagged(app, ref, first, second):
    [flag] = app.get_operation(ref).flags
    words = Fmt("en").flag(flag)  # flags are data; their words come from the catalogue
    assert first in words and second in words


@given(parsers.parse('she logged a {kind} "{title}" on "{day}" with {personnel:d} personnel'))
def logged_with_personnel(app, story, kind, title, day, personnel):
    story["activity"] = app.log_activity(story["officer"], kind=kind, title=title,
                                         occurred_on=parse_date(day), personnel=personnel)  # fmt: skip


@given(parsers.parse('she logged a {kind} "{title}" on "{day}"'))
@when(parsers.parse('she logs a {kind} "{title}" on "{day}"'))
def logs(app, story, kind, title, day):
    story["activity"] = app.log_activity(story["officer"], kind=kind, title=title,
                                         occurred_on=parse_date(day), units=["Polres OKU Timur"])  # fmt: skip


@then(parsers.parse('the activity list for "{day}" shows one {kind} titled "{title}"'))
def listed(app, day, kind, title):
    on = parse_date(day)
    [row] = app.list_activities(ActivityFilter(date_from=on, date_to=on))
    assert (row["kind"], row["title"]) == (kind, title)


@when(parsers.parse('supervisor "{name}" corrects the personnel to {count:d} because "{reason}"'))
def corrects_personnel(app, story, name, count, reason):
    app.correct_activity(
        Recorder(actor=name), str(story["activity"].id), {"personnel": count}, reason
    )


@then(
    parsers.parse(
        'the history shows personnel changed from {old:d} to {new:d} by "{name}" because "{reason}"'
    )
)
def history_shows(app, story, old, new, name, reason):
    last = app.history(str(story["activity"].id))[-1]
    assert last["changes"]["personnel"] == {"from": old, "to": new}
    assert (last["actor"], last["reason"]) == (name, reason)


@when(parsers.parse('she cancels it because "{reason}"'))
def cancels(app, story, reason):
    app.cancel_activity(story["officer"], str(story["activity"].id), reason)


@then(parsers.parse('correcting its title is refused because it "{why}"'))
def correction_refused(app, story, why):
    with pytest.raises(DomainError) as refusal:
        app.correct_activity(story["officer"], str(story["activity"].id), {"title": "x"}, "y")
    assert why in refusal.value.message


@when(parsers.parse("she logs an outreach with {personnel:d} personnel"))
def logs_bad(app, story, personnel, store_url):
    from tests.cli import humas

    story["events_before"] = app.store_info()["events"]
    story["result"] = humas(store_url, "log", "outreach", "--title", "Sambang", "--on",
                            "2023-10-20", "--personnel", str(personnel))  # fmt: skip


@then(parsers.parse('she is told "{option}" is wrong and the store holds no new event'))
def told_wrong(app, story, option):
    result = story["result"]
    assert result.code == 2 and option in result.err
    assert app.store_info()["events"] == story["events_before"]


@when(parsers.parse("two officers each add {count:d} notes to it at the same time"))
def two_officers(app, story, count, store_url):
    from adapters.bootstrap import open_application
    from adapters.store import parse_store

    def officer_adds_notes(name: str) -> None:
        own_app = open_application(parse_store(store_url))  # each officer has their own session
        for number in range(count):
            own_app.correct_activity(Recorder(actor=name), str(story["activity"].id),
                                     {"notes": f"{name} {number}"}, reason="catatan lapangan")  # fmt: skip
        own_app.close()

    threads = [
        threading.Thread(target=officer_adds_notes, args=(name,)) for name in ("Ani", "Dedi")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    story["expected_notes"] = {f"{name} {n}" for name in ("Ani", "Dedi") for n in range(count)}


@then(parsers.parse("all {total:d} notes are in its history once each, with no version missing"))
def all_notes(app, story, total):
    history = app.history(str(story["activity"].id))
    notes = [event["changes"]["notes"]["to"] for event in history[1:]]
    assert len(notes) == total and set(notes) == story["expected_notes"]
    assert [event["version"] for event in history] == list(range(1, total + 2))
