"""Drive the real ``humas`` command in-process and read what it printed."""

import json
from dataclasses import dataclass
from typing import Any

from click.testing import CliRunner

from adapters.cli.main import cli


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


def humas(store: str, *args: str, actor: str | None = "Bripka Ani Lestari", **env: str) -> Result:
    options = ["--store", store] + (["--as", actor] if actor else [])
    runner = CliRunner()
    result = runner.invoke(cli, [*options, *args], env={"HUMAS_ACTOR": None, **env})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Result(result.exit_code, result.stdout, result.stderr)
