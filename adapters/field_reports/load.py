"""Load field reports from YAML, JSON or CSV files: the whole file or nothing.

Every record of a file is validated before anything is returned. When any record, or the
file itself, is wrong, :class:`FieldReportErrors` lists every problem found, one per line:

* ``FILE:LOCATION: FIELD: problem`` for a problem with one record, where LOCATION is the
  physical line where the record starts (YAML and CSV; lines count from 1) or the record's
  position in the top-level list written as ``[N]`` (JSON; counts from 0 like the list
  itself, and a file holding a single object is record ``[0]``). FIELD is the field as
  named in the file (``audience_size``, ``place.venue``, ``units[2]``), or ``record`` when
  the problem concerns the record as a whole.
* ``FILE: problem`` for a problem with the file as a whole (unreadable, not UTF-8, broken
  YAML or JSON syntax, empty). Syntax errors name their line inside the problem text.

No other exception leaves :func:`load_field_reports`.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ValidationError

from adapters.cli.i18n import N_
from adapters.field_reports.model import (
    KINDS,
    LIST_SEPARATOR,
    MAX_CELL,
    SAID,
    Attachment,
    FieldReport,
    Place,
    Reporter,
    field_names,
)

MAX_FILE_BYTES = 16 * 1024 * 1024  # ten thousand long CSV rows fit; a stray video does not

FORMATS: dict[str, Literal["yaml", "json", "csv"]] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".csv": "csv",
}

LIST_FIELDS = frozenset({"units", "stakeholders", "messages", "scenario_steps", "attachments"})
REQUIRED_COLUMNS = ("reporter.name", "reporter.rank", "unit", "kind", "title", "date")
CSV_LIST_SEPARATOR = LIST_SEPARATOR  # the same in a CSV cell and a YAML or JSON text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file; ``location`` is None for file-level problems.

    ``template`` and ``values`` are the message as a code and values (English words with
    ``{name}`` fields), so the command line can say it in the reader's language;
    ``message`` is the English sentence."""

    path: str
    message: str
    location: str | None = None
    field: str | None = None
    template: str | None = None
    values: dict[str, Any] | None = None

    def __str__(self) -> str:
        return self.said()

    def said(self, tell: Callable[..., str] | None = None) -> str:
        """The problem as one line; with ``tell`` (adapters/cli/i18n.py), in its words."""
        message = self.message
        if tell is not None and self.template is not None:
            values = {
                name: tell(value) if name in WORDS and isinstance(value, str) else value
                for name, value in (self.values or {}).items()
            }
            message = tell(self.template, **values)
        # One problem is one line, whatever the message quoted from the file.
        message = " ".join(message.splitlines())
        if self.location is None:
            return f"{self.path}: {message}"
        field = self.field or "record"
        if not _PLAIN_FIELD.fullmatch(field):
            # A name taken from the file (an unknown column, a key with spaces) must not
            # break the FILE:LOCATION: FIELD: shape, so it moves into the message, quoted.
            message, field = f"{_preview(field)}: {message}", "record"
        return f"{self.path}:{self.location}: {field}: {message}"


def problem(
    path: str,
    template: str,
    location: str | None = None,
    field: str | None = None,
    /,
    **values: Any,
) -> Problem:
    """A Problem from its words and values (numbers written 1,234 in English)."""
    english = {
        name: f"{value:,}" if type(value) is int else value for name, value in values.items()
    }
    return Problem(path, template.format_map(english), location, field, template, values)


_PLAIN_FIELD = re.compile(r"[\w.\[\]-]{1,80}")


class FieldReportErrors(Exception):
    """A file was refused; ``problems`` holds everything found wrong with it, and
    ``loaded`` the records that met the contract (checked against the store too, so
    every problem of the file is listed at once)."""

    def __init__(self, problems: list[Problem], loaded: list[LoadedReport] | None = None) -> None:
        self.problems = list(problems)
        self.loaded = list(loaded or [])
        super().__init__("\n".join(self.lines))

    @property
    def lines(self) -> list[str]:
        return [str(problem) for problem in self.problems]


