-- Views over the tables of schema.sql, named for what they hold; one CTE per step. The few
-- marts that rank every partner in every year are tables, computed once by the build, so
-- the app never repeats that work.

-- Text per language -------------------------------------------------------------------------
-- Every translated column has its French beside it (<column>_fr); these views give one row
-- per language, so a query picks its language with one join: "and <view>.lang = ?".

create view sector_texts as
select sector_id, 'en' as lang, name, short_name from sectors
union all
select sector_id, 'fr' as lang, name_fr, short_name_fr from sectors;

create view city_texts as
select city, 'en' as lang, city as name from cities
union all
select city, 'fr' as lang, city_fr from cities;

create view mission_texts as
select 'en' as lang, lead from mission
union all
select 'fr' as lang, lead_fr from mission;

create view source_document_texts as
select 'en' as lang, title, publisher, capture_note from source_document
union all
select 'fr' as lang, title_fr, publisher_fr, capture_note_fr from source_document;

create view attribution_texts as
select dataset, 'en' as lang, attribution from attributions
union all
select dataset, 'fr' as lang, attribution_fr from attributions;

create view figure_texts as
select figure_id, 'en' as lang, label, formula from figures
union all
select figure_id, 'fr' as lang, label_fr, formula_fr from figures;

-- Every figure with its label and formula, one row per language.
create view figure_details as
select
    figures.figure_id,
    figure_texts.lang,
    figures.sector_id,
    figure_texts.label,
    figures.value,
    figures.unit,
    figures.year,
    figures.qualifier,
    figures.value_text,
    figures.quote,
    figures.line,
    figures.is_derived,
    figure_texts.formula,
    figures.display_decimals,
    -- The heading of the innermost section that holds the figure's line, for a reader.
    (
        select sections.heading from sections
        where figures.line between sections.first_line and sections.last_line
        order by sections.level desc, sections.first_line desc
        limit 1
    ) as section,
    (select url from source_document) as source_url
from figures
inner join figure_texts on figure_texts.figure_id = figures.figure_id;

create view opportunity_texts as
select sector_id, category, item, 'en' as lang, item as name from opportunities
union all
select sector_id, category, item, 'fr' as lang, item_fr from opportunities;

create view programme_activity_texts as
select activity_no, 'en' as lang, text from programme_activities
union all
select activity_no, 'fr' as lang, text_fr from programme_activities;

create view criterion_texts as
select criterion_id, 'en' as lang, text from eligibility_criteria
union all
select criterion_id, 'fr' as lang, text_fr from eligibility_criteria;

create view outside_rule_texts as
select rule_id, 'en' as lang, rule, source from outside_rules
union all
select rule_id, 'fr' as lang, rule_fr, source_fr from outside_rules;

create view cluster_texts as
select distinct sector_id, cluster, 'en' as lang, cluster as name from cluster_states
union all
select distinct sector_id, cluster, 'fr' as lang, cluster_fr from cluster_states;

-- Sectors -----------------------------------------------------------------------------------

-- Each sector's host cities in programme order, per language ("Mexico City, Monterrey").
create view sector_host_cities as
select
    sector_cities.sector_id,
    city_texts.lang,
    string_agg(city_texts.name, ', ' order by programme.start_date, sector_cities.city)
        as cities
from sector_cities
inner join programme on programme.city = sector_cities.city
inner join city_texts on city_texts.city = sector_cities.city
group by sector_cities.sector_id, city_texts.lang;

-- Trade statistics ------------------------------------------------------------------------
-- Derived figures over Statistics Canada's series; each formula is in the column's comment.
-- "Markets" and "partners" never include the site's own total (partners.is_total).

create view hs_chapter_texts as
select hs2, 'en' as lang, label, keywords from hs_chapters
union all
select hs2, 'fr' as lang, label_fr, keywords_fr from hs_chapters;

create view partner_texts as
select partner, 'en' as lang, partner as name from partners
union all
select partner, 'fr' as lang, partner_fr from partners;

create view origin_texts as
select origin_code, 'en' as lang, origin as name from origins
union all
select origin_code, 'fr' as lang, origin_fr from origins;

