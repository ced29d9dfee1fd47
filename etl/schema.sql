-- The database contract: every table the build writes, in load order (a table comes after
-- every table its foreign keys point at; etl/build.py loads them in this order).
-- Columns ending in _fr hold the French of the column before them (data/curated/
-- translations_fr.csv); the app reads both languages through the *_texts views of
-- marts.sql. Text quoted from the page (quote, text of bullets and notices) is verbatim
-- English in every language.
-- Documented table by table in README.md ("The database"). Keys, types and checks here
-- are enforced by DuckDB at load time; the build checks what they cannot say (quotes in
-- the page, values in their quotes, ids in their files) before anything is written.

-- What built this file: the build replaces a file only when it names this project
-- (etl/target.py), so a mistyped TRADE_MISSION_DB never overwrites someone's own file.
-- No build time: the same inputs build the same contents.
create table build_info (
    project varchar not null
);

-- The page itself: where every quote comes from.
create table source_document (
    title varchar not null,
    title_fr varchar not null,  -- a translation: the French page's wording is not captured
    publisher varchar not null,
    publisher_fr varchar not null,
    url varchar not null,
    file_name varchar not null,
    sha256 varchar not null,
    line_count integer not null,
    capture_note varchar not null,
    capture_note_fr varchar not null
);

-- Reference data credits (map shapes, city coordinates).
create table attributions (
    dataset varchar primary key,
    attribution varchar not null,
    attribution_fr varchar not null
);

-- Headings of the page, in order, with the line range each covers.
create table sections (
    section_id varchar primary key,
    heading varchar not null,
    level integer not null check (level between 1 and 3),
    sector_id varchar,
    first_line integer not null,
    last_line integer not null
);

-- Every bullet of every list on the page, with the sentence that introduces its list.
create table bullets (
    section_id varchar not null references sections (section_id),
    list_no integer not null,
    position integer not null,
    level integer not null,
    text varchar not null,
    lead_in varchar,
    line integer not null,
    primary key (section_id, list_no, position)
);

create table mission (
    title varchar not null,
    lead varchar not null,
    lead_fr varchar not null,
    start_date date not null,
    end_date date not null,
    format varchar not null,
    registration_deadline_utc timestamp not null,
    registration_deadline_text varchar not null,
    registration_time_zone varchar not null,
    -- where the mission's own days are counted (the core programme city's time zone)
    local_time_zone varchar not null,
    contact_email varchar not null
);

create table sectors (
    sector_id varchar primary key,
    name varchar not null,
    name_fr varchar not null,
    short_name varchar not null,
    short_name_fr varchar not null,
    sort_order integer not null
);

create table cities (
    city varchar primary key,
    city_fr varchar not null,
    state varchar not null,
    latitude double not null,
    longitude double not null,
    geonameid integer not null
);

create table sector_cities (
    sector_id varchar not null references sectors (sector_id),
    city varchar not null references cities (city),
    primary key (sector_id, city)
);

create table programme (
    city varchar not null references cities (city),
    start_date date not null,
    end_date date not null,
    kind varchar not null check (kind in ('core', 'sector')),
    quote varchar not null,
    primary key (city, start_date)
);

-- What the mission programme includes (networking, briefings, site visits, B2B meetings).
create table programme_activities (
    activity_no integer primary key,
    text varchar not null,
    text_fr varchar not null
);

create table opportunities (
    sector_id varchar not null references sectors (sector_id),
    category varchar not null
        check (category in ('subsector', 'product', 'process', 'technology', 'market')),
    item varchar not null,
    item_fr varchar not null,
    origin varchar not null check (origin in ('list', 'prose')),
    quote varchar not null,
    line integer not null,
    primary key (sector_id, category, item)
);

create table companies (
    sector_id varchar not null references sectors (sector_id),
    company varchar not null,
    role varchar not null check (role in ('oem', 'global_brand')),
    quote varchar not null,
    primary key (sector_id, company)
);

