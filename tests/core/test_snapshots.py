"""An aggregate restored from a snapshot is the aggregate its events give.

Every aggregate type is driven past its snapshot interval by random commands. At each
point where the application would snapshot it, the snapshot goes through the same
mapper (JSON transcoder) the stores use, is restored, has the later events applied,
and must equal the aggregate replayed from its events alone: the same values of the
same types (an enum is not its text, a tuple is not a list, a Place is not a dict).
"""

from collections.abc import Callable
from contextlib import suppress
from dataclasses import fields, is_dataclass
from datetime import date, timedelta
from typing import Any
from uuid import uuid4

import pytest
from eventsourcing.domain import Aggregate
from eventsourcing.utils import resolve_topic
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from domain.application import HumasApplication
from domain.model.activity import Activity
from domain.model.coverage import CoverageItem, NewsItem
from domain.model.errors import DomainError
from domain.model.incident import Incident
from domain.model.operation import Operation
from domain.model.roster import Roster
from domain.model.seal import Span
from domain.model.seal_stream import Seal
from domain.model.snapshots import TypedSnapshot, freeze, thaw
from domain.model.values import ActivityKind, DatePrecision, Lifecycle, Place, Review

# Types the application does not snapshot are still given snapshots that work.
INTERVALS: dict[type, int] = {
    CoverageItem: 5,
    Incident: 5,
    Seal: 5,  # never snapshotted: a check recomputes every seal from its events
    **{
        resolve_topic(topic): interval
        for topic, interval in HumasApplication.snapshotting_intervals.items()
    },
}


def typed(value: Any) -> Any:
    """``value`` with the type of every part spelled out, so that equal-but-different
    values (``Lifecycle.CONDUCTED`` and ``"conducted"``) compare unequal."""
    if isinstance(value, dict):
        return ("dict", sorted(((typed(k), typed(v)) for k, v in value.items()), key=repr))
    if isinstance(value, list | tuple | set | frozenset):
        items = [typed(item) for item in value]
        return (
            type(value).__name__,
            sorted(items, key=repr) if isinstance(value, set | frozenset) else items,
        )
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, [typed(getattr(value, f.name)) for f in fields(value)])
    return (type(value).__qualname__, value)


def state(aggregate: Aggregate) -> Any:
    return typed({key: value for key, value in vars(aggregate).items() if key != "_pending_events"})


@pytest.fixture(scope="module")
def mapper():
    application = HumasApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    yield application.mapper
    application.close()


# A command each type always accepts (but a merged activity), to take it past its interval
# when random commands were refused too often.
FILLERS: dict[type, Callable[[Any, int], Any]] = {
    Activity: lambda a, n: a.link_coverage(uuid4()),
    Operation: lambda o, n: o.add_stakeholder(f"Pemda {n}"),
    Roster: lambda r, n: r.add("AKP Hendra Saputra", f"Brigpol {n}", "officer"),
    Seal: lambda s, n: None,  # every seal command succeeds already
    CoverageItem: lambda c, n: c.move_to(uuid4(), "digabung"),
    Incident: lambda i, n: i.link_coverage(str(uuid4())),
}


def check_snapshots_round_trip(
    mapper, aggregate: Aggregate, commands: list[Callable[[Any], Any]]
) -> None:
    interval = INTERVALS[type(aggregate)]
    for command in commands:
        # a command the aggregate refuses in its state records nothing
        with suppress(DomainError):
            command(aggregate)
    for number in range(interval + 2 - len(aggregate.pending_events)):
        try:
            FILLERS[type(aggregate)](aggregate, number)
        except DomainError:
            break
    events = aggregate.collect_events()
    assume(len(events) > interval)  # only a merged activity refuses the filler
    assert type(aggregate).Snapshot is TypedSnapshot
    replayed = None
    for number, event in enumerate(events, start=1):
        replayed = event.mutate(replayed)
        if number % interval:
            continue
        stored = mapper.to_stored_event(type(aggregate).Snapshot.take(replayed))
        restored = mapper.to_domain_event(stored).mutate(None)
        for later in events[number:]:
            restored = later.mutate(restored)
        assert state(restored) == state(aggregate)