create view sector_chapter_texts as
select sector_id, hs2, 'en' as lang, rationale from sector_chapters
union all
select sector_id, hs2, 'fr' as lang, rationale_fr from sector_chapters;

create view sector_trade_note_texts as
select sector_id, 'en' as lang, note from sector_trade_notes
union all
select sector_id, 'fr' as lang, note_fr from sector_trade_notes;

create view figure_check_texts as
select figure_id, 'en' as lang, official_text, basis, note from figure_checks
union all
select figure_id, 'fr' as lang, official_text_fr, basis_fr, note_fr from figure_checks;

create view figure_check_reading_texts as
select figure_id, reading, 'en' as lang, official_text, basis from figure_check_readings
union all
select figure_id, reading, 'fr' as lang, official_text_fr, basis_fr from figure_check_readings;

-- Canada's two-way trade with Mexico, all products, from the province file's CA rows.
-- two_way_cad = exports_cad + imports_cad; balance_cad = exports_cad - imports_cad.
create view mexico_trade as
select
    year,
    exports_cad,
    imports_cad,
    coalesce(exports_cad, 0) + coalesce(imports_cad, 0) as two_way_cad,
    coalesce(exports_cad, 0) - coalesce(imports_cad, 0) as balance_cad
from trade_by_origin
where origin_code = 'CA' and partner = 'Mexico';

-- Canada's exports of every chapter to every market, ranked within the year and chapter.
create view chapter_markets as
select
    trade_by_chapter.year,
    trade_by_chapter.hs2,
    trade_by_chapter.partner,
    trade_by_chapter.exports_cad,
    rank() over (
        partition by trade_by_chapter.year, trade_by_chapter.hs2
        order by trade_by_chapter.exports_cad desc nulls last
    ) as market_rank
from trade_by_chapter
inner join partners on partners.partner = trade_by_chapter.partner
where not partners.is_total and trade_by_chapter.exports_cad > 0;

-- Per year and chapter: what Canada sold Mexico, and Mexico's place among its markets.
-- share_of_exports_to_mexico_pct = exports_to_mexico_cad / all Canada's exports to Mexico
--     (province file, all products) * 100
-- mexico_share_of_chapter_pct = exports_to_mexico_cad / exports_world_cad * 100, where
--     exports_world_cad is the site's own total over all partners for the chapter
create table chapter_mexico as
with world as (
    select trade_by_chapter.year, trade_by_chapter.hs2, trade_by_chapter.exports_cad
    from trade_by_chapter
    inner join partners on partners.partner = trade_by_chapter.partner
    where partners.is_total
),

mexico as (
    select year, hs2, exports_cad, imports_cad
    from trade_by_chapter
    where partner = 'Mexico'
),

ranks as (
    select year, hs2, market_rank, count(*) over (partition by year, hs2) as markets
    from chapter_markets
    qualify partner = 'Mexico'
)

select
    world.year,
    world.hs2,
    mexico.exports_cad as exports_to_mexico_cad,
    mexico.imports_cad as imports_from_mexico_cad,
    world.exports_cad as exports_world_cad,
    mexico_trade.exports_cad as all_exports_to_mexico_cad,
    mexico.exports_cad * 100.0 / nullif(mexico_trade.exports_cad, 0)
        as share_of_exports_to_mexico_pct,
    mexico.exports_cad * 100.0 / nullif(world.exports_cad, 0) as mexico_share_of_chapter_pct,
    ranks.market_rank as mexico_rank
from world
left join mexico on mexico.year = world.year and mexico.hs2 = world.hs2
left join ranks on ranks.year = world.year and ranks.hs2 = world.hs2
left join mexico_trade on mexico_trade.year = world.year;

-- Mexico's share of all Canada's exports each year (province file, all products):
-- mexico_share_pct = exports to Mexico / exports to all countries * 100.
create view mexico_export_share as
select
    mexico_trade.year,
    mexico_trade.exports_cad * 100.0 / nullif(world.exports_cad, 0) as mexico_share_pct
from mexico_trade
inner join trade_by_origin as world
    on world.year = mexico_trade.year and world.origin_code = 'CA'
inner join partners on partners.partner = world.partner and partners.is_total;

