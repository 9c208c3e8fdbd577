"""Review and roles: supervisors verify, fix, reject and merge; each role does only its part."""

from datetime import date

import pytest

from domain.model.coverage import NewsItem
from domain.model.errors import DomainError, InvalidValue, Refused
from domain.model.provenance import Recorder
from tests.cli import humas

CHIEF = Recorder("AKP Hendra Saputra")
ANI = Recorder("Bripka Ani Lestari")
AUDITOR = Recorder("Kompol Dewi Propam")


@pytest.fixture
def app(memory_app):
    """These use cases need no database: the library's in-memory store."""
    return memory_app


def news_item(text: str, outlet: str, **facts) -> NewsItem:
    """A news item as the extractor would hand it over, written for the test."""
    base = {
        "source": f"{outlet}.txt", "url": f"https://{outlet}.example/berita", "title": text,
        "outlet": outlet, "published_on": "2023-10-18", "category": "simulation",
        "occurred_on": "2023-10-17", "date_precision": "day", "operation": None,
        "venue": "Halaman Kantor Pemkab OKU Timur", "region": {"district": "OKU Timur"},
        "scenario_setting": "Kantor KPU OKU Timur", "scenario_steps": ["unjuk rasa"],
        "units": ["Polres OKU Timur"], "people": [], "stakeholders": ["KPU"],
        "personnel": 300, "audience_size": None, "messages": [], "quotes": [], "flags": [],
        "evidence": {"category": "Simulasi Sispam Kota digelar.", "occurred_on": "Selasa (17/10)"},
    }  # fmt: skip
    base.update(facts)
    return NewsItem(source=base["source"], raw_text=text, content_hash=f"hash-{outlet}",
                    url=base["url"], facts=base)  # fmt: skip


def log(app, by=ANI, **values):
    fields = {"kind": "outreach", "title": "Sosialisasi pemilu damai",
              "occurred_on": date(2023, 10, 20), "units": ["Polsek Belitang"]}  # fmt: skip
    return app.log_activity(by, **{**fields, **values})


def events(app) -> int:
    return app.store_info()["events"]


# The queue ------------------------------------------------------------------


def test_the_queue_lists_what_waits_oldest_first_with_its_source(app):
    reported = log(app)
    proposed = app.ingest_news(ANI, news_item("Simulasi Sispam Kota", "kabar-timur"))
    queue = app.review_queue()
    assert [row["id"] for row in queue] == [str(reported.id), proposed["record_id"]]
    assert [row["review"] for row in queue] == ["reported", "proposed"]
    assert queue[1]["source"]["coverage_id"] == proposed["coverage_id"]
    assert [row["id"] for row in app.review_queue(status="proposed")] == [proposed["record_id"]]


def test_verified_and_rejected_records_leave_the_queue_but_stay_in_history(app):
    first, second = log(app), log(app, title="Patroli dialogis")
    app.accept(CHIEF, str(first.id))
    app.reject(CHIEF, str(second.id), "dobel")
    assert app.review_queue() == []
    assert [event["type"] for event in app.history(str(second.id))] == ["Logged", "Rejected"]


def test_a_verified_record_is_not_verified_twice_but_can_still_be_corrected(app):
    activity = log(app)
    app.accept(CHIEF, str(activity.id))
    with pytest.raises(Refused, match="already verified"):
        app.accept(CHIEF, str(activity.id))
    corrected = app.correct_activity(ANI, str(activity.id), {"audience_size": 40}, "hitung ulang")
    assert corrected.review.value == "verified" and corrected.audience_size == 40


def test_a_rejection_needs_a_reason(app):
    activity = log(app)
    with pytest.raises(InvalidValue, match="reason"):
        app.reject(CHIEF, str(activity.id), "  ")


def test_an_incident_from_the_news_is_reviewed_too(app):
    item = news_item("Massa bentrok di depan KPU", "warta", category="incident",
                     scenario_setting=None, scenario_steps=[])  # fmt: skip
    incident = app.ingest_news(ANI, item)
    assert incident["record_type"] == "Incident"
    app.accept(CHIEF, incident["record_id"])
    assert app.list_incidents()[0]["review"] == "verified"


# Merging --------------------------------------------------------------------


def test_merging_moves_the_coverage_and_keeps_the_merged_record_pointing_at_the_survivor(app):
    officer_record = log(app, kind="simulation", title="Simulasi Sispam Kota",
                         occurred_on=date(2023, 10, 17), units=["Polsek Belitang"])  # fmt: skip
    # a news item the linking rule did not match (other unit, other district) …
    other = app.ingest_news(ANI, news_item("Simulasi di OKU Timur", "kabar-timur",
                                           region={"district": "Martapura"},
                                           venue="Lapangan Martapura"))  # fmt: skip
    # … is one activity with the officer's record, says the supervisor
    app.merge(CHIEF, other["record_id"], into=str(officer_record.id))
    survivor = app.describe_activity(str(officer_record.id))
    merged = app.describe_activity(other["record_id"])
    assert survivor["coverage_ids"] == [other["coverage_id"]]
    assert [item["id"] for item in survivor["coverage"]] == [other["coverage_id"]]
    assert (merged["review"], merged["merged_into"]) == ("merged", str(officer_record.id))
    assert [event["type"] for event in app.history(other["coverage_id"])] == [
        "Received", "Linked", "Moved",
    ]  # fmt: skip
    with pytest.raises(Refused, match="was merged into"):
        app.correct_activity(ANI, other["record_id"], {"personnel": 1}, "x")


