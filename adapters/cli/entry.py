"""The ``humas`` executable: ``humas --help`` answered without importing click.

Importing click is most of the command's start-up. The root help never changes between
releases' runs, so it is kept rendered (adapters/cli/root_help.py, made by
``python -m adapters.cli.root_help``; a test checks it equals click's own rendering) and
printed at once, in the language chosen (adapters/cli/i18n.py). Everything else, and the help at a terminal narrower than click's
80 columns, goes through click.
"""

import os
import sys
from pathlib import Path

# The folder holding humas's packages, and the packages whose byte code start-up reads.
ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("adapters", "domain", "reports")


def main() -> None:
    if sys.dont_write_bytecode:
        compile_once(ROOT, PACKAGES)
    args = sys.argv[1:]
    if _root_help(args) and _width() == 78 and not _completing():
        from adapters.cli.i18n import choose
        from adapters.cli.root_help import TEXTS

        sys.stdout.write(TEXTS[choose(args)])
        sys.exit(0)
    from adapters.cli.main import main as run

    run()


def compile_once(root: Path, packages: tuple[str, ...]) -> None:
    """Write the packages' byte code when Python will not (PYTHONDONTWRITEBYTECODE).

    pip compiles a package it installs; an editable install (the README's) is never
    compiled, so where that variable is set every command would compile its hundred
    modules again, which is most of ``humas log``'s start-up. Done the first time and
    after a source file changes (one stat a file tells); a folder humas may not write to
    is left as it is."""
    from importlib.util import cache_from_source

    try:
        probe = Path(cache_from_source(str(root / packages[0] / "__init__.py")))
        if probe.exists() and probe.stat().st_mtime >= _newest_source(root, packages):
            return
        import compileall

        for package in packages:
            compileall.compile_dir(root / package, quiet=2)
        os.utime(probe)  # the probe's byte code marks when the packages were compiled
    except OSError:
        pass


def _newest_source(root: Path, packages: tuple[str, ...]) -> float:
    """When a source file of the packages last changed."""
    newest = 0.0
    folders = [str(root / package) for package in packages]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    newest = max(newest, entry.stat().st_mtime)
                elif entry.is_dir() and entry.name != "__pycache__":
                    folders.append(entry.path)
    return newest


def _root_help(args: list[str]) -> bool:
    """``humas --help``, also after ``--lang id|en``."""
    if args[:1] == ["--lang"] and args[1:2] in (["id"], ["en"]):
        args = args[2:]
    elif args[:1] in (["--lang=id"], ["--lang=en"]):
        args = args[1:]
    return args in (["--help"], ["-h"])


def _width() -> int:
    """The width click formats help to: the terminal's columns, at most 80, less 2."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if not columns:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80  # not a terminal: shutil's fallback, as click uses it
    return max(min(columns, 80) - 2, 50)


def _completing() -> bool:
    return any(name.endswith("_COMPLETE") for name in os.environ)