-- Every chapter in the latest year, with growth and the opportunity benchmark.
-- cagr_5y_pct = ((exports in the year / exports five years before) ^ (1 / 5) - 1) * 100,
--     and the same over ten years; endpoints as published, NULL if either is missing or 0
-- representation_ratio = mexico_share_of_chapter_pct / Mexico's share of all Canada's
--     exports: under 1, Mexico takes less of this chapter than of Canada's exports overall
-- benchmark_gap_cad = exports_world_cad * Mexico's share of all exports / 100
--     - exports_to_mexico_cad: what Mexico would buy at its average share, less what it
--     buys. A benchmark that ignores Mexican demand, not a forecast.
create view chapter_indicators as
with latest as (
    select max(year) as year from trade_by_chapter
),

this_year as (
    select chapter_mexico.*
    from chapter_mexico
    inner join latest on latest.year = chapter_mexico.year
)

select
    this_year.year,
    this_year.hs2,
    this_year.exports_to_mexico_cad,
    this_year.imports_from_mexico_cad,
    this_year.exports_world_cad,
    this_year.share_of_exports_to_mexico_pct,
    this_year.mexico_share_of_chapter_pct,
    this_year.mexico_rank,
    (pow(this_year.exports_to_mexico_cad / nullif(five.exports_to_mexico_cad, 0), 1 / 5) - 1)
        * 100 as cagr_5y_pct,
    (pow(this_year.exports_to_mexico_cad / nullif(ten.exports_to_mexico_cad, 0), 1 / 10) - 1)
        * 100 as cagr_10y_pct,
    mexico_export_share.mexico_share_pct as mexico_share_of_all_exports_pct,
    this_year.mexico_share_of_chapter_pct / nullif(mexico_export_share.mexico_share_pct, 0)
        as representation_ratio,
    this_year.exports_world_cad * mexico_export_share.mexico_share_pct / 100
        - coalesce(this_year.exports_to_mexico_cad, 0) as benchmark_gap_cad
from this_year
left join chapter_mexico as five
    on five.hs2 = this_year.hs2 and five.year = this_year.year - 5
left join chapter_mexico as ten
    on ten.hs2 = this_year.hs2 and ten.year = this_year.year - 10
inner join mexico_export_share on mexico_export_share.year = this_year.year;

-- Each province's (and all Canada's) exports to Mexico, and Mexico's share and rank among
-- its markets: mexico_share_pct = exports to Mexico / exports to all countries * 100.
create table origin_mexico as
with ranked as (
    select
        trade_by_origin.year,
        trade_by_origin.origin_code,
        trade_by_origin.partner,
        trade_by_origin.exports_cad,
        trade_by_origin.imports_cad,
        rank() over (
            partition by trade_by_origin.year, trade_by_origin.origin_code
            order by trade_by_origin.exports_cad desc nulls last
        ) as market_rank
    from trade_by_origin
    inner join partners on partners.partner = trade_by_origin.partner
    where not partners.is_total
),

world as (
    select trade_by_origin.year, trade_by_origin.origin_code, trade_by_origin.exports_cad
    from trade_by_origin
    inner join partners on partners.partner = trade_by_origin.partner
    where partners.is_total
)

select
    world.year,
    world.origin_code,
    ranked.exports_cad as exports_to_mexico_cad,
    ranked.imports_cad as imports_from_mexico_cad,
    world.exports_cad as exports_world_cad,
    ranked.exports_cad * 100.0 / nullif(world.exports_cad, 0) as mexico_share_pct,
    ranked.market_rank as mexico_rank
from world
left join ranked
    on ranked.year = world.year and ranked.origin_code = world.origin_code
    and ranked.partner = 'Mexico';

-- Each sector's chapters exported to Mexico, by year, and Mexico's rank among the markets
-- for those chapters together, with how much of the sector the chapters stand for.
create table sector_trade as
with sector_markets as (
    select
        sector_chapters.sector_id,
        chapter_markets.year,
        chapter_markets.partner,
        sum(chapter_markets.exports_cad)::bigint as exports_cad
    from sector_chapters
    inner join chapter_markets on chapter_markets.hs2 = sector_chapters.hs2
    group by all
),

ranked as (
    select
        sector_id,
        year,
        partner,
        exports_cad,
        rank() over (partition by sector_id, year order by exports_cad desc) as market_rank
    from sector_markets
),

