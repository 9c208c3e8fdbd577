"""Steps of audit.feature, on both stores (see the root conftest.py).

Officers and supervisors record through the application; the auditor uses the ``humas
audit`` commands themselves. Tampering goes straight to the database tables or the file,
behind humas's back."""

import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from adapters.dates import parse_date
from domain.model.provenance import Recorder
from tests.audit.tamper import Tamperer, forge_read_model_row
from tests.cli import humas

pytestmark = pytest.mark.usefixtures("store_url", "app")

scenarios("audit.feature")


@pytest.fixture
def story() -> dict[str, Any]:
    """What a scenario remembers between its steps."""
    return {}


def activity_id(story: dict[str, Any], title: str) -> str:
    return str(story["activities"][title].id)


@given(parsers.parse('officer "{name}" logged the week\'s activities of Polres OKU Timur'))
def logged_week(app, story, name, datatable):
    story["start"] = datetime.now(UTC)
    time.sleep(0.01)
    header, *rows = datatable
    story["activities"] = {}
    for row in rows:
        values = dict(zip(header, row, strict=True))
        story["activities"][values["title"]] = app.log_activity(
            Recorder(name), kind=values["kind"], title=values["title"],
            occurred_on=parse_date(values["day"]), personnel=int(values["personnel"]),
            units=["Polres OKU Timur"],
        )  # fmt: skip


@given(parsers.parse('supervisor "{name}" corrected the personnel of "{title}" to {count:d} because "{reason}"'))  # fmt: skip
def corrected(app, story, name, title, count, reason):
    app.correct_activity(Recorder(name), activity_id(story, title), {"personnel": count}, reason)


@given(parsers.parse('supervisor "{name}" sealed the store'))
def sealed(app, story, name):
    story["seal"] = app.seal(Recorder(name))
    time.sleep(0.01)
    story["end"] = datetime.now(UTC)
    story["events"] = app.store_info()["events"]


@when(parsers.parse('auditor "{name}" asks what changed during that week'))
def asks_diff(store_url, story, name):
    since, until = story["start"].isoformat(), story["end"].isoformat()
    result = humas(store_url, "audit", "diff", "--since", since, "--until", until, "--json",
                   actor=name)  # fmt: skip
    assert result.code == 0, result.err
    story["diff"] = result.json()
    log = humas(store_url, "audit", "log", "--since", since, "--until", until, "--json", actor=name)
    story["log"] = log.json()


@then(parsers.parse("she sees {new:d} new activities and {corrections:d} correction"))
def sees_totals(story, new, corrections):
    assert story["diff"]["totals"] == {"new": new, "corrected": corrections}


@then(parsers.parse('the correction of "{title}" shows personnel from {old:d} to {new:d} by "{name}" via {channel} because "{reason}"'))  # fmt: skip
def correction_shows(story, title, old, new, name, channel, reason):
    [record] = [r for r in story["diff"]["records"] if r["title"] == title]
    [correction] = [c for c in record["changes"] if c["what"] == "corrected"]
    assert correction["changes"] == {"personnel": {"from": old, "to": new}}
    assert (correction["actor"], correction["channel"], correction["reason"]) == (name, channel, reason)  # fmt: skip


@then("the log lists every event in the order it was recorded")
def log_in_order(story):
    positions = [entry["position"] for entry in story["log"]]
    times = [entry["recorded_at"] for entry in story["log"]]
    assert positions == sorted(positions) and len(positions) == story["events"]
    assert [datetime.fromisoformat(t) for t in times] == sorted(datetime.fromisoformat(t) for t in times)  # fmt: skip
    assert [entry["type"] for entry in story["log"]][-2:] == ["Started", "Sealed"]


@then("the store holds no event the auditor made")
def nothing_written(app, story):
    assert app.store_info()["events"] == story["events"]


@given(parsers.parse('someone changed the personnel of "{title}" from {old:d} to {new:d} in the database'))  # fmt: skip
def changed_in_database(store_url, story, title, old, new):
    with Tamperer(store_url) as db:
        [row] = [r for r in db.rows() if str(r.stream) == activity_id(story, title)]
        db.replace_in_state(row.position, f'"personnel":{old}'.encode(), f'"personnel":{new}'.encode())  # fmt: skip


@given(parsers.parse('someone deleted the correction of "{title}" from the database'))
def deleted_from_database(store_url, story, title):
    with Tamperer(store_url) as db:
        [row] = [r for r in db.rows() if str(r.stream) == activity_id(story, title) and r.version == 2]  # fmt: skip
        db.delete(row.position)


@when(parsers.parse('auditor "{name}" verifies the store'))
def verifies(store_url, story, name):
    story["check"] = humas(store_url, "audit", "verify", "--json", actor=name)


@then(parsers.parse("the check fails with {count:d} problems, both breaking seal #{number:d}"))
def fails_with(story, count, number):
    assert story["check"].code == 3
    problems = story["check"].json()["problems"]
    assert len(problems) == count and {p["seal"] for p in problems} == {number}


@then(parsers.parse('it names "{title}" version {version:d} as {kind}'))
def names(story, title, version, kind):
    problems = story["check"].json()["problems"]
    assert any(
        (p["stream"], p["version"], p["kind"]) == (activity_id(story, title), version, kind)
        for p in problems
    )