create table states (
    state_code varchar primary key,
    state_name varchar not null unique,
    geometry varchar not null
);

create table cluster_states (
    sector_id varchar not null references sectors (sector_id),
    cluster varchar not null,
    cluster_fr varchar not null,
    state_code varchar not null references states (state_code),
    quote varchar not null,
    primary key (sector_id, cluster, state_code)
);

create table figures (
    figure_id varchar primary key,
    sector_id varchar references sectors (sector_id),
    label varchar not null,
    label_fr varchar not null,
    value double not null,
    unit varchar not null,
    year integer,
    qualifier varchar,
    value_text varchar,
    quote varchar,
    line integer,
    is_derived boolean not null,
    formula varchar,
    formula_fr varchar,
    display_decimals integer,
    check (is_derived = (quote is null)),
    check (is_derived = (formula is not null))
);

-- Which published figures each derived figure is computed from.
create table figure_inputs (
    figure_id varchar not null references figures (figure_id),
    input_figure_id varchar not null references figures (figure_id),
    primary key (figure_id, input_figure_id)
);

-- The few country-wide figures a briefing leads with, 1 the most important.
create table headline_figures (
    figure_id varchar primary key references figures (figure_id),
    rank integer not null unique check (rank between 1 and 6)
);

-- Which charts the pages draw for a sector (NULL: country-wide), in order.
create table charts (
    chart_id varchar primary key,
    sector_id varchar references sectors (sector_id),
    position integer not null,
    kind varchar not null
        check (kind in ('figure_bars', 'cluster_map', 'two_way_trade', 'sector_trade')),
    horizontal boolean not null
);

