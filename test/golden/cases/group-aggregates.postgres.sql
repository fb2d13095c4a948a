-- records
SELECT "__a0" AS "n", "__a1" AS "avg(height)", "__a2" AS "sum(age)", "__a3" AS "min(planted)", "__a4" AS "max(height)", "__a5" AS "median(height)", "__a6" AS "percentile(height, 90)", "__a7" AS "count(distinct species)", "__k0" AS "city", count(*) OVER () AS "__total" FROM (SELECT "city" AS "__k0", count(*) AS "__a0", avg("height") AS "__a1", sum("age") AS "__a2", min("planted") AS "__a3", max("height") AS "__a4", percentile_cont(CAST($1 AS double precision)) WITHIN GROUP (ORDER BY "height") AS "__a5", percentile_cont(CAST($2 AS double precision)) WITHIN GROUP (ORDER BY "height") AS "__a6", count(DISTINCT "species") AS "__a7", count(*) AS "__a8" FROM "rec_trees" GROUP BY 1) AS q ORDER BY "__a8" DESC NULLS LAST, "__k0" ASC NULLS LAST LIMIT CAST($3 AS bigint)
-- params
[0.5,0.9,3]
-- columns
[{"name":"n","type":"int"},{"name":"avg(height)","type":"double"},{"name":"sum(age)","type":"int"},{"name":"min(planted)","type":"date"},{"name":"max(height)","type":"double"},{"name":"median(height)","type":"double"},{"name":"percentile(height, 90)","type":"double"},{"name":"count(distinct species)","type":"int"},{"name":"city","type":"text","label":"CITY"}]
-- count
SELECT count(*) AS "total_count" FROM (SELECT "city" AS "__k0" FROM "rec_trees" GROUP BY 1) AS q
-- params
[]
-- columns
[{"name":"total_count","type":"int"}]