# Text a record takes: not blank, one line (titles are), no control characters.
texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=12,
).filter(str.strip)
names = st.sampled_from(["Polsek Belitang", "Polres OKU Timur", "Sat Binmas", "Polsek Martapura"])
days = st.dates(date(2023, 1, 1), date(2025, 12, 31))
places = st.builds(
    lambda venue, district: {"venue": venue, "district": district},
    st.none() | texts,
    st.none() | st.sampled_from(["OKU Timur", "Palembang"]),
)
field_changes = st.fixed_dictionaries(
    {},
    optional={
        "title": texts,
        "occurred_on": days,
        "personnel": st.integers(0, 400),
        "audience_size": st.integers(0, 5000),
        "units": st.lists(names, max_size=3),
        "messages": st.lists(texts, max_size=3),
        "place": places,
        "operation_id": st.none() | st.uuids(),
        "date_precision": st.sampled_from(list(DatePrecision)),
        "occurred_at": st.sampled_from(["08:00", "19:30"]),
        "kind": st.sampled_from([k for k in ActivityKind if k is not ActivityKind.SIMULATION]),
    },
)


def activity_command(draw: st.DrawFn, number: int, last: bool) -> Callable[[Activity], Any]:
    """One command; ``last`` allows the ones after which an activity refuses changes."""
    ending = ["cancel", "reject", "merge"] if last else []
    which = draw(
        st.sampled_from(["correct"] * 6 + ["conduct", "link", "verify", "absorb", *ending])
    )
    if which == "correct":
        # a new head count each time, so that every correction changes something
        changes, reason = {**draw(field_changes), "personnel": 1000 + number}, draw(texts)
        return lambda a: a.correct(changes, reason)
    if which == "conduct":
        return lambda a: a.mark_conducted()
    if which == "cancel":
        return lambda a: a.cancel("batal")
    if which == "link":
        item, flags = draw(st.uuids()), draw(st.lists(texts, max_size=2))
        return lambda a: a.link_coverage(item, flags)
    if which == "verify":
        fixes = draw(st.none() | field_changes)
        return lambda a: a.verify(dict(fixes) if fixes else None)
    if which == "reject":
        return lambda a: a.reject("bukan kegiatan")
    if which == "absorb":  # another record of the same activity is merged into this one

        def absorb(a: Activity) -> None:
            other = Activity.log(status=Lifecycle.CONDUCTED, review=Review.PROPOSED, kind=a.kind,
                                 title="duplikat", occurred_on=a.occurred_on, coverage_id=uuid4(),
                                 flags=["dari berita"])  # fmt: skip
            other.merge_into(a, "sama")

        return absorb

    def merge(a: Activity) -> None:
        survivor = Activity.log(status=Lifecycle.CONDUCTED, review=Review.REPORTED, kind=a.kind,
                                title="utama", occurred_on=a.occurred_on)  # fmt: skip
        a.merge_into(survivor, "sama")

    return merge


@st.composite
def activities(draw: st.DrawFn) -> tuple[Activity, list[Callable[[Activity], Any]]]:
    kind = draw(st.sampled_from(list(ActivityKind)))
    scenario = {"scenario_setting": "Gedung KPU", "scenario_steps": ["massa datang", "negosiasi"]}
    activity = Activity.log(
        status=draw(st.sampled_from(list(Lifecycle))), review=draw(st.sampled_from([Review.PROPOSED, Review.REPORTED])),
        kind=kind, title=draw(texts), occurred_on=draw(days), place=draw(places),
        units=draw(st.lists(names, max_size=3)), personnel=draw(st.none() | st.integers(0, 300)),
        operation_id=draw(st.none() | st.uuids()), source={"report_id": "LAP-1", "line": 2},
        evidence={"kind": "sosialisasi"}, **(scenario if kind is ActivityKind.SIMULATION else {}),
    )  # fmt: skip
    # mostly corrections (what piles up in practice), then perhaps a cancellation, a
    # rejection or a merge, after which most commands are refused
    count = draw(st.integers(INTERVALS[Activity] + 5, INTERVALS[Activity] + 30))
    return activity, [activity_command(draw, n, last=n >= count - 4) for n in range(count)]


