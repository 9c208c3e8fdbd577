"""``humas demo`` feeds in its own news items: the drill it logged gets coverage."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from adapters.bootstrap import close_application, open_application
from adapters.store import parse_store
from tests.cli import humas


def test_another_outlets_report_of_the_drill_links_to_it(demo: tuple[str, str]) -> None:
    store, _ = demo
    [drill] = humas(store, "activity", "list", "--kind", "simulation", "--json").json()
    assert drill["review"] == "reported"  # the officer's own record, not a proposal
    shown = humas(store, "activity", "show", drill["id"], "--json").json()
    [coverage] = shown["coverage"]
    assert (coverage["outlet"], coverage["link"]) == ("Kabar Musi", "matched")
    # the outlet's 250 is kept beside the 275 the supervisor corrected it to
    assert {
        "code": "store-conflict",
        "values": {"field": "personnel", "reported": 250, "stored": 275},
    } in shown["flags"]
    assert shown["personnel"] == 275


def test_the_demo_news_give_an_incident_and_no_new_activity(demo: tuple[str, str]) -> None:
    store, out = demo
    assert "news 3_ricuh-kpu-muara-seruni.txt: a new incident, proposed for review" in out
    assert "news 2_patroli-dialogis-semendawai.txt: linked to the activity it reports" in out
    assert "news 4_turnamen-antardesa.txt: kept as coverage only" in out
    info = humas(store, "store", "info", "--json").json()
    assert (info["coverage_items"], info["incidents"]) == (4, 1)
    assert humas(store, "activity", "list", "--status", "proposed", "--json").json() == []


def test_the_demo_report_still_builds_and_shows_the_news(demo: tuple[str, str]) -> None:
    _, out = demo
    report = Path(out.strip().splitlines()[-1].rsplit(": ", 1)[1])
    html = report.read_text(encoding="utf-8")
    assert html.lower().startswith("<!doctype html>")
    assert "Operasi Mantap Brata 2023-2024" in html
    # the busiest week's media coverage and public-order context come from the demo news
    assert "Suara Belitang" in html and "Kantor KPU Kabupaten Muara Seruni" in html


def test_a_drill_before_the_operation_keeps_one_preparation_flag_whoever_raised_it(
    demo: tuple[str, str],
) -> None:
    """The officer's log and the outlet's report both see the drill two days before the
    operation starts: one flag, naming both sources, not two worded differently."""
    store, _ = demo
    [drill] = humas(store, "activity", "list", "--kind", "simulation", "--json").json()
    flags = humas(store, "flag", "list", "--json").json()
    preparation = [
        flag for flag in flags
        if flag["record"]["id"] == drill["id"] and flag["code"] == "before-operation-start"
    ]  # fmt: skip
    assert len(preparation) == 1, preparation


def test_every_stored_flag_is_a_code_with_values_never_a_sentence(demo: tuple[str, str]) -> None:
    """The demo raises flags through every channel (an officer's log before the operation,
    news items with conflicting figures, an operation's stated length): the events keep
    each as data, worded only when shown."""
    store, _ = demo
    app = open_application(parse_store(store), read_only=True)
    try:
        stored = [
            flag
            for notification in app.recorder.select_notifications(start=1, limit=1_000_000)
            for flag in _flags_in(vars(app.mapper.to_domain_event(notification)))
        ]
    finally:
        close_application(app)
    assert {flag["code"] for flag in stored} >= {"before-operation-start", "store-conflict"}
    assert all(set(flag) == {"code", "values"} for flag in stored), stored


def _flags_in(value: Any) -> Iterator[Any]:
    """Every item of every ``flags`` list, however deep in an event's values."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key == "flags" and isinstance(inner, list):
                yield from inner
            else:
                yield from _flags_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _flags_in(inner)
