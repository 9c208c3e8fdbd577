"""Linear scanning helpers: case-insensitive cues run once over a lower-cased text.

Python's regular expressions are several times slower with ``re.IGNORECASE`` than on a
text already in lower case, and running a cue on every sentence costs a call per
sentence. So the body is lower-cased once, each cue is compiled in its lower-case form
and run once over the whole body, and its matches are mapped to sentences by position.
"""

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

_IGNORECASE = int(re.IGNORECASE)  # a plain int: the flag enum's "&" is slow in a loop


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
        self._sets: dict[re.Pattern[str], set[int]] = {}

    def finditer(self, cue: re.Pattern[str]) -> "list[re.Match[str]]":
        if self.low is not None and cue.flags & _IGNORECASE:
            return finditer_anchored(lowered(cue), self.low)
        return list(cue.finditer(self.body))

    def search(self, cue: re.Pattern[str]) -> "re.Match[str] | None":
        if self.low is not None and cue.flags & _IGNORECASE:
            return search_anchored(lowered(cue), self.low)
        return cue.search(self.body)

    def sentence_set(self, cue: re.Pattern[str]) -> set[int]:
        found = self._sets.get(cue)
        if found is None:
            found = self._sets[cue] = set(self.sentences(cue))
        return found

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


# --- anchored scanning ----------------------------------------------------------------

_QUANT = "?*{"
_WINDOW_BEFORE = 100
_WINDOW_AFTER = 300
# below this many characters a plain scan costs less than looking for anchors
_SHORT = 8_000


def _structure(source: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """The characters that give a pattern its structure, from ``start``: each bracket
    and bar outside escapes and character sets, with its index and the depth after it."""
    depth, in_set, i = 0, False, start
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_set:
            in_set = ch != "]"
        elif ch == "[":
            in_set = True
        elif ch in "()|":
            depth += {"(": 1, ")": -1, "|": 0}[ch]
            yield i, ch, depth
        i += 1


def _split_top(source: str) -> list[str] | None:
    """The top-level alternatives of a pattern (None when brackets do not balance)."""
    parts, start, depth = [], 0, 0
    for i, ch, depth in _structure(source):
        if ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    if depth != 0:
        return None
    parts.append(source[start:])
    return parts


def _close(source: str, i: int) -> int:
    """The index of the bracket closing the group opened at ``i``."""
    for at, ch, depth in _structure(source, i):
        if ch == ")" and depth == 0:
            return at
    return -1


def anchors(source: str) -> list[str] | None:
    """Literal words one of which every match begins with ("unjuk rasa", "bentrok" …),
    or None when some alternative has none of three letters or more."""
    alternatives = _split_top(source)
    if alternatives is None:
        return None
    found: list[str] = []
    for alternative in alternatives:
        words = _leading(alternative)
        if words is None:
            return None
        found += words
    return found


def _leading(alt: str) -> list[str] | None:
    i = 0
    while True:
        if alt.startswith("\\b", i):
            i += 2
        elif alt.startswith(("(?<!", "(?<=", "(?!", "(?="), i):
            end = _close(alt, i)
            if end < 0:
                return None
            i = end + 1
        else:
            break
    if alt.startswith("(", i):
        end = _close(alt, i)
        if end < 0 or alt[end + 1 : end + 2] in tuple(_QUANT):
            return None
        inner = alt[i + 1 : end]
        if inner.startswith("?:"):
            inner = inner[2:]
        elif inner.startswith("?P<"):
            inner = inner[inner.index(">") + 1 :]
        elif inner.startswith("?"):
            return None
        return anchors(inner)
    run = []
    while i < len(alt) and (alt[i].isalnum() or alt[i] in " '’-,"):
        run.append(alt[i])
        i += 1
    if i < len(alt) and alt[i] in _QUANT and run:
        run.pop()
    word = "".join(run)
    return [word] if len(word.strip()) >= 3 else None


@lru_cache(maxsize=512)
def _anchors_of(pattern: re.Pattern[str]) -> tuple[str, ...] | None:
    found = anchors(pattern.pattern)
    return tuple(sorted(set(found))) if found else None


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def finditer_anchored(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``pattern.finditer(text)``, looked for only in windows around its anchor words
    (``str.find`` is many times faster than the engine trying every position). Only for
    patterns run case-sensitively on a lower-cased text, whose anchors are lower case."""
    words = _anchors_of(pattern)
    if words is None:
        return list(pattern.finditer(text))
    if len(text) <= _SHORT:
        # a short text: looked for whole, and only when one of the words is in it (most
        # cues are not in most articles, and ``in`` costs far less than the engine)
        return list(pattern.finditer(text)) if _holds_any(text, words) else []
    spots = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            spots.append(at)
            at = text.find(word, at + 1)
    if not spots:
        return []
    spots.sort()
    windows: list[list[int]] = []
    for at in spots:
        a, b = max(0, at - _WINDOW_BEFORE), at + _WINDOW_AFTER
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    matches: list[re.Match[str]] = []
    last_end = -1
    for a, b in windows:
        for m in pattern.finditer(text, max(a, last_end), min(b, len(text))):
            matches.append(m)
            last_end = m.end()
    return matches


def search_anchored(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` by windows around the anchor words, nearest first, so
    that a cue found early costs little."""
    words = _anchors_of(pattern)
    if words is None:
        return pattern.search(text)
    if len(text) <= _SHORT:
        return pattern.search(text) if _holds_any(text, words) else None
    cursor = 0
    while True:
        spots = [at for word in words if (at := text.find(word, cursor)) >= 0]
        if not spots:
            return None
        at = min(spots)
        m = pattern.search(text, max(0, at - _WINDOW_BEFORE), min(len(text), at + _WINDOW_AFTER))
        if m:
            return m
        cursor = at + 1
