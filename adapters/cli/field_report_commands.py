"""``humas schema field-report`` and ``humas template field-report``: the contract for senders."""

import click

from adapters.cli.common import print_json


@click.group("schema")
def schema() -> None:
    """JSON Schemas of the files humas reads.

    \b
    Example:
      humas schema field-report
    """


@schema.command("field-report")
def field_report_schema() -> None:
    """Print the JSON Schema of a field report.

    \b
    Example:
      humas schema field-report > laporan-kegiatan.schema.json
    """
    from adapters.field_reports import field_report_json_schema

    print_json(field_report_json_schema())


@click.group("template")
def template() -> None:
    """Blank, commented templates of the files humas reads.

    \b
    Example:
      humas template field-report --format yaml > laporan.yaml
    """


@template.command("field-report")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json", "csv"]), default="yaml")
def field_report_template(fmt: str) -> None:
    """Write a blank field-report template to standard output.

    \b
    Example:
      humas template field-report --format csv > laporan-polsek.csv
    """
    from adapters.field_reports import field_report_template as blank

    click.echo(blank(fmt), nl=False)  # type: ignore[arg-type]  # click.Choice checked it
