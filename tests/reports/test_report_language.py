"""One language throughout: a report with every section and every flag type, settled and
open, rendered in Indonesian holds no English text from the catalogue, and the other way
round."""

import re

import pytest

from reports import render
from tests.core.test_flags import OLD_SENTENCES
from tests.reports import report_samples as samples
from tests.reports.test_report_render import catalogue, visible

PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%%")


def fragments(text: str) -> list[str]:
    """The literal parts of a message that are long enough to mean something alone."""
    parts = [part.strip(" .,:;()–-“”") for part in PLACEHOLDER.split(text)]
    return [part for part in parts if len(part) >= 12 and " " in part]


def every_flag_input(lang: str):
    """The sample week with every flag type on its records, old sentences and new data,
    one of them settled, and every section filled."""
    activities = samples.activities()
    flags = [flag for _, flag in OLD_SENTENCES]
    by_id = {a["id"]: a for a in activities}
    by_id["a3"]["flags"] = [sentence for sentence, _ in OLD_SENTENCES]
    by_id["a1"]["flag_entries"] = [
        {**flags[0].as_dict(), "sources": ["coverage:c1"], "opened_at": None,
         "status": "resolved",
         "resolved": {"by": "AKP Hendra", "reason": "SK", "at": "2023-10-20T08:00+07:00"}},
        {**flags[6].as_dict(), "sources": ["coverage:c2"], "opened_at": None,
         "status": "open", "resolved": None},
    ]  # fmt: skip
    by_id["a2"]["flags"] = [flag.as_dict() for flag in flags]
    return samples.make_input(lang=lang, activities=activities)


def texts(lang: str) -> list[str]:
    inp = every_flag_input(lang)
    return [render(inp, "md"), visible(render(inp, "html"))]


def test_the_input_reaches_every_section_and_every_flag_code():
    md = render(every_flag_input("en"), "md")
    for heading in ("Drills", "Outreach", "Stakeholders engaged", "Media coverage",
                    "Public order context", "Data quality", "Nil returns"):  # fmt: skip
        assert heading in md
    html = render(every_flag_input("en"), "html")
    codes = set(re.findall(r'data-code="([a-z-]+)"', html))
    assert codes == {flag.code for _, flag in OLD_SENTENCES}


@pytest.mark.parametrize(("lang", "other"), [("id", "en"), ("en", "id")])
def test_no_catalogue_text_of_the_other_language(lang, other):
    cat = catalogue("id")
    foreign = set()
    for message in cat:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        english, indonesian = [*ids], [*strings]
        for text in english if lang == "id" else indonesian:
            own = " ".join(indonesian if lang == "id" else english)
            foreign |= {part for part in fragments(text) if part not in own}
    assert len(foreign) > 50  # the catalogue was read
    for text in texts(lang):
        left = sorted(part for part in foreign if part in text)
        assert left == [], f"{other} text in the {lang} report"


@pytest.mark.parametrize(
    ("week", "lang", "words"),
    [
        ("2023-53", "id", "bukan minggu ISO seperti 2023-W42"),
        ("2023-W53", "id", "bukan minggu ISO seperti 2023-W42"),  # 2023 has 52 weeks
        ("W43", "en", "is not an ISO week such as 2023-W42"),
    ],
)
def test_a_week_that_is_no_iso_week_is_refused_in_one_line_in_the_reader_language(
    tmp_path, week, lang, words
):
    from tests.cli import humas

    refused = humas(str(tmp_path / "store.sqlite"), "--lang", lang, "report", "weekly",
                    "--week", week)  # fmt: skip

    assert refused.code == 2 and refused.out == ""
    assert refused.err.count("\n") == 1 and words in refused.err and "--week" in refused.err


@pytest.mark.parametrize(
    ("lang", "words"),
    [("id", "jangan keduanya"), ("en", "name the week by --week or by --date, not both")],
)
def test_a_week_named_twice_is_refused_rather_than_one_name_ignored(tmp_path, lang, words):
    from tests.cli import humas

    refused = humas(str(tmp_path / "store.sqlite"), "--lang", lang, "report", "weekly",
                    "--week", "2023-W43", "--date", "2023-12-01")  # fmt: skip

    assert refused.code == 2 and refused.out == "" and refused.err.count("\n") == 1
    assert words in refused.err