coverage as (
    select
        sector_chapters.sector_id,
        sector_trade_notes.coverage,
        string_agg(sector_chapters.hs2, ', ' order by sector_chapters.hs2) as chapters
    from sector_chapters
    inner join sector_trade_notes on sector_trade_notes.sector_id = sector_chapters.sector_id
    group by all
)

select
    ranked.sector_id,
    ranked.year,
    ranked.exports_cad as exports_to_mexico_cad,
    ranked.market_rank as mexico_rank,
    coverage.coverage,
    coverage.chapters
from ranked
inner join coverage on coverage.sector_id = ranked.sector_id
where ranked.partner = 'Mexico';

-- Each sector in the latest year: its chapters' exports to Mexico, Mexico's rank among
-- their markets, and their growth (a derived figure):
-- cagr_10y_pct = ((exports in the year / exports ten years before) ^ (1 / 10) - 1) * 100,
--     endpoints as published, NULL if either is missing or 0. Every sector has a row;
--     one whose chapters are only a proxy (coverage) must not be shown as the sector.
create view sector_indicators as
with latest as (
    select max(year) as year from trade_by_chapter
)

select
    sector_trade_notes.sector_id,
    latest.year,
    this_year.exports_to_mexico_cad,
    this_year.mexico_rank,
    (
        pow(
            nullif(this_year.exports_to_mexico_cad, 0) / nullif(ten.exports_to_mexico_cad, 0),
            1 / 10
        ) - 1
    ) * 100 as cagr_10y_pct,
    sector_trade_notes.coverage
from sector_trade_notes
cross join latest
left join sector_trade as this_year
    on this_year.sector_id = sector_trade_notes.sector_id and this_year.year = latest.year
left join sector_trade as ten
    on ten.sector_id = sector_trade_notes.sector_id and ten.year = latest.year - 10;

-- Monthly trade (table 12-10-0011-01) --------------------------------------------------------
-- Values are millions of current dollars as published; every sum, share and change below
-- is derived, with its formula beside it. The series is not seasonally adjusted, so a run
-- of months is compared with the same months a year earlier, never with the months before.

create view monthly_partner_texts as
select distinct partner, 'en' as lang, partner as name, sort_order // 2 as sort_order
from trade_monthly_series
union all
select distinct partner, 'fr' as lang, partner_fr, sort_order // 2 from trade_monthly_series;

-- The periods the latest months are read over, each ending with the latest month held:
-- latest_12: the twelve months to it; year_to_date: January to it; since_mission: the
-- months after the mission's month to it (none until a month after the mission is held).
create view monthly_periods as
with latest as (
    select max(ref_month) as last_month from trade_monthly
),

mission_month as (
    select date_trunc('month', end_date)::date as month from mission
)

select 'latest_12' as period, 1 as sort_order,
    (latest.last_month - interval 11 month)::date as first_month, latest.last_month
from latest
union all
select 'year_to_date', 2, date_trunc('year', latest.last_month)::date, latest.last_month
from latest
union all
select 'since_mission', 3, (mission_month.month + interval 1 month)::date, latest.last_month
from latest, mission_month
where mission_month.month < latest.last_month;

-- Each period's sum per partner and flow, against the same months a year earlier:
-- value_cad_millions = sum of the period's months; earlier_cad_millions = sum of the same
--     months one year before; change_pct = (value / earlier - 1) * 100;
-- share_pct = value / all countries' value for the same months and flow * 100 (NULL for
--     all countries), and earlier_share_pct the same a year earlier. NULL when a month of
--     either run is missing.
create view monthly_comparisons as
with sums as (
    select
        monthly_periods.period,
        monthly_periods.sort_order,
        monthly_periods.first_month,
        monthly_periods.last_month,
        trade_monthly.partner,
        trade_monthly.flow,
        sum(trade_monthly.value_cad_millions) filter (
            where trade_monthly.ref_month
            between monthly_periods.first_month and monthly_periods.last_month
        ) as value_cad_millions,
        count(*) filter (
            where trade_monthly.ref_month
            between monthly_periods.first_month and monthly_periods.last_month
        ) as months,
        sum(trade_monthly.value_cad_millions) filter (
            where trade_monthly.ref_month between monthly_periods.first_month - interval 1 year
            and monthly_periods.last_month - interval 1 year
        ) as earlier_cad_millions,
        count(*) filter (
            where trade_monthly.ref_month between monthly_periods.first_month - interval 1 year
            and monthly_periods.last_month - interval 1 year
        ) as earlier_months
    from monthly_periods
    cross join trade_monthly
    group by all
),

