-- records
SELECT "__k0" AS "city", count(*) OVER () AS "__total" FROM (SELECT "city" AS "__k0" FROM "rec_trees" GROUP BY 1) AS q ORDER BY hash("__k0", CAST(? AS BIGINT)), "__k0" ASC NULLS LAST LIMIT CAST(? AS BIGINT)
-- params
[7,10]
-- columns
[{"name":"city","type":"text","label":"CITY"}]
-- count
SELECT count(*) AS "total_count" FROM (SELECT "city" AS "__k0" FROM "rec_trees" GROUP BY 1) AS q
-- params
[]
-- columns
[{"name":"total_count","type":"int"}]
