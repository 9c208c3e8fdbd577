"""Rules of the extractor that generalise beyond the corpus: operations from the store,
years a reader settles, spelled-out dates, speakers and people."""

from datetime import date

import pytest

from adapters.news import RawItem, extract, known_operations
from adapters.news.dates import YearContext, find_dates, words_to_number
from adapters.news.operations import OperationMatcher
from adapters.news.people import find_people, find_units

PEKAT = known_operations(
    [{"name": "Operasi Pekat Musi 2024", "slug": "pekat", "start": "2024-03-04",
      "end": "2024-03-17", "aliases": ["Ops Pekat"]}]
)  # fmt: skip


def item(text: str, **meta: str) -> RawItem:
    return RawItem(source="test", text=text, **meta)


@pytest.mark.parametrize(
    ("words", "number"),
    [("dua ribu dua puluh tiga", 2023), ("dua ribu dua empat", 2024), ("dua belas", 12),
     ("sebelas", 11), ("tiga puluh satu", 31), ("seratus lima puluh", 150),
     ("dua ratus lima puluh", 250), ("dua ribu seratus", 2100)],
)  # fmt: skip
def test_number_words(words: str, number: int) -> None:
    assert words_to_number(words) == number


def test_a_date_in_words_with_the_month_as_a_number() -> None:
    [found] = find_dates("Senin tanggal dua belas bulan dua tahun dua ribu dua empat", None)
    assert found.start == date(2024, 2, 12) and not found.notes


@pytest.mark.parametrize(
    ("text", "expected", "source"),
    [
        # 17 October was a Tuesday in 2023 and a Thursday in 2024
        ("Selasa (17/10)", date(2023, 10, 17), "weekday"),
        ("Kamis (17/10)", date(2024, 10, 17), "weekday"),
        ("(24/11) menjelang Pemilu 2024", date(2024, 11, 24), "text-years"),
    ],
)
def test_a_year_left_out_is_settled_and_flagged(text: str, expected: date, source: str) -> None:
    years = YearContext.of(text, None)
    years.reading_day = date(2026, 1, 1)
    [found] = find_dates(text, None, years=years)
    assert found.start == expected
    # kept as a code with values, never as a sentence
    assert found.notes == [
        {
            "code": "year-inferred",
            "values": {"from": source, "text": text.split(" menjelang")[0], "year": expected.year},
        }
    ]


def test_the_operation_period_settles_a_year_before_the_years_written() -> None:
    years = YearContext.of(
        "menjelang Pemilu 2024", None, [(date(2023, 10, 19), date(2024, 10, 20))]
    )
    [found] = find_dates("(24/11)", None, years=years)
    assert found.start == date(2023, 11, 24)


def test_relative_weekdays_count_back_from_the_publication() -> None:
    found = find_dates("digelar Senin lalu, lalu pada Kamis pagi", date(2023, 11, 17))
    assert [m.start for m in found] == [date(2023, 11, 13), date(2023, 11, 16)]


@pytest.mark.parametrize(
    ("text", "day"),
    [("Jumat pekan lalu", date(2023, 11, 24)), ("Senin minggu lalu", date(2023, 11, 20)),
     ("pada Jumat pekan lalu", date(2023, 11, 24)),
     ("pekan lalu", date(2023, 11, 20))],
)  # fmt: skip
def test_a_weekday_of_last_week_is_that_day_of_the_week_before(text: str, day: date) -> None:
    # published on Monday 27 November 2023
    [found] = find_dates(f"digelar {text}", date(2023, 11, 27))
    assert found.start == day
    assert found.precision == ("week" if text == "pekan lalu" else "day")


def test_a_stored_operation_is_found_by_name_alias_and_short_head() -> None:
    matcher = OperationMatcher(PEKAT)
    for text in ("Operasi Pekat Musi 2024", "ops pekat", "Operasi Pekat 2024", "Ops Pekat"):
        [mention] = matcher.mentions(f"dalam rangka {text} Polres")
        assert mention.operation == PEKAT[0], text
    # one common word alone is not the operation's name
    assert not matcher.mentions("warga pekat sekali")


def test_an_operation_the_unit_planned_itself_is_recognised() -> None:
    text = (
        "SUKAMAJU - Satsamapta Polres Sukamaju menggelar patroli dalam rangka Operasi Pekat "
        "Musi 2024, Kamis (7/3/2024) malam, menyasar tempat hiburan malam."
    )
    facts = extract(item(text, published="2024-03-08"), operations=PEKAT)
    assert facts.category == "deployment"
    assert facts.operation == {"name": "Operasi Pekat Musi 2024", "slug": "pekat",
                               "regional_name": None}  # fmt: skip
    without = extract(item(text, published="2024-03-08"), operations=[])
    assert without.category == "unrelated" and without.operation is None


def test_a_national_operation_is_named_but_never_dated_without_the_store() -> None:
    text = "SUKAMAJU - Polres Sukamaju menggelar apel gelar pasukan Operasi Mantap Brata, Senin (16/10/2023)."
    facts = extract(item(text))
    assert facts.operation == {"name": "Operasi Mantap Brata", "slug": None, "regional_name": None}
    assert not [f for f in facts.flags if "operation" in f["code"]]


def test_a_protest_secured_by_personnel_is_an_incident() -> None:
    text = (
        "AIR MOLEK - Polres Air Molek menerjunkan 150 personel untuk mengamankan aksi unjuk rasa "
        "di depan Kantor KPU Air Molek, Selasa (20/2/2024).\nMassa menuntut hitung ulang."
    )
    assert extract(item(text)).category == "incident"


def test_a_risk_named_at_a_parade_is_not_an_incident() -> None:
    text = (
        "Polres Sukamaju menggelar apel gelar pasukan pengamanan pemilu, Senin (27/11/2023).\n"
        "Kapolres meminta personel mengantisipasi potensi unjuk rasa dan bentrok."
    )
    assert extract(item(text)).category == "operation_launch"