@dataclass(frozen=True)
class LoadedReport:
    """A validated report and where it came from.

    ``location`` is the line where the record starts (YAML, CSV) or its index in the
    top-level list (JSON); ``location_kind`` says which.
    """

    report: FieldReport
    path: Path
    location: int
    location_kind: Literal["line", "index"]

    @property
    def where(self) -> str:
        """``FILE:LINE`` or ``FILE:[INDEX]``, the same form as in error lines."""
        return f"{self.path}:{self.at}"

    @property
    def at(self) -> str:
        """``LINE`` or ``[INDEX]``."""
        return _location_text(self.location, self.location_kind)


def load_field_reports(path: Path) -> list[LoadedReport]:
    """Read every report in ``path`` (.yaml, .yml, .json or .csv) or raise FieldReportErrors."""
    path = Path(path)
    try:
        return _load(path)
    except FieldReportErrors:
        raise
    except Exception as exc:
        # Last resort so a caller never sees a traceback for a bad file. Tests check that
        # this message never appears, so a bug here still gets noticed.
        raise FieldReportErrors(
            [
                problem(
                    str(path),
                    "unexpected internal error: {error}: {detail}",
                    error=type(exc).__name__,
                    detail=exc,
                )
            ]
        ) from exc


@dataclass
class _Raw:
    """A record as parsed from the file, before validation."""

    location: int
    data: Any
    problems: list[Problem]
    # Fields already reported by the parser; the model's errors about them are noise.
    settled: frozenset[str] = frozenset()
    # False when the parser could not make sense of the record (a CSV row whose cells do
    # not line up with the header): validating it would only repeat the problem.
    validate: bool = True


def _load(path: Path) -> list[LoadedReport]:
    name = str(path)
    if path.is_dir():  # a folder typed for its files (kiriman/ for kiriman/*.csv)
        raise _file_error(name, "is a directory, not a report file")
    if path.exists() and not path.is_file():
        # A pipe or a device would be read for ever, or block the import waiting for it.
        raise _file_error(name, "is not a regular file")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise _file_error(
            name,
            "unsupported file type {suffix}; use .yaml, .json or .csv",
            suffix=repr(path.suffix or "(none)"),
        )
    text = _decode(name, _read(path))
    if not text.strip():
        raise _file_error(name, "file is empty")
    kind: Literal["line", "index"] = "index" if fmt == "json" else "line"
    if fmt == "yaml":
        raws = _parse_yaml(name, text)
    elif fmt == "json":
        raws = _parse_json(name, text)
    else:
        raws = _parse_csv(name, text)
    if not raws:
        raise _file_error(name, "file contains no reports")

    problems: list[Problem] = []
    loaded: list[LoadedReport] = []
    context: dict[str, Any] = {"base_dir": path.parent}
    for raw in raws:
        where = _location_text(raw.location, kind)
        problems.extend(raw.problems)
        if not raw.validate:
            continue
        if not isinstance(raw.data, dict):
            problems.append(
                problem(name, "must be a report (field: value …), got {type}", where, "record",
                        type=_describe_type(raw.data))
            )  # fmt: skip
            continue
        try:
            report = FieldReport.model_validate(raw.data, context=context)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                field = _field_name(error["loc"])
                if error["type"] == "invalid_key":  # the key is the problem: name its parent
                    field = _field_name(error["loc"][:-1])
                if field.split(".")[0].split("[")[0] in raw.settled:
                    continue
                template, values = _explain(error)
                problems.append(problem(name, template, where, field or "record", **values))
            continue
        if not raw.problems:
            loaded.append(LoadedReport(report, path, raw.location, kind))
    problems.extend(_duplicates(name, loaded))
    if problems:
        faulty = {problem.location for problem in problems}
        sound = [report for report in loaded if _location_text(report.location, kind) not in faulty]
        raise FieldReportErrors(problems, sound)
    return loaded


def _file_error(
    name: str, template: str, values: dict[str, Any] | None = None, /, **more: Any
) -> FieldReportErrors:
    return FieldReportErrors([problem(name, template, **(values or {}), **more)])


def _location_text(location: int, kind: Literal["line", "index"]) -> str:
    return f"[{location}]" if kind == "index" else str(location)


