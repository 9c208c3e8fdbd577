"""Keeps the command line's catalogues: gathers every message, updates the .po files,
compiles them to the .mo files the command reads (adapters/cli/i18n.py).

    python -m adapters.cli.catalogue          # after changing or adding any text
    python -m adapters.cli.catalogue --check  # what is missing or out of date (tests)

Messages come from ``_``/``N_``/``tell``/``ngettext`` calls in adapters/, the domain's
message tables (domain/model/errors.py), click's own words, and the help of every command,
option and argument of the command tree. A new message enters both .po files with an
empty translation; Indonesian ones must then be written (the tests refuse an empty one).
English ones stay empty: the msgid is the English text.
"""

import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from adapters.cli.i18n import DOMAIN, LANGS, LOCALE_DIR

if TYPE_CHECKING:
    import click

ROOT = Path(__file__).resolve().parents[2]
Message = str | tuple[str, ...]  # a text, or a singular/plural pair
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)
KEYWORDS = {
    "_": None, "N_": None, "tell": None, "ngettext": (1, 2),
    "problem": (2,), "_file_error": (2,), "_fail": (1,),  # field reports' problems
    "announce": None, "say": None, "StoreError": None, "ConfigError": None, "TimeError": None,
    "NewsReadError": None, "WordedError": None, "ReportFileError": None, "ExportFileError": None,
    # what a check finds: domain/model/seal.py Problem and note, and their helpers
    "Problem": (3,), "verdict_note": None, "_seal_problem": (2,), "_record_problem": (6,),
    "_problem": (2,),
}  # fmt: skip
# The domain's modules whose sentences a check's verdict says (as Problem and note).
DOMAIN_SAYING = ("domain/model/seal_check.py", "domain/model/seal_reconcile.py",
                 "domain/usecases/sealing.py")  # fmt: skip
# Click's modules whose words a person sees (usage, help, parse errors, prompts).
CLICK_MODULES = ("core", "exceptions", "formatting", "parser", "types", "termui", "decorators")


def po_path(lang: str) -> Path:
    return Path(LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return Path(LOCALE_DIR) / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"


def messages() -> dict[Message, str]:
    """Every message (a text, or a singular/plural pair) with where it comes from."""
    found: dict[Message, str] = {}
    for source in _sources():
        for path, message in source:
            if message and message not in found:
                found[message] = path
    return found


def _sources() -> Iterator[Iterator[tuple[str, Message]]]:
    yield _from_code()
    yield _from_domain()
    yield _from_click()
    yield _from_command_tree()


def _from_code() -> Iterator[tuple[str, Message]]:
    paths = [*sorted((ROOT / "adapters").rglob("*.py")), *(ROOT / p for p in DOMAIN_SAYING)]
    for path in paths:
        if path.name == "catalogue.py":
            continue
        for _line, message, _comments, _context in extract_from_file(
            "python", path, keywords=KEYWORDS, comment_tags=(), strip_comment_tags=False
        ):
            yield str(path.relative_to(ROOT)), message


def _from_domain() -> Iterator[tuple[str, str]]:
    from adapters.dates import MESSAGES as DATE_MESSAGES
    from domain.model.errors import MESSAGES, WORDS

    for message in MESSAGES.values():
        yield "domain/model/errors.py", message
    for words in WORDS.values():
        for word in words.values():
            yield "domain/model/errors.py", word
    for message in DATE_MESSAGES.values():
        yield "adapters/dates.py", message


def _from_click() -> Iterator[tuple[str, Message]]:
    import click

    folder = Path(click.__file__).parent
    for name in CLICK_MODULES:
        for _line, message, _comments, _context in extract_from_file(
            "python", folder / f"{name}.py", keywords={"_": None, "ngettext": (1, 2)}
        ):
            yield f"click/{name}.py", message


def _from_command_tree() -> Iterator[tuple[str, str]]:
    import inspect

    import click

    from adapters.cli.main import COMMANDS, cli

    for name, (_where, line) in COMMANDS.items():
        yield f"COMMANDS[{name!r}]", line
    for spaced, command in walk(cli):
        path = spaced.replace(" ", "/")
        for text in (command.help, command.short_help, command.epilog):
            if text:
                yield path, inspect.cleandoc(text)
        for param in command.params:
            if isinstance(param, click.Option | click.Argument) and param.help:
                yield path, inspect.cleandoc(param.help)


def walk(command: "click.Command", path: str = "humas") -> Iterator[tuple[str, "click.Command"]]:
    """Every command of the tree with its path (``humas log outreach``)."""
    import click

    assert isinstance(command, click.Command)
    yield path, command
    if isinstance(command, click.Group):
        context = click.Context(command, info_name=path.split()[-1])
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            if sub is not None and not sub.hidden:
                yield from walk(sub, f"{path} {name}")


def updated(lang: str, found: dict[Message, str]) -> Catalog:
    """The language's catalogue with exactly ``found``, keeping existing translations."""
    path = po_path(lang)
    old = read_po(path.open("rb"), locale=lang) if path.exists() else Catalog(locale=lang)
    # Fixed dates: an unchanged catalogue gives the same bytes (Babel would put today's).
    new = Catalog(locale=lang, domain=DOMAIN, project="humas", fuzzy=False,
                  creation_date=FIXED_DATE, revision_date=FIXED_DATE)  # fmt: skip
    new.header_comment = "# The humas command line's words; see adapters/cli/catalogue.py."
    for message, where in found.items():
        kept = old.get(message)  # type: ignore[arg-type]
        translation = kept.string if kept is not None and lang != "en" else ""
        if isinstance(message, tuple) and not translation:
            translation = ("", "") if lang == "en" else ("",)  # type: ignore[assignment]
        new.add(message, translation, locations=[(where, 0)])  # type: ignore[arg-type]
    return new


def compiled(lang: str) -> bytes:
    catalog = read_po(po_path(lang).open("rb"), locale=lang)
    out = BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def write(lang: str, catalog: Catalog) -> None:
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = BytesIO()
    write_po(out, catalog, width=88, omit_header=False, sort_output=False, no_location=False,
             include_lineno=False)  # fmt: skip
    path.write_bytes(out.getvalue())
    mo_path(lang).write_bytes(compiled(lang))


def problems() -> list[str]:
    """What is out of date: a message not in a catalogue, an empty Indonesian
    translation, a .mo not compiled from its .po."""
    found = messages()
    said = []
    for lang in LANGS:
        catalog = read_po(po_path(lang).open("rb"), locale=lang)
        missing = [m for m in found if catalog.get(m) is None]  # type: ignore[arg-type]
        said += [f"{lang}: not in the catalogue: {m!r}" for m in missing[:20]]
        if lang == "id":
            said += [
                f"id: not translated: {m.id!r}" for m in catalog if m.id and not _translated(m)
            ][:20]
        if not mo_path(lang).exists() or mo_path(lang).read_bytes() != compiled(lang):
            said.append(f"{lang}: {mo_path(lang)} is not compiled from its .po")
    return said


def _translated(message: object) -> bool:
    string = message.string  # type: ignore[attr-defined]
    return all(string) if isinstance(string, tuple | list) else bool(string)


def main() -> None:
    if sys.argv[1:] == ["--check"]:
        said = problems()
        print("\n".join(said) or "up to date")
        sys.exit(1 if said else 0)
    found = messages()
    for lang in LANGS:
        write(lang, updated(lang, found))
    untranslated = [line for line in problems() if "not translated" in line]
    print(
        f"{len(found)} messages; "
        + (f"{len(untranslated)}+ untranslated" if untranslated else "all translated")
    )


if __name__ == "__main__":
    main()
