-- records
SELECT "name" AS "name", "_rid" AS "_rid" FROM "rec_trees" WHERE (((("height" > CAST(? AS BIGINT)) AND ("city" = CAST(? AS VARCHAR))) OR (NOT COALESCE(("public" = CAST(? AS BOOLEAN)), FALSE))) AND ("age" <> CAST(? AS BIGINT))) ORDER BY "_rid" ASC LIMIT CAST(? AS BIGINT)
-- params
[10,"Paris",true,80,10]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"_rid","type":"int"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees" WHERE (((("height" > CAST(? AS BIGINT)) AND ("city" = CAST(? AS VARCHAR))) OR (NOT COALESCE(("public" = CAST(? AS BOOLEAN)), FALSE))) AND ("age" <> CAST(? AS BIGINT)))
-- params
[10,"Paris",true,80]
-- columns
[{"name":"total_count","type":"int"}]
