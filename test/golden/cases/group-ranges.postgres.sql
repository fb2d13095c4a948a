-- records
SELECT "__a0" AS "count(*)", CASE "__k0" WHEN 0 THEN CAST($1 AS text) WHEN 1 THEN CAST($2 AS text) WHEN 2 THEN CAST($3 AS text) END AS "h", CASE WHEN "__k1" IS NULL THEN NULL ELSE '[' || CAST(CAST("__k1" AS bigint) * CAST($4 AS bigint) AS text) || ', ' || CAST((CAST("__k1" AS bigint) + 1) * CAST($5 AS bigint) AS text) || '[' END AS "a", CASE WHEN "__k2" IS NULL THEN NULL ELSE '[' || to_char("__k2", 'YYYY-MM-DD"T"HH24:MI:SS') || ', ' || to_char(("__k2" + INTERVAL '1 month'), 'YYYY-MM-DD"T"HH24:MI:SS') || '[' END AS "m", count(*) OVER () AS "__total" FROM (SELECT CASE WHEN "height" IS NULL THEN NULL WHEN "height" < CAST($6 AS double precision) THEN 0 WHEN "height" >= CAST($7 AS double precision) AND "height" < CAST($8 AS double precision) THEN 1 WHEN "height" >= CAST($9 AS double precision) THEN 2 ELSE -1 END AS "__k0", floor(CAST("age" AS double precision) / CAST($10 AS bigint)) AS "__k1", CAST(date_trunc('month', ("measured" AT TIME ZONE $11)) AS timestamp) AS "__k2", count(*) AS "__a0" FROM "rec_trees" GROUP BY 1, 2, 3) AS q WHERE ("__k0" IS NULL OR "__k0" >= 0) ORDER BY "__k0" ASC NULLS LAST, "__k1" ASC NULLS LAST, "__k2" ASC NULLS LAST LIMIT CAST($12 AS bigint)
-- params
["[*, 10[","[10, 20[","[20, *[",50,50,10,10,20,20,50,"UTC",10]
-- columns
[{"name":"count(*)","type":"int"},{"name":"h","type":"text"},{"name":"a","type":"text"},{"name":"m","type":"text"}]
-- count
SELECT count(*) AS "total_count" FROM (SELECT CASE WHEN "height" IS NULL THEN NULL WHEN "height" < CAST($1 AS double precision) THEN 0 WHEN "height" >= CAST($2 AS double precision) AND "height" < CAST($3 AS double precision) THEN 1 WHEN "height" >= CAST($4 AS double precision) THEN 2 ELSE -1 END AS "__k0", floor(CAST("age" AS double precision) / CAST($5 AS bigint)) AS "__k1", CAST(date_trunc('month', ("measured" AT TIME ZONE $6)) AS timestamp) AS "__k2" FROM "rec_trees" GROUP BY 1, 2, 3) AS q WHERE ("__k0" IS NULL OR "__k0" >= 0)
-- params
[10,10,20,20,50,"UTC"]
-- columns
[{"name":"total_count","type":"int"}]