def test_speaker_after_the_quote_through_the_press_officer() -> None:
    text = (
        "Polres Rawa Indah menggelar patroli dialogis jelang pemilu, Selasa (19/12/2023).\n"
        '"Kami hadir agar warga aman," ujar Kapolres Rawa Indah AKBP Wahyu Nugroho melalui '
        "Kasi Humas AKP Suryadi."
    )
    [quote] = extract(item(text)).quotes
    assert quote == {"speaker": "AKP Suryadi", "text": "Kami hadir agar warga aman",
                     "on_behalf_of": "AKBP Wahyu Nugroho"}  # fmt: skip


def test_places_and_roles_are_not_people() -> None:
    text = (
        "Polres Lahat dan KPU rapat. Ketua KPU Lahat Mirza Hakim hadir. Sementara Ketua KPU "
        "menegaskan hal itu. Kapolres Lahat AKBP Roni Saputra, S.I.K. memimpin. Roni berpesan."
    )
    people = find_people(text)
    assert [(p.name, p.role) for p in people] == [
        ("Mirza Hakim", "Ketua KPU Lahat"), ("Roni Saputra", "Kapolres Lahat"),
    ]  # fmt: skip
    assert people[1].titles == ["S.I.K."]


def test_a_dateline_in_capitals_names_the_outlet_and_editor_marks_go() -> None:
    text = (
        "LAHAT, LAHATPOS.COM - Satbinmas Polres Lahat menggelar sosialisasi pemilu damai, "
        "Rabu (31/1/2024). (Red: Adi)"
    )
    facts = extract(item(text))
    assert facts.outlet == "LAHATPOS.COM" and facts.dateline == "Lahat"
    assert "Red" not in facts.body and not facts.body.startswith("LAHAT")
    assert facts.evidence["occurred_on"] == facts.body


@pytest.mark.parametrize(
    ("text", "source"),
    [("Selasa (17/10)", "weekday"), ("(24/11) menjelang Pemilu 2024", "text-years")],
)
def test_the_year_flag_names_its_source_as_data(text: str, source: str) -> None:
    from domain.flags import upcast

    years = YearContext.of(text, None)
    years.reading_day = date(2026, 1, 1)
    [found] = find_dates(text, None, years=years)
    assert upcast(found.notes[0]).values["from"] == source


def test_a_day_written_with_hyphens() -> None:
    [found] = find_dates("digelar Senin 19-02-2024 di Mapolres", None)
    assert found.start == date(2024, 2, 19) and found.weekday == 0 and not found.notes


ELECTION = known_operations(
    [{"name": "Operasi Mantap Brata 2023-2024", "slug": "omb", "start": "2023-10-19",
      "end": "2024-10-20", "aliases": []}]
)  # fmt: skip


def test_an_untitled_election_drill_days_before_the_operation_is_its_preparation() -> None:
    text = (
        "SUKA MAKMUR - Polres Suka Makmur menggelar simulasi sistem pengamanan kota di halaman "
        "Kantor Bupati, Selasa (10/10/2023). Dalam skenario, massa menolak hasil pleno KPU dan "
        "membakar ban sebelum dibubarkan tim Dalmas."
    )
    facts = extract(item(text), operations=ELECTION)
    assert facts.category == "simulation"
    assert facts.operation == {"name": "Operasi Mantap Brata 2023-2024", "slug": "omb",
                               "regional_name": None}  # fmt: skip
    assert [f["code"] for f in facts.flags] == ["before-operation-start"]


def test_outreach_before_an_untitled_operation_starts_stays_outside_it() -> None:
    text = (
        "SUKA MAKMUR - Polsek Suka Jaya menggelar sosialisasi pemilu damai kepada tokoh "
        "pemuda di Balai Desa Suka Jaya, Selasa (10/10/2023)."
    )
    assert extract(item(text), operations=ELECTION).operation is None


@pytest.mark.parametrize("prefix", ["Kecamatan", "Kec.", "Kelurahan", "Desa"])
def test_a_sub_district_named_kota_is_not_the_district(prefix: str) -> None:
    text = (
        f"LAHAT, LAHATPOS.COM - Kapolres Lahat AKBP Bambang Irawan meninjau gudang logistik "
        f"pemilu di {prefix} Kota Lahat, Senin (5/2/2024)."
    )
    assert extract(item(text)).region == {"district": "Lahat", "province": None}


def test_a_city_command_is_a_unit_and_its_chief_a_person() -> None:
    text = (
        "Sebanyak 200 personel Polrestabes Sungai Emas dikerahkan. Kapolrestabes Sungai Emas "
        "Kombes Pol Hari Susanto memimpin apel, didampingi Kapolresta Tanjung Laut Kombes Budi "
        "Santoso."
    )
    facts = extract(item(text))
    assert facts.units == ["Polrestabes Sungai Emas"]
    assert [(p["name"], p["role"]) for p in facts.people] == [
        ("Hari Susanto", "Kapolrestabes Sungai Emas"), ("Budi Santoso", "Kapolresta Tanjung Laut"),
    ]  # fmt: skip


def test_a_drill_held_before_is_background_at_a_parade() -> None:
    text = (
        "RANTAU PANJANG - Kapolres Rantau Panjang AKBP Irwan Setiadi memimpin apel gelar "
        "pasukan pengamanan Pemilu 2024 di halaman Mapolres, Sabtu (10/2/2024).\n"
        "Sebelumnya Polres Rantau Panjang juga telah menggelar simulasi sispamkota."
    )
    assert extract(item(text)).category == "operation_launch"


