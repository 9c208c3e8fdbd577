"""Weekly and period reports (Laporan Anev) from plain read-model data.

Public API::

    from reports import ReportInput, build_figures, render
    text = render(ReportInput(...), "md")  # or "html", "json"
"""

from reports.figures import build_figures
from reports.model import ReportInput
from reports.render import render, render_html, render_json, render_markdown

__all__ = [
    "ReportInput",
    "build_figures",
    "render",
    "render_html",
    "render_json",
    "render_markdown",
]
