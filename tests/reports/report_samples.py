"""A hand-made week around the OKU Timur drill of 17 October 2023, for the report tests.

Current period: Monday 16 – Sunday 22 October 2023; previous: 9 – 15 October.
What should count (default rules): A1 drill, A2 outreach (reported), A3 outreach, A7 parade.
What must not: A4 proposed, A5 rejected, A6 cancelled, and anything outside both periods.

Loaded by path (``load_samples`` in each test module) rather than imported as ``conftest``,
so a project-wide conftest.py or another import mode cannot shadow it.
"""

from datetime import date, datetime, timedelta, timezone
from typing import Any

from reports import ReportInput

WIB = timezone(timedelta(hours=7))


def activity(id: str, kind: str, on: str, title: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": id,
        "kind": kind,
        "title": title,
        "occurred_on": on,
        "occurred_at": None,
        "date_precision": "day",
        "place": None,
        "organiser": "Polres OKU Timur",
        "units": [],
        "personnel": None,
        "stakeholders": [],
        "audience": None,
        "audience_size": None,
        "channel": None,
        "messages": [],
        "operation_id": "op-1",
        "notes": None,
        "scenario_setting": None,
        "scenario_steps": [],
        "status": "conducted",
        "review": "verified",
        "version": 1,
        "recorded_at": f"{on}T12:00:00+07:00",
        "updated_at": f"{on}T12:00:00+07:00",
        "coverage_ids": [],
        "flags": [],
    }
    base.update(fields)
    return base


def news(id: str, on: str | None, outlet: str | None, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": id,
        "activity_id": None,
        "incident_id": None,
        "outlet": outlet,
        "title": f"Berita {id}",
        "url": f"https://example.org/{id}",
        "published_on": on,
        "category": "news",
        "messages": [],
        "quotes": [],
        "flags": [],
    }
    base.update(fields)
    return base


OPERATION = {
    "id": "op-1",
    "slug": "mantap-brata-2023",
    "name": "Operasi Mantap Brata 2023-2024",
    "objective": "Pengamanan Pemilu 2024",
    "lead_unit": "Polres OKU Timur",
    "start": "2023-10-19",
    "end": "2024-10-20",
    "stated_days": 222,
    "period_days": 368,
    "stakeholders": ["Pemkab OKU Timur", "Kejaksaan", "TNI", "KPU", "Bawaslu"],
    "aliases": ["OMB"],
    "status": "open",
    # As stores before flags were data hold it: read through the upcaster.
    "flags": [
        "duration conflict: 222 days stated, but 2023-10-19 to 2024-10-20 spans 368 days "
        "counting both ends"
    ],
}


def activities() -> list[dict[str, Any]]:
    return [
        activity(
            "a1",
            "simulation",
            "2023-10-17",
            "Simulasi Sispam Kota Gelar Pasukan Operasi Mantap Brata",
            occurred_at="09:00",
            place={
                "venue": "Halaman Kantor Pemkab OKU Timur",
                "village": None,
                "subdistrict": "Martapura",
                "district": "OKU Timur",
                "province": "Sumatera Selatan",
                "precision": "venue",
            },
            units=["Polres OKU Timur", "Sat Samapta", "Brimob"],
            personnel=1250,
            stakeholders=["Pemkab OKU Timur", "Kejaksaan", "TNI", "KPU", "Bawaslu"],
            messages=["pemilu-damai"],
            scenario_setting="Kerusuhan di kantor KPU karena hasil penghitungan suara",
            scenario_steps=["Massa datang ke KPU", "Negosiasi gagal", "Dalmas diturunkan"],
            coverage_ids=["c1", "c2", "c3"],
        ),
        activity(
            "a2",
            "outreach",
            "2023-10-18",
            "Cooling system bersama tokoh agama",
            organiser="Polsek Martapura",
            stakeholders=["KPU"],
            audience="tokoh agama",
            audience_size=1234,
            channel="tatap muka",
            messages=["pemilu-damai", "anti-hoaks"],
            review="reported",
            coverage_ids=["c4"],
        ),
        activity(
            "a3",
            "outreach",
            "2023-10-20",
            "Jumat Curhat",
            stakeholders=["kpu "],  # a case/space variant of "KPU": one column
            audience="masyarakat umum",
            audience_size=80,
            channel="tatap muka",
            messages=["Anti-Hoaks"],
            flags=["store-conflict: audience_size 95 in this item, 80 recorded"],
        ),
        activity(
            "a4",
            "outreach",
            "2023-10-19",
            "Sosialisasi politik uang (dari berita)",
            review="proposed",
            audience_size=500,
            messages=["politik-uang"],
            flags=[
                {
                    "code": "year-inferred",
                    "values": {"text": "Kamis (19/10)", "year": 2023, "from": "publication-date"},
                }
            ],
        ),
        activity("a5", "coordination", "2023-10-21", "Rapat yang ditolak", review="rejected"),
        activity("a6", "press", "2023-10-22", "Konferensi pers batal", status="cancelled"),
        activity(
            "a7",
            "deployment",
            "2023-10-17",
            "Apel Gelar Pasukan",
            organiser=None,
            units=["Polsek Belitang", "Polres OKU Timur"],
            personnel=300,
        ),
        # Previous period.
        activity(
            "p1",
            "outreach",
            "2023-10-10",
            "Sambang desa",
            organiser="Polsek Semendawai",
            audience="warga",
            audience_size=40,
        ),
        activity("p2", "outreach", "2023-10-12", "Polisi goes to school", audience_size=200),
        activity("p3", "coordination", "2023-10-13", "Rakor KPU", review="reported"),
        activity("p4", "simulation", "2023-10-14", "Latihan ditolak", review="rejected"),
        # Outside both periods: ignored.
        activity("x1", "outreach", "2023-10-01", "Jauh sebelum", audience_size=999),
    ]


