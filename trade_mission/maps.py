"""The map of Mexico: state shapes, highlighted cluster states and the host cities.

Drawn on plain x/y axes (longitude, latitude) from the shapes in the database, never on
Plotly's geo base maps or tiles: those are downloaded from a CDN when the chart renders
and come out blank offline and on locked-down networks. Longitude is stretched by
1/cos(latitude) at Mexico's middle latitude, so shapes keep their proportions.
"""

from __future__ import annotations

import json
import math

import pandas as pd
import plotly.graph_objects as go

from trade_mission import formatting
from trade_mission.charts import LEGEND_ABOVE, PALETTE, Chart, base_layout, source_caption
from trade_mission.i18n import t
from trade_mission.queries import SourceDocument

MIDDLE_LATITUDE = 23.0
LAND_COLOUR = "#ECECEC"
BORDER_COLOUR = "#FFFFFF"
CLUSTER_COLOUR = PALETTE["orange"]
CITY_COLOUR = PALETTE["blue"]
CITY_SYMBOLS = {"core": "star", "sector": "circle"}


def outer_rings(geometry: dict) -> list[list[list[float]]]:
    """The outer ring of every polygon of a GeoJSON Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


def ring_path(rings: list[list[list[float]]]) -> tuple[list, list]:
    """Longitudes and latitudes of rings, separated by gaps, for one filled trace."""
    lons: list[float | None] = []
    lats: list[float | None] = []
    for ring in rings:
        lons += [point[0] for point in ring] + [None]
        lats += [point[1] for point in ring] + [None]
    return lons, lats


def mexico_map(
    chart_id: str,
    states: pd.DataFrame,
    cluster_states: pd.DataFrame,
    programme: pd.DataFrame | None,
    *,
    title: str,
    alt: str,
    source: SourceDocument,
    attributions: dict[str, str],
    lang: str,
) -> Chart:
    """Mexico's states, the cluster states hatched and labelled, the host cities marked."""
    highlighted = dict(zip(cluster_states["state_code"], cluster_states["cluster"], strict=True))
    figure = go.Figure()
    for state in states.itertuples():
        lons, lats = ring_path(outer_rings(json.loads(state.geometry)))
        is_cluster = state.state_code in highlighted
        figure.add_trace(
            go.Scatter(
                x=lons,
                y=lats,
                mode="lines",
                fill="toself",
                fillcolor=CLUSTER_COLOUR if is_cluster else LAND_COLOUR,
                fillpattern=dict(
                    shape="/", fgcolor="#8A5A00", bgcolor=CLUSTER_COLOUR, solidity=0.25
                )
                if is_cluster
                else None,
                line=dict(color=BORDER_COLOUR, width=0.8),
                name=state.state_name,
                meta=state.state_code,
                hoveron="fills",
                hovertemplate=f"{state.state_name}<extra></extra>",
                showlegend=False,
            )
        )
    rows = []
    cluster_label = t("map.kind.cluster_state", lang)
    for state in cluster_states.itertuples():
        rings = outer_rings(
            json.loads(states.set_index("state_code").loc[state.state_code, "geometry"])
        )
        longest = max(rings, key=len)
        lon = sum(point[0] for point in longest) / len(longest)
        lat = sum(point[1] for point in longest) / len(longest)
        rows.append(
            {
                "place": state.state_name,
                "kind": cluster_label,
                "detail": t("map.cluster", lang, cluster=state.cluster),
                "latitude": None,
                "longitude": None,
            }
        )
        figure.add_annotation(
            x=lon,
            y=lat,
            text=f"<b>{state.state_name}</b>",
            showarrow=False,
            font=dict(size=12, color="#1F1F1F"),
            yshift=-14,  # below the middle, clear of a host city's label
            bgcolor="rgba(255,255,255,0.75)",
        )
    if programme is not None and len(programme):
        for kind, group in programme.groupby("kind", sort=False):
            labels = [
                f"{row.city_name} · {formatting.date_range(row.start_date, row.end_date, lang)}"
                for row in group.itertuples()
            ]
            figure.add_trace(
                go.Scatter(
                    x=group["longitude"].tolist(),
                    y=group["latitude"].tolist(),
                    mode="markers+text",
                    marker=dict(
                        symbol=CITY_SYMBOLS.get(kind, "circle"),
                        size=18 if kind == "core" else 13,
                        color=CITY_COLOUR,
                        line=dict(color="white", width=1.5),
                    ),
                    text=group["city_name"].tolist(),
                    customdata=labels,
                    textposition="middle right" if kind == "core" else "top center",
                    textfont=dict(size=13, color="#1F1F1F"),
                    name=t(f"map.kind.{kind}", lang),
                    hovertemplate="%{customdata}<extra></extra>",
                )
            )
            for row, label in zip(group.itertuples(), labels, strict=True):
                rows.append(
                    {
                        "place": row.city_name,
                        "kind": t(f"map.kind.{kind}", lang),
                        "detail": label,
                        "latitude": row.latitude,
                        "longitude": row.longitude,
                    }
                )
    figure.add_trace(  # a legend entry for the hatched states
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker=dict(symbol="square", size=14, color=CLUSTER_COLOUR),
            name=cluster_label,
        )
    )
    base_layout(figure, height=600)
    figure.update_layout(
        showlegend=True,
        legend=LEGEND_ABOVE,
        margin=dict(l=0, r=0, t=10, b=10),
    )
    figure.update_xaxes(visible=False, range=[-118.6, -86.5])
    figure.update_yaxes(
        visible=False,
        range=[14.2, 33.0],
        scaleanchor="x",
        scaleratio=1 / math.cos(math.radians(MIDDLE_LATITUDE)),
    )
    data = pd.DataFrame(rows).rename(
        columns={
            "place": t("map.column.place", lang),
            "kind": t("map.column.kind", lang),
            "detail": t("map.column.detail", lang),
            "latitude": t("map.column.latitude", lang),
            "longitude": t("map.column.longitude", lang),
        }
    )
    caption = " ".join(
        [
            source_caption(source, [], lang, has_derived=False),
            t(
                "map.attribution",
                lang,
                states=attributions["states"],
                cities=attributions["cities"],
            ),
        ]
    )
    shown = (t("map.column.place", lang), t("map.column.kind", lang), t("map.column.detail", lang))
    return Chart(chart_id, title, figure, data, alt, caption, table_columns=shown, wide=True)