def _read(path: Path) -> bytes:
    name = str(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise _file_error(name, "file not found") from None
    except IsADirectoryError:
        raise _file_error(name, "is a directory, not a report file") from None
    except PermissionError:
        raise _file_error(name, "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise _file_error(name, "cannot be read: {reason}", reason=exc.strerror or exc) from None
    if len(data) > MAX_FILE_BYTES:
        raise _file_error(
            name,
            "file is larger than {size} MiB; split it up",
            size=MAX_FILE_BYTES // (1024 * 1024),
        )
    return data


def _decode(name: str, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export; say what to do instead of a decoding error.
        raise _file_error(name, "file is UTF-16 encoded; save it as UTF-8 (e.g. 'CSV UTF-8')")
    try:
        # utf-8-sig drops the byte-order mark that Excel puts before "CSV UTF-8" files.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = f"0x{data[exc.start]:02x}"
        raise _file_error(
            name, "line {line}: not valid UTF-8 text (byte {byte}); save the file as UTF-8",
            line=str(line), byte=byte,
        ) from None  # fmt: skip
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise _file_error(
            name, "line {line}: contains a NUL character; is it a binary file?", line=str(line)
        )
    return text


# ---------------------------------------------------------------------------- YAML


class _YamlLoader(yaml.SafeLoader):
    """Safe loading with the YAML 1.1 surprises that hit report forms switched off.

    Unquoted ``10:30`` is a base-60 integer (630) in YAML 1.1 and ``2023-10-17`` becomes a
    date object; ``010`` is octal; ``09.00`` is the number 9.0 and ``1.250`` is 1.25, where
    the officer wrote a time and a thousand. Here times, dates and anything with a dot stay
    text as written (the model reads them, or names them as written when it refuses them)
    and only plain decimal numbers become integers. The pure-Python loader is used on
    purpose: deep nesting then ends in a catchable RecursionError rather than a crash in C.
    """


_INT_TAG = "tag:yaml.org,2002:int"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_AS_TEXT = (_INT_TAG, _TIMESTAMP_TAG, _FLOAT_TAG)  # no field of a report is a fraction
_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _AS_TEXT]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_YamlLoader.add_implicit_resolver(
    _INT_TAG, re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)


def _parse_yaml(name: str, text: str) -> list[_Raw]:
    try:
        # Creating the loader already scans the text for characters YAML forbids.
        loader = _YamlLoader(text)
    except yaml.reader.ReaderError as exc:
        raise _file_error(name, *_yaml_reader_message(text, exc)) from None
    try:
        document = loader.get_single_node()
        if document is None:
            return []
        if isinstance(document, yaml.SequenceNode):
            nodes = list(document.value)
        elif isinstance(document, yaml.MappingNode):
            nodes = [document]
        else:
            raise _file_error(
                name, "must hold one report (field: value …) or a list of reports, got a value"
            )
        seen: set[int] = set()
        budget = _AliasBudget()
        checks = [_check_yaml_record(name, node, seen, budget) for node in nodes]
        if any(unsafe for _, _, unsafe in checks):
            # A value that contains itself or repeats without end cannot be read; stop here.
            return [
                _Raw(node.start_mark.line + 1, None, problems, validate=False)
                for node, (problems, _, _) in zip(nodes, checks, strict=True)
                if problems
            ]
        data = loader.construct_document(document)
    except yaml.MarkedYAMLError as exc:
        raise _file_error(name, *_yaml_message(exc)) from None
    except yaml.reader.ReaderError as exc:
        raise _file_error(name, *_yaml_reader_message(text, exc)) from None
    except yaml.YAMLError as exc:
        raise _file_error(name, N_("not valid YAML: {detail}"), detail=exc) from None
    except RecursionError:
        raise _file_error(name, "not a report form: the YAML is nested too deeply") from None
    except ValueError as exc:
        # e.g. an integer with thousands of digits
        raise _file_error(name, N_("not valid YAML: {detail}"), detail=exc) from None
    finally:
        loader.dispose()
    records = data if isinstance(document, yaml.SequenceNode) else [data]
    return [
        _Raw(node.start_mark.line + 1, record, problems, settled)
        for node, record, (problems, settled, _) in zip(nodes, records, checks, strict=True)
    ]


def _yaml_message(exc: yaml.MarkedYAMLError) -> tuple[str, dict[str, Any]]:
    # PyYAML says what it was doing (context) and then what went wrong (problem).
    mark = exc.problem_mark or exc.context_mark
    text = ", ".join(part for part in (exc.context, exc.problem) if part) or "syntax error"
    if mark is None:
        return N_("not valid YAML: {detail}"), {"detail": text}
    where = {"line": str(mark.line + 1), "column": str(mark.column + 1), "detail": text}
    if "found character '\\t'" in (exc.problem or ""):
        # Notepad indents with a tab, which YAML forbids; PyYAML's words do not say so.
        del where["detail"]
        return N_("line {line}, column {column}: not valid YAML: a tab here; use spaces "
                  "instead (YAML does not take tabs to indent)"), where  # fmt: skip
    return N_("line {line}, column {column}: not valid YAML: {detail}"), where


def _yaml_reader_message(text: str, exc: yaml.reader.ReaderError) -> tuple[str, dict[str, Any]]:
    line = text.count("\n", 0, exc.position) + 1
    character = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1])
    return N_("line {line}: not valid YAML: the character {character} is not allowed"), {
        "line": str(line), "character": f"U+{character:04X}"
    }  # fmt: skip