def coverage() -> list[dict[str, Any]]:
    dwi = "Kapolres OKU Timur AKBP Dwi Agung Setyono"
    return [
        news(
            "c1",
            "2023-10-17",
            "Sumeks.co",
            activity_id="a1",
            messages=["pemilu-damai"],
            quotes=[{"speaker": dwi, "text": "Simulasi ini untuk kesiapan personel."}],
        ),
        news(
            "c2",
            "2023-10-18",
            "Tribratanews Sumsel",
            activity_id="a1",
            messages=["pemilu-damai"],
            quotes=[
                {"speaker": dwi, "text": "Kami siap."},
                {"speaker": "Bupati Ir. H. Lanosin MT.", "text": "Linmas di setiap TPS."},
                {"speaker": dwi.upper(), "text": "Pemilu damai."},
            ],
        ),
        news("c3", "2023-10-18", "Bawaslu OKU Timur", activity_id="a1"),
        news("c4", "2023-10-19", "Sumeks.co", activity_id="a2", messages=["anti-hoaks"]),
        news("c5", "2023-10-21", "Kabar OKU", incident_id="i1", flags=[WEEKDAY_MISMATCH]),
        news("c6", "2023-10-19", "Sumeks.co", activity_id="a4", messages=["politik-uang"]),
    ]


WEEKDAY_MISMATCH = {"code": "weekday-mismatch", "values": {"stated": "Jumat", "date": "2023-10-21"}}


def incidents() -> list[dict[str, Any]]:
    return [
        {
            "id": "i1",
            "title": "Bentrok di kantor KPU",
            "flags": [WEEKDAY_MISMATCH],
            "occurred_on": "2023-10-21",
            "place": "Kantor KPU Kabupaten X",
            "description": "Bentrok massa pendukung",
            "police_intervened": True,
            "coverage_ids": ["c5"],
        },
        {
            "id": "i0",
            "title": "Kejadian lama",
            "occurred_on": "2023-09-30",
            "place": None,
            "description": "Lama",
            "police_intervened": None,
            "coverage_ids": [],
        },
    ]


def make_input(**overrides: Any) -> ReportInput:
    values: dict[str, Any] = {
        "kind": "weekly",
        "period_start": date(2023, 10, 16),
        "period_end": date(2023, 10, 22),
        "generated_at": datetime(2023, 10, 23, 8, 30, tzinfo=WIB),
        "store_position": 4321,
        "operation": OPERATION,
        "activities": activities(),
        "coverage": coverage(),
        "incidents": incidents(),
        "units_active_before": ["Polsek Buay Madang", "Polres OKU Timur"],
        "unit": "Polres OKU Timur",
        "seal": {"position": 4300, "hash": "9f2c4e"},
        "lang": "id",
        "verified_only": False,
    }
    values.update(overrides)
    return ReportInput(**values)
