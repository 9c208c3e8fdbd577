"""The field-report contract: what an officer at a Polsek sends to the Polres about an activity.

One :class:`FieldReport` is one activity. The same model validates every file format (YAML,
JSON, CSV); the loaders only turn their format into plain dictionaries first, so the rules
live in one place.

Validation is deliberately strict (unknown fields are refused, impossible dates are refused,
text has size limits) because a report that is silently mis-read ends up in an auditor's
record. Blank optional values are accepted and mean "not given", because spreadsheets and
filled-in templates leave cells empty rather than removing them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from domain.model import rules
from domain.model.values import ActivityKind

KINDS = tuple(kind.value for kind in ActivityKind)
# Spelled out for the JSON Schema's enum; a test keeps it equal to ActivityKind.
Kind = Literal["simulation", "outreach", "deployment", "coordination", "press", "other"]

# Size limits. They exist so that a runaway cell (a pasted document, a corrupt export) is
# refused with a message instead of being stored; real reports stay far below them.
# The domain's limits (domain/model/rules.py), the same as on the command line.
MAX_LINE = rules.MAX_TITLE  # names, titles, places: one line of text
MAX_ITEM = rules.MAX_TEXT  # one entry of a list (a key message, a scenario step)
MAX_TEXT = rules.MAX_TEXT  # a paragraph (audience description, scenario setting)
MAX_NARRATIVE = rules.MAX_TEXT
MAX_CELL = 50_000  # any single value in any file, checked by the loaders before parsing
MAX_LIST = 200  # entries in one list

# Control characters other than tab and newlines could hide text or drive a terminal when
# the report is printed later, so they are refused everywhere.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NEWLINE = re.compile(r"[\r\n\u2028\u2029]")
# Either of the above, so a single-line value costs one search when it is fine.
_NOT_IN_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _fail(template: str, **values: Any) -> PydanticCustomError:
    """A problem with a field: its words (English, ``{name}`` fields) and values, kept
    apart so the command line says it in the reader's language (load.Problem)."""
    # A custom error type keeps pydantic from prefixing the message with "Value error, ".
    english = {
        name: f"{value:,}" if type(value) is int else str(value) for name, value in values.items()
    }
    return PydanticCustomError("field_report", template, {**english, SAID: (template, values)})


SAID = "said"  # the key of a problem's (template, values) in a pydantic error's context


def _coded(error: Any) -> PydanticCustomError:
    """A date's or a value rule's refusal (a code and values) as a problem of the field."""
    from adapters.dates import MESSAGES as DATE_MESSAGES
    from adapters.dates import DateError
    from domain.model.errors import MESSAGES

    table = DATE_MESSAGES if isinstance(error, DateError) else MESSAGES
    # A day in a file's problem is written as in the file's contract (ISO), in any language.
    values = {k: v.isoformat() if isinstance(v, date) else v for k, v in error.values.items()}
    return _fail(table[error.code], **values)


def _no_control(value: str) -> str:
    found = _CONTROL.search(value)
    if found:
        raise _fail(
            "contains the control character {character} at position {position}",
            character=repr(found.group()),
            position=found.start() + 1,
        )
    return value


def _single_line(value: str) -> str:
    if _NOT_IN_LINE.search(value):
        if _NEWLINE.search(value):
            raise _fail("must be a single line (it contains a line break)")
        _no_control(value)
    return value


def _blank_to_none(value: Any) -> Any:
    # An empty cell or an untouched template blank means "not given".
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _none_to_empty_list(value: Any) -> Any:
    # A YAML key left blank (``units:``) reads as null; for a list that means "none".
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    return value


_WHOLE_NUMBER = re.compile(r"-?\d{1,30}")


def _whole_number(value: Any) -> Any:
    """A count as the command line takes it: digits only. pydantic would read true/false
    as 1/0, and "1.000" or 1.0 as 1, where an officer writing Indonesian means a thousand."""
    if isinstance(value, bool):
        raise _fail("must be a whole number, got {got}", got=str(value).lower())
    if isinstance(value, float):
        raise _fail("must be a whole number, got {got}", got=repr(value))
    if isinstance(value, str) and not _WHOLE_NUMBER.fullmatch(value.strip()):
        # Say how to write it: "1.250", "± 50 orang" and "50 org" are how officers write
        # counts, and guessing at them would store a wrong number in an auditor's record.
        raise _fail(
            "must be a whole number in digits only, e.g. 1250 (no dots, ± or words), got {got}",
            got=repr(_short(value)),
        )
    return value


LIST_SEPARATOR = ";"