def test_a_clash_a_meeting_recalls_is_not_the_event() -> None:
    text = (
        "KOTA TINGGI - Polres Kota Tinggi menggelar rapat koordinasi bersama TNI jelang "
        "kampanye Pemilu 2024, Selasa (28/11/2023).\nDalam rapat itu Kapolres mengingatkan "
        "kembali peristiwa bulan lalu. Saat itu massa dua pendukung caleg bentrok di Desa "
        "Sukajadi. Sejumlah rumah warga dirusak dan dua sepeda motor dibakar."
    )
    assert extract(item(text)).category != "incident"


def test_a_clash_told_further_down_is_still_the_event() -> None:
    text = (
        "KOTA TINGGI - Sebanyak 120 personel Polres Kota Tinggi diterjunkan ke Desa Sukajadi, "
        "Selasa (28/11/2023).\nPetugas disiagakan di balai desa.\nMassa dua pendukung caleg "
        "bentrok di depan posko pemenangan. Sejumlah rumah warga dirusak dan dua sepeda motor "
        "dibakar."
    )
    assert extract(item(text)).category == "incident"


def test_a_cooling_system_is_election_outreach_in_the_operation_of_its_day() -> None:
    text = (
        "BATURAJA - Polres Baturaja menggelar kegiatan cooling system bersama mahasiswa pada "
        "5-7 Februari 2024 di sejumlah kampus. Kegiatan diikuti sekitar 400 mahasiswa."
    )
    facts = extract(item(text), operations=ELECTION)
    assert facts.category == "outreach" and facts.audience_size == 400
    assert facts.operation and facts.operation["slug"] == "omb"
    assert (facts.occurred_on, facts.date_precision) == ("2024-02-05", "week")


def test_a_spokesperson_introduced_with_melalui_speaks_for_the_chief_in_later_quotes() -> None:
    text = (
        "Polres Rawa Indah menggelar sosialisasi pemilu damai, Selasa (19/12/2023).\n"
        "Kapolres Rawa Indah AKBP Wahyu Nugroho melalui Kasat Binmas AKP Dewi Lestari mengajak "
        "warga menjaga kerukunan.\n"
        '"Beda pilihan jangan sampai memecah belah warga," kata Dewi.'
    )
    [quote] = extract(item(text)).quotes
    assert quote == {"speaker": "AKP Dewi Lestari", "text": "Beda pilihan jangan sampai "
                     "memecah belah warga", "on_behalf_of": "AKBP Wahyu Nugroho"}  # fmt: skip


def test_a_role_runs_over_the_place_it_serves_before_the_name() -> None:
    text = (
        "Hadir Camat Lubuk Jaya II Heri Susanto, Bupati Tanjung Raya Timur Ir. H. Sahrul MT., "
        "Wakil Ketua DPRD Sumsel H. Ahmad Fauzan dan Bupati Musi Hijau Utara Rina Marlina."
    )
    people = [(p.name, p.role, p.titles) for p in find_people(text)]
    assert people == [
        ("Heri Susanto", "Camat Lubuk Jaya II", []),
        ("Sahrul", "Bupati Tanjung Raya Timur", ["Ir.", "H.", "MT."]),
        ("Ahmad Fauzan", "Wakil Ketua DPRD Sumsel", ["H."]),
        ("Rina Marlina", "Bupati Musi Hijau Utara", []),
    ]


def test_a_leading_initial_opens_a_name_but_haji_stays_a_title() -> None:
    people = find_people(
        "Kapolda Sumsel Irjen Pol B. Hendra Gunawan hadir bersama Bupati Sukamaju H. Ridwan Arif."
    )
    assert [(p.name, p.titles) for p in people] == [
        ("B. Hendra Gunawan", []), ("Ridwan Arif", ["H."]),
    ]  # fmt: skip


def test_a_quote_read_out_for_the_kapolri_after_the_quote() -> None:
    text = (
        "Kapolres Sukamaju AKBP Wahyu Nugroho memimpin apel gelar pasukan Operasi Mantap Brata, "
        "Kamis (19/10/2023).\n"
        "“Laksanakan tugas dengan humanis dan penuh tanggung jawab,” ujarnya membacakan amanat "
        "Kapolri."
    )
    [quote] = extract(item(text)).quotes
    assert (quote["speaker"], quote["on_behalf_of"]) == ("AKBP Wahyu Nugroho", "Kapolri")


def test_omb_names_the_stored_mantap_brata_without_an_alias() -> None:
    stored = known_operations(
        [{"name": "Operasi Mantap Brata Musi 2023-2024", "slug": "mbm", "start": "2023-10-19",
          "end": "2024-10-20", "aliases": []}]
    )  # fmt: skip
    text = (
        "SUKAMAJU - Polres Sukamaju menggelar apel gelar pasukan OMB 2024 di Lapangan Mapolres, "
        "Senin (4/12/2023). Sebanyak 200 personel dilibatkan."
    )
    facts = extract(item(text), operations=stored)
    assert facts.category == "operation_launch"
    assert facts.operation and facts.operation["slug"] == "mbm"


def test_a_unit_named_only_through_its_chief_is_the_activity_s_unit() -> None:
    text = (
        "SUKAJAYA - Kapolsek Sukajaya Iptu Rahmat Hidayat menggelar sambang kamtibmas jelang "
        "pemilu ke rumah tokoh adat di Desa Tanjung Mas, Senin (4/12/2023)."
    )
    facts = extract(item(text))
    assert facts.units == ["Polsek Sukajaya"]
    assert facts.evidence["units"] == facts.body
    named = extract(
        item("Polres Sukamaju dan Kapolsek Sukajaya Iptu Rahmat hadir, Senin (4/12/2023).")
    )
    assert named.units == ["Polres Sukamaju"]  # a unit named as such: chiefs add nothing


def test_a_venue_whose_part_is_written_in_lower_case() -> None:
    text = (
        "Polres Sukamaju menggelar simulasi sispamkota di halaman Kantor Bupati Sukamaju, "
        "Selasa (17/10/2023)."
    )
    assert extract(item(text)).venue == "halaman Kantor Bupati Sukamaju"


