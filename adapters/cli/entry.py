"""The ``humas`` executable: ``humas --help`` answered without importing click.

Importing click is most of the command's start-up. The root help never changes between
releases' runs, so it is kept rendered (adapters/cli/root_help.py, made by
``python -m adapters.cli.root_help``; a test checks it equals click's own rendering) and
printed at once. Everything else, and the help at a terminal narrower than click's
80 columns, goes through click.
"""

import os
import sys


def main() -> None:
    if sys.argv[1:] in (["--help"], ["-h"]) and _width() == 78 and not _completing():
        from adapters.cli.root_help import TEXT

        sys.stdout.write(TEXT)
        sys.exit(0)
    from adapters.cli.main import main as run

    run()


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