@st.composite
def operations(draw: st.DrawFn) -> tuple[Operation, list[Callable[[Operation], Any]]]:
    start = draw(days)
    operation = Operation.plan(name=f"Operasi {draw(texts)}", slug=f"op-{uuid4().hex[:8]}", start=start,
                               end=start + timedelta(days=draw(st.integers(0, 400))),
                               stated_days=draw(st.none() | st.integers(1, 400)), aliases=["OMB"])  # fmt: skip
    commands: list[Callable[[Operation], Any]] = []
    for number in range(draw(st.integers(INTERVALS[Operation] + 2, INTERVALS[Operation] + 20))):
        which = draw(st.sampled_from(["revise", "stakeholder", "alias", "close"]))
        if which == "revise":
            new_start, length = draw(days), draw(st.integers(0, 300))
            commands.append(lambda o, s=new_start, n=length, k=number: o.revise_period(
                reason=f"revisi {k}", start=s, end=s + timedelta(days=n), stated_days=n + 1))  # fmt: skip
        elif which == "stakeholder":
            commands.append(lambda o, k=number: o.add_stakeholder(f"Dinas {k}"))
        elif which == "alias":
            commands.append(lambda o, k=number: o.add_alias(f"Ops {k}"))
        else:
            commands.append(lambda o: o.close("selesai"))
    return operation, commands


@st.composite
def rosters(draw: st.DrawFn) -> tuple[Roster, list[Callable[[Roster], Any]]]:
    roster = Roster.start()
    chief = "AKP Hendra Saputra"
    commands: list[Callable[[Roster], Any]] = [lambda r: r.add(chief, chief, "supervisor")]
    for number in range(draw(st.integers(INTERVALS[Roster] + 2, INTERVALS[Roster] + 20))):
        role = draw(st.sampled_from(["officer", "supervisor", "auditor"]))
        if draw(st.booleans()) or number < 2:
            commands.append(lambda r, k=number, role=role: r.add(chief, f"Bripka {k}", role))
        else:
            gone = draw(st.integers(0, number - 1))
            commands.append(lambda r, k=gone: r.remove(chief, f"Bripka {k}", "mutasi"))
    return roster, commands


@st.composite
def seals(draw: st.DrawFn) -> tuple[Seal, list[Callable[[Seal], Any]]]:
    def seal(s: Seal, records: int) -> None:
        span = Span(s.hash)
        start = (s.position or 0) + 1
        for position in range(start, start + records):
            span.add(position, uuid4(), 1, "humas:Activity.Logged", b"{}")
        s.close(span)

    counts = draw(st.lists(st.integers(1, 5), min_size=3, max_size=8))
    return Seal.start(), [lambda s, n=n: seal(s, n) for n in counts]


@st.composite
def coverage_items(draw: st.DrawFn) -> tuple[CoverageItem, list[Callable[[CoverageItem], Any]]]:
    facts = {"title": draw(texts), "occurred_on": draw(days).isoformat(), "flags": draw(st.lists(texts, max_size=2)),
             "place": {"district": "OKU Timur"}, "personnel": draw(st.none() | st.integers(0, 99))}  # fmt: skip
    item = CoverageItem.receive(NewsItem(source="berita.html", raw_text=draw(texts), content_hash=uuid4().hex,
                                         url=draw(st.none() | st.just("https://berita.example/1")), facts=facts))  # fmt: skip
    commands: list[Callable[[CoverageItem], Any]] = [
        lambda c: c.link_to("Activity", uuid4(), "created")
    ]
    commands += [lambda c: c.move_to(uuid4(), "digabung") for _ in range(draw(st.integers(5, 12)))]
    return item, commands


@st.composite
def incidents(draw: st.DrawFn) -> tuple[Incident, list[Callable[[Incident], Any]]]:
    incident = Incident(  # type: ignore[call-arg]
        title=draw(texts), occurred_on=draw(days), date_precision="day", place={"district": "OKU Timur"},
        what_happened=None, actors=["Bawaslu"], police_intervened=draw(st.none() | st.booleans()),
        operation_id=str(uuid4()), coverage_ids=[str(uuid4())], flags=[], review="proposed",
        source={"coverage_id": str(uuid4())},
    )  # fmt: skip
    commands: list[Callable[[Incident], Any]] = [
        lambda i, item=str(item): i.link_coverage(item)
        for item in draw(st.lists(st.uuids(), min_size=5, max_size=9))
    ]
    commands.append(draw(st.sampled_from([lambda i: i.verify(), lambda i: i.reject("hoaks")])))
    return incident, commands


