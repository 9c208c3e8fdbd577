"""``humas demo`` imports a week of Polsek Belitang's field reports for review."""

from tests.cli import humas


def test_the_demo_leaves_field_reports_waiting_for_review(demo: tuple[str, str]) -> None:
    store, out = demo
    assert "field reports laporan-polsek-belitang-minggu-46.csv: imported 3" in out
    waiting = humas(store, "activity", "list", "--status", "reported", "--json").json()
    assert waiting
    from_reports = [row for row in waiting if row["source"].get("report_id")]
    assert [row["source"]["report_id"] for row in from_reports] == [
        "BLT/2023/11/014",
        "BLT/2023/11/015",
        "BLT/2023/11/016",
    ]
    for row in from_reports:
        assert (row["review"], row["organiser"], row["operation"]) == (
            "reported",
            "Polsek Belitang",
            "omb-2023",
        )
        [logged] = humas(store, "history", row["id"], "--json").json()
        assert logged["channel"] == "field-report"


def test_the_demo_field_report_keeps_its_attachments_digest(demo: tuple[str, str]) -> None:
    store, _ = demo
    [meeting] = humas(store, "activity", "list", "--kind", "coordination", "--json",
                      "--from", "2023-11-15", "--to", "2023-11-15").json()  # fmt: skip
    [attachment] = meeting["source"]["attachments"]
    assert attachment["path"].endswith("daftar-hadir-rakor-2023-11-15.txt")
    assert len(attachment["sha256"]) == 64
    assert meeting["source"]["reporter"] == {
        "name": "Yusuf Effendi",
        "rank": "Bripka",
        "nrp": "87030915",
    }
