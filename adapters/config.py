"""A small settings file in the user's config directory (``humas config set actor NAME``)."""

import json
import os
from pathlib import Path

KEYS = ("actor", "store")


class ConfigError(ValueError):
    """A settings file or setting that cannot be used; the message is one line."""


def config_path() -> Path:
    override = os.environ.get("HUMAS_CONFIG")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("humas", appauthor=False)) / "config.json"


def read_config() -> dict[str, str]:
    path = config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path}: unreadable settings file ({error})") from None
    return {key: str(value) for key, value in data.items() if key in KEYS}


def write_setting(key: str, value: str | None) -> Path:
    if key not in KEYS:
        raise ConfigError(f"unknown setting {key!r}; known: {', '.join(KEYS)}")
    settings = read_config()
    if value is None:
        settings.pop(key, None)
    else:
        settings[key] = value
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(settings, indent=2, ensure_ascii=False), encoding="utf-8")
    temporary.replace(path)  # never a half-written settings file
    return path