SLOW = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.mark.parametrize("scenario", [activities, operations, rosters, seals, coverage_items, incidents],
                         ids=lambda s: s.__name__)  # fmt: skip
def test_every_aggregate_restored_from_a_snapshot_equals_its_replay(mapper, scenario) -> None:
    @SLOW
    @given(scenario())
    def run(case: tuple[Aggregate, list[Callable[[Any], Any]]]) -> None:
        check_snapshots_round_trip(mapper, *case)

    run()


@given(st.recursive(
    st.none() | st.booleans() | st.integers() | texts | days | st.uuids() | st.sampled_from(list(Lifecycle))
    | st.builds(Place, venue=st.none() | texts, district=st.none() | texts),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner) | st.frozensets(st.integers(), max_size=3)
    | st.dictionaries(texts | st.sampled_from(["__humas_type__"]), inner, max_size=3)
    | st.dictionaries(st.sampled_from(list(Review)), inner, max_size=2),
    max_leaves=12,
))  # fmt: skip
@settings(deadline=None)
def test_any_nested_value_survives_the_transcoder(mapper, value: Any) -> None:
    stored = mapper.transcoder.encode({"value": freeze(value)})
    assert typed(thaw(mapper.transcoder.decode(stored)["value"])) == typed(value)


def test_a_value_a_snapshot_cannot_keep_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match="cannot keep a object"):
        freeze(object())


def test_an_activity_corrected_60_times_still_lists_shows_and_reports(store_url) -> None:
    """Past the snapshot interval (50) every command still works and says so, and the
    store answers from the snapshot as it answered from the events."""
    from tests.cli import humas

    logged = humas(store_url, "log", "outreach", "--title", "Jumat Curhat", "--on", "2023-10-20",
                   "--unit", "Polsek Belitang", "--place", "Balai Desa Sumber Jaya")  # fmt: skip
    assert logged.code == 0, logged.err
    ref = humas(store_url, "activity", "list", "--json").json()[0]["id"][:8]
    for number in range(1, 61):
        corrected = humas(store_url, "activity", "correct", ref, "--personnel", str(number),
                          "--reason", f"koreksi {number}")  # fmt: skip
        assert corrected.code == 0, f"correction {number}: {corrected.err}"
    [row] = humas(store_url, "activity", "list", "--json").json()
    shown = humas(store_url, "activity", "show", ref, "--json").json()
    assert (row["personnel"], shown["personnel"], shown["status"], shown["version"]) == (
        60,
        60,
        "conducted",
        61,
    )
    assert shown["place"]["venue"] == "Balai Desa Sumber Jaya"
    report = humas(store_url, "report", "weekly", "--week", "2023-W42")
    assert report.code == 0, report.err
    assert humas(store_url, "store", "rebuild").code == 0
    assert humas(store_url, "activity", "list", "--json").json() == [row]
    assert (
        humas(store_url, "--read-only", "activity", "show", ref, "--json").json()["personnel"] == 60
    )


def test_a_command_whose_snapshot_fails_is_still_reported_as_stored(app, officer, monkeypatch):
    """Past the interval the library takes a snapshot after storing the events; if that
    fails, the command stored its events and says so."""

    def broken(cls, aggregate):
        raise TypeError("a snapshot cannot keep a Mystery")

    activity = app.log_activity(
        officer, kind="outreach", title="Jumat Curhat", occurred_on=date(2023, 10, 20)
    )
    monkeypatch.setattr(TypedSnapshot, "take", classmethod(broken))
    for number in range(1, 55):
        app.correct_activity(
            officer, str(activity.id), {"personnel": number}, reason=f"koreksi {number}"
        )
    assert app.get_activity(str(activity.id)).personnel == 54


def test_an_activity_is_snapshotted_at_its_interval(app, officer) -> None:
    """The intervals are kept by topic (domain/application.py): the library still finds
    the activity's and takes its snapshot at version 50."""
    activity = app.log_activity(
        officer, kind="outreach", title="Jumat Curhat", occurred_on=date(2023, 10, 20)
    )
    for number in range(1, 50):
        app.correct_activity(
            officer, str(activity.id), {"personnel": number}, reason=f"koreksi {number}"
        )
    taken = [snapshot.originator_version for snapshot in app.snapshots.get(activity.id)]
    assert taken == [50]
    assert app.get_activity(str(activity.id)).personnel == 49
