"""Every chart of the app in one zip: each as PNG and as the CSV of exactly what it draws."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import plotly.graph_objects as go

from trade_mission.charts.base import Chart
from trade_mission.data.queries import SourceDocument
from trade_mission.reports.images import chart_height, for_export, render_pngs
from trade_mission.text.i18n import Language, t

Renderer = Callable[[list[tuple[go.Figure, int, int]]], list[bytes]]
PACK_WIDTH = 1100


def charts_zip(
    charts: list[Chart], source: SourceDocument, lang: Language, render: Renderer = render_pngs
) -> bytes:
    """``charts`` numbered in order, as PNG and CSV, with a README naming each one's source."""
    images = render([(for_export(chart), PACK_WIDTH, chart_height(chart)) for chart in charts])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (chart, image) in enumerate(zip(charts, images, strict=True), start=1):
            stem = f"{number:02d}-{chart.chart_id}"
            archive.writestr(f"{stem}.png", image)
            archive.writestr(f"{stem}.csv", chart.csv())
        archive.writestr(t("files.readme", lang), zip_readme(charts, source, lang))
    return buffer.getvalue()


def zip_readme(charts: list[Chart], source: SourceDocument, lang: Language) -> str:
    lines = [t("briefing.zip_readme", lang, publisher=source.publisher, url=source.url), ""]
    for number, chart in enumerate(charts, start=1):
        lines += [f"{number:02d}-{chart.chart_id}: {chart.title}", f"    {chart.caption}", ""]
    return "\n".join(lines)