complete as (
    select
        sums.* exclude (value_cad_millions, earlier_cad_millions, months, earlier_months),
        case when sums.months = date_diff('month', sums.first_month, sums.last_month) + 1
            then sums.value_cad_millions end as value_cad_millions,
        case when sums.earlier_months = date_diff('month', sums.first_month, sums.last_month) + 1
            then sums.earlier_cad_millions end as earlier_cad_millions,
        date_diff('month', sums.first_month, sums.last_month) + 1 as months
    from sums
),

totals as (
    select complete.period, complete.flow, complete.value_cad_millions,
        complete.earlier_cad_millions
    from complete
    inner join trade_monthly_series as series
        on series.partner = complete.partner and series.flow = complete.flow
    where series.is_total
)

select
    complete.period,
    complete.sort_order,
    complete.first_month,
    complete.last_month,
    complete.months,
    complete.partner,
    complete.flow,
    complete.value_cad_millions,
    complete.earlier_cad_millions,
    (complete.value_cad_millions / nullif(complete.earlier_cad_millions, 0) - 1) * 100
        as change_pct,
    case when not series.is_total
        then complete.value_cad_millions * 100.0 / nullif(totals.value_cad_millions, 0)
    end as share_pct,
    case when not series.is_total
        then complete.earlier_cad_millions * 100.0 / nullif(totals.earlier_cad_millions, 0)
    end as earlier_share_pct
from complete
inner join trade_monthly_series as series
    on series.partner = complete.partner and series.flow = complete.flow
inner join totals on totals.period = complete.period and totals.flow = complete.flow;

-- Each partner's share of Canada's exports and of its imports, by calendar year, for the
-- years whose twelve months are held: share_pct = the partner's twelve months / all
-- countries' twelve months * 100.
create view monthly_shares as
with years as (
    select
        year(trade_monthly.ref_month) as year,
        trade_monthly.partner,
        trade_monthly.flow,
        sum(trade_monthly.value_cad_millions) as value_cad_millions,
        count(*) as months
    from trade_monthly
    group by all
)

select
    years.year,
    years.partner,
    years.flow,
    years.value_cad_millions,
    total.value_cad_millions as all_countries_cad_millions,
    years.value_cad_millions * 100.0 / nullif(total.value_cad_millions, 0) as share_pct
from years
inner join trade_monthly_series as series
    on series.partner = years.partner and series.flow = years.flow and not series.is_total
inner join trade_monthly_series as total_series
    on total_series.flow = years.flow and total_series.is_total
inner join years as total
    on total.year = years.year and total.flow = years.flow
    and total.partner = total_series.partner
where years.months = 12 and total.months = 12;

-- Canada's trade with Mexico by year: the annual files' years (mexico_trade), then each
-- later year whose twelve months the monthly table holds. For those years exports_cad and
-- imports_cad = the sum of the twelve months * 1,000,000 (millions as published, so exact
-- to C$100,000); two_way_cad and balance_cad as in mexico_trade. ``source`` says which
-- product each year comes from.
create view mexico_trade_years as
with monthly_years as (
    select
        year(trade_monthly.ref_month) as year,
        sum(trade_monthly.value_cad_millions) filter (where trade_monthly.flow = 'exports')
            as exports_cad_millions,
        sum(trade_monthly.value_cad_millions) filter (where trade_monthly.flow = 'imports')
            as imports_cad_millions,
        count(*) as months,
        max(trade_monthly.release_date) as release_date
    from trade_monthly
    where trade_monthly.partner = 'Mexico'
    group by all
)

select year, exports_cad, imports_cad, two_way_cad, balance_cad,
    'trade_by_origin' as source, null::date as release_date