def test_a_day_written_with_dots_and_two_days_joined_by_dan() -> None:
    [dotted] = find_dates("digelar Selasa (17.10.2023) di Mapolres", None)
    assert dotted.start == date(2023, 10, 17) and dotted.weekday == 1
    [both] = find_dates("digelar pada 17 dan 18 Oktober 2023", None)
    assert (both.start, both.end) == (date(2023, 10, 17), date(2023, 10, 18))
    # two dates of two months are two dates, not a span
    assert all(m.end is None for m in find_dates("pada 14 Februari dan 27 November 2024", None))


RIOT_FIRST = (
    "LUBUK - Ratusan massa berunjuk rasa di depan Kantor KPU Kabupaten Lubuk, Selasa "
    "(24/10/2023), menolak hasil penghitungan suara.\nMassa melempar batu dan membakar ban.\n"
    "Pasukan Dalmas menyemprotkan water cannon dan tiga provokator diamankan.\n"
)


@pytest.mark.parametrize(
    ("last", "category"),
    [
        ("Kegiatan itu merupakan rangkaian simulasi Sispamkota Polres Lubuk.", "simulation"),
        ("Kejadian itu bukan kejadian sebenarnya, melainkan latihan Polres Lubuk.", "simulation"),
        ('"Kami sudah siapkan skenario pengamanan," kata Kapolres Lubuk.', "incident"),
        ("Personel sudah terlatih karena rutin mengikuti latihan Dalmas.", "incident"),
    ],
)
def test_a_riot_told_first_is_a_drill_only_when_the_narration_says_so(
    last: str, category: str
) -> None:
    assert extract(item(RIOT_FIRST + last), operations=ELECTION).category == category


@pytest.mark.parametrize(
    "dateline",
    ["Sumsel.jpnn.com, LUBUK -", "Lubuk, Sumeks.co -", "LUBUK | ", "Lubuk - ",
     "Tribratanews.lubuk.polri.go.id – Lubuk."],
)  # fmt: skip
def test_dateline_shapes_never_reach_the_body(dateline: str) -> None:
    text = f"{dateline} Polres Lubuk menggelar sosialisasi pemilu di Aula Mapolres Lubuk."
    facts = extract(item(text))
    assert facts.body.startswith("Polres Lubuk") and facts.dateline == "Lubuk"


def test_read_also_heads_and_credits_leave_the_body() -> None:
    noise = [
        "Lihat juga: Banjir Rendam Desa",
        "Berita Terkait:",
        "Kapal Nelayan Tenggelam",
        "[Baca juga: Harga Karet Naik]",
        "Kapolres saat memberi sambutan. (Foto: Humas)",
        "(Humas Polres Lubuk)",
        "Laporan: Andi",
    ]
    text = "LUBUK - Polres Lubuk menggelar sosialisasi pemilu damai.\n" + "\n".join(noise)
    assert extract(item(text)).body == "Polres Lubuk menggelar sosialisasi pemilu damai."


def test_personnel_counted_after_the_word_are_no_audience() -> None:
    text = (
        "LUBUK - Polres Lubuk menggelar sosialisasi pemilu di Aula Mapolres Lubuk, Kamis "
        "(18/1/2024). Kegiatan melibatkan personel gabungan sebanyak 300 orang."
    )
    facts = extract(item(text), operations=ELECTION)
    assert (facts.personnel, facts.audience_size) == (300, None)


def test_a_chief_reading_the_kapolri_s_address_speaks_for_the_kapolri() -> None:
    text = (
        "Apel dipimpin Kapolda Bengkulu Irjen Pol Anwar Sudirman. Dalam amanat Kapolri yang "
        "dibacakannya, Kapolda menegaskan “Polri wajib menjaga netralitas pada pemilu”."
    )
    [quote] = extract(item(text)).quotes
    assert (quote["speaker"], quote["on_behalf_of"]) == ("Irjen Pol Anwar Sudirman", "Kapolri")


def test_a_parade_that_sends_personnel_to_the_polling_stations_deploys_them() -> None:
    text = (
        "LUBUK - Polres Lubuk menggelar apel kesiapan pengamanan pemungutan suara di Halaman "
        "Mapolres Lubuk, Selasa (13/2/2024).\nSebanyak 285 personel diterjunkan ke 540 TPS."
    )
    assert extract(item(text), operations=ELECTION).category == "deployment"


@pytest.mark.parametrize("audience", ["60 kepala desa", "45 guru", "80 kader posyandu"])
def test_an_outreach_audience_of_village_heads_teachers_or_volunteers(audience: str) -> None:
    text = (
        "LUBUK - Polres Lubuk menggelar sosialisasi pemilu damai di Aula Mapolres Lubuk, "
        f"Kamis (18/1/2024).\nHadir {audience}."
    )
    facts = extract(item(text), operations=ELECTION)
    assert facts.audience_size == int(audience.split()[0])


@pytest.mark.parametrize(
    "written",
    ["Operasi Mantap Brata (OMB) Musi 2023-2024", "OPS MANTAP BRATA JAYA 2023-2024",
     "Operasi Mantap Brata Lodaya-2023"],
)  # fmt: skip
def test_a_regional_name_after_a_short_form_in_capitals_or_before_hyphenated_years(
    written: str,
) -> None:
    text = f"LUBUK - Polres Lubuk menggelar apel gelar pasukan {written}, Kamis (19/10/2023)."
    operation = extract(item(text), operations=ELECTION).operation
    assert operation and operation["regional_name"] == written


