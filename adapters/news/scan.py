"""Linear scanning helpers: case-insensitive cues run once over a lower-cased text.

Python's regular expressions are several times slower with ``re.IGNORECASE`` than on a
text already in lower case, and running a cue on every sentence costs a call per
sentence. So the body is lower-cased once, each cue is compiled in its lower-case form
and run once over the whole body, and its matches are mapped to sentences by position.
"""

import re
from bisect import bisect_right
from functools import lru_cache


@lru_cache(maxsize=512)
def lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same pattern for a lower-cased text: literal letters in lower case (escapes
    such as ``\\S`` or ``\\B`` keep their case), without the IGNORECASE flag."""
    source = pattern.pattern
    out = []
    escaped = False
    in_set_name = 0
    for ch in source:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif ch == "?" and out and out[-1] == "(":
            out.append(ch)
            in_set_name = 1  # "(?P<name>" and "(?i:" keep their letters
        elif in_set_name and ch in ">:=!)":
            out.append(ch)
            in_set_name = 0
        elif in_set_name:
            out.append(ch)
        else:
            out.append(ch.lower())
    return re.compile("".join(out), pattern.flags & ~re.IGNORECASE)


def lower_text(text: str) -> str | None:
    """The text in lower case when that keeps every position (ASCII-like text), else None."""
    low = text.lower()
    return low if len(low) == len(text) else None


class SentenceIndex:
    """Which sentences a cue matches, from one pass of the cue over the whole body."""

    def __init__(self, body: str, starts: list[int]) -> None:
        self.body = body
        self.low = lower_text(body)
        self.starts = starts
        self._cache: dict[re.Pattern[str], list[int]] = {}

    def finditer(self, cue: re.Pattern[str]) -> "list[re.Match[str]]":
        if self.low is not None and cue.flags & re.IGNORECASE:
            return list(lowered(cue).finditer(self.low))
        return list(cue.finditer(self.body))

    def search(self, cue: re.Pattern[str]) -> "re.Match[str] | None":
        if self.low is not None and cue.flags & re.IGNORECASE:
            return lowered(cue).search(self.low)
        return cue.search(self.body)

    def sentences(self, cue: re.Pattern[str]) -> list[int]:
        """Indices of the sentences holding a match, in order, each once."""
        found = self._cache.get(cue)
        if found is None:
            found = []
            for m in self.finditer(cue):
                i = bisect_right(self.starts, m.start()) - 1
                if i >= 0 and (not found or found[-1] != i):
                    found.append(i)
            self._cache[cue] = found
        return found
