"""``humas demo``: the OKU Timur example, recorded as a PR officer of the Polres would.

The data is typed here, as an officer would type it; nothing is read from the seed
news item. The weeks around the opening of Operasi Mantap Brata 2023-2024 in
Kabupaten OKU Timur (Sumatera Selatan): the Simulasi Sispam Kota during the Gelar
Pasukan, then outreach, coordination and deployments by the Polres and its Polseks.
"""

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any

from adapters.cli.i18n import N_
from domain.application import HumasApplication
from domain.model.provenance import Recorder
from reports.i18n import Fmt

# Says a line of progress: its words (English, ``{name}`` fields) and their values.
Say = Callable[..., None]

OFFICER = Recorder(actor="Aipda Sari Wulandari (Humas Polres OKU Timur)")
SUPERVISOR = Recorder(actor="AKP Hendra Saputra (Kasi Humas Polres OKU Timur)")
POLRES = "Polres OKU Timur"
DISTRICT = {"district": "Kabupaten OKU Timur", "province": "Sumatera Selatan"}

OPERATION = {
    "name": "Operasi Mantap Brata 2023-2024",
    "slug": "omb-2023",
    "start": date(2023, 10, 19),
    "end": date(2024, 10, 20),
    # The figure the Polres announced; the dates span 368 days. The flag shows both.
    "stated_days": 222,
    "objective": "Pengamanan Pemilu 2024 yang aman, damai dan sejuk",
    "lead_unit": POLRES,
    "stakeholders": ["Pemkab OKU Timur", "Kejaksaan Negeri OKU Timur", "TNI", "KPU", "Bawaslu"],
    "aliases": ["Ops Mantap Brata Musi 2023-2024", "OMB"],
}

DRILL = {
    "kind": "simulation",
    "title": "Simulasi Sispam Kota pada Gelar Pasukan Ops Mantap Brata Musi 2023-2024",
    "occurred_on": date(2023, 10, 17),
    "occurred_at": "08:00",
    "place": {"venue": "Halaman Kantor Pemerintah Kabupaten OKU Timur", **DISTRICT},
    "organiser": POLRES,
    "units": [POLRES, "Sat Samapta", "Dalmas Polres OKU Timur", "Kodim 0403/OKU"],
    "personnel": 250,
    "stakeholders": ["Pemkab OKU Timur", "Kejaksaan", "TNI", "KPU", "Bawaslu"],
    "audience": "Forkopimda, penyelenggara pemilu, tamu undangan",
    "audience_size": 400,
    "channel": "tatap muka",
    "messages": ["pemilu-damai", "kamtibmas"],
    "scenario_setting": "Kantor KPU OKU Timur",
    "scenario_steps": [
        "Massa tidak puas dengan hasil hitung suara berunjuk rasa di kantor KPU",
        "Negosiasi oleh kepolisian tidak diterima massa",
        "Massa anarkis melempari petugas dan membakar ban",
        "Tim Dalmas dikerahkan menghalau massa",
        "Provokator ditangkap dan senjata tajam diamankan",
        "Korban luka ditangani Tim Kesehatan",
        "Tim Humas mendokumentasikan dengan foto dan video",
    ],
}

POLSEKS = [
    "Polsek Belitang",
    "Polsek Martapura",
    "Polsek Buay Madang",
    "Polsek Semendawai Suku III",
]
OUTREACH = [
    ("Sosialisasi pemilu damai kepada tokoh agama", "tokoh agama", 60, "tatap muka",
     ["pemilu-damai", "anti-sara"]),
    ("Cooling system bersama pemuda dan mahasiswa", "pemuda dan mahasiswa", 85, "tatap muka",
     ["pemilu-damai", "anti-hoaks"]),
    ("Jumat Curhat di masjid desa", "warga desa", 45, "tatap muka", ["kamtibmas", "anti-hoaks"]),
    ("Patroli dialogis ke pasar kecamatan", "pedagang pasar", 30, "tatap muka",
     ["kamtibmas", "anti-politik-uang"]),
    ("Polisi goes to school: pemilih pemula", "pelajar SMA", 150, "tatap muka",
     ["anti-hoaks", "pemilu-damai"]),
    ("Siaran radio: bijak bermedia sosial jelang pemilu", "pendengar radio", 1200, "radio",
     ["anti-hoaks", "ujaran-kebencian"]),
]  # fmt: skip


# What became of each news item, said whole (a sentence reads better than its codes).
NEWS_OUTCOMES = {
    ("linked", "Activity"): N_("  news {name}: linked to the activity it reports"),
    ("linked", "Incident"): N_("  news {name}: linked to the incident it reports"),
    ("ingested", "Activity"): N_("  news {name}: a new activity, proposed for review"),
    ("ingested", "Incident"): N_("  news {name}: a new incident, proposed for review"),
    ("ingested", "coverage only"): N_("  news {name}: kept as coverage only"),
}