@pytest.mark.parametrize(
    ("drill", "category"),
    [
        ("simulasi penanganan bencana banjir bersama BPBD", "unrelated"),
        ("simulasi pengamanan Natal dalam rangka Operasi Lilin 2023", "unrelated"),
        ("simulasi Sispamkota", "simulation"),
    ],
)
def test_a_drill_is_the_unit_s_when_it_rehearses_the_election_or_a_tracked_operation(
    drill: str, category: str
) -> None:
    text = f"LUBUK - Polres Lubuk menggelar {drill} di Lapangan Merdeka Lubuk, Rabu (8/11/2023)."
    assert extract(item(text), operations=ELECTION).category == category


@pytest.mark.parametrize("said", ["tandasnya", "bebernya", "kata dia", "sambungnya", "tukas Dwi"])
def test_more_verbs_of_saying_after_a_quote(said: str) -> None:
    text = (
        "LUBUK - Kapolres Lubuk AKBP Dwi Agung memimpin sosialisasi pemilu damai.\n"
        f'"Kami siap mengamankan seluruh tahapan," {said}.'
    )
    [quote] = extract(item(text)).quotes
    assert quote["speaker"] == "AKBP Dwi Agung"


PRAJA = known_operations(
    [{"name": "Operasi Mantap Praja 2024", "slug": "praja", "start": "2024-09-23",
      "end": "2025-03-31", "aliases": []}]
)  # fmt: skip


@pytest.mark.parametrize(
    "election", ["pemilihan kepala daerah", "Pilbup Lubuk 2024", "pemilihan wali kota"]
)
def test_a_regional_election_spelled_out_or_by_office_is_an_election_setting(
    election: str,
) -> None:
    text = (
        f"LUBUK - Polres Lubuk menggelar sosialisasi {election} damai di Aula Mapolres Lubuk, "
        "Kamis (10/10/2024)."
    )
    facts = extract(item(text), operations=PRAJA)
    assert facts.category == "outreach"
    assert facts.operation and facts.operation["slug"] == "praja"


def test_one_unit_however_its_sub_unit_is_spaced_or_shortened() -> None:
    text = (
        "Sat Binmas Polres Lubuk dan Satbinmas Polres Lubuk menggelar. Personel Sat Binmas hadir."
    )
    assert find_units(text) == ["Sat Binmas Polres Lubuk"]


def test_an_untitled_city_security_drill_joins_the_election_operation_of_its_day() -> None:
    text = (
        "LUBUK - Polres Lubuk menggelar simulasi Sispam Kota di Lapangan Lubuk, Rabu (8/11/2023)."
    )
    facts = extract(item(text), operations=ELECTION)
    assert facts.category == "simulation"
    assert facts.operation and facts.operation["slug"] == "omb"


def test_a_lead_ending_with_a_photo_credit_keeps_its_text() -> None:
    text = "LUBUK - Polres Lubuk menggelar sosialisasi pemilu, Selasa (17/10/2023). (Foto: Humas)"
    assert (
        extract(item(text)).body
        == "Polres Lubuk menggelar sosialisasi pemilu, Selasa (17/10/2023)."
    )


@pytest.mark.parametrize(
    ("sentence", "personnel", "audience"),
    [
        ("Sosialisasi dihadiri sekitar seratus lima puluh tokoh agama.", None, 150),
        ("Sosialisasi dihadiri sekitar dua ratus aparatur sipil negara.", None, 200),
        ("Sosialisasi dihadiri 60 pengurus partai politik.", None, 60),
        ("Kegiatan diamankan dua puluh lima personel.", 25, None),
        # below ten, a number in words is narration, not a headcount
        ("Tiga orang warga bertanya soal hoaks.", None, None),
    ],
)
def test_counts_in_words_from_ten_and_more_audiences(
    sentence: str, personnel: int | None, audience: int | None
) -> None:
    text = (
        "LUBUK - Polres Lubuk menggelar sosialisasi pemilu damai di Aula Mapolres Lubuk, "
        f"Kamis (18/1/2024).\n{sentence}"
    )
    facts = extract(item(text), operations=ELECTION)
    assert (facts.personnel, facts.audience_size) == (personnel, audience)


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("Satuan Samapta Polres Halbar berpatroli.", ["Sat Samapta Polres Halbar"]),
        ("Ditbinmas Polda Nusa Kencana menggelar sosialisasi.", ["Ditbinmas Polda Nusa Kencana"]),
        (
            "Sat Samapta dan Sat Lantas Polres Tapin mengawal logistik.",
            ["Sat Samapta Polres Tapin", "Sat Lantas Polres Tapin"],
        ),
        (
            "Satbinmas, Satsamapta serta Satlantas Polres Tapin berjaga.",
            ["Satbinmas Polres Tapin", "Satsamapta Polres Tapin", "Satlantas Polres Tapin"],
        ),
        # named alone in an item of one Polres, a Sat-unit is that Polres's
        ("Sat Samapta berjaga. Sat Lantas Polres Tapin mengatur lalu lintas.",
         ["Sat Samapta Polres Tapin", "Sat Lantas Polres Tapin"]),
        # of two, it keeps no command
        ("Sat Samapta berjaga. Polres Tapin dan Polres Balai mengatur lalu lintas.",
         ["Sat Samapta", "Polres Tapin", "Polres Balai"]),
    ],
)  # fmt: skip
def test_sub_units_spelled_out_listed_together_or_of_a_polda(text: str, units: list[str]) -> None:
    assert find_units(text) == units


@pytest.mark.parametrize(
    "lead",
    [
        "Sat Binmas Polres Kubu Hulu menggelar sosialisasi pemilu damai",
        "Kapolres Kubu Hulu AKBP Yusuf Latif menggelar sosialisasi pemilu damai",
    ],
)
def test_a_sub_unit_s_or_a_chief_s_command_names_the_district_before_the_dateline(
    lead: str,
) -> None:
    text = f"SUNGAI RAYA - {lead} di Aula SMA Negeri 3, Kamis (18/1/2024)."
    region = extract(item(text), operations=ELECTION).region
    assert region and region["district"] == "Kubu Hulu"


