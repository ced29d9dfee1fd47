"""Every input of the build, declared in one place: where it lives and what it must hold.

``Inputs`` says where the page capture, the curated layer and the raw reference files
are; the ``CsvFile`` declarations below say, for each small CSV file, its columns, their
types and allowed values, and its key. The tables these become are declared in
``schema.sql``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from etl import paths
from etl.csvfiles import LINE_KEY, Column, CsvFile, Row
from etl.errors import BuildError
from etl.values import QUALIFIERS, UNITS

OPPORTUNITY_CATEGORIES = frozenset({"subsector", "product", "process", "technology", "market"})
CRITERION_SCOPES = frozenset({"everyone", "companies", "large_businesses_and_organizations"})
COMPANY_ROLES = frozenset({"oem", "global_brand"})
CHART_KINDS = frozenset({"figure_bars", "cluster_map", "two_way_trade", "sector_trade"})
CHART_FIGURE_ROLES = frozenset({"bar", "value", "marker"})
CHECK_MET_WHEN = frozenset({"yes", "no", "mission_sector"})
FORM_SECTIONS = frozenset({"who", "offer", "plans", "organizations"})
COVERAGES = frozenset({"whole", "part"})
# How much of a sector its goods chapters stand for: all of it, most of it, or only a
# small part (a proxy that must not be charted as the sector).
SECTOR_COVERAGES = frozenset({"whole", "most", "proxy"})
CHECK_METHODS = frozenset(
    {
        "two_way_trade",
        "growth_multiple",
        "partner_rank",
        "export_rank",
        "chapter_exports",
        "chapter_share",
        "mexico_imports",
        "none",
    }
)
VERDICTS = frozenset({"consistent", "differs", "not_comparable"})


@dataclass(frozen=True)
class Inputs:
    """Where each input of the build lives."""

    source: Path
    curated_dir: Path
    raw_dir: Path
    # Monthly releases fetched by ``python -m etl.refresh``, beside the one shipped in
    # data/raw; ``None``: the shipped releases alone.
    releases_dir: Path | None = None

    @classmethod
    def default(cls) -> Inputs:
        """The project's own inputs: data/raw, data/curated and data/releases."""
        return cls(paths.SOURCE_PATH, paths.CURATED_DIR, paths.RAW_DIR, paths.RELEASES_DIR)

    @classmethod
    def shipped(cls) -> Inputs:
        """data/raw and data/curated only: what every clone has, whatever was fetched."""
        return cls(paths.SOURCE_PATH, paths.CURATED_DIR, paths.RAW_DIR)

    def path(self, file: CsvFile) -> Path:
        return (self.curated_dir if file.folder == "curated" else self.raw_dir) / file.file_name

    def raw(self, name: str) -> Path:
        return self.raw_dir / name

    def read(self, file: CsvFile) -> list[Row]:
        return file.read(self.path(file))

    def refuse(self, file: CsvFile, row: Row, problem: str) -> BuildError:
        """The error naming ``row`` of ``file`` by its line and first column."""
        return BuildError(self.path(file), problem, row[LINE_KEY], file.label(row))


