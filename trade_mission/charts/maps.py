"""The map of Mexico: state shapes, highlighted cluster states and the host cities.

Drawn on plain x/y axes (longitude, latitude) from the shapes in the database, never on
Plotly's geo base maps or tiles: those are downloaded from a CDN when the chart renders
and come out blank offline and on locked-down networks. Longitude is stretched by
1/cos(latitude) at Mexico's middle latitude, so shapes keep their proportions.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from trade_mission.charts.base import (
    LEGEND_ABOVE,
    LEGEND_WIDTH,
    PALETTE,
    Chart,
    house_layout,
    source_caption,
    wrap_label,
)
from trade_mission.data.queries import SourceDocument
from trade_mission.text import formatting
from trade_mission.text.i18n import Language, t

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


def ring_path(rings: list[list[list[float]]]) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes of rings, separated by gaps (NaN), for one filled trace.

    NumPy arrays, not lists: Plotly validates a list point by point, an array at once.
    """
    lons: list[float] = []
    lats: list[float] = []
    for ring in rings:
        lons += [point[0] for point in ring] + [math.nan]
        lats += [point[1] for point in ring] + [math.nan]
    return np.array(lons), np.array(lats)


STATE_LABEL_SHIFT = 14  # pixels from a cluster state's middle to its name


def label_place(middle: tuple[float, float], cities: list[tuple[float, float]]) -> dict:
    """Where a cluster state's name goes, clear of the host cities' markers and names at
    any width. When the nearest host city lies south of the state's middle (Querétaro,
    north of Mexico City and east of Guadalajara), the name starts at the middle and runs
    up and to the right, between the two; otherwise it sits centred below the middle
    (Nuevo León, whose Monterrey carries its name above its marker)."""
    if cities:
        nearest = min(cities, key=lambda city: math.dist(city, middle))
        if nearest[1] < middle[1] - 0.5:
            return dict(xanchor="left", xshift=4, yshift=STATE_LABEL_SHIFT // 2)
    return dict(xanchor="center", xshift=0, yshift=-STATE_LABEL_SHIFT)


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
    lang: Language,
) -> Chart:
    """Mexico's states, the cluster states hatched and labelled, the host cities marked."""
    highlighted = dict(zip(cluster_states["state_code"], cluster_states["cluster"], strict=True))
    geometry = {row.state_code: json.loads(row.geometry) for row in states.itertuples()}
    # Two traces, not 32: the states without a cluster, and the cluster states hatched.
    # Each state is one gap-separated outline within its trace (Plotly fills each part).
    plain = [code for code in geometry if code not in highlighted]
    clustered = [code for code in geometry if code in highlighted]
    traces = []
    for codes, is_cluster in ((plain, False), (clustered, True)):
        rings = [ring for code in codes for ring in outer_rings(geometry[code])]
        lons, lats = ring_path(rings)
        trace = dict(
            type="scatter",
            x=lons,
            y=lats,
            mode="lines",
            fill="toself",
            fillcolor=CLUSTER_COLOUR if is_cluster else LAND_COLOUR,
            line=dict(color=BORDER_COLOUR, width=0.8),
            name=t("map.kind.cluster_state", lang) if is_cluster else t("map.states", lang),
            meta=codes,
            hoverinfo="skip",
            showlegend=False,
        )
        if is_cluster:
            trace["fillpattern"] = dict(
                shape="/", fgcolor="#8A5A00", bgcolor=CLUSTER_COLOUR, solidity=0.25
            )
        traces.append(trace)
    rows = []
    annotations = []
    cluster_label = t("map.kind.cluster_state", lang)
    cities = (
        []
        if programme is None
        else list(zip(programme["longitude"], programme["latitude"], strict=True))
    )
    for state in cluster_states.itertuples():
        longest = max(outer_rings(geometry[state.state_code]), key=len)
        middle = (
            sum(point[0] for point in longest) / len(longest),
            sum(point[1] for point in longest) / len(longest),
        )
        rows.append(
            {
                "place": state.state_name,
                "kind": cluster_label,
                "detail": t("map.cluster", lang, cluster=state.cluster),
                "latitude": None,
                "longitude": None,
            }
        )
        annotations.append(
            dict(
                x=middle[0],
                y=middle[1],
                text=f"<b>{state.state_name}</b>",
                showarrow=False,
                font=dict(size=12, color="#1F1F1F"),
                **label_place(middle, cities),
                bgcolor="rgba(255,255,255,0.75)",
            )
        )
    if programme is not None and len(programme):
        for kind, group in programme.groupby("kind", sort=False):
            labels = [
                f"{row.city_name} · {formatting.date_range(row.start_date, row.end_date, lang)}"
                for row in group.itertuples()
            ]
            traces.append(
                dict(
                    type="scatter",
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
                    name=wrap_label(t(f"map.kind.{kind}", lang), LEGEND_WIDTH),
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
    traces.append(  # a legend entry for the hatched states
        dict(
            type="scatter",
            x=[None],
            y=[None],
            mode="markers",
            marker=dict(symbol="square", size=14, color=CLUSTER_COLOUR),
            name=wrap_label(cluster_label, LEGEND_WIDTH),
        )
    )
    layout = house_layout(
        600,
        lang=lang,
        xaxis=dict(visible=False, range=[-118.6, -86.5]),
        yaxis=dict(
            visible=False,
            range=[14.2, 33.0],
            scaleanchor="x",
            scaleratio=1 / math.cos(math.radians(MIDDLE_LATITUDE)),
        ),
        showlegend=True,
        legend=LEGEND_ABOVE,
        annotations=annotations,
    )
    layout["margin"] = dict(l=0, r=0, t=10, b=10)
    figure = go.Figure(data=traces, layout=layout)
    data = pd.DataFrame(rows).rename(
        columns={
            "place": t("map.column.place", lang),
            "kind": t("map.column.kind", lang),
            "detail": t("map.column.detail", lang),
            "latitude": t("map.column.latitude", lang),
            "longitude": t("map.column.longitude", lang),
        }
    )
    credit = t(
        "map.attribution", lang, states=attributions["states"], cities=attributions["cities"]
    )
    caption = " ".join([source_caption(source, [], lang), credit])
    shown = (t("map.column.place", lang), t("map.column.kind", lang), t("map.column.detail", lang))
    return Chart(
        chart_id,
        title,
        figure,
        data,
        alt,
        caption,
        table_columns=shown,
        wide=True,
        beyond_page=credit,
    )


def programme_map(
    states: pd.DataFrame,
    cluster_states: pd.DataFrame,
    programme: pd.DataFrame,
    source: SourceDocument,
    attributions: dict[str, str],
    lang: Language,
) -> Chart:
    """The programme's map: all host cities and every cluster state, titled for the page."""
    return mexico_map(
        "programme_map",
        states,
        cluster_states,
        programme,
        title=t("programme.map.title", lang, count=len(cluster_states)),
        alt=t("programme.map.alt", lang, states=", ".join(cluster_states["state_name"])),
        source=source,
        attributions=attributions,
        lang=lang,
    )