def test_a_command_s_name_ends_the_place_a_civilian_role_serves() -> None:
    text = (
        "Polres Bumi Agung menggelar sosialisasi. Ketua Bawaslu Kabupaten Bumi Agung Sari "
        "Wulandari hadir. Polda Sumatera Tenggara menggelar apel. Ketua KPU Provinsi Sumatera "
        "Tenggara Nurhayati Lubis berharap aparat netral."
    )
    assert [(p.name, p.role) for p in find_people(text)] == [
        ("Sari Wulandari", "Ketua Bawaslu Kabupaten Bumi Agung"),
        ("Nurhayati Lubis", "Ketua KPU Provinsi Sumatera Tenggara"),
    ]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Dirbinmas Polda Nusa Kombes Pol Hendra Wijaya hadir.",
         ("Hendra Wijaya", "Kombes Pol", "Dirbinmas Polda Nusa")),
        ("Karo Ops Polda Nusa Kombes Pol Teguh Santoso menambahkan.",
         ("Teguh Santoso", "Kombes Pol", "Karo Ops Polda Nusa")),
        ("Pangdam Bukit Sembilan Mayjen TNI Arif Rahman hadir.",
         ("Arif Rahman", "Mayjen TNI", "Pangdam Bukit Sembilan")),
        ("Babinsa Serda Joko Santoso ikut berpatroli.", ("Joko Santoso", "Serda", None)),
    ],
)  # fmt: skip
def test_a_polda_s_directors_and_armed_forces_ranks(
    text: str, person: tuple[str, str, str | None]
) -> None:
    [found] = find_people(text)
    assert (found.name, found.rank, found.role) == person


@pytest.mark.parametrize(
    ("written", "regional"),
    [
        ("OMB Kie Raha 2023-2024", "OMB Kie Raha 2023-2024"),
        ("ops mantab brata kie raha 2023-2024", "ops mantab brata kie raha 2023-2024"),
        ("OMB 2023-2024", None),
        # lower-case words without years after them are the sentence, not a region
        ("ops mantab brata bersama warga", None),
    ],
)
def test_a_regional_name_after_the_short_form_or_in_lower_case_before_years(
    written: str, regional: str | None
) -> None:
    text = f"LUBUK - Polres Lubuk menggelar sosialisasi pemilu damai dalam rangka {written}, Kamis (18/1/2024)."
    operation = extract(item(text), operations=ELECTION).operation
    assert operation and operation["regional_name"] == regional


def test_an_outreach_told_in_the_lead_stays_one_when_personnel_are_readied_later() -> None:
    text = (
        "LUBUK - Polres Lubuk menggelar sosialisasi anti politik uang kepada pengurus partai "
        "politik di Aula Mapolres Lubuk, Senin (15/1/2024).\nSosialisasi dihadiri 60 pengurus."
        "\nUsai sosialisasi, Kapolres menggelar konferensi pers. Ia menyebut 350 personel "
        "disiagakan untuk mengamankan kampanye."
    )
    assert extract(item(text), operations=ELECTION).category == "outreach"


def test_a_parade_told_first_with_a_short_drill_after_it_is_the_launch() -> None:
    text = (
        "LUBUK - Polres Lubuk menggelar apel gelar pasukan Operasi Mantap Brata 2023-2024 di "
        "Lapangan Merdeka, Kamis (19/10/2023).\nUsai apel, kegiatan dilanjutkan dengan "
        "peragaan singkat pengamanan TPS oleh personel Sat Samapta."
    )
    assert extract(item(text), operations=ELECTION).category == "operation_launch"


@pytest.mark.parametrize(
    ("told", "step"),
    [
        ("Ban bekas dibakar di depan gerbang.", "bakar ban"),
        ("Asap hitam dari ban yang dibakar membubung.", "bakar ban"),
        ("Pasukan Dalmas mendorong massa mundur.", "pembubaran massa"),
    ],
)
def test_drill_steps_told_in_the_passive_or_by_pushing_back(told: str, step: str) -> None:
    text = (
        "LUBUK - Polres Lubuk menggelar simulasi Sispam Kota di Lapangan Merdeka, Kamis "
        f"(16/11/2023).\nDalam skenario, massa menolak hasil pleno KPU. {told}"
    )
    assert step in extract(item(text), operations=ELECTION).scenario_steps


@pytest.mark.parametrize(
    ("second", "conflict"),
    [
        ("Kabag Ops menyebut 300 personel dilibatkan dalam simulasi.", True),
        ("Simulasi juga dibantu 40 personel BKO Brimob.", False),  # a part, not a total
        ("Simulasi disaksikan 300 personel yang tidak bertugas.", False),
    ],
)
def test_two_stated_totals_of_personnel_are_a_conflict(second: str, conflict: bool) -> None:
    text = (
        "LUBUK - Polres Lubuk menggelar simulasi pengamanan TPS di Lapangan Merdeka, Rabu "
        f"(24/1/2024).\nSimulasi melibatkan sebanyak 275 personel gabungan.\n{second}"
    )
    facts = extract(item(text), operations=ELECTION)
    assert facts.personnel == 300 if "300" in second else facts.personnel == 275
    flagged = [f for f in facts.flags if f["code"] == "personnel-conflict"]
    assert flagged == (
        [{"code": "personnel-conflict", "values": {"stated": [275, 300]}}] if conflict else []
    )


def test_a_national_outlet_s_dateline_names_its_desk_not_the_polda_s_district() -> None:
    text = (
        "Jakarta, Warta Nasional - Polda Sulawesi Tenggara menggelar apel gelar pasukan "
        "Operasi Mantap Brata 2023-2024 di Lapangan Mapolda, Rabu (18/10/2023)."
    )
    facts = extract(item(text), operations=ELECTION)
    assert facts.outlet == "Warta Nasional"
    assert facts.region == {"district": None, "province": "Sulawesi Tenggara"}