-- The figures a chart draws as bars (role 'bar', in position order), names in its title
-- and alt text (role 'value', under its placeholder), or marks against an official line
-- (role 'marker', at the figure's year).
create table chart_figures (
    chart_id varchar not null references charts (chart_id),
    figure_id varchar not null references figures (figure_id),
    role varchar not null check (role in ('bar', 'value', 'marker')),
    placeholder varchar,
    position integer not null,
    primary key (chart_id, figure_id, role)
);

-- parent_id names another criterion (the build checks it: DuckDB cannot check a
-- table's reference to itself within one insert).
create table eligibility_criteria (
    criterion_id varchar primary key,
    section_id varchar not null references sections (section_id),  -- the page's list it is in
    parent_id varchar,
    applies_to varchar not null
        check (applies_to in ('everyone', 'companies', 'large_businesses_and_organizations')),
    text varchar not null,
    text_fr varchar not null,
    line integer not null
);

-- Rules the self-assessment applies that the page does not state, each with its source.
create table outside_rules (
    rule_id varchar primary key,
    value double,
    rule varchar not null,
    rule_fr varchar not null,
    source varchar not null,
    source_fr varchar not null
);

-- What the self-assessment asks for each criterion without sub-criteria: the profile
-- question answering it, the answer that meets it, and the form section asking it.
create table eligibility_checks (
    check_id varchar primary key,
    criterion_id varchar not null references eligibility_criteria (criterion_id),
    question varchar not null unique,
    met_when varchar not null check (met_when in ('yes', 'no', 'mission_sector')),
    form_section varchar not null
        check (form_section in ('who', 'offer', 'plans', 'organizations')),
    outside_rule varchar references outside_rules (rule_id),
    sort_order integer not null
);

-- Verbatim passages the self-assessment and the briefing quote (B2B rule, selection, ...).
create table notices (
    notice_id varchar primary key,
    text varchar not null,
    line integer not null
);

-- Statistics Canada's merchandise trade (data/raw/trade/) ------------------------------------

-- The HS chapters: two-digit text ("01"), a readable name in each language, the name as
-- Trade Data Online published it, and words people search for.
create table hs_chapters (
    hs2 varchar primary key check (regexp_full_match(hs2, '[0-9]{2}')),
    label varchar not null,
    label_fr varchar not null,
    label_as_published varchar not null,
    keywords varchar not null,
    keywords_fr varchar not null
);

-- Every partner as the files name it; is_total marks the site's own total over all
-- partners ("Total All Countries"), never to be added to the others.
create table partners (
    partner varchar primary key,
    partner_fr varchar not null,
    is_total boolean not null
);

-- Canada's exports to and imports from each partner, by HS chapter and year, as
-- published (whole current Canadian dollars, customs basis; NULL where the site gave none).
-- One row per (year, hs2, partner), every hs2 in hs_chapters and every partner in
-- partners: etl/steps/annual_trade.py checks both before loading, naming the file's line. No
-- key or reference index is kept for the two trade tables: it made the file ten times
-- larger and the app's in-memory copy of it slower.
create table trade_by_chapter (
    year integer not null,
    hs2 varchar not null,
    partner varchar not null,
    exports_cad bigint check (exports_cad >= 0),
    imports_cad bigint check (imports_cad >= 0)
);

-- The provinces and territories, and all Canada (CA).
create table origins (
    origin_code varchar primary key,
    origin varchar not null,
    origin_fr varchar not null
);

-- Each province's (and all Canada's) exports and imports by partner, all products. One row
-- per (year, origin_code, partner), checked by the build as for trade_by_chapter.
create table trade_by_origin (
    year integer not null,
    origin_code varchar not null,
    origin varchar not null,
    partner varchar not null,
    exports_cad bigint check (exports_cad >= 0),
    imports_cad bigint check (imports_cad >= 0)
);

-- Which chapters stand for each mission sector: 'whole' when the chapter is the sector's,
-- 'part' when the sector is only part of it; rationale says why.
create table sector_chapters (
    sector_id varchar not null references sectors (sector_id),
    hs2 varchar not null references hs_chapters (hs2),
    coverage varchar not null check (coverage in ('whole', 'part')),
    rationale varchar not null,
    rationale_fr varchar not null,
    primary key (sector_id, hs2)
);

-- How much of each sector its goods chapters can and cannot stand for: 'whole', 'most', or
-- 'proxy' (only a small part: never charted as the sector's trade).
create table sector_trade_notes (
    sector_id varchar primary key references sectors (sector_id),
    coverage varchar not null check (coverage in ('whole', 'most', 'proxy')),
    note varchar not null,
    note_fr varchar not null
);

-- Words for exports that are services (goods statistics do not count them), each with the
-- mission sector it belongs to when there is one.
create table services_words (
    word varchar primary key,
    sector_id varchar references sectors (sector_id)
);

-- Every figure of the page against the official statistics: consistent, differs, or
-- not_comparable (the statistics cannot check it). official_value is in the figure's own
-- unit; basis says exactly what was computed; official_text is the value in words.
create table figure_checks (
    figure_id varchar primary key references figures (figure_id),
    verdict varchar not null check (verdict in ('consistent', 'differs', 'not_comparable')),
    official_value double,
    official_text varchar,
    official_text_fr varchar,
    basis varchar,
    basis_fr varchar,
    note varchar not null,
    note_fr varchar not null,
    check ((verdict = 'not_comparable') = (official_value is null))
);

-- A claim with two readings (a growth "since 1994": from 1993 or from 1994) has one row
-- per reading; the first is the one figure_checks reports.
create table figure_check_readings (
    figure_id varchar not null references figure_checks (figure_id),
    reading integer not null,
    year integer not null,
    official_value double not null,
    official_text varchar not null,
    official_text_fr varchar not null,
    verdict varchar not null check (verdict in ('consistent', 'differs')),
    basis varchar not null,
    basis_fr varchar not null,
    primary key (figure_id, reading)
);

-- Statistics Canada's monthly trade, table 12-10-0011-01 (data/raw/trade-monthly/, and the
-- releases python -m etl.refresh keeps in data/releases/) ------------------------------------

-- The series followed: each vector's partner (as the files name it, and in French) and
-- flow, and the partner of trade_by_origin its twelve months are checked against.
create table trade_monthly_series (
    vector varchar primary key,
    partner varchar not null,
    partner_fr varchar not null,
    flow varchar not null check (flow in ('exports', 'imports')),
    annual_partner varchar not null,
    is_total boolean not null,  -- all countries: never added to the partners
    sort_order integer not null,
    unique (partner, flow)
);

-- Every value of every release held, as published: millions of current dollars, one
-- decimal; status_code and symbol_code are Statistics Canada's flags (0: none; symbol 1
-- preliminary, 3 revised).
create table trade_monthly_published (
    release_date date not null,
    ref_month date not null check (day(ref_month) = 1),
    partner varchar not null,
    flow varchar not null check (flow in ('exports', 'imports')),
    value_cad_millions decimal(12, 1) not null check (value_cad_millions >= 0),
    vector varchar not null references trade_monthly_series (vector),
    status_code integer not null,
    symbol_code integer not null,
    primary key (release_date, ref_month, partner, flow)
);