# Values an aliased record may expand to, and a whole file: a sheet of ten thousand
# reports is about 300,000; aliases repeating a value without end are refused instead.
MAX_RECORD_VALUES = 20_000
MAX_FILE_VALUES = 1_000_000


class _AliasLoop(Exception):
    """A YAML value that contains itself through an alias."""


@dataclass
class _AliasBudget:
    """Values counted as aliases expand them, shared by the records of one file."""

    used: int = 0
    sizes: dict[int, int] = field(default_factory=dict)  # node id -> values it expands to


def _expanded_size(node: yaml.Node, budget: _AliasBudget, visiting: set[int]) -> int:
    """How many values ``node`` stands for once every alias in it is written out (each
    node counted once, so an alias repeated a billion times costs no more than once)."""
    key = id(node)
    if key in budget.sizes:
        return budget.sizes[key]
    if key in visiting:
        raise _AliasLoop
    visiting.add(key)
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    else:
        children = []
    total = 1
    for child in children:
        total += _expanded_size(child, budget, visiting)
        if total > MAX_RECORD_VALUES:
            break
    visiting.discard(key)
    budget.sizes[key] = total
    return total


def _check_yaml_record(
    name: str, record: yaml.Node, seen: set[int], budget: _AliasBudget
) -> tuple[list[Problem], frozenset[str], bool]:
    """Refuse what PyYAML would accept silently or could not finish: repeated keys, and
    aliases (``*name``) that make a value contain itself or repeat without end.

    Anchors and aliases are fine otherwise (a reporter written once and reused, ``<<:``
    merges): they are written-out values. ``seen`` holds the nodes of the file already
    checked for repeated keys, so a value reused by an alias is checked once. Returns the
    problems, the fields they settle, and whether the record cannot be read at all.
    """
    where = str(record.start_mark.line + 1)
    try:
        size = _expanded_size(record, budget, set())
    except _AliasLoop:
        said = N_(
            "uses a YAML alias (*name) inside the value it names; write the value out instead"
        )
        return [problem(name, said, where, "record")], frozenset(), True
    budget.used += size
    if size > MAX_RECORD_VALUES or budget.used > MAX_FILE_VALUES:
        return (
            [
                problem(
                    name,
                    "its YAML aliases (*name) repeat values more than {limit} times; write the "
                    "values out instead",
                    where,
                    "record",
                    limit=MAX_RECORD_VALUES if size > MAX_RECORD_VALUES else MAX_FILE_VALUES,
                )
            ],
            frozenset(),
            True,
        )
    problems: list[Problem] = []
    settled: set[str] = set()
    stack: list[tuple[yaml.Node, str]] = [(record, "")]
    while stack:
        node, prefix = stack.pop()
        if id(node) in seen:
            continue  # reused through an alias: checked where it was written
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first_line: dict[str, int] = {}
            for key, value in node.value:
                key_text = key.value if isinstance(key, yaml.ScalarNode) else None
                field = f"{prefix}{key_text}" if key_text is not None else prefix or "record"
                if key_text is not None and key_text in first_line:
                    problems.append(
                        problem(name, "is given twice (lines {first} and {second}); keep one",
                                where, field, first=str(first_line[key_text]),
                                second=str(key.start_mark.line + 1))
                    )  # fmt: skip
                    settled.add(field.split(".")[0])
                elif key_text is not None:
                    first_line[key_text] = key.start_mark.line + 1
                stack.append((value, f"{field}."))
        elif isinstance(node, yaml.SequenceNode):
            base = prefix.rstrip(".")
            stack.extend((item, f"{base}[{i}].") for i, item in enumerate(node.value))
    return problems, frozenset(settled), False