@given(parsers.parse('auditor "{name}" exported the store to a file'))
def exported(store_url, story, tmp_path, name):
    story["export"] = tmp_path / "humas-audit.jsonl"
    result = humas(store_url, "audit", "export", "--out", str(story["export"]), actor=name)
    assert result.code == 0, result.err


@given(parsers.parse('someone raised the personnel of "{title}" from {old:d} to {new:d} in the file'))  # fmt: skip
def changed_in_file(story, title, old, new):
    from base64 import b64decode, b64encode

    path: Path = story["export"]
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if line.get("stream") == activity_id(story, title) and line.get("version") == 1:
            state = b64decode(line["state"]).replace(f'"personnel":{old}'.encode(), f'"personnel":{new}'.encode())  # fmt: skip
            line["state"] = b64encode(state).decode()
            line["changes"]["personnel"] = new
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")


@when("she checks the file on a machine that has no store")
def checks_file(story, tmp_path):
    nowhere = str(tmp_path / "another-machine" / "no-store.sqlite")
    story["check"] = humas(nowhere, "audit", "verify", "--export", str(story["export"]), "--json")
    assert not Path(nowhere).exists()


@then(parsers.parse("the export is intact and holds seal #{number:d} with the hash the supervisor was given"))  # fmt: skip
def export_intact(story, number):
    assert story["check"].code == 0
    latest = story["check"].json()["latest_seal"]
    assert (latest["number"], latest["hash"]) == (number, story["seal"]["hash"])


@then(parsers.parse('the check fails naming "{title}" as altered, breaking seal #{number:d}'))
def export_fails(story, title, number):
    assert story["check"].code == 3
    [problem] = story["check"].json()["problems"]
    assert (problem["kind"], problem["title"], problem["seal"]) == ("altered", title, number)


REPORT = ["report", "weekly", "--week", "2023-W42", "--lang", "id"]


def without_generated_line(text: str) -> list[str]:
    return [line for line in text.splitlines() if "Dibuat" not in line]


@given(parsers.parse('supervisor "{name}" sent the report of that week'))
def sent_report(store_url, story, name):
    sent = humas(store_url, *REPORT, actor=name)
    assert sent.code == 0, sent.err
    story["sent"] = sent.out
    time.sleep(0.01)
    story["sent_at"] = datetime.now(UTC)
    time.sleep(0.01)


@given(parsers.parse('officer "{name}" later corrected the personnel of "{title}" to {count:d} because "{reason}"'))  # fmt: skip
def later_corrected(app, story, name, title, count, reason):
    app.correct_activity(Recorder(name), activity_id(story, title), {"personnel": count}, reason)


@when(parsers.parse('auditor "{name}" asks for that week\'s report as of when it was sent'))
def report_as_of(store_url, story, name):
    result = humas(store_url, "--read-only", *REPORT, "--as-of", story["sent_at"].isoformat(),
                   actor=name)  # fmt: skip
    assert result.code == 0, result.err
    story["as_of"] = result.out


@then("she gets the report that was sent, apart from the line saying when it was generated")
def same_report(store_url, story):
    assert without_generated_line(story["as_of"]) == without_generated_line(story["sent"])
    now = humas(store_url, *REPORT).out
    assert without_generated_line(now) != without_generated_line(story["sent"])


@then("its footer names the seal and the store position the report was made from")
def footer_names_seal(story):
    footer = story["as_of"].strip().split("\n---\n")[-1]  # after the last rule
    assert "Segel: posisi" in footer and "hash" in footer
    assert "--as-of" in footer  # and the command that makes it again


@given(parsers.parse('someone copied the record of "{title}" into the database as a new record'))
def copied_in_database(store_url, story, title):
    from dataclasses import replace
    from uuid import uuid4

    with Tamperer(store_url) as db:
        rows = db.rows()
        [row] = [r for r in rows if str(r.stream) == activity_id(story, title)]
        story["copied_at"] = rows[-1].position + 1
        db.insert(story["copied_at"], replace(row, stream=uuid4()))


@then("the check names the copied record as inserted outside humas")
def names_foreign(story):
    assert story["check"].code == 3
    [problem] = story["check"].json()["problems"]
    assert (problem["kind"], problem["position"]) == ("inserted", story["copied_at"])
    assert problem["detail"].startswith("inserted outside humas")


@then(parsers.parse('supervisor "{name}" cannot seal it without giving a reason'))
def cannot_seal(store_url, name):
    refused = humas(store_url, "audit", "seal", actor=name)
    assert refused.code == 2
    assert "--accept-foreign --reason TEXT" in refused.err


@given(parsers.parse('someone changed the personnel of "{title}" to {count:d} in the read model'))
def changed_read_model(store_url, story, title, count):
    story["was"] = forge_read_model_row(store_url, activity_id(story, title), "personnel", count)


@then(parsers.parse('the check names the read model of "{title}": personnel {count:d}, events say {was:d}'))  # fmt: skip
def names_read_model(story, title, count, was):
    assert story["check"].code == 3
    [problem] = story["check"].json()["problems"]
    assert problem["kind"] == "read model"
    assert (
        problem["detail"]
        == f"activity {activity_id(story, title)[:6]}: personnel {count}, events say {was}"
    )