SECTIONS = CsvFile(
    "sections.csv",
    (
        Column("section_id", "identifier"),
        Column("heading"),
        Column("level", "integer", choices=frozenset({"1", "2", "3"})),
        Column("sector_id", "identifier", required=False),
    ),
    key=("section_id",),
)
SECTORS = CsvFile(
    "sectors.csv",
    (Column("sector_id", "identifier"), Column("name"), Column("short_name")),
    key=("sector_id",),
)
FIGURES = CsvFile(
    "figures.csv",
    (
        Column("figure_id", "identifier"),
        Column("sector_id", "identifier", required=False),
        Column("label"),
        Column("value", "number"),
        Column("unit", choices=UNITS),
        Column("year", "integer", required=False),
        Column("qualifier", required=False, choices=QUALIFIERS),
        Column("value_text"),
        Column("quote"),
    ),
    key=("figure_id",),
)
DERIVED_FIGURES = CsvFile(
    "derived_figures.csv",
    (
        Column("figure_id", "identifier"),
        Column("sector_id", "identifier", required=False),
        Column("label"),
        Column("unit", choices=UNITS),
        Column("year", "integer", required=False),
        Column("decimals", "integer"),
        Column("expression"),
        Column("description"),
    ),
    key=("figure_id",),
)
CHARTS = CsvFile(
    "charts.csv",
    (
        Column("chart_id", "identifier"),
        Column("sector_id", "identifier", required=False),
        Column("kind", choices=CHART_KINDS),
        Column("horizontal", choices=frozenset({"yes", "no"})),
    ),
    key=("chart_id",),
)
CHART_FIGURES = CsvFile(
    "chart_figures.csv",
    (
        Column("chart_id", "identifier"),
        Column("figure_id", "identifier"),
        Column("role", choices=CHART_FIGURE_ROLES),
        Column("placeholder", "identifier", required=False),
    ),
    key=("chart_id", "figure_id", "role"),
)
# The few country-wide figures a briefing leads with, most important first.
HEADLINE_FIGURES = CsvFile(
    "headline_figures.csv",
    (Column("figure_id", "identifier"), Column("rank", "integer")),
    key=("figure_id",),
)
OPPORTUNITY_LISTS = CsvFile(
    "opportunity_lists.csv",
    (
        Column("sector_id", "identifier"),
        Column("lead_in"),
        Column("category", choices=OPPORTUNITY_CATEGORIES),
    ),
    key=("sector_id", "lead_in"),
)
OPPORTUNITIES_PROSE = CsvFile(
    "opportunities_prose.csv",
    (
        Column("sector_id", "identifier"),
        Column("category", choices=OPPORTUNITY_CATEGORIES),
        Column("item"),
        Column("quote"),
    ),
    key=("sector_id", "category", "item"),
)
COMPANIES = CsvFile(
    "companies.csv",
    (
        Column("sector_id", "identifier"),
        Column("company"),
        Column("role", choices=COMPANY_ROLES),
        Column("quote"),
    ),
    key=("sector_id", "company"),
)
CRITERIA = CsvFile(
    "eligibility_criteria.csv",
    (
        Column("criterion_id", "identifier"),
        Column("section_id", "identifier"),
        Column("parent_id", "identifier", required=False),
        Column("applies_to", choices=CRITERION_SCOPES),
        Column("match"),
    ),
    key=("criterion_id",),
)
CHECKS = CsvFile(
    "eligibility_checks.csv",
    (
        Column("check_id", "identifier"),
        Column("criterion_id", "identifier"),
        Column("question", "identifier"),
        Column("met_when", choices=CHECK_MET_WHEN),
        Column("form_section", choices=FORM_SECTIONS),
        Column("outside_rule", "identifier", required=False),
    ),
    key=("check_id",),
)
OUTSIDE_RULES = CsvFile(
    "outside_rules.csv",
    (
        Column("rule_id", "identifier"),
        Column("value", "number", required=False),
        Column("rule"),
        Column("source"),
    ),
    key=("rule_id",),
)
NOTICES = CsvFile(
    "notices.csv",
    (Column("notice_id", "identifier"), Column("section_id", "identifier"), Column("quote")),
    key=("notice_id",),
)
CITY_TIME_ZONES = CsvFile(
    "city_time_zones.csv",
    (Column("city"), Column("time_zone"), Column("source")),
    key=("city",),
)
HS_CHAPTERS = CsvFile(
    "hs_chapters.csv",
    (
        Column("hs2"),
        Column("label"),
        Column("label_fr"),
        Column("keywords"),
        Column("keywords_fr"),
    ),
    key=("hs2",),
)
SECTOR_CHAPTERS = CsvFile(
    "sector_chapters.csv",
    (
        Column("sector_id", "identifier"),
        Column("chapters"),
        Column("coverage", choices=COVERAGES),
        Column("rationale"),
    ),
    key=("sector_id", "chapters"),
)
SECTOR_TRADE_NOTES = CsvFile(
    "sector_trade_notes.csv",
    (
        Column("sector_id", "identifier"),
        Column("coverage", choices=SECTOR_COVERAGES),
        Column("note"),
    ),
    key=("sector_id",),
)
# Words a firm types for what it exports that are services, which goods statistics do not
# count: the self-assessment says so instead of offering a goods chapter. Words are
# matched folded (lower case, no accents); the sector, when there is one, is linked.
SERVICES_WORDS = CsvFile(
    "services_words.csv",
    (
        Column("word", "identifier"),
        Column("sector_id", "identifier", required=False),
        Column("why"),
    ),
    key=("word",),
)
PARTNERS = CsvFile(
    "partners.csv",
    (Column("partner"), Column("partner_fr")),
    key=("partner",),
)
ORIGINS = CsvFile(
    "origins.csv",
    (Column("origin_code"), Column("origin_fr")),
    key=("origin_code",),
)
FIGURE_CHECKS = CsvFile(
    "figure_checks.csv",
    (
        Column("figure_id", "identifier"),
        Column("method", choices=CHECK_METHODS),
        Column("years", required=False),
        Column("chapters", required=False),
        Column("verdict", choices=VERDICTS),
        Column("note"),
    ),
    key=("figure_id",),
)
TRANSLATIONS = CsvFile(
    "translations_fr.csv",
    (
        Column("table"),
        Column("key"),
        Column("field"),
        Column("english"),
        Column("french"),
    ),
    key=("table", "key", "field"),
)
CITIES = CsvFile(
    "mexico-cities.csv",
    (
        Column("city"),
        Column("state"),
        Column("latitude", "number"),
        Column("longitude", "number"),
        Column("geonameid", "integer"),
    ),
    key=("city",),
    folder="raw",
)
HS_CHAPTER_LABELS = CsvFile(
    "trade/hs2-chapters.csv",
    (Column("hs2"), Column("label_as_published")),
    key=("hs2",),
    folder="raw",
)
SOURCE_README = "SOURCE.md"
GEODATA_README = "GEODATA.md"
STATES_GEOJSON = "mexico-states.geojson"
TRADE_README = "trade/README.md"
MONTHLY_README = "trade-monthly/README.md"
# How the monthly table names each partner, in French, and the partner of the annual
# files its twelve months are checked against.
MONTHLY_PARTNERS = CsvFile(
    "monthly_partners.csv",
    (Column("partner"), Column("partner_fr"), Column("annual_partner")),
    key=("partner",),
)
TRADE_BY_CHAPTER = "trade/canada-trade-by-hs2-and-partner-2000-2024.csv.gz"
TRADE_BY_ORIGIN = "trade/canada-trade-by-province-and-partner-1990-2024.csv.gz"