def run_demo(app: HumasApplication, say: Say, lang: str = "en") -> dict[str, Any]:
    """Record the example and return what was recorded, by kind. ``say`` gets each
    line's words (English, ``{name}`` fields) and values, to say them in ``lang``."""
    operation = app.plan_operation(OFFICER, **OPERATION)
    say("planned {name} ({slug})", name=operation.name, slug=operation.slug)
    for flag in operation.flags:
        say("  flag: {words}", words=Fmt(lang).flag(flag))
    drill = app.log_activity(OFFICER, operation=operation.slug, **DRILL)
    say("logged the drill {title} on {day}", title=drill.title, day=drill.occurred_on)
    counts = {"simulation": 1}
    for kind, values in _weeks_of_work(drill.occurred_on):
        app.log_activity(OFFICER, kind=kind, operation=operation.slug, **values)
        counts[kind] = counts.get(kind, 0) + 1
    # An officer's mistake, corrected with a reason, so the history has something to show.
    app.correct_activity(
        SUPERVISOR,
        str(drill.id),
        {"personnel": 275},
        reason="Angka personel dari Kabag Ops: 275, bukan 250",
    )
    say("logged {counts}", counts=", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())))
    news = _ingest_demo_articles(app, say)
    field_reports = _import_demo_field_reports(app, say)
    return {"operation": operation.slug, "drill": str(drill.id), "counts": counts, "news": news,
            "field_reports": field_reports}  # fmt: skip


def _import_demo_field_reports(app: HumasApplication, say: Say) -> list[str]:
    """The officer imports Polsek Belitang's weekly sheet (``adapters/demo_field_reports``,
    our own): three activities arrive through the field-report channel and wait, as
    ``reported``, for a supervisor's review. Returns their activity ids."""
    from importlib.resources import as_file, files

    from adapters.field_reports.intake import import_field_report_file

    sheet = files("adapters.demo_field_reports") / "laporan-polsek-belitang-minggu-46.csv"
    with as_file(sheet) as path:
        result = import_field_report_file(app, OFFICER, path)
    if result.problems:  # our own sheet: a problem here is a bug, said in one line
        raise RuntimeError(f"the demo's field reports were refused: {result.problems[0]}")
    say(
        "  field reports {file}: imported {count}, waiting for review",
        file=sheet.name,
        count=len(result.imported),
    )
    return result.activity_ids


def _ingest_demo_articles(app: HumasApplication, say: Say) -> dict[str, str]:
    """The officer feeds in the news items of the month (``adapters/demo_articles``, our
    own): another outlet's report of the drill and one of a Polsek's outreach link to
    what was logged; a real protest elsewhere becomes an incident; a football report is
    kept as coverage only. Returns each file's outcome and the record it went to."""
    from importlib.resources import files

    from adapters.news.intake import ingest_news_items
    from adapters.news.reader import read_news

    folder = files("adapters.demo_articles")
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".txt"))
    readers = [
        # the source is the same in every installation
        (
            name,
            partial(read_news, folder.joinpath(name).read_bytes(), source=f"demo_articles/{name}"),
        )
        for name in names
    ]
    outcomes: dict[str, str] = {}
    for done in ingest_news_items(app, OFFICER, readers):
        if done.outcome is None:
            raise RuntimeError(f"the demo's news items were refused: {done.problem}")
        name, outcome = done.name, done.outcome
        record = outcome["record_type"] or "coverage only"
        outcomes[name] = f"{outcome['outcome']} {record} {outcome['record_id'] or ''}".strip()
        said = NEWS_OUTCOMES.get(
            (outcome["outcome"], record), N_("  news {name}: {outcome} ({record})")
        )
        say(said, name=name, outcome=outcome["outcome"], record=record)
    return outcomes


def _weeks_of_work(opening: date) -> list[tuple[str, dict[str, Any]]]:
    """Four weeks of the Polres's and Polseks' work after the opening parade."""
    work: list[tuple[str, dict[str, Any]]] = [
        ("deployment", {
            "title": "Apel Gelar Pasukan Operasi Mantap Brata 2023-2024",
            "occurred_on": opening + timedelta(days=2), "occurred_at": "07:30",
            "place": {"venue": "Lapangan Mapolres OKU Timur", **DISTRICT},
            "organiser": POLRES, "units": [POLRES, "Kodim 0403/OKU", "Satpol PP"],
            "personnel": 310, "stakeholders": ["TNI", "Pemkab OKU Timur", "KPU", "Bawaslu"],
        }),
        ("coordination", {
            "title": "Rapat koordinasi pengamanan tahapan kampanye",
            "occurred_on": opening + timedelta(days=6),
            "place": {"venue": "Aula Kantor KPU OKU Timur", **DISTRICT},
            "organiser": POLRES, "units": [POLRES],
            "stakeholders": ["KPU", "Bawaslu", "TNI", "Kejaksaan"],
        }),
        ("press", {
            "title": "Rilis pers kesiapan pengamanan Pemilu 2024",
            "occurred_on": opening + timedelta(days=9), "organiser": POLRES, "units": [POLRES],
            "channel": "media sosial", "messages": ["pemilu-damai", "netralitas"],
        }),
    ]  # fmt: skip
    for number in range(12):
        title, audience, size, channel, messages = OUTREACH[number % len(OUTREACH)]
        polsek = POLSEKS[number % len(POLSEKS)]
        work.append(
            ("outreach", {
                "title": f"{title} ({polsek})",
                "occurred_on": opening + timedelta(days=3 + number * 2),
                "place": {"subdistrict": polsek.removeprefix("Polsek "), **DISTRICT},
                "organiser": polsek, "units": [polsek, "Sat Binmas"],
                "personnel": 4 + number % 5, "audience": audience, "audience_size": size + number,
                "channel": channel, "messages": messages,
                "stakeholders": ["Bawaslu"] if number % 3 == 0 else [],
            })
        )  # fmt: skip
    for week in range(3):
        work.append(
            ("deployment", {
                "title": f"Patroli skala besar pengamanan tahapan pemilu (pekan {week + 1})",
                "occurred_on": opening + timedelta(days=8 + week * 7),
                "organiser": POLRES, "units": [POLRES, POLSEKS[week]],
                "personnel": 60 + week * 5, "place": dict(DISTRICT),
            })
        )  # fmt: skip
    return work