# ---------------------------------------------------------------------------- JSON


class _JsonObject(dict):  # type: ignore[type-arg]
    """A JSON object that remembers keys it saw twice (json keeps only the last one)."""

    repeated: tuple[str, ...] = ()


def _json_object(pairs: list[tuple[str, Any]]) -> _JsonObject:
    result = _JsonObject()
    repeated = []
    for key, value in pairs:
        if key in result:
            repeated.append(key)
        result[key] = value
    if repeated:
        result.repeated = tuple(repeated)
    return result


def _parse_json(name: str, text: str) -> list[_Raw]:
    try:
        data = json.loads(text, object_pairs_hook=_json_object)
    except json.JSONDecodeError as exc:
        raise _file_error(
            name, "line {line}, column {column}: not valid JSON: {detail}",
            line=str(exc.lineno), column=str(exc.colno), detail=exc.msg,
        ) from None  # fmt: skip
    except RecursionError:
        raise _file_error(name, "not a report form: the JSON is nested too deeply") from None
    except ValueError as exc:
        raise _file_error(name, "not valid JSON: {detail}", detail=exc) from None
    if isinstance(data, dict):
        _refuse_a_wrapped_list(name, data)
        records = [data]
    elif isinstance(data, list):
        records = data
    else:
        raise _file_error(
            name, "must hold one report object or a list of report objects, got a value"
        )
    raws = []
    for index, record in enumerate(records):
        problems, settled = _check_json_record(name, f"[{index}]", record)
        raws.append(_Raw(index, record, problems, settled))
    return raws


def _refuse_a_wrapped_list(name: str, data: dict[str, Any]) -> None:
    """A form tool's export holds the reports under a key of its own ({"data": [...]}).
    Said once, about the file, rather than as every field of a report missing; the list is
    not taken from under the key, since which key holds reports would be a guess."""
    if any(key in FieldReport.model_fields for key in data):
        return
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
            raise _file_error(
                name,
                "holds no report but a list under {key}; the file must be that list "
                "itself, or one report",
                key=repr(key),
            )


def _check_json_record(name: str, where: str, record: Any) -> tuple[list[Problem], frozenset[str]]:
    problems: list[Problem] = []
    settled: set[str] = set()
    stack: list[tuple[Any, str]] = [(record, "")]
    while stack:
        value, prefix = stack.pop()
        if isinstance(value, _JsonObject):
            for key in value.repeated:
                field = f"{prefix}{key}"
                problems.append(problem(name, "is given twice; keep one", where, field))
                settled.add(field.split(".")[0].split("[")[0])
            stack.extend((item, f"{prefix}{key}.") for key, item in value.items())
        elif isinstance(value, list):
            base = prefix.rstrip(".")
            stack.extend((item, f"{base}[{i}].") for i, item in enumerate(value))
    return problems, frozenset(settled)


# ---------------------------------------------------------------------------- CSV


_COLUMNS = field_names()
_COLUMN_SET = frozenset(_COLUMNS)
# A column as a clerk retypes its name in a sheet: "Report ID", "Reporter Name",
# "Audience Size", "place-village". Dots, underscores, hyphens and spaces left out, every
# column's name is still its own, so no such name can be read as another column.
_SPELLING = re.compile(r"[\s._-]+")
_LOOSE_COLUMNS = {_SPELLING.sub("", column): column for column in _COLUMNS}
assert len(_LOOSE_COLUMNS) == len(_COLUMNS), "two columns would be written alike"


