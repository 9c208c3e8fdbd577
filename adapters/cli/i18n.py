"""The language the command line speaks (Indonesian or English) and its words.

Every text the ``humas`` command prints for a person is an English message (the msgid)
looked up in a gettext catalogue, ``adapters/cli/locale/{id,en}/LC_MESSAGES/humas.po``,
compiled to ``humas.mo`` beside it by ``python -m adapters.cli.catalogue`` (a test checks
the compiled files are up to date). The compiled file is read with the standard library
only when a text is first printed, so choosing the language costs nothing at start-up.

The language: ``--lang id|en`` before the command, else ``$HUMAS_LANG``, else the
``lang`` setting (``humas config set lang id``), else the locale (``LANG=id_ID.UTF-8``),
else English. This module imports neither click nor Babel: ``humas --help`` uses it.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # not typing's: importing typing is a tenth of `humas --help`
if TYPE_CHECKING:
    from collections.abc import Sequence
    from gettext import NullTranslations
    from typing import Any

LANGS = ("id", "en")
DIGIT_GROUPS = {"id": ".", "en": ","}  # how each language groups a number's digits
DOMAIN = "humas"
LOCALE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "locale")
# Root options that take a value, so the scan for --lang skips their values.
_VALUED_ROOT_OPTIONS = ("--store", "--as")

_current: str | None = None
_catalogues: dict[str, NullTranslations] = {}


def normalise(value: str | None) -> str | None:
    """``id``, ``id_ID.UTF-8``, ``in_ID``, ``en_GB`` … as a catalogue's language, else None."""
    if not value:
        return None
    head = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    head = {"in": "id", "ind": "id", "eng": "en"}.get(head, head)
    return head if head in LANGS else None


def lang_in_args(args: Sequence[str]) -> str | None:
    """The value of the root's ``--lang`` among the arguments before the command."""
    skip = False
    for index, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--lang":
            return args[index + 1] if index + 1 < len(args) else None
        elif arg.startswith("--lang="):
            return arg.partition("=")[2]
        elif arg in _VALUED_ROOT_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return None  # the command: a later --lang is the command's own (report --lang)
    return None


def choose(args: Sequence[str] | None = None) -> str:
    """The language to speak, from the sources above in their order."""
    for value in (lang_in_args(args or ()), os.environ.get("HUMAS_LANG")):
        if lang := normalise(value):
            return lang
    if lang := normalise(_configured()):
        return lang
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(name):
            return normalise(os.environ[name].split(":")[0]) or "en"
    return "en"


def _configured() -> str | None:
    from adapters.config import ConfigError, read_config

    try:
        return read_config().get("lang")
    except ConfigError:
        return None  # an unreadable settings file is reported by the command that reads it


def use(lang: str) -> None:
    """Speak ``lang`` from now on (the root's ``--lang`` option, tests)."""
    global _current
    if lang not in LANGS:
        raise ValueError(f"no catalogue for {lang!r}")
    _current = lang


def language() -> str:
    global _current
    if _current is None:
        _current = choose(sys.argv[1:])
    return _current


def catalogue(lang: str) -> NullTranslations:
    if lang not in _catalogues:
        from gettext import GNUTranslations, NullTranslations

        path = os.path.join(LOCALE_DIR, lang, "LC_MESSAGES", f"{DOMAIN}.mo")
        try:
            with open(path, "rb") as handle:
                _catalogues[lang] = GNUTranslations(handle)
        except FileNotFoundError:  # not compiled yet (python -m adapters.cli.catalogue)
            _catalogues[lang] = NullTranslations()
    return _catalogues[lang]


def gettext(message: str) -> str:
    """``message`` (English) in the current language."""
    return catalogue(language()).gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    return catalogue(language()).ngettext(singular, plural, count)


_ = gettext


def N_(message: str) -> str:
    """Marks a message for the catalogue; it is translated where it is printed."""
    return message


