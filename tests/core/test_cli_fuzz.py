"""Generated values for every option of the commands people type most (issue 15):
huge and negative numbers, long and control-character strings, odd dates. Whatever
comes in: no traceback, exit 0, 1 or 2, and nothing written when the command refuses.
Each runs in Indonesian and in English: a refusal is one line in the language chosen."""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli import humas

PLAN = ["operation", "plan", "Operasi Mantap Brata 2023-2024", "--slug", "omb",
        "--start", "19/10/2023", "--end", "20/10/2024", "--days", "222"]  # fmt: skip

ODD_DATES = ["0001-01-01", "9999-12-31", "1945-08-16", "1945-08-17", "31/02/2024", "17/10",
             "Senin, 17 Oktober 2023", "Selasa, 17 Oktober 2023", "2023-W42", "17 Okt 2023",
             "2023-10-17T08:00", "", " ", "-1", "99999999999999999999"]  # fmt: skip
ODD_TIMES = ["08.00", "08:00 WIB", "8.00 wita", "24:00", "08.00 EST", "pagi", "", "99:99"]
NUMBERS = st.one_of(
    st.integers(min_value=-(10**25), max_value=10**25).map(str),
    st.sampled_from(["0", "10000000", "10000001", "-0", "1e9", "1.234", "", "٣", "9" * 5000]),
)
TEXTS = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=40),
    st.text(st.characters(max_codepoint=0x9F, exclude_categories=["Cs"]), max_size=12),
    st.integers(min_value=290, max_value=2_100).map("x".__mul__),
    st.just("y" * 120_000),
)
DATES = st.one_of(st.sampled_from(ODD_DATES), st.dates().map(lambda day: day.strftime("%d/%m/%Y")))
REFS = st.one_of(TEXTS, st.sampled_from(["omb", "OMB", "Operasi Mantap Brata 2023-2024", "abc"]))

FIELD_OPTIONS = {
    "--title": TEXTS, "--on": DATES, "--at": st.one_of(st.sampled_from(ODD_TIMES), TEXTS),
    "--personnel": NUMBERS, "--audience-size": NUMBERS, "--unit": TEXTS, "--stakeholder": TEXTS,
    "--operation": REFS, "--note": TEXTS, "--audience": TEXTS, "--place": TEXTS,
    "--message": TEXTS, "--channel": TEXTS, "--precision": TEXTS,
}  # fmt: skip


def options(choices: dict[str, st.SearchStrategy[str]]) -> st.SearchStrategy[list[str]]:
    """A few of the options, each with a generated value."""
    return st.lists(st.sampled_from(sorted(choices)), max_size=4, unique=True).flatmap(
        lambda names: st.tuples(*(choices[name] for name in names)).map(
            lambda values: [part for pair in zip(names, values, strict=True) for part in pair]
        )
    )


FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


# How a refusal starts in each language (adapters/cli/main.py).
REFUSAL = {"id": "humas: kesalahan: ", "en": "humas: error: "}


@pytest.fixture(autouse=True, params=["id", "en"])
def lang(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("HUMAS_LANG", request.param)
    return str(request.param)


def events_in(store: str) -> int:
    return humas(store, "store", "info", "--json").json()["events"]


def run_and_check(store: str, *args: str) -> None:
    before = events_in(store)
    result = humas(store, *args)
    assert "Traceback" not in result.err, result.err
    assert result.code in (0, 1, 2), (result.code, result.err)
    if result.code != 0:
        assert len(result.err.strip().splitlines()) >= 1
        assert result.err.startswith(REFUSAL[os.environ["HUMAS_LANG"]]), result.err
        assert events_in(store) == before, args


@pytest.fixture
def planned(store_url: str) -> str:
    assert humas(store_url, *PLAN).code == 0
    return store_url


@pytest.fixture
def logged(planned: str) -> tuple[str, str]:
    result = humas(planned, "log", "outreach", "--title", "Sambang", "--on", "2023-10-20", "--json")
    return planned, result.json()["id"]


@FUZZ
@given(title=TEXTS, on=DATES, extra=options(FIELD_OPTIONS))
def test_log(planned: str, title: str, on: str, extra: list[str]) -> None:
    run_and_check(planned, "log", "outreach", "--title", title, "--on", on, *extra)


@FUZZ
@given(extra=options({**FIELD_OPTIONS, "--kind": TEXTS}), reason=TEXTS, ref=REFS)
def test_activity_correct(logged: tuple[str, str], extra: list[str], reason: str, ref: str) -> None:
    store, activity = logged
    run_and_check(store, "activity", "correct", activity[:8], *extra, "--reason", reason)
    run_and_check(store, "activity", "correct", ref, "--title", "x", "--reason", reason)


@FUZZ
@given(name=TEXTS, start=DATES, end=DATES,
       extra=options({"--days": NUMBERS, "--slug": REFS, "--alias": REFS, "--objective": TEXTS,
                      "--lead-unit": TEXTS, "--stakeholder": TEXTS}))  # fmt: skip
def test_operation_plan(store_url: str, name: str, start: str, end: str, extra: list[str]) -> None:
    humas(store_url, "store", "init")
    run_and_check(store_url, "operation", "plan", name, "--start", start, "--end", end, *extra)


@FUZZ
@given(start=DATES, end=DATES, week=st.one_of(TEXTS, st.sampled_from(["2023-W42", "0001-W01", "9999-W52", "2023-W54"])),
       extra=options({"--operation": REFS, "--lang": TEXTS, "--format": TEXTS, "--as-of": TEXTS}))  # fmt: skip
def test_report(planned: str, start: str, end: str, week: str, extra: list[str]) -> None:
    run_and_check(planned, "report", "period", "--from", start, "--to", end, *extra)
    run_and_check(planned, "report", "weekly", "--week", week, *extra)


@FUZZ
@given(extra=options({"--from": NUMBERS, "--to": NUMBERS, "--last": NUMBERS,
                      "--since": st.one_of(DATES, TEXTS), "--until": st.one_of(DATES, TEXTS)}))  # fmt: skip
def test_audit_log(planned: str, extra: list[str]) -> None:
    run_and_check(planned, "audit", "log", *extra)
