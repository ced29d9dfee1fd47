-- Views that join and aggregate the tables in schema.sql; one CTE per step.

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
),

host_cities as (
    select
        sector_cities.sector_id,
        string_agg(sector_cities.city, ', ' order by programme.start_date, sector_cities.city)
            as cities,
        string_agg(cities.city_fr, ', ' order by programme.start_date, sector_cities.city)
            as cities_fr
    from sector_cities
    inner join programme on programme.city = sector_cities.city
    inner join cities on cities.city = sector_cities.city
    group by sector_cities.sector_id
)

select
    sectors.sector_id,
    sectors.name,
    sectors.name_fr,
    sectors.short_name,
    sectors.short_name_fr,
    sectors.sort_order,
    coalesce(opportunity_counts.opportunities, 0) as opportunities,
    coalesce(figure_counts.published_figures, 0) as published_figures,
    coalesce(figure_counts.derived_figures, 0) as derived_figures,
    coalesce(company_counts.named_companies, 0) as named_companies,
    host_cities.cities,
    host_cities.cities_fr
from sectors
left join opportunity_counts on opportunity_counts.sector_id = sectors.sector_id
left join figure_counts on figure_counts.sector_id = sectors.sector_id
left join company_counts on company_counts.sector_id = sectors.sector_id
left join host_cities on host_cities.sector_id = sectors.sector_id;

-- Opportunities per sector and category, for the compare chart.
create view opportunity_counts as
select sector_id, category, count(*) as items
from opportunities
group by sector_id, category;

-- Each figure's label and formula per language, so a query picks a language with a join.
create view figure_texts as
select figure_id, 'en' as lang, label, formula
from figures
union all
select figure_id, 'fr' as lang, label_fr as label, formula_fr as formula
from figures;