-- The current value of every month held: the newest release holding the month wins.
create table trade_monthly (
    ref_month date not null check (day(ref_month) = 1),
    partner varchar not null,
    flow varchar not null check (flow in ('exports', 'imports')),
    value_cad_millions decimal(12, 1) not null check (value_cad_millions >= 0),
    vector varchar not null references trade_monthly_series (vector),
    release_date date not null,
    status_code integer not null,
    symbol_code integer not null,
    primary key (ref_month, partner, flow)
);

-- Every month whose published value changed between two releases holding it.
create table trade_monthly_revisions (
    ref_month date not null,
    partner varchar not null,
    flow varchar not null check (flow in ('exports', 'imports')),
    earlier_value decimal(12, 1) not null,
    value decimal(12, 1) not null,
    earlier_release date not null,
    release date not null,
    check (earlier_release < release),
    primary key (ref_month, partner, flow, release)
);

-- Mexico's own records (INEGI, data/raw/mexico-trade): imports and exports with the world,
-- by month, HS chapter ('01'..'97', or 'unclassified' for INEGI's "Productos no
-- clasificados") and transport mode, in millions of US dollars (FOB) exactly as published:
-- NULL when INEGI marks the cell confidential, never 0. The newest package holding a month
-- gives its value (release_date says which).
create table mexico_trade_monthly (
    ref_month date not null check (day(ref_month) = 1),
    flow varchar not null check (flow in ('imports', 'exports')),
    chapter varchar not null
        check (regexp_full_match(chapter, '[0-9]{2}') or chapter = 'unclassified'),
    transport_mode varchar not null
        check (transport_mode in ('maritime', 'air', 'rail', 'road', 'other')),
    value_usd_millions double check (value_usd_millions >= 0),
    confidential boolean not null,
    figure_status varchar not null check (figure_status in ('definitive', 'adjusted', 'revised')),
    release_date date not null,
    check ((value_usd_millions is null) = confidential)
    -- Unique by (ref_month, flow, chapter, transport_mode): the build checks each package
    -- and keeps one row per key; a primary key's index would double the database's size.
);

-- INEGI's own totals of each month: by transport mode, and the national total ('all'),
-- as published (the build checks the chapters add up to them).
create table mexico_trade_totals (
    ref_month date not null check (day(ref_month) = 1),
    flow varchar not null check (flow in ('imports', 'exports')),
    transport_mode varchar not null
        check (transport_mode in ('maritime', 'air', 'rail', 'road', 'other', 'all')),
    value_usd_millions double not null check (value_usd_millions >= 0),
    figure_status varchar not null check (figure_status in ('definitive', 'adjusted', 'revised')),
    release_date date not null,
    primary key (ref_month, flow, transport_mode)
);

-- Every value of mexico_trade_monthly that changed between two packages holding it
-- (NULL: confidential in that package).
create table mexico_trade_revisions (
    ref_month date not null,
    flow varchar not null,
    chapter varchar not null,
    transport_mode varchar not null,
    earlier_value double,
    value double,
    earlier_release date not null,
    release date not null,
    check (earlier_release < release)
    -- Unique by (ref_month, flow, chapter, transport_mode, release), as built.
);

-- HS 2022 names: chapters (level 2), headings (4) and subheadings (6), English from UN
-- Comtrade, French from the EU's Combined Nomenclature 2026 (a subheading's French is the
-- CN's short label, shown under its heading); name_fr NULL where the CN holds none.
create table hs_names (
    code varchar primary key check (regexp_full_match(code, '[0-9]{2}|[0-9]{4}|[0-9]{6}')),
    level integer not null check (level in (2, 4, 6) and length(code) = level),
    name_en varchar not null,
    name_fr varchar
);

-- Mexico's tariff schedule (Secretaría de Economía, SNICE): every tariff line with its
-- general import rate, what a supplier without a trade agreement pays by default. The rate
-- as published; import_rate_pct the ad valorem rate where there is one ('Ex.' is 0; a
-- mixed or specific duty, or a prohibition, NULL).
create table mexico_tariff_lines (
    tariff_line varchar primary key
        check (regexp_full_match(tariff_line, '[0-9]{4}\.[0-9]{2}\.[0-9]{2}')),
    subheading varchar not null check (subheading = replace(substr(tariff_line, 1, 7), '.', '')),
    heading varchar not null check (heading = substr(tariff_line, 1, 4)),
    chapter varchar not null check (chapter = substr(tariff_line, 1, 2)),
    description_es varchar not null,
    unit varchar,
    import_rate_as_published varchar not null,
    import_rate_pct double check (import_rate_pct >= 0),  -- a few lines exceed 100 %
    rate_kind varchar not null
        check (rate_kind in ('ad_valorem', 'exempt', 'mixed', 'specific', 'prohibited')),
    schedule_date date not null,
    check ((import_rate_pct is null) = (rate_kind in ('mixed', 'specific', 'prohibited')))
);

-- SNICE's count of tariff lines per general import rate, April 23, 2024 (before the
-- reform in force since January 1, 2026): counts only, no line list.
create table mexico_tariff_levels_2024 (
    import_rate_as_published varchar primary key,
    import_rate_pct double,
    rate_kind varchar not null
        check (rate_kind in ('ad_valorem', 'exempt', 'mixed', 'specific', 'prohibited')),
    line_count integer not null check (line_count > 0),
    table_date date not null
);

-- The files Mexico's records and the HS names come from, as held: their checksum (SHA-256)
-- and size, for a reader to compare with the publisher's.
create table source_files (
    dataset varchar not null
        check (dataset in ('mexico_trade', 'mexico_tariff', 'hs_names')),
    file varchar primary key,
    sha256 varchar not null check (regexp_full_match(sha256, '[0-9a-f]{64}')),
    bytes bigint not null check (bytes > 0)
);

-- One row per release held, for every dataset: how current each number is.
-- release_date: Statistics Canada's release (the monthly table), the date of the export
-- the annual files were made from, NULL for the page (its capture carries no date);
-- reference_period_end: the last day its data cover; retrieved_at (UTC): when a refresh
-- fetched it, NULL where not recorded.
create table data_releases (
    dataset varchar not null
        check (dataset in ('mission_page', 'trade_by_chapter', 'trade_by_origin', 'trade_monthly',
                           'mexico_trade_monthly', 'mexico_tariff_lines')),
    release_date date,
    reference_period_end date,
    retrieved_at timestamp,
    source varchar not null,
    primary key (dataset, source)
);
