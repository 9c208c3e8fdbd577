"""The linear scanning helpers give the same matches as a plain scan of the whole text."""

import importlib
import re

import pytest

from adapters.news.scan import anchors, finditer_anchored, lowered, search_anchored
from tests.news.corpus import ARTICLES

extract_module = importlib.import_module("adapters.news.extract")
TEXT = "\n".join(p.read_text("utf-8") for p in ARTICLES if p.suffix == ".txt").lower()
CUES = ["RIOT", "ATTACK", "ELECTION", "OUTREACH", "DEPLOY", "LAUNCH", "DRILL_STRONG",
        "SPORTS", "DRUG", "PATROL", "_PERSONNEL", "_AUDIENCE_WORD", "_ATTENDED"]  # fmt: skip


@pytest.mark.parametrize("name", CUES)
def test_anchored_scan_finds_what_a_full_scan_finds(name: str) -> None:
    cue = lowered(getattr(extract_module, name))
    spans = [m.span() for m in finditer_anchored(cue, TEXT)]
    assert spans == [m.span() for m in cue.finditer(TEXT)]
    first = search_anchored(cue, TEXT)
    full = cue.search(TEXT)
    assert (first.span() if first else None) == (full.span() if full else None)


def test_anchors_are_the_leading_words_of_every_alternative() -> None:
    assert anchors(r"\bdemo\b|bakar ban|sepak ?bola|(?:operasi|ops)\s+x") == [
        "demo", "bakar ban", "sepak", "operasi", "ops",
    ]  # fmt: skip
    # an alternative without a word of three letters: no anchors, a full scan
    assert anchors(r"\d+ orang|warga") is None
    assert anchors(r"(?:ab)?cde") is None


def test_lowered_keeps_escapes_and_group_names() -> None:
    pattern = lowered(re.compile(r"(?P<Name>\S+) KPU\B", re.I))
    assert pattern.pattern == r"(?P<Name>\S+) kpu\B" and not pattern.flags & re.I