def _column_name(cell: str) -> str:
    """The column a header cell names, or the cell as written (lower case) when none."""
    written = cell.strip().lower()
    if written in _COLUMN_SET:
        return written
    return _LOOSE_COLUMNS.get(_SPELLING.sub("", written), written)


class _PhysicalLines:
    """Feeds the csv reader physical lines, dropping ``#`` comment lines between records.

    The csv reader pulls a new line only when it needs one, so ``at_boundary`` (set by
    the consumer after every record) tells whether a line starts a record or continues a
    quoted cell; a ``#`` inside a quoted multi-line cell is data, not a comment.
    """

    def __init__(self, text: str) -> None:
        self._lines = io.StringIO(text, newline="")
        self.number = 0  # physical line last handed out (or skipped)
        self.record_start = 0
        self.at_boundary = True

    def __iter__(self) -> Iterator[str]:
        for line in self._lines:
            self.number += 1
            if self.at_boundary:
                if line.startswith("#"):
                    continue
                self.record_start = self.number
                self.at_boundary = False
            yield line


def _sniff_delimiter(text: str) -> str:
    # Excel in an Indonesian locale saves "CSV" with semicolons; tabs come from copy-paste.
    header = next(
        (line for line in io.StringIO(text, newline="") if line.strip() and line[0] != "#"), ""
    )

    def known(delimiter: str) -> int:
        cells = next(csv.reader([header], delimiter=delimiter), [])
        return sum(_column_name(cell) in _COLUMN_SET for cell in cells)

    return max((",", ";", "\t"), key=known)  # ties go to the comma, listed first


# A separator as a problem names it; a tab is invisible when quoted as itself.
_SEPARATOR_NAMES = {",": "','", ";": "';'", "\t": "tab"}


def _parse_csv(name: str, text: str) -> list[_Raw]:
    lines = _PhysicalLines(text)
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    columns: list[_Column] = []
    header_line = 0
    raws: list[_Raw] = []
    problems: list[Problem] = []
    try:
        for row in reader:
            start = lines.record_start
            lines.at_boundary = True
            if not any(cell.strip() for cell in row):
                continue  # blank line or a row of empty cells at the end of a sheet
            if header is None:
                header, header_line = [_column_name(cell) for cell in row], start
                problems.extend(_check_header(name, header, start))
                if problems:
                    raise FieldReportErrors(problems)
                columns = [_Column.of(column) for column in header]
                while columns and not columns[-1].name:
                    # The unnamed empty columns a sheet exports at the end hold nothing: a
                    # value there is a row that has shifted, and is told as too many cells.
                    columns.pop()
                continue
            raws.append(_csv_record(name, columns, row, start, delimiter))
    except csv.Error as exc:
        line = str(lines.number)
        if "field larger than field limit" in str(exc):
            raise _file_error(
                name, "line {line}: not valid CSV: a cell is longer than {limit} characters",
                line=line, limit=MAX_CELL,
            ) from None  # fmt: skip
        raise _file_error(
            name, "line {line}: not valid CSV: {detail}", line=line, detail=exc
        ) from None
    if header is None:
        return []
    if not raws:
        raise _file_error(
            name, "has a header (line {line}) but no report rows", line=str(header_line)
        )
    return raws


def _check_header(name: str, header: list[str], line: int) -> list[Problem]:
    where = str(line)
    if not _COLUMN_SET.intersection(header):
        # Not a misspelt header but none at all: one clear line instead of one per cell.
        return [
            problem(name, "the first row must be the header naming the columns, e.g. {columns}",
                    where, "record", columns=",".join(REQUIRED_COLUMNS))
        ]  # fmt: skip
    problems = []
    width = len(header)
    while width and not header[width - 1]:
        width -= 1  # spreadsheets often export a few unnamed empty columns at the end
    for position, column in enumerate(header[:width], start=1):
        if not column:
            problems.append(
                problem(
                    name, "column {position} has no name", where, "record", position=str(position)
                )
            )
        elif column not in _COLUMN_SET:
            problems.append(_unknown(name, N_("unknown column"), column, _COLUMNS, where, column))
        elif header.index(column) != position - 1:
            problems.append(problem(name, "column appears twice", where, column))
    for column in REQUIRED_COLUMNS:
        if column not in header:
            problems.append(problem(name, "required column is missing", where, column))
    return problems


