-- records
SELECT "name" AS "name", "city" AS "city", "species" AS "species", "height" AS "height", "measured" AS "measured" FROM "rec_trees" WHERE (("secret" <> CAST($1 AS text)) AND ("height" > CAST($2 AS bigint)) AND ("city" = CAST($3 AS text)) AND ("measured" >= CAST($4 AS timestamptz) AND "measured" < CAST($5 AS timestamptz)) AND (NOT COALESCE(("species" = CAST($6 AS text)), FALSE))) ORDER BY "_rid" ASC
-- params
["s3",5,"Paris","2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z","Quercus"]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"city","type":"text","label":"CITY"},{"name":"species","type":"text","label":"SPECIES"},{"name":"height","type":"double","label":"HEIGHT"},{"name":"measured","type":"datetime","label":"MEASURED"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees" WHERE (("secret" <> CAST($1 AS text)) AND ("height" > CAST($2 AS bigint)) AND ("city" = CAST($3 AS text)) AND ("measured" >= CAST($4 AS timestamptz) AND "measured" < CAST($5 AS timestamptz)) AND (NOT COALESCE(("species" = CAST($6 AS text)), FALSE)))
-- params
["s3",5,"Paris","2021-09-01T00:00:00.000Z","2021-10-01T00:00:00.000Z","Quercus"]
-- columns
[{"name":"total_count","type":"int"}]