from mexico_trade
union all
select
    year,
    (exports_cad_millions * 1000000)::bigint,
    (imports_cad_millions * 1000000)::bigint,
    ((exports_cad_millions + imports_cad_millions) * 1000000)::bigint,
    ((exports_cad_millions - imports_cad_millions) * 1000000)::bigint,
    'trade_monthly',
    release_date
from monthly_years
where months = 24 and year > (select max(year) from mexico_trade);

-- The monthly table against Trade Data Online, release by release and year by year, for
-- the years both hold: difference_pct = (the release's twelve months * 1,000,000 / the
-- annual total - 1) * 100. The build refuses a release more than 2 % apart in any year
-- (etl/steps/monthly.py); Sources shows, for each year, the newest release holding it.
create view monthly_annual_agreement as
with years as (
    select
        release_date,
        year(ref_month) as year,
        partner,
        flow,
        sum(value_cad_millions) as monthly_cad_millions,
        count(*) as months,
        min(ref_month) as first_month
    from trade_monthly_published
    group by all
)

select
    years.release_date,
    years.year,
    years.partner,
    years.flow,
    years.monthly_cad_millions,
    case years.flow when 'exports' then annual.exports_cad else annual.imports_cad end
        as annual_cad,
    (years.monthly_cad_millions * 1000000.0
        / (case years.flow when 'exports' then annual.exports_cad else annual.imports_cad end)
        - 1) * 100 as difference_pct,
    years.first_month
from years
inner join trade_monthly_series as series
    on series.partner = years.partner and series.flow = years.flow
inner join trade_by_origin as annual
    on annual.year = years.year and annual.origin_code = 'CA'
    and annual.partner = series.annual_partner
where years.months = 12;

-- Mexico's own records (INEGI), in millions of US dollars (FOB), never mixed with
-- Statistics Canada's Canadian dollars: no view below joins the two.

-- The periods every view of Mexico's market compares: the latest month held, the last
-- full year before it (the year of the latest month when that month is December), the
-- year to date (January to the latest month) and the same months a year earlier.
create view mexico_market_periods as
with latest as (
    select max(ref_month) as last_month, max(release_date) as release_date
    from mexico_trade_monthly
)

select
    last_month,
    release_date,
    year(last_month) - case when month(last_month) = 12 then 0 else 1 end as full_year,
    year(last_month) as ytd_year,
    month(last_month) as ytd_months,
    (select any_value(figure_status) from mexico_trade_monthly
     where ref_month = latest.last_month) as last_month_status
from latest;

-- Mexico's imports from the world of each chapter (and of goods INEGI leaves
-- unclassified), all transport modes:
--   imports_full_year, imports_year_before, imports_2019: the sums of each year's months;
--   ytd, ytd_earlier: January to the latest month, this year and a year earlier;
--   change_full_year_pct = (imports_full_year / imports_year_before - 1) * 100;
--   change_since_2019_pct = (imports_full_year / imports_2019 - 1) * 100;
--   cagr_since_2019_pct = ((imports_full_year / imports_2019) ^ (1 / (full_year - 2019)) - 1) * 100;
--   change_ytd_pct = (ytd / ytd_earlier - 1) * 100.
-- Confidential cells have no value; no import cell is confidential in INEGI's package,
-- and has_confidential says so where one is.
create view mexico_chapter_imports as
with sums as (
    select
        chapter,
        sum(value_usd_millions) filter (where year(ref_month) = p.full_year)
            as imports_full_year,
        sum(value_usd_millions) filter (where year(ref_month) = p.full_year - 1)
            as imports_year_before,
        sum(value_usd_millions) filter (where year(ref_month) = 2019) as imports_2019,
        sum(value_usd_millions) filter (
            where year(ref_month) = p.ytd_year and month(ref_month) <= p.ytd_months) as ytd,
        sum(value_usd_millions) filter (
            where year(ref_month) = p.ytd_year - 1 and month(ref_month) <= p.ytd_months)
            as ytd_earlier,
        bool_or(confidential) as has_confidential
    from mexico_trade_monthly, mexico_market_periods as p
    where flow = 'imports'
    group by chapter
)