def test_the_head_of_a_body_known_by_its_acronym_serves_the_place_of_a_command() -> None:
    text = (
        "Kapolres Halmahera Raya AKBP Yusuf Latif membuka acara. Ketua KNPI Halmahera Raya "
        "Firman Sangaji menyatakan siap mendukung Pilkada damai."
    )
    assert [(p.name, p.role) for p in find_people(text)][1] == (
        "Firman Sangaji",
        "Ketua KNPI Halmahera Raya",
    )


def test_a_unit_in_its_normal_form_is_cited_where_it_is_written() -> None:
    text = (
        "LUBUK - Satuan Binmas Polres Lubuk menggelar sosialisasi pemilu damai di Aula "
        "Mapolres Lubuk, Kamis (18/1/2024)."
    )
    facts = extract(item(text), operations=ELECTION)
    assert facts.units == ["Sat Binmas Polres Lubuk"]
    assert facts.evidence["units"] == facts.body


@pytest.mark.parametrize(
    ("text", "person"),
    [("Ketua MUI Sukamaju KH Abdul Karim Lubis hadir.", ("Abdul Karim Lubis", "Ketua MUI Sukamaju", ["KH"])),
     ("Ketua FKUB Sukamaju Pdt. Markus Rumbiak hadir.", ("Markus Rumbiak", "Ketua FKUB Sukamaju", ["Pdt."]))],
)  # fmt: skip
def test_a_religious_honorific_opens_the_name_after_the_place(
    text: str, person: tuple[str, str, list[str]]
) -> None:
    assert [(p.name, p.role, p.titles) for p in find_people(text)] == [person]


def test_the_page_s_tail_after_the_body_is_not_the_article_s() -> None:
    """A related-stories list runs on a headline a line; comments and copyright end it."""
    text = (
        "SUKAMAJU - Polres Sukamaju menggelar sosialisasi pemilu damai di Aula Desa Talang,"
        " Rabu (10/1/2024), diikuti 60 warga.\n"
        "Berita Terkait\nTurnamen Voli Bupati Cup Dibuka\nHarga Cabai Naik di Pasar Talang\n"
        "Komentar\nWarga Sukamaju\nKetua KNPI Sukamaju Rudi Hartono mendukung\n"
        "© 2024 Warta Sukamaju"
    )
    facts = extract(item(text))
    assert "Cup" not in facts.body and "Cabai" not in facts.body and "Rudi" not in facts.body
    assert facts.people == []


def test_a_related_list_in_the_body_ends_at_the_next_sentence() -> None:
    text = (
        "SUKAMAJU - Polres Sukamaju menggelar sosialisasi pemilu damai di Aula Desa Talang,"
        " Rabu (10/1/2024).\nBerita Terkait:\nPemuda Bentrok di Pasar Malam\n"
        "Kasat Binmas AKP Nurhayati mengajak warga menolak politik uang dan hoaks.\n"
        "Bagikan\nKomentar\nFacebook"
    )
    facts = extract(item(text))
    assert "Pasar Malam" not in facts.body and "Facebook" not in facts.body
    assert "Nurhayati" in facts.body


def test_an_office_named_after_a_role_is_a_place_not_its_holder() -> None:
    text = "Pleno digelar di Kantor Camat Muara Pinang dan Rumah Dinas Bupati Tanah Datar."
    assert find_people(text) == []


def test_a_site_ticker_s_headline_is_not_the_item_s_title() -> None:
    text = (
        "Beranda\nDaerah\nTERKINI\nJadwal Imsakiyah Ramadan Kota Sukamaju\n"
        "SUKAMAJU - Polres Sukamaju menggelar sosialisasi pemilu damai di Aula Desa Talang,"
        " Rabu (10/1/2024), diikuti 60 warga."
    )
    assert extract(item(text)).title is None
    titled = text.replace("TERKINI\nJadwal Imsakiyah Ramadan Kota Sukamaju\n", "")
    titled = titled.replace("Daerah\n", "Daerah\nPolres Sukamaju Sosialisasi Pemilu Damai\n")
    assert extract(item(titled)).title == "Polres Sukamaju Sosialisasi Pemilu Damai"


@pytest.mark.parametrize(
    "lead",
    ["Polres Sukamaju melaksanakan pengawalan logistik pemilu dari gudang KPU ke 16 PPK",
     "Personel Polres Sukamaju kawal distribusi kotak suara ke pulau terluar",
     "Sebanyak 210 personel Polres Sukamaju disebar ke tiga titik kampanye terbuka"],
)  # fmt: skip
def test_an_escort_of_election_logistics_or_personnel_spread_out_is_a_deployment(
    lead: str,
) -> None:
    facts = extract(item(f"SUKAMAJU - {lead}, Sabtu (10/2/2024).\nKegiatan berjalan lancar."))
    assert facts.category == "deployment"


def test_a_roster_of_units_without_a_total_counts_its_sum() -> None:
    text = (
        "SUKAMAJU - Polres Sukamaju menggelar apel gelar pasukan pengamanan pemilu di Lapangan"
        " Merdeka, Senin (23/10/2023).\nApel diikuti personel gabungan dengan rincian:\n"
        "Polres Sukamaju 150 personel\nKodim 0412 50 personel\nSatpol PP 40 personel"
    )
    facts = extract(item(text))
    assert facts.personnel == 240
    assert facts.units == ["Polres Sukamaju"]


def test_a_roster_under_its_stated_total_leaves_the_total() -> None:
    text = (
        "SUKAMAJU - Sebanyak 300 personel gabungan mengikuti apel gelar pasukan pemilu,"
        " Senin (23/10/2023).\nPolres Sukamaju 150 personel\nKodim 0412 50 personel"
    )
    assert extract(item(text)).personnel == 300


