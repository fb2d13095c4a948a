-- records
SELECT "__a0" AS "count(*)", CASE "__k0" WHEN 0 THEN CAST(? AS VARCHAR) WHEN 1 THEN CAST(? AS VARCHAR) WHEN 2 THEN CAST(? AS VARCHAR) END AS "h", CASE WHEN "__k1" IS NULL THEN NULL ELSE '[' || CAST(CAST("__k1" AS BIGINT) * CAST(? AS BIGINT) AS VARCHAR) || ', ' || CAST((CAST("__k1" AS BIGINT) + 1) * CAST(? AS BIGINT) AS VARCHAR) || '[' END AS "a", CASE WHEN "__k2" IS NULL THEN NULL ELSE '[' || strftime("__k2", '%Y-%m-%dT%H:%M:%S') || ', ' || strftime(("__k2" + INTERVAL 1 MONTH), '%Y-%m-%dT%H:%M:%S') || '[' END AS "m", count(*) OVER () AS "__total" FROM (SELECT CASE WHEN "height" IS NULL THEN NULL WHEN "height" < CAST(? AS DOUBLE) THEN 0 WHEN "height" >= CAST(? AS DOUBLE) AND "height" < CAST(? AS DOUBLE) THEN 1 WHEN "height" >= CAST(? AS DOUBLE) THEN 2 ELSE -1 END AS "__k0", floor(CAST("age" AS DOUBLE) / CAST(? AS BIGINT)) AS "__k1", CAST(date_trunc('month', timezone(?, "measured")) AS TIMESTAMP) AS "__k2", count(*) AS "__a0" FROM "rec_trees" GROUP BY 1, 2, 3) AS q WHERE ("__k0" IS NULL OR "__k0" >= 0) ORDER BY "__k0" ASC NULLS LAST, "__k1" ASC NULLS LAST, "__k2" ASC NULLS LAST LIMIT CAST(? AS BIGINT)
-- params
["[*, 10[","[10, 20[","[20, *[",50,50,10,10,20,20,50,"UTC",10]
-- columns
[{"name":"count(*)","type":"int"},{"name":"h","type":"text"},{"name":"a","type":"text"},{"name":"m","type":"text"}]
-- count
SELECT count(*) AS "total_count" FROM (SELECT CASE WHEN "height" IS NULL THEN NULL WHEN "height" < CAST(? AS DOUBLE) THEN 0 WHEN "height" >= CAST(? AS DOUBLE) AND "height" < CAST(? AS DOUBLE) THEN 1 WHEN "height" >= CAST(? AS DOUBLE) THEN 2 ELSE -1 END AS "__k0", floor(CAST("age" AS DOUBLE) / CAST(? AS BIGINT)) AS "__k1", CAST(date_trunc('month', timezone(?, "measured")) AS TIMESTAMP) AS "__k2" FROM "rec_trees" GROUP BY 1, 2, 3) AS q WHERE ("__k0" IS NULL OR "__k0" >= 0)
-- params
[10,10,20,20,50,"UTC"]
-- columns
[{"name":"total_count","type":"int"}]