def tell(message: str, /, **values: Any) -> str:
    """``message`` translated, its ``{name}`` fields filled with ``values`` as this
    language writes them (numbers "1.234" / "1,234", dates "17 Oktober 2023")."""
    text = gettext(message)
    return (
        text.format_map({name: shown(value) for name, value in values.items()}) if values else text
    )


def shown(value: Any) -> Any:
    """A value as the current language writes it inside a sentence."""
    from datetime import date, datetime

    if isinstance(value, bool) or not isinstance(value, int | float | date):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        from babel.dates import format_date

        return format_date(value, "d MMMM y", locale=language())
    if isinstance(value, int):  # any size (Babel's decimals stop at 28 digits), no Babel
        return f"{value:,}".replace(",", DIGIT_GROUPS[language()])
    from babel.numbers import format_decimal

    return format_decimal(value, locale=language())


def install_into_click() -> None:
    """Click's own words (Usage, Options, its errors) through this catalogue, and the
    help texts of commands and options translated when they are shown.

    Click binds ``gettext`` in each of its modules; those names are replaced. Texts made
    when a command is declared (the help option's) stay English there and are translated
    when shown, like every help text of humas, so one process can show both languages.
    """
    import click
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.shell_completion
    import click.termui
    import click.types
    import click.utils

    if getattr(click, "_humas_i18n", False):
        return
    for module in (click.core, click.exceptions, click.formatting, click.parser,
                   click.termui, click.types, click.utils, click.shell_completion):  # fmt: skip
        module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
    click.decorators._ = N_  # type: ignore[attr-defined]

    def translated(method: Any, *attributes: str) -> Any:
        def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            kept = {name: getattr(self, name) for name in attributes}
            for name, text in kept.items():
                if text:
                    setattr(self, name, gettext(_clean(text)))
            try:
                return method(self, *args, **kwargs)
            finally:
                for name, text in kept.items():
                    setattr(self, name, text)

        return call

    core = click.core
    core.Command.format_help_text = translated(core.Command.format_help_text, "help")  # type: ignore[method-assign]
    core.Command.format_epilog = translated(core.Command.format_epilog, "epilog")  # type: ignore[method-assign]
    core.Command.get_short_help_str = translated(  # type: ignore[method-assign]
        core.Command.get_short_help_str, "help", "short_help"
    )
    core.Option.get_help_record = translated(core.Option.get_help_record, "help")  # type: ignore[method-assign]
    core.Argument.get_help_record = translated(core.Argument.get_help_record, "help")  # type: ignore[method-assign]
    for cls in (core.Command, core.Group):
        cls.collect_usage_pieces = _usage_translated(cls.collect_usage_pieces)  # type: ignore[method-assign]
    click._humas_i18n = True  # type: ignore[attr-defined]


# Words of click that its own extraction misses (its usage line; "required").
CLICK_WORDS = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."), N_("required"))


def _usage_translated(method: Any) -> Any:
    def call(self: Any, ctx: Any) -> list[str]:
        return [gettext(piece) for piece in method(self, ctx)]

    return call


def _clean(text: str) -> str:
    import inspect

    return inspect.cleandoc(text)


def explain(error: Any) -> str:
    """A refusal in the current language: a worded one (its sentence and values), or a
    coded one (the domain's, a date's)."""
    from adapters.worded import WordedError
    from domain.model.errors import MESSAGES as DOMAIN_MESSAGES
    from domain.model.errors import WORDS, DomainError

    if isinstance(error, WordedError):
        return tell(error.template, **error.values)
    if isinstance(error, DomainError):
        table, words = DOMAIN_MESSAGES, WORDS
    else:
        from adapters.dates import MESSAGES as table

        words = {}
    values = {
        name: gettext(words[name].get(str(value), str(value))) if name in words else value
        for name, value in error.values.items()
    }
    return tell(table[error.code], **values)
