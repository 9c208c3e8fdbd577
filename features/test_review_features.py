"""Steps of review.feature, on both stores (see the root conftest.py)."""

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from adapters.dates import parse_date
from domain.model.errors import DomainError
from domain.model.provenance import Recorder
from domain.ports import ActivityFilter

pytestmark = pytest.mark.usefixtures("store_url", "app")

scenarios("review.feature")


@pytest.fixture
def story():
    return {}


@given(
    parsers.parse(
        'the roster has supervisor "{supervisor}", officer "{officer}" and auditor "{auditor}"'
    )
)
def roster(app, supervisor, officer, auditor):
    chief = Recorder(supervisor)
    app.add_to_roster(chief, supervisor, "supervisor")
    app.add_to_roster(chief, officer, "officer")
    app.add_to_roster(chief, auditor, "auditor")


@given(
    parsers.parse(
        'officer "{name}" reported an outreach "{title}" on "{day}" with {size:d} people reached'
    )
)
def reported(app, story, name, title, day, size):
    story["activity"] = app.log_activity(
        Recorder(name), kind="outreach", title=title, occurred_on=parse_date(day),
        audience_size=size, units=["Polres OKU Timur"],
    )  # fmt: skip


@when(parsers.parse('supervisor "{name}" accepts it'))
def accepts(app, story, name):
    app.accept(Recorder(name), str(story["activity"].id))


@when(parsers.parse('supervisor "{name}" accepts it, fixing the audience to {size:d}'))
def accepts_fixing(app, story, name, size):
    app.accept(Recorder(name), str(story["activity"].id), {"audience_size": size})


@when(parsers.parse('supervisor "{name}" rejects it because "{reason}"'))
def rejects(app, story, name, reason):
    app.reject(Recorder(name), str(story["activity"].id), reason)


@when(parsers.parse('"{name}" tries to accept it'))
def tries_to_accept(app, story, name):
    with pytest.raises(DomainError) as refused:
        app.accept(Recorder(name), str(story["activity"].id))
    story["refusal"] = refused.value.message


@when(parsers.parse('"{name}" tries to log an outreach "{title}" on "{day}"'))
def tries_to_log(app, story, name, title, day):
    with pytest.raises(DomainError) as refused:
        app.log_activity(Recorder(name), kind="outreach", title=title, occurred_on=parse_date(day))
    story["refusal"] = refused.value.message


@then("it is verified")
def verified(app, story):
    assert app.get_activity(str(story["activity"].id)).review.value == "verified"


@then(parsers.parse('it is rejected with the reason "{reason}"'))
def rejected(app, story, reason):
    summary = app.describe_activity(str(story["activity"].id))
    assert (summary["review"], summary["review_reason"]) == ("rejected", reason)


@then("nothing waits for review")
def nothing_waits(app):
    assert app.review_queue() == []


@then(parsers.parse('the history shows {field} changed from {old:d} to {new:d} by "{name}"'))
def history_shows(app, story, field, old, new, name):
    events = app.history(str(story["activity"].id))
    [fix] = [event for event in events if event["type"] == "Corrected"]
    assert fix["changes"][field] == {"from": old, "to": new}
    assert fix["actor"] == name and fix["reason"] == "fixed on review"
    assert events[-1]["type"] == "Verified" and events[-1]["actor"] == name


@then(parsers.parse('she is refused with "{words}"'))
def refused_with(story, words):
    assert words in story["refusal"]


@then(parsers.parse("the store holds {count:d} activity"))
def holds(app, count):
    assert len(app.list_activities(ActivityFilter())) == count