@dataclass(frozen=True)
class _Column:
    """How one header column turns into a field; worked out once per file, not per row."""

    name: str
    top: str
    sub: str
    is_list: bool
    required: bool

    @classmethod
    def of(cls, name: str) -> _Column:
        top, _, sub = name.partition(".")
        return cls(name, top, sub, name in LIST_FIELDS, name in REQUIRED_COLUMNS)


def _csv_record(
    name: str, columns: list[_Column], row: list[str], line: int, delimiter: str
) -> _Raw:
    where = str(line)
    width = len(columns)
    if len(row) != width and (len(row) < width or any(cell.strip() for cell in row[width:])):
        cells = len(row)
        while cells > width and not row[cells - 1].strip():
            cells -= 1  # the empty cells at the end of a longer row are not its cells
        if cells > width:
            # Name the file's own separator: in a ";" sheet, "Polsek A; Koramil B" unquoted
            # splits the row, and a hint about commas would send the clerk looking elsewhere.
            template = N_(
                "has {cells} cells but the header has {columns} columns; "
                "is a {separator} inside a cell missing its quotes?"
            )
        else:
            template = N_("has {cells} cells but the header has {columns} columns")
        found = problem(name, template, where, "record", cells=str(cells), columns=str(width),
                        separator=_SEPARATOR_NAMES[delimiter])  # fmt: skip
        return _Raw(line, None, [found], validate=False)
    problems: list[Problem] = []
    record: dict[str, Any] = {}
    settled: set[str] = set()
    for column, cell in zip(columns, row, strict=False):
        if "\r" in cell:
            # A line break inside a quoted cell is CRLF when the sheet was saved on
            # Windows: the same report saved elsewhere must read (and hash) the same.
            cell = cell.replace("\r\n", "\n").replace("\r", "\n")
        value: Any = cell
        if not cell or cell.isspace():
            # An empty cell means "not given"; for a required field that must say "fill
            # it in" rather than "missing", since its column is right there.
            if not column.required:
                continue
            value = None
        elif not column.name:
            problems.append(problem(name, "a value sits in a column without a name", where))
            continue
        elif len(cell) > MAX_CELL:
            problems.append(
                problem(
                    name,
                    "cell is too long ({length} characters; the limit is {limit})",
                    where,
                    column.name,
                    length=len(cell),
                    limit=MAX_CELL,
                )
            )
            settled.add(column.top)
            continue
        elif column.is_list:
            value = [item for item in map(str.strip, cell.split(CSV_LIST_SEPARATOR)) if item]
            if column.top == "attachments":
                value = [{"path": item} for item in value]
        if column.sub:
            nested = record.get(column.top)
            if nested is None:
                nested = record[column.top] = {}
            nested[column.sub] = value
        else:
            record[column.top] = value
    return _Raw(line, record, problems, frozenset(settled))


# ---------------------------------------------------------------------------- messages


_NESTED: dict[str, type[BaseModel]] = {
    "reporter": Reporter,
    "place": Place,
    "attachments": Attachment,
}


