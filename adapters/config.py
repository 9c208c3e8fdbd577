"""A small settings file in the user's config directory (``humas config set actor NAME``)."""

import json
import os
import sys
from pathlib import Path

from adapters.worded import WordedError

KEYS = ("actor", "store", "lang")
LANGS = ("id", "en")  # the languages of the command line (adapters/cli/i18n.py)


class ConfigError(WordedError, ValueError):
    """A settings file or setting that cannot be used; the message is one line."""


def config_path() -> Path:
    override = os.environ.get("HUMAS_CONFIG")
    if override:
        return Path(override)
    if sys.platform.startswith("linux"):  # platformdirs' rule, without importing it (start-up)
        base = os.environ.get("XDG_CONFIG_HOME", "").strip() or os.path.expanduser("~/.config")
        return Path(base) / "humas" / "config.json"
    from platformdirs import user_config_dir

    return Path(user_config_dir("humas", appauthor=False)) / "config.json"


def read_config() -> dict[str, str]:
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise ConfigError(
            "{path}: unreadable settings file ({error})", path=path, error=error
        ) from None
    return {key: str(value) for key, value in data.items() if key in KEYS}


def write_setting(key: str, value: str | None) -> Path:
    if key not in KEYS:
        raise ConfigError(
            "unknown setting {key}; known: {known}", key=repr(key), known=", ".join(KEYS)
        )
    if key == "lang" and value is not None and value not in LANGS:
        raise ConfigError("lang is {choices}, not {got}", choices=", ".join(LANGS), got=repr(value))
    settings = read_config()
    if value is None:
        settings.pop(key, None)
    else:
        settings[key] = value
    path = config_path()
    from adapters.files import written_whole  # only a change of settings writes

    path.parent.mkdir(parents=True, exist_ok=True)
    with written_whole(path) as file:
        file.write(json.dumps(settings, indent=2, ensure_ascii=False))
    return path
