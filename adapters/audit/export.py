"""The audit export: one JSON object a line (JSONL), written as it is read, and its check.

The format (``humas-audit-export/1``) is documented in the README, section Audit. The
check needs no store and no key: it hashes the stored bytes the export carries, with the
same code (:class:`domain.model.seal_check.Check`) that checks a store.
"""

import json
from base64 import b64decode
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from eventsourcing.persistence import Notification

from adapters.store import StoreError
from adapters.worded import WordedError
from domain.model.seal import Problem, SealRecord, Verdict, record_digest, verdict_note
from domain.model.seal_check import Check
from domain.usecases.replay import EXPORT_FORMAT


@dataclass(frozen=True)
class Written:
    events: int
    seals: int
    last_position: int


def write_export(lines: Iterable[dict[str, Any]], out: IO[str]) -> Written:
    """Write each line as it comes, so memory stays flat however big the store."""
    end: dict[str, Any] = {}
    for line in lines:
        out.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
        if line["kind"] == "end":
            end = line
    return Written(end["events"], end["seals"], end["last_position"])


class _Lines:
    """The lines of an export, read once per pass; what cannot be read is a problem."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.last = 0  # the number of the file's last line, read or not

    def read(self, note_problems: bool) -> Iterator[tuple[int, dict[str, Any]]]:
        with self.path.open(encoding="utf-8", errors="replace") as lines:
            for number, text in enumerate(lines, start=1):
                self.last = number
                try:
                    item = json.loads(text)
                    if not isinstance(item, dict) or "kind" not in item:
                        raise ValueError("no kind")
                except ValueError:
                    if note_problems:
                        self._problem(
                            number, "{file} line {line} is not a line of a humas audit export"
                        )
                    continue
                yield number, item

    def _problem(self, number: int, said: str, **values: Any) -> None:
        """A problem of the export's line ``number``; ``said`` follows "FILE line N"."""
        where = {"file": self.path.name, "line": number}
        self.problems.append(Problem("export", None, said, values={**where, **values}))


class _Readable:
    """Each event line's readable fields compared with what its stored bytes say,
    decoded as humas decodes them (the same code wrote them); an encrypted store's
    bytes need its key, without which the fields are not checked (and the check says so)."""

    def __init__(self, key: str | None) -> None:
        from adapters.protection import CIPHER_TOPIC, store_env
        from adapters.store import StoreConfig
        from domain.application import HumasApplication

        config = StoreConfig("memory", "export", {"PERSISTENCE_MODULE": "eventsourcing.popo"})
        self.app = HumasApplication(env=store_env(config, read_only=False, key=key))
        self.encrypted = 0
        self.keyed = key is not None and bool(CIPHER_TOPIC)
        # With a key: encrypted events it opened, and those it did not (all of them: a
        # key of another store; a few: bytes changed, which the cipher refuses).
        self.opened = 0
        self.unopened: list[Notification] = []

    def compare(self, item: dict[str, Any], stored: Notification) -> str | None:
        """The first readable field that differs from the stored event (None: none)."""
        said = self.app.readable_fields(stored)
        encrypted = not _is_clear(stored.state)
        if "error" in said and encrypted and not self.keyed:
            self.encrypted += 1
            return None
        if "error" in said and encrypted and "error" not in item:
            self.unopened.append(stored)
            return None
        self.opened += encrypted
        said = json.loads(json.dumps(said, ensure_ascii=False, default=str))
        for field, value in said.items():
            if item.get(field) != value:
                return field
        extra = set(item) - set(said) - _NOT_READABLE
        return sorted(extra)[0] if extra else None


# Line keys that are not read from the stored event.
_NOT_READABLE = {"kind", "position", "stream", "version", "topic", "state", "digest"}


def _is_clear(state: bytes) -> bool:
    try:
        return isinstance(json.loads(state), dict)
    except ValueError:
        return False


class ExportFileError(WordedError, ValueError):
    """A file that is no humas audit export at all; one line for a person."""


def _check_header(path: Path) -> None:
    """Refuse in one line a file whose first line is no export header (a store, a
    report, another file given by mistake) rather than name each of its lines."""
    try:
        with path.open("rb") as file:
            first = file.readline(1 << 20)
    except OSError as error:
        raise ExportFileError(
            "{path}: cannot be read ({error})", path=str(path), error=error.strerror or error
        ) from None
    try:
        item = json.loads(first)
    except ValueError:
        item = None
    if not isinstance(item, dict) or (item.get("kind"), item.get("format")) != (
        "header",
        EXPORT_FORMAT,
    ):
        raise ExportFileError(
            "{path} is not a humas audit export: its first line is not the header of {format}",
            path=str(path),
            format=EXPORT_FORMAT,
        )


