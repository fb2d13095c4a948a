-- records
SELECT "name" AS "name", "city" AS "city", "species" AS "species", "height" AS "height", "age" AS "age", "planted" AS "planted", "measured" AS "measured", "public" AS "public", CASE WHEN "geo__lat" IS NULL THEN NULL ELSE json_build_object('lon', "geo__lon", 'lat', "geo__lat") END AS "geo", "shape" AS "shape", "tags" AS "tags", "date" AS "date", "info" AS "info", "secret" AS "secret", "_rid" AS "_rid" FROM "rec_trees" ORDER BY "_rid" ASC LIMIT CAST($1 AS bigint) OFFSET CAST($2 AS bigint)
-- params
[5,10]
-- columns
[{"name":"name","type":"text","label":"NAME"},{"name":"city","type":"text","label":"CITY"},{"name":"species","type":"text","label":"SPECIES"},{"name":"height","type":"double","label":"HEIGHT"},{"name":"age","type":"int","label":"AGE"},{"name":"planted","type":"date","label":"PLANTED"},{"name":"measured","type":"datetime","label":"MEASURED"},{"name":"public","type":"boolean","label":"PUBLIC"},{"name":"geo","type":"geo_point_2d","label":"GEO"},{"name":"shape","type":"geo_shape","label":"SHAPE"},{"name":"tags","type":"text","label":"TAGS"},{"name":"date","type":"date","label":"DATE"},{"name":"info","type":"json_blob","label":"INFO"},{"name":"secret","type":"text","label":"SECRET"},{"name":"_rid","type":"int"}]
-- count
SELECT count(*) AS "total_count" FROM "rec_trees"
-- params
[]
-- columns
[{"name":"total_count","type":"int"}]