def _text_to_list(value: Any) -> Any:
    """A list written as text, ``units: Polsek A; Koramil B`` in YAML or JSON, reads as
    a CSV cell does (README: several values in one cell are separated by ``;``)."""
    value = _none_to_empty_list(value)
    if isinstance(value, str):
        return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
    return value


def _paths_to_attachments(value: Any) -> Any:
    """An attachment written as its path alone (``foto/a.jpg``) is ``{path: foto/a.jpg}``."""
    value = _text_to_list(value)
    if isinstance(value, list):
        return [{"path": item} if isinstance(item, str) else item for item in value]
    return value


def _number_to_text(value: Any) -> Any:
    # YAML reads an unquoted NRP such as 84061234 as a number; take it as the text it is.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _limits(max_length: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


# Text types by shape: one line (names, titles, places) or free text with line breaks.
Line = Annotated[str, _limits(MAX_LINE), AfterValidator(_single_line)]
Item = Annotated[str, _limits(MAX_ITEM), AfterValidator(_no_control)]
Paragraph = Annotated[str, _limits(MAX_TEXT), AfterValidator(_no_control)]
Narrative = Annotated[str, _limits(MAX_NARRATIVE), AfterValidator(_no_control)]

OptionalLine = Annotated[Line | None, BeforeValidator(_blank_to_none)]
OptionalParagraph = Annotated[Paragraph | None, BeforeValidator(_blank_to_none)]
OptionalNarrative = Annotated[Narrative | None, BeforeValidator(_blank_to_none)]
LineList = Annotated[list[Line], Field(max_length=MAX_LIST), BeforeValidator(_text_to_list)]
ItemList = Annotated[list[Item], Field(max_length=MAX_LIST), BeforeValidator(_text_to_list)]
Count = Annotated[
    Annotated[int, Field(ge=0, le=rules.MAX_COUNT)] | None,
    BeforeValidator(_whole_number),
    BeforeValidator(_blank_to_none),
]

_NRP = re.compile(r"^\d{8,18}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def parse_report_date(value: Any) -> date:
    """Read a date as officers write it (``2023-10-17``, ``17/10/2023``, ``17 Oktober 2023``);
    the same rules as on the command line (:mod:`adapters.dates`)."""
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if value is None:
        raise _fail("must be filled in (YYYY-MM-DD or DD/MM/YYYY)")
    if not isinstance(value, str):
        raise _fail(
            "must be a date written as YYYY-MM-DD or DD/MM/YYYY, got {got}", got=_as_written(value)
        )
    text = value.strip()
    if not text:
        raise _fail("must be filled in (YYYY-MM-DD or DD/MM/YYYY)")
    from adapters.dates import DateError, parse_date

    try:
        parsed = parse_date(text)
    except DateError as error:
        raise _coded(error) from None
    # Years far outside the life of this tool are typing errors (0023, 2203), not history.
    from domain.model.errors import InvalidValue

    try:
        return rules.check_day(parsed, "date")
    except InvalidValue as error:
        raise _coded(error) from None


def parse_report_time(value: Any) -> str | None:
    """Read a local time of day as ``HH:MM`` (``09.00`` too), keeping a zone written after
    it (``09.00 WIB`` is ``09:00 WIB``); the same rules as on the command line."""
    value = _blank_to_none(value)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail("must be a time written as HH:MM, got {got}", got=_as_written(value))
    from adapters.dates import DateError, parse_time

    try:
        return parse_time(value)
    except DateError as error:
        raise _coded(error) from None


def _as_written(value: Any) -> str:
    """A value as the file wrote it: ``true``, not Python's ``True``."""
    return str(value).lower() if isinstance(value, bool) else repr(value)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


ReportDate = Annotated[
    date,
    BeforeValidator(parse_report_date),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})$",
            "description": "Day of the activity: YYYY-MM-DD or DD/MM/YYYY.",
        }
    ),
]
ReportTime = Annotated[
    str | None,
    BeforeValidator(parse_report_time),
    WithJsonSchema(
        {
            "type": ["string", "null"],
            "pattern": r"^\d{1,2}[:.]\d{2}( +(WIB|WITA|WIT|wib|wita|wit))?$",
            "description": "Local start time, HH:MM or HH.MM, optionally with WIB, WITA or WIT.",
        }
    ),
]


class _Strict(BaseModel):
    # extra='forbid' turns a misspelt field name into an error instead of a silent loss.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Reporter(_Strict):
    """The officer who sends the report."""

    name: Line = Field(description="Full name, e.g. Budi Santoso.")
    rank: Line = Field(description="Rank as written, e.g. Aipda, Bripka, Iptu.")
    nrp: Annotated[
        str | None, BeforeValidator(_number_to_text), BeforeValidator(_blank_to_none)
    ] = Field(default=None, description="NRP (8 digits) or NIP (18 digits) of the reporter.")

    @field_validator("nrp")
    @classmethod
    def _nrp_digits(cls, value: str | None) -> str | None:
        if value is not None and not _NRP.match(value):
            raise _fail(
                "{got} is not an NRP/NIP (8 to 18 digits, nothing else)", got=repr(_short(value))
            )
        return value


