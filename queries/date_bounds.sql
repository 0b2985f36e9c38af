-- date_bounds: earliest and latest known dates in the data, for the date filter's limits.
-- grain: one row
-- params: none
select
    least(
        (select min(said_on_date) from quotes),
        (select min(on_date_date) from events),
        (select min(published_on_date) from sources)
    ) as first_date,
    greatest(
        (select max(said_on_date) from quotes),
        (select max(on_date_date) from events),
        (select max(published_on_date) from sources)
    ) as last_date,