def test_records_of_different_kinds_are_not_merged(app):
    drill = log(app, kind="simulation", title="Simulasi")
    talk = log(app)
    with pytest.raises(Refused, match="not one activity"):
        app.merge(CHIEF, str(talk.id), into=str(drill.id))


# Roles ----------------------------------------------------------------------


def test_without_a_roster_every_actor_may_write(app):
    log(app, by=Recorder("siapa saja"))
    assert app.store_info()["roster"] == 0


def test_the_first_roster_entry_must_be_a_supervisor(app):
    with pytest.raises(Refused, match="must be a supervisor"):
        app.add_to_roster(ANI, "Bripka Ani Lestari", "officer")
    assert app.roster() == []


def test_only_supervisors_change_the_roster(app):
    app.add_to_roster(CHIEF, CHIEF.actor, "supervisor")
    app.add_to_roster(CHIEF, ANI.actor, "officer")
    with pytest.raises(Refused, match="changing the roster needs the supervisor role"):
        app.add_to_roster(ANI, "Brigpol Made", "officer")
    with pytest.raises(Refused, match="last supervisor"):
        app.remove_from_roster(CHIEF, CHIEF.actor, "pindah tugas")
    app.remove_from_roster(CHIEF, ANI.actor, "pindah ke Polres Lahat")
    assert [member["name"] for member in app.roster()] == [CHIEF.actor]


@pytest.mark.parametrize(
    ("actor", "attempt", "needed"),
    [
        (AUDITOR, lambda app, record: log(app, by=AUDITOR), "officer or supervisor"),
        (AUDITOR, lambda app, record: app.cancel_activity(AUDITOR, record, "x"), "officer or supervisor"),
        (ANI, lambda app, record: app.accept(ANI, record), "supervisor"),
        (ANI, lambda app, record: app.reject(ANI, record, "x"), "supervisor"),
        (Recorder("orang luar"), lambda app, record: log(app, by=Recorder("orang luar")), "officer or supervisor"),
    ],
)  # fmt: skip
def test_a_command_the_role_does_not_allow_is_refused_and_writes_nothing(
    app, actor, attempt, needed
):
    app.add_to_roster(CHIEF, CHIEF.actor, "supervisor")
    app.add_to_roster(CHIEF, ANI.actor, "officer")
    app.add_to_roster(CHIEF, AUDITOR.actor, "auditor")
    record = str(log(app).id)
    before = events(app)
    with pytest.raises(DomainError, match=f"needs the {needed} role"):
        attempt(app, record)
    assert events(app) == before


# The command line -----------------------------------------------------------


def test_review_commands_from_the_command_line(store_url):
    chief, ani = "AKP Hendra Saputra", "Bripka Ani Lestari"
    assert humas(store_url, "roster", "add", chief, "--role", "supervisor", actor=chief).code == 0
    assert humas(store_url, "roster", "add", ani, "--role", "officer", actor=chief).code == 0
    logged = humas(store_url, "log", "outreach", "--title", "Jumat Curhat", "--on", "2023-10-20",
                   "--audience-size", "60", "--json", actor=ani).json()  # fmt: skip
    queue = humas(store_url, "review", "list", actor=ani)
    assert logged["id"][:8] in queue.out and "officer" in queue.out

    refused = humas(store_url, "review", "accept", logged["id"][:8], actor=ani)
    assert refused.code == 2
    assert refused.err.strip() == (
        "humas: error: reviewing records needs the supervisor role; "
        "Bripka Ani Lestari is an officer"
    )

    accepted = humas(store_url, "review", "accept", logged["id"][:8], "--audience-size", "85",
                     "--json", actor=chief).json()  # fmt: skip
    assert (accepted["review"], accepted["audience_size"]) == ("verified", 85)
    assert "nothing waits for review" in humas(store_url, "review", "list", actor=chief).out
    assert "3 people" not in humas(store_url, "store", "info").out
    assert "2 people, roles enforced" in humas(store_url, "store", "info").out


def test_store_info_says_when_every_actor_may_write(store_url):
    assert humas(store_url, "store", "init").code == 0
    assert "every actor may write" in humas(store_url, "store", "info").out
    assert "every actor may write" in humas(store_url, "roster", "list").out


def test_review_list_refuses_a_status_that_does_not_wait(store_url):
    result = humas(store_url, "review", "list", "--status", "verified")
    assert result.code == 2 and "verified" in result.err


def test_a_refusal_by_role_names_what_was_asked_and_reads_whole_in_indonesian(store_url):
    chief, ani, dewi = "AKP Hendra Saputra", "Bripka Ani Lestari", "Kompol Dewi"
    for name, role in ((chief, "supervisor"), (ani, "officer"), (dewi, "auditor")):
        assert humas(store_url, "roster", "add", name, "--role", role, actor=chief).code == 0
    humas(store_url, "operation", "plan", "Operasi Mantap Brata 2023-2024", "--slug", "omb",
          "--start", "19/10/2023", "--end", "20/10/2024", "--days", "222", actor=chief)  # fmt: skip

    settling = ["flag", "resolve", "omb", "duration-conflict", "--reason", "SK Kapolda"]
    refused = humas(store_url, *settling, actor=ani)
    assert refused.code == 2 and refused.err == (
        "humas: error: settling flags needs the supervisor role; Bripka Ani Lestari is an officer\n"
    )
    logging = ["log", "outreach", "--title", "Jumat Curhat", "--on", "2023-10-20"]
    said = humas(store_url, *logging, actor=dewi, HUMAS_LANG="id")
    assert said.code == 2 and said.err == (
        "humas: kesalahan: mencatat atau mengubah data memerlukan peran officer atau supervisor; "
        "Kompol Dewi berperan sebagai auditor\n"
    )
