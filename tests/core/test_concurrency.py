"""Officers changing the same activity at once, from separate processes."""

import subprocess
import sys
from datetime import date
from pathlib import Path

WORKER = Path(__file__).with_name("worker.py")
ROOT = Path(__file__).resolve().parents[2]


def start(store, ref, name, rounds, cancel_at=None):
    args = [sys.executable, str(WORKER), store, ref, name, str(rounds)]
    if cancel_at is not None:
        args.append(str(cancel_at))
    return subprocess.Popen(
        args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(process):
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return out.splitlines()


def test_every_concurrent_correction_is_kept_once(app, officer, store_url):
    activity = app.log_activity(officer, kind="outreach", title="Jumat Curhat",
                                occurred_on=date(2023, 10, 20))  # fmt: skip
    processes = [start(store_url, str(activity.id), f"officer{n}", 8) for n in range(4)]
    for process in processes:
        assert finish(process) == ["corrected"] * 8
    history = app.history(str(activity.id))
    assert [event["version"] for event in history] == list(range(1, 34))
    notes = [event["changes"]["notes"]["to"] for event in history[1:]]
    assert sorted(notes) == sorted(f"officer{n}-{k}" for n in range(4) for k in range(8))
    assert app.store_info()["events"] == 33


def test_a_change_that_lost_to_a_cancellation_is_refused_not_applied(app, officer, store_url):
    activity = app.log_activity(officer, kind="outreach", title="Sambang",
                                occurred_on=date(2023, 10, 20))  # fmt: skip
    writers = [start(store_url, str(activity.id), f"officer{n}", 10) for n in range(2)]
    canceller = start(store_url, str(activity.id), "kasi", 10, cancel_at=3)
    outputs = [finish(process) for process in [*writers, canceller]]
    history = app.history(str(activity.id))
    types = [event["type"] for event in history]
    assert types.count("Cancelled") == 1
    assert "Corrected" not in types[types.index("Cancelled") :]
    refused = sum(line.startswith("refused") for output in outputs for line in output)
    corrected = sum(line == "corrected" for output in outputs for line in output)
    assert corrected == types.count("Corrected")
    assert corrected + refused + 1 == 30


def test_a_write_checks_the_roster_another_process_changed_since(app, officer, store_url):
    """A write asks the roster as it last read it, and its own transaction confirms that
    the stored roster is still that one: a roster changed by another process in between
    is read again, and the actor it no longer allows is refused with nothing stored."""
    from adapters.bootstrap import close_application, open_application
    from adapters.store import parse_store
    from domain.model.errors import Refused
    from domain.model.provenance import Recorder

    chief = Recorder(actor="AKP Hendra")
    app.log_activity(officer, kind="outreach", title="Sambang", occurred_on=date(2023, 10, 20))
    other = open_application(parse_store(store_url))
    try:
        other.add_to_roster(chief, chief.actor, "supervisor")
        other.add_to_roster(chief, "Bripka Budi", "officer")
        refused_before = other.store_info()["events"]  # (asked here: this one reads the roster)
    finally:
        close_application(other)
    try:
        app.log_activity(officer, kind="outreach", title="Patroli", occurred_on=date(2023, 10, 21))
    except Refused as error:
        assert "roster" in str(error) or officer.actor in str(error)
    else:
        raise AssertionError("an actor the roster no longer lists was allowed to write")
    assert app.store_info()["events"] == refused_before
    allowed = app.log_activities(
        Recorder(actor="Bripka Budi"),
        [{"kind": "outreach", "title": "Sambang", "occurred_on": date(2023, 10, 22)}],
    )
    assert [a.title for a in allowed] == ["Sambang"]
    assert app.store_info()["events"] == refused_before + 1