def _field_name(loc: tuple[int | str, ...]) -> str:
    """('reporter', 'name') -> reporter.name; ('units', 2) -> units[2]."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _suggested(template: str, name: str, names: list[str]) -> tuple[str, dict[str, Any]]:
    """``template`` ("unknown column"), with the name meant when one is close."""
    # A nested name written on its own (``venue`` for ``place.venue``) is a common slip.
    nested = [column for column in _COLUMNS if column.rpartition(".")[2] == name]
    close = nested or difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if not close:
        return template, {}
    meant = {N_("unknown column"): N_("unknown column; did you mean {name}?"),
             N_("unknown field"): N_("unknown field; did you mean {name}?")}[template]  # fmt: skip
    return meant, {"name": repr(close[0])}


def _unknown(
    path: str, template: str, name: str, names: list[str], where: str, field: str
) -> Problem:
    said, values = _suggested(template, name, names)
    return problem(path, said, where, field, **values)


# What a value is, in words a problem names ("got a number"); said in the reader's
# language too, like the domain's words (the values named in WORDS, see Problem.said).
TYPE_WORDS = (N_("nothing"), N_("true/false"), N_("a number"), N_("text"), N_("a list"),
              N_("a mapping (field: value …)"))  # fmt: skip


def _describe_type(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (field: value …)"
    return type(value).__name__


# Values of a problem that are words rather than data: ``type`` (TYPE_WORDS), and the
# domain's (domain/model/errors.py WORDS: an action, a change, a sort of record).
WORDS = frozenset({"type", "action", "what", "sort"})


def _preview(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _explain(error: Any) -> tuple[str, dict[str, Any]]:
    """Turn a pydantic error into words about the file and their values."""
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    loc = error["loc"]
    if kind == "missing":
        return N_("is required but missing"), {}
    if kind == "invalid_key":  # YAML reads an unquoted 1 or null as a number or nothing
        return N_("has a field name that is not text: {name} (write it in quotes)"), {
            "name": str(loc[-1])
        }
    if kind == "extra_forbidden":
        parent = next((str(p) for p in loc[:-1] if isinstance(p, str)), None)
        model = _NESTED.get(parent, FieldReport) if parent else FieldReport
        return _suggested(N_("unknown field"), str(loc[-1]), list(model.model_fields))
    if kind == "field_report":
        template, values = ctx[SAID]
        return template, values
    blank = value is None or (isinstance(value, str) and not value.strip())
    if blank and (kind.endswith("_type") or kind in ("literal_error", "string_too_short")):
        return N_("must be filled in"), {}
    if kind == "string_too_long":
        return N_("is too long ({length} characters; the limit is {limit})"), {
            "length": len(value), "limit": ctx["max_length"]
        }  # fmt: skip
    if kind == "too_long":
        return N_("has too many entries (the limit is {limit})"), {"limit": ctx["max_length"]}
    if kind == "string_type":
        if isinstance(value, int | float | bool):
            return N_("must be text, got {type} (write it in quotes)"), {
                "type": _describe_type(value)
            }
        return N_("must be text, got {type}"), {"type": _describe_type(value)}
    # finite_number: JSON's NaN and Infinity, and numbers too big for a float (1e400).
    if kind in ("int_parsing", "int_type", "int_from_float", "int_parsing_size", "finite_number"):
        return N_("must be a whole number, got {got}"), {"got": _preview(value)}
    if kind == "greater_than_equal":
        return N_("must be {least} or more, got {got}"), {
            "least": ctx["ge"],
            "got": _preview(value),
        }
    if kind == "less_than_equal":
        return N_("must be at most {most}, got {got}"), {"most": ctx["le"], "got": _preview(value)}
    if kind == "literal_error":
        return N_("must be one of {choices}; got {got}"), {
            "choices": ", ".join(KINDS), "got": _preview(value)
        }  # fmt: skip
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return N_("must be a mapping (field: value …), got {type}"), {"type": _describe_type(value)}
    if kind == "list_type":
        return N_("must be a list, got {type}"), {"type": _describe_type(value)}
    return N_("{detail} (got {got})"), {"detail": error["msg"], "got": _preview(value)}


def _duplicates(name: str, loaded: list[LoadedReport]) -> list[Problem]:
    """Two records with one id would be one activity twice; refuse the file instead."""
    problems = []
    first: dict[str, LoadedReport] = {}
    for item in loaded:
        key = item.report.effective_report_id
        earlier = first.setdefault(key, item)
        if earlier is item:
            continue
        earlier_at = _location_text(earlier.location, earlier.location_kind)
        at_line = earlier.location_kind == "line"
        here = _location_text(item.location, item.location_kind)
        if item.report.report_id is not None:
            template = (
                N_("{id} is already used by the record at line {earlier}")
                if at_line
                else N_("{id} is already used by the record at {earlier}")
            )
            found = problem(name, template, here, "report_id", id=repr(key), earlier=earlier_at)
        else:
            template = (
                N_("same content as the record at line {earlier} (no report_id to tell them apart)")
                if at_line
                else N_("same content as the record at {earlier} (no report_id to tell them apart)")
            )
            found = problem(name, template, here, "record", earlier=earlier_at)
        problems.append(found)
    return problems