def test_a_range_without_a_year_across_the_new_year_takes_each_end_s_year() -> None:
    found = find_dates("pada 28 Desember - 2 Januari lalu", date(2024, 1, 3))
    assert [(m.start, m.end, m.kind) for m in found] == [
        (date(2023, 12, 28), date(2024, 1, 2), "range")
    ]
    assert [f["code"] for f in found[0].notes] == ["year-inferred"]


def test_a_range_written_in_numbers_is_a_range() -> None:
    found = find_dates("sejak 28/11/2023 hingga 2/12/2023", None)
    assert [(m.start, m.end) for m in found] == [(date(2023, 11, 28), date(2023, 12, 2))]


@pytest.mark.parametrize(
    ("told", "category"),
    [("Wakapolres Sukamaju memimpin briefing pengamanan TPS kepada 150 personel", "deployment"),
     ("Pengamanan TPS di Desa Talang melibatkan 4 personel Polri dan 6 Linmas", "deployment"),
     ("Polsek Sukamaju menggelar Jumat Curhat; warga menanyakan pengamanan TPS", "outreach")],
)  # fmt: skip
def test_securing_the_polling_stations_told_as_done_is_a_deployment(
    told: str, category: str
) -> None:
    facts = extract(item(f"SUKAMAJU - {told}, Selasa (13/2/2024).\nKegiatan berjalan lancar."))
    assert facts.category == category


def test_a_title_case_headline_verb_ends_a_command_s_name() -> None:
    text = "Polres Mimika Barat Gelar Sosialisasi Pemilu Damai di Kampung Wania."
    assert find_units(text) == ["Polres Mimika Barat"]


def test_a_shortened_name_word_keeps_its_dot_and_the_name_runs_on() -> None:
    text = 'Wakapolres Kompol Andi Muh. Ikhsan hadir. "Aman," kata Andi Ikhsan.'
    assert [p.name for p in find_people(text)] == ["Andi Muh. Ikhsan"]


def test_a_headline_of_twelve_words_or_more_above_the_dateline_is_the_title() -> None:
    headline = "PRESS RELEASE: Polres Sukamaju Ungkap Kasus Politik Uang Jelang Pilkada Serentak"
    text = (
        f"{headline}\n\nSUKAMAJU - Satreskrim Polres Sukamaju mengamankan dua orang terduga"
        " pelaku politik uang, Senin (25/11/2024)."
    )
    facts = extract(item(text))
    assert facts.title == headline
    assert facts.units == ["Satreskrim Polres Sukamaju"]


def test_a_command_s_name_stays_on_its_line() -> None:
    assert find_units("Kapolres Sukamaju Utara\nKOTA BARU - Warga") == []
    assert find_units("Polres Sukamaju Utara\nKOTA BARU - Warga") == ["Polres Sukamaju Utara"]


def test_the_count_after_personnel_told_with_what_they_did() -> None:
    text = (
        "SUKAMAJU - Personel Polsek Sukamaju mengamankan TPS 03 Desa Talang, Rabu (14/2/2024)."
        "\nPersonel yang dikerahkan sebanyak 12 orang."
    )
    facts = extract(item(text))
    assert (facts.personnel, facts.audience_size) == (12, None)


def test_a_sat_unit_alone_belongs_to_the_polres_its_chief_names() -> None:
    text = (
        "SUKAMAJU - Bentrok antarpendukung calon bupati pecah usai penghitungan suara Pilkada,"
        " Jumat (29/11/2024).\nKapolres Sukamaju AKBP Andi Erwin mengatakan 150 personel"
        " Brimob dan Sat Samapta diterjunkan."
    )
    assert extract(item(text)).units == ["Brimob", "Sat Samapta Polres Sukamaju"]


@pytest.mark.parametrize(
    ("told", "venue"),
    [("Bhabinkamtibmas Polsek Sukamaju menyambangi warga Dusun Padang Rantau", "Dusun Padang Rantau"),
     ("Personel Polsek Sukamaju mengamankan TPS 03 Banjar Tegal", "TPS 03 Banjar Tegal")],
)  # fmt: skip
def test_the_place_visited_or_secured_is_the_venue(told: str, venue: str) -> None:
    facts = extract(item(f"SUKAMAJU - {told} jelang pemilu, Rabu (14/2/2024)."))
    assert facts.venue == venue


@pytest.mark.parametrize(
    "page",
    ["Home » Berita » Daerah\nPolres Sukamaju Gelar Cooling System\n"
     "Rabu, 24 Januari 2024 14:05 WIB\nSUKAMAJU - Kapolres",
     "Polres Sukamaju Gelar Cooling System SUKAMAJU - Kapolres"],
)  # fmt: skip
def test_the_title_past_a_breadcrumb_or_glued_to_the_dateline(page: str) -> None:
    text = f"{page} Sukamaju menggelar cooling system bersama tokoh agama, Rabu (24/1/2024)."
    facts = extract(item(text))
    assert facts.title == "Polres Sukamaju Gelar Cooling System"
    assert facts.body.startswith("Kapolres Sukamaju menggelar")


def test_a_joint_force_s_dash_is_no_glued_headline() -> None:
    text = "Personel gabungan TNI - Polri menggelar apel pengamanan pemilu, Rabu (24/1/2024)."
    assert extract(item(text)).title is None


@pytest.mark.parametrize(
    ("text", "day"),
    [("memantau rekapitulasi suara di Kantor PPK, Rabu malam.", date(2024, 2, 14)),
     ("menggelar patroli dialogis Kamis pagi.", date(2024, 2, 15)),
     ("menggelar patroli, Rabu malam (7/2/2024).", date(2024, 2, 7))],
)  # fmt: skip
def test_a_weekday_with_its_time_of_day_counts_from_the_publication(text: str, day: date) -> None:
    found = find_dates(text, date(2024, 2, 15))
    assert [m.start for m in found] == [day]
