"""The field-report contract for people and other programs: JSON Schema and blank templates."""

from __future__ import annotations

import json
from typing import Any, Literal

from adapters.field_reports.model import FieldReport, field_names


def field_report_json_schema() -> dict[str, Any]:
    """JSON Schema of one report as it is written in a file (what the loader accepts)."""
    schema = FieldReport.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


_YAML_TEMPLATE = """\
# Laporan kegiatan (field report) for humas.
# Fill in the blanks after the colons and save the file as UTF-8 with the .yaml extension.
# Lines starting with # are comments. Fields marked (required) must be filled in; leave
# any other field blank when it does not apply. Several activities can go in one file as
# a list: start each one with "- " and indent its fields.

report_id:          # your own reference for this report, e.g. LAP/042/X/2023 (optional)
reporter:           # who sends the report (required)
  name:             # full name, e.g. Budi Santoso (required)
  rank:             # rank, e.g. Aipda, Bripka, Iptu (required)
  nrp:              # NRP (8 digits) or NIP (18 digits), in quotes: "84061234"
unit:               # reporting unit, e.g. Polsek Belitang (required)
kind:               # (required) simulation, outreach, deployment, coordination, press or other,
                    # or as you call it: sosialisasi, penyuluhan, Jumat Curhat, sambang,
                    # patroli dialogis, cooling system, apel, gelar pasukan, rakor, rilis …
title:              # short title of the activity, one line (required)
date:               # day of the activity (required): 17/11/2023, 17 November 2023,
                    # Jumat, 17 November 2023 or 2023-11-17; the year in four digits
time:               # local start time, e.g. 09.00, 09:00 WIB or "pukul 09.00 WITA s.d. selesai"
                    # (the zone is kept; a range such as 09.00-11.00 is refused)
place:              # where it happened
  venue:            # building or spot, e.g. Balai Desa Sumber Jaya
  village:          # desa or kelurahan
  subdistrict:      # kecamatan
  district:         # kabupaten or kota
  province:         # provinsi
units: []           # participating units, e.g. [Polsek Belitang, Koramil 403-05]
personnel:          # number of personnel involved, digits only: 12
stakeholders: []    # partners present, e.g. [Pemerintah Desa, Bawaslu, tokoh agama]
audience:           # who was reached, e.g. warga dan tokoh masyarakat Desa Sumber Jaya
audience_size:      # how many people were reached, digits only: 1250 (not 1.250, ± 50 or 50 orang)
channel:            # tatap muka, radio, media sosial, spanduk …
messages: []        # key messages, e.g. [tolak hoaks, jaga kamtibmas jelang Pemilu 2024]
operation:          # operation name or slug, e.g. Mantap Brata 2023-2024
scenario_setting:   # simulation only: the staged situation
scenario_steps: []  # simulation only: the scenario step by step, one list entry per step
attachments: []     # photos/videos next to this file: [{path: foto/kegiatan-1.jpg}]
narrative:          # free account; for several lines write "narrative: |" and indent the text
"""


def _blank_record() -> dict[str, Any]:
    """A record with every field present and empty, in the order of the contract."""
    record: dict[str, Any] = {}
    for name in field_names():
        top, _, sub = name.partition(".")
        if sub:
            record.setdefault(top, {})[sub] = ""
        elif name in ("units", "stakeholders", "messages", "scenario_steps", "attachments"):
            record[name] = []
        elif name in ("personnel", "audience_size"):
            record[name] = None
        else:
            record[name] = ""
    return record


_CSV_EXAMPLE = {
    "report_id": "LAP/001/XI/2023",
    "reporter.name": "Budi Santoso",
    "reporter.rank": "Aipda",
    "reporter.nrp": "84061234",
    "unit": "Polsek Belitang",
    "kind": "outreach",
    "title": "Jumat Curhat bersama warga",
    "date": "17/11/2023",
    "time": "09:00",
    "place.venue": "Balai Desa",
    "place.village": "Sumber Jaya",
    "place.subdistrict": "Belitang",
    "place.district": "OKU Timur",
    "place.province": "Sumatera Selatan",
    "units": "Polsek Belitang; Koramil",
    "personnel": "6",
    "stakeholders": "Pemerintah Desa; tokoh agama",
    "audience": "warga desa",
    "audience_size": "40",
    "channel": "tatap muka",
    "messages": "tolak hoaks; jaga kamtibmas",
    "operation": "Mantap Brata 2023-2024",
    "scenario_setting": "",
    "scenario_steps": "",
    "attachments": "foto/curhat-1.jpg",
    "narrative": "Warga menyampaikan keluhan soal ronda malam.",
}


def field_report_template(fmt: Literal["yaml", "json", "csv"]) -> str:
    """A blank report to fill in, as the text of a file in format ``fmt``.

    * ``yaml``: every field with a comment explaining it; the best choice for people.
    * ``json``: a list holding one blank record. JSON has no comments and the contract
      refuses unknown fields, so instructions cannot travel inside the file; the blank
      record shows the shape instead (text fields ``""``, counts ``null``, lists ``[]``)
      and blanks that stay empty simply mean "not given". See the YAML template or the
      JSON Schema for what each field means.
    * ``csv``: the header row with every column, then an example row commented out with
      ``#`` (the loader skips such lines). Put one activity per row below it; lists go in
      one cell, separated by ``;``.
    """
    if fmt == "yaml":
        return _YAML_TEMPLATE
    if fmt == "json":
        return json.dumps([_blank_record()], indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        header = ",".join(field_names())
        example = ",".join(_csv_cell(_CSV_EXAMPLE[name]) for name in field_names())
        return f"{header}\n# example: {example}\n"
    raise ValueError(f"unknown template format {fmt!r}; use yaml, json or csv")


def _csv_cell(value: str) -> str:
    if any(char in value for char in ',"\n'):
        return '"' + value.replace('"', '""') + '"'
    return value