select
    sums.*,
    p.full_year,
    p.ytd_year,
    p.ytd_months,
    (imports_full_year / nullif(imports_year_before, 0) - 1) * 100 as change_full_year_pct,
    (imports_full_year / nullif(imports_2019, 0) - 1) * 100 as change_since_2019_pct,
    (pow(imports_full_year / nullif(imports_2019, 0), 1.0 / (p.full_year - 2019)) - 1) * 100
        as cagr_since_2019_pct,
    (ytd / nullif(ytd_earlier, 0) - 1) * 100 as change_ytd_pct
from sums, mexico_market_periods as p;

-- Mexico's imports from the world, every chapter and unclassified goods together, as
-- INEGI totals them (its national total), with the same periods and formulas as
-- mexico_chapter_imports.
create view mexico_national_imports as
with sums as (
    select
        sum(value_usd_millions) filter (where year(ref_month) = p.full_year)
            as imports_full_year,
        sum(value_usd_millions) filter (where year(ref_month) = p.full_year - 1)
            as imports_year_before,
        sum(value_usd_millions) filter (where year(ref_month) = 2019) as imports_2019,
        sum(value_usd_millions) filter (
            where year(ref_month) = p.ytd_year and month(ref_month) <= p.ytd_months) as ytd,
        sum(value_usd_millions) filter (
            where year(ref_month) = p.ytd_year - 1 and month(ref_month) <= p.ytd_months)
            as ytd_earlier
    from mexico_trade_totals, mexico_market_periods as p
    where flow = 'imports' and transport_mode = 'all'
)

select
    sums.*,
    p.full_year,
    p.ytd_year,
    p.ytd_months,
    (imports_full_year / nullif(imports_year_before, 0) - 1) * 100 as change_full_year_pct,
    (imports_full_year / nullif(imports_2019, 0) - 1) * 100 as change_since_2019_pct,
    (pow(imports_full_year / nullif(imports_2019, 0), 1.0 / (p.full_year - 2019)) - 1) * 100
        as cagr_since_2019_pct,
    (ytd / nullif(ytd_earlier, 0) - 1) * 100 as change_ytd_pct
from sums, mexico_market_periods as p;

-- How each chapter's imports arrived in the last full year: by transport mode, with
-- share_pct = value / the chapter's imports by every mode * 100.
create view mexico_chapter_modes as
select
    chapter,
    transport_mode,
    sum(value_usd_millions) as imports_usd_millions,
    sum(value_usd_millions) * 100
        / nullif(sum(sum(value_usd_millions)) over (partition by chapter), 0) as share_pct
from mexico_trade_monthly, mexico_market_periods as p
where flow = 'imports' and year(ref_month) = p.full_year
group by chapter, transport_mode;

-- Each chapter's tariff lines by general import rate: how many lines, how many exempt,
-- at 25 % or more, prohibited or with a mixed or specific duty, and the highest ad
-- valorem rate.
create view mexico_tariff_chapters as
select
    chapter,
    count(*) as lines,
    count(*) filter (where rate_kind = 'exempt') as exempt_lines,
    count(*) filter (where import_rate_pct >= 25) as lines_25_or_more,
    count(*) filter (where rate_kind in ('mixed', 'specific')) as non_ad_valorem_lines,
    count(*) filter (where rate_kind = 'prohibited') as prohibited_lines,
    max(import_rate_pct) as highest_rate_pct,
    min(import_rate_pct) as lowest_rate_pct,
    any_value(schedule_date) as schedule_date
from mexico_tariff_lines
group by chapter;

-- How many lines carry each general rate in the schedule held against SNICE's count of
-- April 2024 (counts only: which lines changed is not in either file).
create view mexico_tariff_distribution as
with now_counts as (
    select import_rate_as_published, any_value(import_rate_pct) as import_rate_pct,
        any_value(rate_kind) as rate_kind, count(*) as lines_now
    from mexico_tariff_lines group by import_rate_as_published
)

select
    coalesce(n.import_rate_as_published, b.import_rate_as_published) as rate,
    coalesce(n.import_rate_pct, b.import_rate_pct) as import_rate_pct,
    coalesce(n.rate_kind, b.rate_kind) as rate_kind,
    coalesce(n.lines_now, 0) as lines_now,
    coalesce(b.line_count, 0) as lines_2024
from now_counts as n
full outer join mexico_tariff_levels_2024 as b
    on b.import_rate_as_published = n.import_rate_as_published;
