"""Writing a file so that no reader ever sees half of it."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def written_whole(out: Path) -> Iterator[TextIO]:
    """A file to write ``out`` through: the text lands under its name only once all of
    it is written, so a reader never sees half a file and a failure leaves the old one
    as it was (reports, audit exports, the settings file)."""
    temporary = out.with_name(out.name + ".part")
    try:
        with temporary.open("w", encoding="utf-8") as file:
            yield file
        temporary.replace(out)
    finally:
        temporary.unlink(missing_ok=True)
