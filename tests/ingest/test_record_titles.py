"""The title a record gets from a news item that has no headline: made from its facts."""

from domain.model.coverage import NewsItem, record_title


def item(**facts: object) -> NewsItem:
    return NewsItem("berita/kiriman-17.txt", "…", "hash", None, dict(facts))


def test_a_headline_is_the_title() -> None:
    assert record_title(item(title="Polres Gelar Simulasi", category="simulation")) == (
        "Polres Gelar Simulasi"
    )


def test_an_incident_is_named_by_its_place_not_by_the_police_who_came() -> None:
    clash = item(
        category="incident", units=["Polres Sungai Rotan"], venue="Kantor KPU Sungai Rotan"
    )
    assert record_title(clash) == "Kejadian di Kantor KPU Sungai Rotan"


def test_without_unit_or_place_the_outlet_then_the_file_name_tell_items_apart() -> None:
    assert record_title(item(category="deployment", outlet="Kabar Musi")) == (
        "Pengerahan personel (Kabar Musi)"
    )
    assert record_title(item(category="outreach")) == "Sosialisasi (kiriman-17.txt)"


def test_the_district_stands_in_for_a_venue() -> None:
    launch = item(category="operation_launch", units=["Polres Lahat"], region={"district": "Lahat"})
    assert record_title(launch) == "Apel gelar pasukan Polres Lahat di Lahat"
