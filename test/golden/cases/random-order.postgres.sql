-- records
SELECT "__k0" AS "city", count(*) OVER () AS "__total" FROM (SELECT "city" AS "__k0" FROM "rec_trees" GROUP BY 1) AS q ORDER BY md5(concat_ws('|', "__k0", CAST($1 AS bigint))), "__k0" ASC NULLS LAST LIMIT CAST($2 AS bigint)
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
