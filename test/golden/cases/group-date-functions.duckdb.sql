-- records
SELECT "__a0" AS "n", "__k0" AS "y", "__k1" AS "d", count(*) OVER () AS "__total" FROM (SELECT year(timezone(?, "measured")) AS "__k0", ((CASE isodow(timezone(?, "measured")) WHEN 1 THEN CAST(? AS VARCHAR) WHEN 2 THEN CAST(? AS VARCHAR) WHEN 3 THEN CAST(? AS VARCHAR) WHEN 4 THEN CAST(? AS VARCHAR) WHEN 5 THEN CAST(? AS VARCHAR) WHEN 6 THEN CAST(? AS VARCHAR) WHEN 7 THEN CAST(? AS VARCHAR) END) || strftime(timezone(?, "measured"), ?)) AS "__k1", count(*) AS "__a0" FROM "rec_trees" GROUP BY 1, 2) AS q ORDER BY "__k0" DESC NULLS LAST, "__k1" ASC NULLS LAST LIMIT CAST(? AS BIGINT)
-- params
["Europe/Paris","Europe/Paris","lundi","mardi","mercredi","jeudi","vendredi","samedi","dimanche","Europe/Paris"," %d/%m/%Y à %Hh",10]
-- columns
[{"name":"n","type":"int"},{"name":"y","type":"int"},{"name":"d","type":"text"}]
-- count
SELECT count(*) AS "total_count" FROM (SELECT year(timezone(?, "measured")) AS "__k0", ((CASE isodow(timezone(?, "measured")) WHEN 1 THEN CAST(? AS VARCHAR) WHEN 2 THEN CAST(? AS VARCHAR) WHEN 3 THEN CAST(? AS VARCHAR) WHEN 4 THEN CAST(? AS VARCHAR) WHEN 5 THEN CAST(? AS VARCHAR) WHEN 6 THEN CAST(? AS VARCHAR) WHEN 7 THEN CAST(? AS VARCHAR) END) || strftime(timezone(?, "measured"), ?)) AS "__k1" FROM "rec_trees" GROUP BY 1, 2) AS q
-- params
["Europe/Paris","Europe/Paris","lundi","mardi","mercredi","jeudi","vendredi","samedi","dimanche","Europe/Paris"," %d/%m/%Y à %Hh"]
-- columns
[{"name":"total_count","type":"int"}]
