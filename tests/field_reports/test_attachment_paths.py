"""An attachment path never reaches outside the report's folder: a sender must not be
able to probe which files exist on the machine that imports the report, or learn their
hashes."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.field_reports.load import FieldReportErrors, load_field_reports
from tests.cli import humas

RECORD = """\
- report_id: ATT-1
  reporter: {name: Sari Wulandari, rank: Aipda}
  unit: Polsek Belitang
  kind: outreach
  title: Sosialisasi dengan lampiran
  date: 2023-10-25
  attachments:
"""


def refused(path: Path) -> list[str]:
    with pytest.raises(FieldReportErrors) as caught:
        load_field_reports(path)
    return caught.value.lines


@pytest.mark.parametrize(
    "written",
    ["../../../../../../etc/passwd", "/etc/shadow", "/proc/self/environ", "foto/../../x.jpg"],
)
def test_a_path_outside_the_folder_is_refused_without_reading_it(
    write: Callable[..., Path], written: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    write("x.jpg", b"outside")  # exists one level up from the report's folder
    path = write("kiriman/r.yaml", RECORD + f"    - path: {written}\n")
    opened: list[str] = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(str(self)) or real_open(self, *a, **k))  # fmt: skip
    assert refused(path) == [f"{path}:1: attachments[0].path: outside the report's folder"]
    assert not [name for name in opened if not name.endswith("r.yaml")]


def test_a_symlink_leading_out_of_the_folder_is_refused(write: Callable[..., Path]) -> None:
    secret = write("rahasia.txt", b"secret")
    path = write("kiriman/r.yaml", RECORD + "    - path: foto.jpg\n")
    os.symlink(secret, path.parent / "foto.jpg")
    assert refused(path) == [f"{path}:1: attachments[0].path: outside the report's folder"]


def test_the_attachments_root_widens_the_folder(
    write: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    photo = write("arsip/foto.jpg", b"photo")
    path = write("kiriman/r.yaml", RECORD + f"    - path: ../arsip/foto.jpg\n    - path: {photo}\n")
    assert refused(path)[0].endswith("attachments[0].path: outside the report's folder")
    monkeypatch.setenv("HUMAS_ATTACHMENTS_ROOT", str(photo.parent))
    [report] = [item.report for item in load_field_reports(path)]
    assert [a.path for a in report.attachments] == [str(photo.resolve())] * 2


def test_the_command_refuses_it_with_exit_2_and_stores_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "kiriman"
    folder.mkdir()
    report = folder / "lap.yaml"
    report.write_text(RECORD + "    - path: ../../../../../../etc/passwd\n", encoding="utf-8")
    store = str(tmp_path / "store.sqlite")
    result = humas(store, "ingest", "field-report", str(report))
    assert result.code == 2
    assert result.err.strip().endswith(
        "lap.yaml:1: attachments[0].path: outside the report's folder"
    )
    assert humas(store, "activity", "list", "--json").json() == []
