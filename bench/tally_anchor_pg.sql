-- bench/tally_anchor.sql for PostgreSQL: the same counts (holders at the start of the year,
-- added, exited, holders at the end, per city × tier) as one SQL aggregate. A default end of
-- validity is worked out as Ladder and SQLite's date() do: 29 February plus N years is
-- 1 March when the year has no 29 February, then minus one day.
WITH validity(tier, years) AS (
  VALUES ('above_scale', 1), ('high_tech', 3), ('specialized', 3), ('little_giant', 3),
         ('single_champion', 3), ('gazelle', 1), ('unicorn', 1), ('listing', NULL::int)),
state AS (
  SELECT r.credit_code, r.tier,
    bool_or(r.valid_from <= ':start' AND COALESCE(r.valid_to,
        to_char((date_trunc('month', r.valid_from::date) + make_interval(years => v.years))::date
                + (extract(day FROM r.valid_from::date)::int - 2), 'YYYY-MM-DD'),
        '9999-12-31') >= ':start') AS held_start,
    bool_or(r.valid_from <= ':end' AND COALESCE(r.valid_to,
        to_char((date_trunc('month', r.valid_from::date) + make_interval(years => v.years))::date
                + (extract(day FROM r.valid_from::date)::int - 2), 'YYYY-MM-DD'),
        '9999-12-31') >= ':end') AS held_end,
    bool_or(substr(r.approved_on, 1, 4) = ':year') AS approved
  FROM recognitions r JOIN validity v ON v.tier = r.tier
  GROUP BY r.credit_code, r.tier)
SELECT substr(f.region_code, 1, 4) AS city, s.tier, SUM(s.held_start::int),
  SUM((s.approved AND NOT s.held_start)::int), SUM((s.held_start AND NOT s.held_end)::int),
  SUM(s.held_end::int)
FROM state s JOIN firms f ON f.credit_code = s.credit_code
WHERE length(f.region_code) >= 4
GROUP BY city, s.tier;
