-- Views over the tables of schema.sql, named for what they hold; one CTE per step.

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
select 'en' as lang, capture_note from source_document
union all
select 'fr' as lang, capture_note_fr from source_document;

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
    figures.display_decimals
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

-- One row per sector for the compare view: what the page gives about each.
create view sector_summary as
with opportunity_counts as (
    select sector_id, count(*) as opportunities
    from opportunities
    group by sector_id
),

figure_counts as (
    select
        sector_id,
        count(*) filter (where not is_derived) as published_figures,
        count(*) filter (where is_derived) as derived_figures
    from figures
    where sector_id is not null
    group by sector_id
),

company_counts as (
    select sector_id, count(*) as named_companies
    from companies
    group by sector_id
)

select
    sectors.sector_id,
    sectors.sort_order,
    coalesce(opportunity_counts.opportunities, 0) as opportunities,
    coalesce(figure_counts.published_figures, 0) as published_figures,
    coalesce(figure_counts.derived_figures, 0) as derived_figures,
    coalesce(company_counts.named_companies, 0) as named_companies
from sectors
left join opportunity_counts on opportunity_counts.sector_id = sectors.sector_id
left join figure_counts on figure_counts.sector_id = sectors.sector_id
left join company_counts on company_counts.sector_id = sectors.sector_id;

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

-- Opportunities per sector and category, for the compare chart.
create view opportunity_counts as
select sector_id, category, count(*) as items
from opportunities
group by sector_id, category;
