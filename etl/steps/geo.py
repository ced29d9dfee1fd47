"""Places: the host cities and their time zones, Mexico's state shapes, the cluster states
the page names, and the credits for the reference data."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from etl.csvfiles import LINE_KEY
from etl.errors import BuildError
from etl.inputs import CITIES, CITY_TIME_ZONES, GEODATA_README, STATES_GEOJSON, Inputs
from etl.page import PageCapture, normalise_space, sentence_around, split_list
from etl.steps import Tables
from etl.steps.sections import Sectors

CLUSTERS = re.compile(
    r"in (?P<cluster>[a-z][a-z ]+?) manufacturing, with active sectoral clusters "
    r"in the states of (?P<states>[^.]+)\."
)


@dataclass(frozen=True)
class Places:
    time_zones: dict[str, str]  # city -> IANA time zone
    tables: Tables  # cities, states, cluster_states, attributions


def read_places(page: PageCapture, sectors: Sectors, inputs: Inputs) -> Places:
    cities = inputs.read(CITIES)
    time_zones = read_time_zones(inputs, {row["city"] for row in cities})
    states = read_states(inputs)
    return Places(
        time_zones=time_zones,
        tables={
            "cities": sorted(
                ({key: row[key] for key in row if key != LINE_KEY} for row in cities),
                key=lambda row: row["city"],
            ),
            "states": states,
            "cluster_states": read_clusters(page, sectors, inputs, states),
            "attributions": read_attributions(inputs),
        },
    )


def read_time_zones(inputs: Inputs, cities: set[str]) -> dict[str, str]:
    """Each host city's time zone: known to the time-zone database, and for a known city."""
    zones = {}
    for row in inputs.read(CITY_TIME_ZONES):
        if row["city"] not in cities:
            raise inputs.refuse(CITY_TIME_ZONES, row, f"no coordinates for {row['city']!r}")
        try:
            ZoneInfo(row["time_zone"])
        except (ZoneInfoNotFoundError, ValueError):
            raise inputs.refuse(
                CITY_TIME_ZONES, row, f"unknown time zone {row['time_zone']!r}"
            ) from None
        zones[row["city"]] = row["time_zone"]
    missing = sorted(cities - set(zones))
    if missing:
        raise BuildError(inputs.path(CITY_TIME_ZONES), "no time zone for " + ", ".join(missing))
    return zones


def read_states(inputs: Inputs) -> list[dict]:
    path = inputs.raw(STATES_GEOJSON)
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise BuildError(path, f"cannot read: {error.strerror}") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise BuildError(path, f"not valid GeoJSON: {error}") from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list) or not features:
        raise BuildError(path, "no features")
    states = []
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        code, name = properties.get("state_code"), properties.get("state_name")
        if not code or not name or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise BuildError(path, f"feature {number} lacks a state code, name or polygon")
        states.append(
            {
                "state_code": code,
                "state_name": name,
                "geometry": json.dumps(geometry, separators=(",", ":"), sort_keys=True),
            }
        )
    return sorted(states, key=lambda row: row["state_code"])


def read_clusters(
    page: PageCapture, sectors: Sectors, inputs: Inputs, states: list[dict]
) -> list[dict]:
    """The states the page names in "active sectoral clusters in the states of ..."."""
    codes = {row["state_name"]: row["state_code"] for row in states}
    clusters = []
    for sector_id, section in sectors.sections.items():
        for block in section.paragraphs:
            for match in CLUSTERS.finditer(block.text):
                sentence = page.locate(
                    sentence_around(block.text, match.start(), match.end()), within=section
                )
                assert sentence is not None  # the sentence was found in this very block
                for state in split_list(match["states"]):
                    if state not in codes:
                        raise BuildError(
                            inputs.raw(STATES_GEOJSON),
                            f"no shape for cluster state {state!r} (line {block.line})",
                        )
                    clusters.append(
                        {
                            "sector_id": sector_id,
                            "cluster": match["cluster"],
                            "state_code": codes[state],
                            "quote": sentence.text,
                        }
                    )
    if not clusters:
        raise page.refuse("no 'active sectoral clusters in the states of' sentence")
    return clusters


def read_attributions(inputs: Inputs) -> list[dict]:
    readme = inputs.raw(GEODATA_README)
    try:
        text = readme.read_text(encoding="utf-8")
    except OSError as error:
        raise BuildError(readme, f"cannot read: {error.strerror}") from None
    states = re.search(r'Attribute as:\s*"([^"]+)"', text)
    cities = re.search(r'attribute "([^"]+)"', text)
    if not states or not cities:
        raise BuildError(readme, "no attribution text for the states and the cities")
    return [
        {"dataset": "cities", "attribution": normalise_space(cities.group(1))},
        {"dataset": "states", "attribution": normalise_space(states.group(1))},
    ]
