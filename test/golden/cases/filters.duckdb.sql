-- records
SELECT "name" AS "name", "_rid" AS "_rid" FROM "rec_trees" WHERE (("age" IN (CAST(? AS BIGINT), CAST(? AS BIGINT))) AND (("height" > CAST(? AS BIGINT)) AND ("height" <= CAST(? AS DOUBLE))) AND ("species" IS NOT NULL) AND ("date" IS NULL) AND ("public" = CAST(? AS BOOLEAN)) AND ("city" = CAST(? AS VARCHAR)) AND list_contains("tags", CAST(? AS VARCHAR)) AND (NOT list_contains("tags", CAST(? AS VARCHAR)))) ORDER BY "_rid" ASC LIMIT CAST(? AS BIGINT)
-- params
[35,80,10,25.5,true,"Paris","old","tall",10]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"_rid","type":"int"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees" WHERE (("age" IN (CAST(? AS BIGINT), CAST(? AS BIGINT))) AND (("height" > CAST(? AS BIGINT)) AND ("height" <= CAST(? AS DOUBLE))) AND ("species" IS NOT NULL) AND ("date" IS NULL) AND ("public" = CAST(? AS BOOLEAN)) AND ("city" = CAST(? AS VARCHAR)) AND list_contains("tags", CAST(? AS VARCHAR)) AND (NOT list_contains("tags", CAST(? AS VARCHAR))))
-- params
[35,80,10,25.5,true,"Paris","old","tall"]
-- columns
[{"name":"total_count","type":"int"}]