def check_export(path: Path, expect: Iterable[str] = (), key: str | None = None) -> Verdict:
    """Check an export against the seals it carries (and the hashes in ``expect``), and
    its readable fields against its stored bytes (``key``: the store's cipher key)."""
    _check_header(path)
    lines = _Lines(path)
    seals, header, end = [], None, None
    for number, item in lines.read(note_problems=True):
        if item["kind"] == "header":
            header = item
        elif item["kind"] == "end":
            end = (number, item)
        elif item["kind"] == "seal":
            try:
                seals.append(_seal(item))
            except (KeyError, TypeError, ValueError):
                lines._problem(number, "{file} line {line} is a seal line that cannot be read")
    if header is None or header.get("format") != EXPORT_FORMAT:
        lines._problem(
            1, "{file} line {line} does not start an export of format {format}",
            format=EXPORT_FORMAT,
        )  # fmt: skip
    check = Check(seals)
    readable = _Readable(key)
    digests: dict[int, tuple[str, str, int]] = {}
    events = 0
    for number, item in lines.read(note_problems=False):
        if item["kind"] != "event":
            continue
        try:
            position, stream = int(item["position"]), UUID(item["stream"])
            version, topic = int(item["version"]), str(item["topic"])
            state = b64decode(item["state"], validate=True)
        except (KeyError, TypeError, ValueError):
            lines._problem(number, "{file} line {line} is an event line that cannot be read")
            continue
        check.feed(position, stream, version, topic, state)
        events += 1
        differs = readable.compare(
            item,
            Notification(
                id=position,
                originator_id=stream,
                originator_version=version,
                topic=topic,
                state=state,
            ),
        )
        if differs:
            lines.problems.append(Problem(
                "export", None, "{field} differs from the stored event",
                position, str(stream), version, values={"field": differs},
            ))  # fmt: skip
        if record_digest(position, stream, version, topic, state) != item.get("digest"):
            digests[position] = (str(stream), topic, version)
    if readable.unopened and not readable.opened:
        raise StoreError(
            "this key does not open the export's events (they were encrypted with another key)"
        )
    for stored in readable.unopened:
        lines.problems.append(Problem(
            "export", None, "its stored bytes cannot be read with the key given",
            stored.id, str(stored.originator_id), stored.originator_version,
        ))  # fmt: skip
    verdict = check.finish(list(expect))
    _check_end(lines, end, lines.last, events, len(seals))
    named = {problem.position for problem in verdict.problems}
    for position, (stream_id, _, version) in digests.items():
        if position not in named:  # nothing else vouches for it: it is after every seal
            verdict.problems.append(Problem(
                "altered", None, "its digest in the export does not match its content",
                position, stream_id, version,
            ))  # fmt: skip
    verdict.problems[:0] = lines.problems
    if readable.encrypted:
        verdict.notes.append(verdict_note(
            "the readable fields of {count} encrypted events were not checked: give the "
            "store's key with --key",
            count=readable.encrypted,
        ))  # fmt: skip
    _name_streams(lines, verdict.problems)
    return verdict


def _seal(item: dict[str, Any]) -> SealRecord:
    return SealRecord(
        number=int(item["number"]),
        start=None if item["start"] is None else int(item["start"]),
        position=int(item["position"]),
        count=int(item["count"]),
        previous=str(item["previous"]),
        hash=str(item["hash"]),
        manifest=str(item["manifest"]),
        sealed_at=str(item.get("sealed_at", "")),
        actor=str(item.get("actor", "")),
    )


def _check_end(
    lines: _Lines, end: tuple[int, dict[str, Any]] | None, last_line: int, events: int, seals: int
) -> None:
    if end is None:
        lines._problem(
            last_line,
            "{file} line {line} is the last: the end line is missing, the export was cut short",
        )
        return
    number, item = end
    if number != last_line:
        lines._problem(number, "{file} line {line} is the end line, but lines follow it")
    if (item.get("events"), item.get("seals")) != (events, seals):
        lines._problem(
            number,
            "{file} line {line} counts {said_events} events and {said_seals} seals; "
            "the export holds {events} and {seals}",
            said_events=item.get("events"), said_seals=item.get("seals"),
            events=events, seals=seals,
        )  # fmt: skip


def _name_streams(lines: _Lines, problems: list[Problem]) -> None:
    """Full ids (for records a seal lists by prefix), types and titles, from the export."""
    wanted = {problem.stream for problem in problems if problem.stream}
    if not wanted:
        return
    full: dict[str, str] = {}
    named: dict[str, tuple[str | None, str | None]] = {}
    for _, item in lines.read(note_problems=False):
        stream = item.get("stream")
        if item["kind"] != "event" or not isinstance(stream, str):
            continue
        prefix = stream.replace("-", "")[:16]
        if prefix in wanted:
            full[prefix] = stream
        if stream in wanted or prefix in wanted:
            record_type, title = named.get(stream, (None, None))
            named[stream] = (item.get("record_type") or record_type, item.get("title") or title)
    for problem in problems:
        if problem.stream:
            problem.stream = full.get(problem.stream, problem.stream)
            problem.record_type, problem.title = named.get(problem.stream, (None, None))
