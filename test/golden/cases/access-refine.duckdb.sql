-- records
SELECT "name" AS "name", "city" AS "city", "species" AS "species", "height" AS "height", "measured" AS "measured" FROM "rec_trees" WHERE (("secret" <> CAST(? AS VARCHAR)) AND ("height" > CAST(? AS BIGINT)) AND ("city" = CAST(? AS VARCHAR)) AND ("measured" >= CAST(? AS TIMESTAMPTZ) AND "measured" < CAST(? AS TIMESTAMPTZ)) AND (NOT COALESCE(("species" = CAST(? AS VARCHAR)), FALSE)))
-- params
["s3",5,"Paris","2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z","Quercus"]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"city","type":"text","label":"CITY"},{"name":"species","type":"text","label":"SPECIES"},{"name":"height","type":"double","label":"HEIGHT"},{"name":"measured","type":"datetime","label":"MEASURED"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees" WHERE (("secret" <> CAST(? AS VARCHAR)) AND ("height" > CAST(? AS BIGINT)) AND ("city" = CAST(? AS VARCHAR)) AND ("measured" >= CAST(? AS TIMESTAMPTZ) AND "measured" < CAST(? AS TIMESTAMPTZ)) AND (NOT COALESCE(("species" = CAST(? AS VARCHAR)), FALSE)))
-- params
["s3",5,"Paris","2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z","Quercus"]
-- columns
[{"name":"total_count","type":"int"}]
