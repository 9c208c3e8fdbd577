"""Rendering: languages, determinism, escaping, the catalogue, JSON and the SVG charts."""

import json
import re
from datetime import date, datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import reports
from reports import ReportInput, build_figures, render
from reports.i18n import Fmt
from tests.reports import report_samples as samples

make_input, activities, coverage = samples.make_input, samples.activities, samples.coverage
PACKAGE = Path(reports.__file__).parent


class Text(HTMLParser):
    """Visible text of an HTML page, and the tags it opened."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.tags: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag in ("style", "title"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "title"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = Text()
    parser.feed(html)
    return " ".join(parser.parts)


def tags(html: str) -> list[str]:
    parser = Text()
    parser.feed(html)
    return parser.tags


# --- language ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_indonesian_dates_numbers_and_labels(fmt):
    out = render(make_input(lang="id"), fmt)

    assert "Selasa, 17 Oktober 2023, 09.00" in out  # the drill, at pukul 09.00
    assert "Senin, 23 Oktober 2023, 08.30 +07:00" in out  # generated
    assert "Senin, 16 Oktober 2023 s.d. Minggu, 22 Oktober 2023" in out
    assert "Hari ke-1 s.d. 4 dari 368" in out
    assert "1.250" in out  # personnel
    assert "1.314" in out  # audience reached
    assert "4.321" in out  # store position
    assert "Ringkasan eksekutif" in out and "Satuan nihil laporan" in out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_english_dates_numbers_and_labels(fmt):
    out = render(make_input(lang="en"), fmt)

    assert "Tuesday, 17 October 2023, 09:00" in out  # the drill, at its time
    assert "Monday, 23 October 2023, 08:30 +07:00" in out  # generated
    assert "Monday, 16 October 2023 to Sunday, 22 October 2023" in out
    assert "Day 1–4 of 368" in out
    assert "1,250" in out and "1,314" in out and "4,321" in out
    assert "Executive summary" in out and "Nil returns" in out


def test_a_time_of_day_is_written_with_a_full_stop_in_indonesian_and_keeps_its_zone():
    assert (Fmt("id").time("08:00"), Fmt("en").time("08:00")) == ("08.00", "08:00")
    assert Fmt("id").time("19:30 WITA") == "19.30 WITA"
    assert Fmt("id").time(None) == "–"


def test_the_indonesian_footer_has_no_english_words_around_the_figures_digest():
    made_at = datetime(2023, 10, 23, 8, 0, tzinfo=timezone(timedelta(hours=7)))
    command = "humas report weekly --week 2023-W42 --lang id --as-of 2023-10-23T08:00:00+07:00"
    footer = render(make_input(lang="id", made_at=made_at, command=command), "md")

    assert "Sidik angka: sha256:" in footer
    assert "Digest" not in footer and "FILE" not in footer


def catalogue(lang: str):
    path = PACKAGE / "locale" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        return read_po(handle)


def source_messages() -> set[str]:
    """Every label the code and templates ask for, extracted as pybabel would."""
    method_map = [("**.py", "python"), ("templates/**.j2", "jinja2.ext:babel_extract")]
    options = {"templates/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map, options
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_label_is_in_both_catalogues_and_translated_into_indonesian():
    wanted = source_messages()
    assert len(wanted) > 100  # the extraction itself worked
    for lang in ("id", "en"):
        cat = catalogue(lang)
        present = {m.id[0] if isinstance(m.id, tuple) else m.id for m in cat if m.id}
        assert wanted - present == set(), f"missing from {lang}"
        assert present - wanted == set(), f"stale in {lang}"
        for message in cat:
            if not message.id:
                continue
            assert not message.fuzzy, message.id
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings), f"untranslated in {lang}: {message.id}"


def test_no_english_label_is_left_in_the_indonesian_report():
    id_cat = catalogue("id")
    english = {
        m.id
        for m in id_cat
        if isinstance(m.id, str)
        and m.id[:1].isupper()
        and "%" not in m.id
        and len(m.id) >= 4
        and m.string != m.id
    }
    assert "Executive summary" in english and "Stakeholders engaged" in english
    inp = make_input(lang="id", verified_only=True)
    for text in (visible(render(inp, "html")), render(inp, "md")):
        left = sorted(label for label in english if re.search(rf"\b{re.escape(label)}\b", text))
        assert left == []


# --- determinism ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_same_input_same_bytes_apart_from_the_generated_line(fmt):
    first = render(make_input(), fmt)
    again = render(make_input(), fmt)
    later = render(
        make_input(generated_at=datetime(2024, 2, 1, 10, 0, tzinfo=timezone(timedelta(hours=9)))),
        fmt,
    )
    # Input order must not matter either.
    shuffled = render(make_input(activities=activities()[::-1], coverage=coverage()[::-1]), fmt)

    assert first == again == shuffled
    differing = [
        (a, b) for a, b in zip(first.splitlines(), later.splitlines(), strict=True) if a != b
    ]
    assert len(differing) == 1
    assert "2023-10-23" in differing[0][0] or "23 Oktober 2023" in differing[0][0]


# --- escaping ---------------------------------------------------------------------------


def hostile_input(**overrides):
    records = activities()
    records[0]["title"] = "<script>alert(1)</script> Simulasi"
    records[1]["title"] = "Cooling | system\nbaris dua *tebal* [tautan](x)"
    records[1]["messages"] = ["</svg><b>pesan</b>"]
    items = coverage()
    items[0]["quotes"] = [
        {"speaker": "Kasi Humas <i>X</i>", "text": "kata </svg><script>x()</script>"}
    ]
    items[1]["url"] = "javascript:alert(3)"
    return make_input(activities=records, coverage=items, **overrides)


def test_html_escapes_titles_quotes_and_message_names():
    html = render(hostile_input(lang="en"), "html")

    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Simulasi" in html
    assert "kata &lt;/svg&gt;&lt;script&gt;x()&lt;/script&gt;" in html
    assert "Kasi Humas &lt;i&gt;X&lt;/i&gt;" in html
    assert html.count("</svg>") == html.count("<svg") == 2  # a week: no reach line
    assert "javascript:" not in html
    opened = tags(html)
    assert "script" not in opened and "b" not in opened and "i" not in opened


def table_rows(markdown: str) -> list[list[str]]:
    """Markdown tables as lists of lines, split where the blank lines are."""
    tables, current = [], []
    for line in markdown.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


def test_markdown_escapes_table_breaking_characters():
    md = render(hostile_input(lang="en"), "md")

    unescaped_pipe = re.compile(r"(?<!\\)\|")
    for table in table_rows(md):
        widths = {len(unescaped_pipe.findall(row)) for row in table}
        assert len(widths) == 1, table
    assert r"Cooling \| system baris dua \*tebal\* \[tautan\](x)" in md
    assert r"\<script\>alert(1)\</script\> Simulasi" in md
    assert "<script>" not in md
    assert "javascript:" not in md


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(
    "report",
    [
        make_input,
        lambda **o: make_input(operation=None, activities=[], coverage=[], incidents=[], **o),
    ],
)
def test_every_markdown_heading_stands_after_a_blank_line(report, lang):
    lines = render(report(lang=lang), "md").splitlines()
    for number, line in enumerate(lines[1:], start=1):
        if line.startswith("#"):
            assert lines[number - 1] == "", (lines[number - 1], line)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_markdown_table_stands_after_a_blank_line(lang):
    # A table glued to the sentence above it is read as that paragraph's text.
    lines = render(make_input(lang=lang), "md").splitlines()
    for number, line in enumerate(lines[1:], start=1):
        if line.startswith("|") and not lines[number - 1].startswith("|"):
            assert lines[number - 1] == "", (lines[number - 1], line)


def test_a_check_on_an_untitled_news_item_names_it_by_its_outlet_not_none():
    undated = samples.news(
        "c9", None, "Sumeks.co", title=None, activity_id="a1", occurred_on="2023-10-17"
    )
    inp = make_input(lang="en", coverage=[*coverage(), undated])

    for fmt in ("md", "html"):
        out = render(inp, fmt)
        assert "Coverage items without a publication date" in out
        assert "None" not in (visible(out) if fmt == "html" else out)
        assert "Sumeks.co (17 Oct 2023)" in out  # named by its outlet and the day


def test_the_channel_humas_writes_on_a_record_from_the_news_reads_as_not_stated():
    # "news" says where the record came from, not how the outreach reached people.
    from_news = samples.activity(
        "n1", "outreach", "2023-10-18", "Sosialisasi dari berita", channel="news"
    )
    for lang, words in (
        ("id", "tidak disebutkan (dari berita)"),
        ("en", "not stated (from a news item)"),
    ):
        inp = make_input(lang=lang, activities=[*activities(), from_news])
        for fmt in ("md", "html"):
            out = render(inp, fmt)
            assert words in out
            assert not re.search(r"<td>news</td><td class=\"num\">1<|\| news \| 1 \|", out)
        channels = json.loads(render(inp, "json"))["outreach"]["channels"]
        assert "news" in [row["label"] for row in channels]  # the data as stored


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_period_without_news_says_so_once_without_an_empty_spokespersons_part(fmt):
    out = render(make_input(lang="en", coverage=[]), fmt)

    assert "No news item was published in this period." in out
    assert "Spokespersons quoted" not in out and "No one quoted." not in out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_period_with_news_but_nothing_counted_says_so_without_rows_of_zeros(fmt):
    # Only a proposed record (from the news) and its item: nothing counts, in either week.
    proposed = activities()[3]
    assert proposed["review"] == "proposed"
    inp = make_input(lang="id", activities=[proposed], coverage=coverage()[-1:])
    out = render(inp, fmt)
    text = visible(out) if fmt == "html" else out

    assert text.count("Tidak ada kegiatan terhitung pada kedua periode.") == 2  # kind, unit
    assert "Tidak ada sosialisasi pada periode ini." in text
    assert "Sasaran terjangkau" not in text and "Jangkauan sasaran per minggu" not in text
    assert "Sumeks.co" in text  # the news is still there
    if fmt == "html":
        assert 'data-chart="per-day"' not in out  # no chart of zeros


def test_an_activity_in_the_news_from_an_unknown_outlet_shows_a_dash():
    item = samples.news("c9", "2023-10-19", None, activity_id="a3")
    md = render(make_input(lang="en", coverage=[item]), "md")

    assert "| Jumat Curhat | 20 Oct 2023 | 1 | – | yes |" in md


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_one_day_period_names_the_previous_day_once(fmt):
    inp = make_input(lang="en", kind="period", period_start=date(2023, 10, 17),
                     period_end=date(2023, 10, 17))  # fmt: skip
    text = render(inp, fmt)

    assert "Tuesday, 17 October 2023 (1 day)" in text
    assert "16 October 2023" in text and "16 October 2023 – 16 October 2023" not in text
    if fmt == "md":
        assert "\n- **Previous period**: 16 October 2023\n" in text


def test_items_of_an_unknown_outlet_are_not_counted_as_one_more_outlet():
    unknown = [samples.news(f"c{n}", "2023-10-20", None) for n in (8, 9)]
    inp = make_input(lang="en", coverage=[*coverage(), *unknown])
    md = render(inp, "md")

    # c1-c6 come from 4 named outlets; c8 and c9 from outlets no one knows.
    assert "- **Outlets**: 4\n" in md
    assert "the media carried 8 items from 4 outlets and 2 of unknown outlets" in md
    only_unknown = render(make_input(lang="en", coverage=unknown), "md")
    assert "the media carried 2 items from unknown outlets" in only_unknown


def test_activities_of_no_known_unit_are_not_counted_as_one_more_unit():
    nameless = samples.activity("n1", "press", "2023-10-20", "Rilis", organiser=None, units=[])
    inp = make_input(lang="en", activities=[*activities(), nameless])
    figures = build_figures(inp)
    named = sum(1 for row in figures["activities"]["by_unit"] if row["current"] and row["unit"])

    assert any(row["unit"] is None for row in figures["activities"]["by_unit"])
    assert f"by {named} units." in render(inp, "md")


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_check_is_said_once_with_every_record_it_names(fmt):
    # Two proposed records in the news: one check line naming both, not two lines.
    second = samples.activity("a8", "outreach", "2023-10-20", "Sambang usulan", review="proposed")
    items = [*coverage(), samples.news("c8", "2023-10-20", "Kabar OKU", activity_id="a8")]
    inp = make_input(lang="en", activities=[*activities(), second], coverage=items)
    out = render(inp, fmt).split('<section id="appendix">')[0]  # the appendix lists ids
    text = visible(out) if fmt == "html" else out

    label = "Coverage about an activity that is not counted"
    assert text.count(label) == 1
    line = next(part for part in text.split("\n") if label in part)
    assert "Sambang usulan (20 Oct 2023)" in line and "(19 Oct 2023)" in line


def test_one_of_one_reads_in_the_singular():
    one = samples.activity("o1", "outreach", "2023-10-18", "Sambang", audience_size=40,
                           review="reported")  # fmt: skip
    md = render(make_input(lang="en", activities=[one], verified_only=False), "md")
    verified_only = render(make_input(lang="en", activities=[one], verified_only=True), "md")

    assert "size known for 1 of 1 activity" in md and "1 of 1 activities" not in md
    assert "(1 reported record left out)" in verified_only


# --- structure --------------------------------------------------------------------------


def test_html_is_self_contained_responsive_and_printable():
    html = render(make_input(), "html")

    for needle in ("<script", "<link", "<img", "@import", "url(", "<iframe"):
        assert needle not in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "@media print" in html and "break-before: page" in html
    assert '<html lang="id">' in html
    sections = re.findall(r'<section[^>]*id="([a-z]+)"', html)
    assert sections == [
        "header",
        "summary",
        "activities",
        "drills",
        "outreach",
        "stakeholders",
        "coverage",
        "incidents",
        "quality",
        "appendix",
    ]


def test_appendix_only_in_html_and_json():
    inp = make_input(lang="en")
    assert "Appendix" in render(inp, "html")
    assert "Appendix" not in render(inp, "md")
    assert json.loads(render(inp, "json"))["appendix"]


def chart(html: str, name: str) -> str:
    match = re.search(rf'<svg class="chart" data-chart="{name}".*?</svg>', html, re.S)
    assert match, name
    return match.group(0)


def test_charts_have_one_mark_per_datum():
    html = render(make_input(), "html")

    per_day = chart(html, "per-day")
    assert per_day.count('class="bar-group"') == 7
    # 17 Oct: drill + parade; 18 and 20 Oct: outreach.
    assert re.findall(
        r'class="bar kind-[a-z]+" data-kind="([a-z]+)" data-date="([0-9-]+)"', per_day
    ) == [
        ("simulation", "2023-10-17"),
        ("deployment", "2023-10-17"),
        ("outreach", "2023-10-18"),
        ("outreach", "2023-10-20"),
    ]
    assert 'data-chart="reach"' not in html  # one week: a line of one point says nothing
    messages = chart(html, "messages")
    assert messages.count('class="bar series-') == 6

    three_weeks = render(make_input(kind="period", period_start=date(2023, 10, 2)), "html")
    assert chart(three_weeks, "per-day").count('class="bar-group"') == 21
    assert re.findall(r'data-week="(\d)" data-size="(\d+)"', chart(three_weeks, "reach")) == [
        ("1", "0"),
        ("2", "240"),
        ("3", "1314"),
    ]


def test_summary_has_three_to_five_sentences_that_follow_the_figures():
    f = json.loads(render(make_input(lang="en"), "json"))

    assert 3 <= len(f["summary"]) <= 5
    assert f["summary"][0].startswith("In this period 4 activities were counted")
    assert "1 more than in the previous period (3)" in f["summary"][2]
    assert "2 nil returns (Polsek Buay Madang, Polsek Semendawai)" in f["summary"][3]

    quiet = json.loads(
        render(
            make_input(
                lang="en",
                activities=[],
                coverage=[],
                incidents=[],
                units_active_before=[],
                operation=None,
            ),
            "json",
        )
    )
    assert quiet["summary"] == ["No activity, news item or incident was recorded in this period."]


def test_json_holds_the_figures_and_the_summary():
    inp = make_input()
    payload = json.loads(render(inp, "json"))
    figures = build_figures(inp)

    summary = payload.pop("summary")
    assert payload == json.loads(json.dumps(figures))
    assert payload["schema"] == "humas.report/1"
    assert summary[0].startswith("Pada periode ini tercatat 4 kegiatan")


def test_footer_prints_the_seal_only_when_given():
    assert "9f2c4e" in render(make_input(), "md")
    assert "Segel" not in render(make_input(seal=None), "md")


def test_bad_input_is_refused_at_the_boundary():
    with pytest.raises(ValueError, match="format"):
        render(make_input(), "pdf")
    with pytest.raises(ValueError, match="timezone"):
        make_input(generated_at=datetime(2023, 10, 23, 8, 30))
    with pytest.raises(ValueError, match="ends before"):
        make_input(period_start=date(2023, 10, 22), period_end=date(2023, 10, 16))
    with pytest.raises(ValueError, match="lang"):
        make_input(lang="jv")
    assert isinstance(make_input(), ReportInput)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(
    ("lang", "heading", "copies", "about"),
    [
        ("id", "Satu naskah di beberapa media", "2, dari 1 naskah", "kegiatan satuan"),
        ("en", "One text in several outlets", "2, of 1 text run", "an activity of the unit"),
    ],
)
def test_syndicated_groups_are_listed_with_their_items_and_outlets(
    fmt, lang, heading, copies, about
):
    items = [
        *samples.coverage(),
        samples.news("c7", "2023-10-18", "Detik Sumsel", activity_id="a1", syndicated_from="c1"),
        samples.news("c8", "2023-10-19", "Kabar OKU", activity_id="a1", syndicated_from="c1"),
    ]
    out = render(make_input(lang=lang, coverage=items), fmt)
    text = visible(out) if fmt == "html" else out

    assert heading in text and copies in text and about in text
    assert "3: Detik Sumsel, Kabar OKU, Sumeks.co" in text
