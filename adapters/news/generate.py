"""Synthetic news items for throughput and memory benchmarks (not for accuracy).

Articles are assembled from templates with varied units, dates, places and kinds, so
that a run of 1,000-10,000 items exercises every path of the extractor.
"""

import random
from collections.abc import Iterator
from datetime import date, timedelta

from adapters.news.lexicon import MONTH_NAMES_ID, WEEKDAY_NAMES_ID

_DISTRICTS = [
    "Sukamaju", "Lembah Hijau", "Danau Tiga", "Bukit Raya", "Muara Sekampung", "Sungai Lebar",
    "Rawa Indah", "Teluk Damai", "Tanjung Harapan", "Karang Baru", "Padang Jaya", "Air Molek",
]  # fmt: skip
_FIRST = ["Hendra", "Rina", "Budi", "Sri", "Fajar", "Yusuf", "Maria", "Taufik", "Deni", "Lestari"]
_LAST = ["Wijaksono", "Marlina", "Santoso", "Wahyuni", "Nugraha", "Hakim", "Simanjuntak", "Hidayat"]
_RANKS = ["AKBP", "Kompol", "AKP", "Iptu"]
_OUTLETS = ["Warta {d}", "Kabar {d}", "Suara {d}", "{d} Pos", "Berita Bhayangkara"]

_TEMPLATES: dict[str, str] = {
    "simulation": (
        "{D} - Ratusan massa berunjuk rasa di Kantor KPU Kabupaten {d}, {wd} ({dd}/{mm}/{yyyy}).\n"
        "Negosiasi gagal, massa mulai anarkis, melempari petugas dan membakar ban.\n"
        "Baca juga: {other}\n"
        "Tim Dalmas dikerahkan dan provokator berhasil diamankan.\n"
        "Kejadian itu ternyata adalah simulasi Sispamkota Polres {d} di Lapangan {place} {d} "
        "dalam rangka Operasi Mantap Brata 2023-2024.\n"
        "Kapolres {d} {rank} {name} mengatakan simulasi melibatkan {n} personel.\n"
        '"Kami siap mengamankan Pemilu 2024 agar aman dan damai," kata {first}.\n'
    ),
    "outreach": (
        "{D} - Polres {d} menggelar sosialisasi pemilu damai di Aula {place} {d}, "
        "{wd} ({dd}/{mm}/{yyyy}).\n"
        "Kegiatan diikuti {n} peserta dari tokoh agama, tokoh pemuda dan pelajar.\n"
        "Foto: Istimewa\n"
        "Kasat Binmas {rank} {name} mengajak warga menolak hoaks dan politik uang.\n"
        '"Jangan mudah terprovokasi," ujar {first}.\n'
    ),
    "deployment": (
        "{D} - Polres {d} menggelar apel pergeseran pasukan pengamanan TPS di Halaman Mapolres "
        "{d}, {wd} ({dd}/{mm}/{yyyy}).\n"
        "Sebanyak {n} personel diberangkatkan ke TPS di seluruh kecamatan.\n"
        "Kapolres {d} {rank} {name} meminta anggota menjaga netralitas.\n"
    ),
    "operation_launch": (
        "{D} - Polres {d} menggelar apel gelar pasukan Operasi Mantap Brata 2023-2024 di "
        "Lapangan {place} {d}, {wd} ({dd}/{mm}/{yyyy}).\n"
        "Apel diikuti {n} personel gabungan TNI-Polri dan Satpol PP.\n"
        "Kapolres {d} {rank} {name} membacakan amanat Kapolri.\n"
    ),
    "unrelated": (
        "{D} - Turnamen sepak bola Kapolres {d} Cup dibuka di Stadion {place}, "
        "{wd} ({dd}/{mm}/{yyyy}).\n"
        "Sebanyak {n} klub ikut dalam turnamen ini.\n"
        "Pada laga pembuka, tuan rumah menang 2-1 lewat gol di babak kedua.\n"
    ),
}
_PLACES = ["Merdeka", "Bhayangkara", "Pemuda", "Pancasila", "Sriwijaya", "Kartini"]
_OTHER = ["Harga Cabai Naik Lagi", "Banjir Rendam Dua Desa", "Jembatan Desa Rampung Dibangun"]


def generate_articles(n: int, seed: int) -> Iterator[tuple[str, str]]:
    """Yield ``n`` (filename, text) pairs; the same seed gives the same articles."""
    rng = random.Random(seed)
    kinds = list(_TEMPLATES)
    start = date(2023, 10, 19)
    for i in range(n):
        kind = kinds[i % len(kinds)]
        district = rng.choice(_DISTRICTS)
        day = start + timedelta(days=rng.randrange(0, 300))
        first = rng.choice(_FIRST)
        body = _TEMPLATES[kind].format(
            D=district.upper(),
            d=district,
            wd=WEEKDAY_NAMES_ID[day.weekday()],
            dd=day.day,
            mm=day.month,
            yyyy=day.year,
            place=rng.choice(_PLACES),
            rank=rng.choice(_RANKS),
            name=f"{first} {rng.choice(_LAST)}",
            first=first,
            n=rng.randrange(20, 600),
            other=rng.choice(_OTHER),
        )
        published = day + timedelta(days=rng.randrange(0, 3))
        header = (
            f"Title: {kind.replace('_', ' ').title()} di {district}\n"
            f"Outlet: {rng.choice(_OUTLETS).format(d=district)}\n"
            f"Published: {published.isoformat()}\n\n"
        )
        month = MONTH_NAMES_ID[day.month - 1].lower()
        yield f"{i:05d}_{kind}-{district.lower().replace(' ', '-')}-{month}.txt", header + body