class Place(_Strict):
    """Where the activity happened, from the venue up to the province; all parts optional."""

    venue: OptionalLine = Field(default=None, description="Building or spot, e.g. Balai Desa.")
    village: OptionalLine = Field(default=None, description="Desa or kelurahan.")
    subdistrict: OptionalLine = Field(default=None, description="Kecamatan.")
    district: OptionalLine = Field(default=None, description="Kabupaten or kota.")
    province: OptionalLine = Field(default=None, description="Provinsi.")


ATTACHMENTS_ROOT = "HUMAS_ATTACHMENTS_ROOT"


def attachment_path(base_dir: Path, written: str) -> Path:
    """The file an attachment path names, refused unless it lies inside the report's
    folder or ``$HUMAS_ATTACHMENTS_ROOT`` (after resolving ``..`` and symlinks)."""
    if os.sep == "/":
        # Reports come from Windows PCs: foto\kegiatan.jpg means foto/kegiatan.jpg.
        written = written.replace("\\", "/")
    allowed = [base_dir.resolve()]
    root = os.environ.get(ATTACHMENTS_ROOT)
    if root:
        allowed.append(Path(root).expanduser().resolve())
    given = Path(written)
    if given.is_absolute() and not root:
        raise _fail("outside the report's folder")
    try:
        resolved = (base_dir / given).resolve()
    except (RuntimeError, OSError):  # symbolic links that lead to each other (3.11: RuntimeError)
        raise _fail("is a loop of symbolic links") from None
    if not any(resolved.is_relative_to(folder) for folder in allowed):
        raise _fail("outside the report's folder")
    return resolved


class Attachment(_Strict):
    """A photo or video that documents the activity.

    The file stays where it is; the report records its path and SHA-256 so that a later
    swap of the file can be noticed. When the report is loaded from a file (the loader
    passes ``base_dir`` in the validation context), a relative path is resolved against the
    report's folder, the file must exist, and ``path`` becomes the absolute path.

    A path must stay inside the report's folder (or ``HUMAS_ATTACHMENTS_ROOT``) once
    ``..`` and symbolic links are resolved, and is checked before the file is touched:
    otherwise a sender could learn which files exist on the machine that imports the
    report, and their hashes.
    """

    path: Line = Field(description="Path of the file, relative to the report file's folder.")
    sha256: Annotated[str | None, BeforeValidator(_blank_to_none)] = Field(
        default=None, description="SHA-256 of the file (computed when absent)."
    )

    @field_validator("sha256")
    @classmethod
    def _hex_digest(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.lower()
        if not _SHA256.match(value):
            raise _fail("sha256 must be 64 hexadecimal characters")
        return value

    @field_validator("path")
    @classmethod
    def _inside_the_folder(cls, value: str, info: ValidationInfo) -> str:
        base_dir = (info.context or {}).get("base_dir")
        if base_dir is not None:
            attachment_path(Path(base_dir), value)
        return value

    @model_validator(mode="after")
    def _check_file(self, info: ValidationInfo) -> Attachment:
        context = info.context or {}
        base_dir = context.get("base_dir")
        if base_dir is None:
            return self
        resolved = attachment_path(Path(base_dir), self.path)
        cache: dict[Path, str] = context.setdefault("sha256_cache", {})
        digest = cache.get(resolved)
        if digest is None:
            if not resolved.exists():
                raise _fail(
                    "file {path} not found (looked for {resolved})",
                    path=repr(self.path),
                    resolved=resolved,
                )
            if not resolved.is_file():
                raise _fail(
                    "{path} is not a file ({resolved})", path=repr(self.path), resolved=resolved
                )
            try:
                digest = _file_sha256(resolved)
            except OSError as exc:
                raise _fail(
                    "file {path} cannot be read: {reason}",
                    path=repr(self.path),
                    reason=exc.strerror or exc,
                ) from None
            cache[resolved] = digest
        if self.sha256 is not None and self.sha256 != digest:
            raise _fail(
                "sha256 given for {path} does not match the file (file has {digest}); the file "
                "may have been replaced",
                path=repr(self.path),
                digest=digest,
            )
        # The model is frozen; these two fields are settled here once, during validation.
        object.__setattr__(self, "path", str(resolved))
        object.__setattr__(self, "sha256", digest)
        return self


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


AttachmentList = Annotated[
    list[Attachment], Field(max_length=MAX_LIST), BeforeValidator(_paths_to_attachments)
]


def _lower_kind(value: Any) -> Any:
    # Spreadsheets capitalise ("Outreach"), officers write the Indonesian name
    # ("sosialisasi", "gelar pasukan"): both mean the kind (domain/model/rules.py).
    if not isinstance(value, str):
        return value
    from domain.model.errors import InvalidValue

    try:
        return rules.activity_kind(value).value
    except InvalidValue as error:
        raise _coded(error) from None


class FieldReport(_Strict):
    """One activity as reported by an officer (laporan kegiatan)."""

    report_id: OptionalLine = Field(
        default=None,
        description="The sender's own reference for this report; when absent, a hash of the "
        "content stands in (see effective_report_id).",
    )
    reporter: Reporter = Field(description="Who sends the report.")
    unit: Line = Field(description="Reporting unit, e.g. Polsek Belitang.")
    kind: Annotated[
        Kind,
        BeforeValidator(_lower_kind),
        WithJsonSchema({"type": "string", "enum": [*KINDS, *rules.KIND_ALIASES]}),
    ] = Field(
        description="simulation, outreach, deployment, coordination, press or other, or an "
        "Indonesian name: sosialisasi, simulasi, apel, gelar pasukan, rakor, rilis, konferensi pers …"
    )
    title: Line = Field(description="Short title of the activity.")
    date: ReportDate
    time: ReportTime = None
    place: Place = Field(default_factory=Place, description="Where it happened.")
    units: LineList = Field(default_factory=list, description="Participating units.")
    personnel: Count = Field(default=None, description="Number of personnel involved.")
    stakeholders: LineList = Field(
        default_factory=list, description="Partners present: Koramil, KPU, Bawaslu, tokoh agama …"
    )
    audience: OptionalParagraph = Field(default=None, description="Who was reached.")
    audience_size: Count = Field(default=None, description="How many people were reached.")
    channel: OptionalLine = Field(
        default=None, description="tatap muka, radio, media sosial, spanduk …"
    )
    messages: ItemList = Field(default_factory=list, description="Key messages conveyed.")
    operation: OptionalLine = Field(
        default=None, description="Slug or name of the operation, e.g. Mantap Brata 2023-2024."
    )
    scenario_setting: OptionalParagraph = Field(
        default=None, description="Simulations only: the staged situation."
    )
    scenario_steps: ItemList = Field(
        default_factory=list, description="Simulations only: the scenario, step by step."
    )
    attachments: AttachmentList = Field(
        default_factory=list, description="Photos and videos (path and optional sha256)."
    )
    narrative: OptionalNarrative = Field(default=None, description="Free account of the activity.")

    @field_validator("scenario_setting", "scenario_steps")
    @classmethod
    def _only_for_simulations(cls, value: Any, info: ValidationInfo) -> Any:
        # ``kind`` is declared earlier, so it is in info.data when it was valid; when it was
        # not, its own error is reported and this rule cannot be judged.
        kind = info.data.get("kind")
        if value and kind is not None and kind != "simulation":
            raise _fail("only a simulation has a scenario (kind is {kind})", kind=repr(kind))
        return value

    @property
    def effective_report_id(self) -> str:
        """The sender's ``report_id``, or ``sha256:<hex>`` of the canonical content."""
        return self.report_id if self.report_id is not None else "sha256:" + self.content_hash()

    def content_hash(self) -> str:
        """SHA-256 of the report's content, independent of file format and field order.

        ``report_id`` is left out (it names the content, it is not content). Fields that
        are not given (blank, empty list) are left out too, so adding an optional field to
        this contract later does not change the hash of reports that do not use it.
        Attachments count by their digest when known, so moving the photo folder does not
        change the hash.
        """
        return self._content_hash

    @cached_property
    def _content_hash(self) -> str:
        # Safe to cache: the model is frozen.
        content = self.model_dump(mode="json", exclude={"report_id"}, exclude_none=True)
        content["attachments"] = [
            {"sha256": item["sha256"]} if "sha256" in item else {"path": item["path"]}
            for item in content["attachments"]
        ]
        given = {key: value for key, value in content.items() if value not in ([], {})}
        canonical = json.dumps(given, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def field_names() -> list[str]:
    """Every field name as written in files, nested ones dotted (``reporter.name``)."""
    names: list[str] = []
    for name, info in FieldReport.model_fields.items():
        nested = info.annotation
        if isinstance(nested, type) and issubclass(nested, BaseModel):
            names.extend(f"{name}.{sub}" for sub in nested.model_fields)
        else:
            names.append(name)
    return names
