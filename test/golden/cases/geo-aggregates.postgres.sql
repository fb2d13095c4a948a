-- records
SELECT "__a0" AS "n", "__a1" AS "extent", "__g0" AS "cluster", count(*) OVER () AS "__total" FROM (SELECT floor("geo__lon" / CAST($1 AS double precision)) AS "__k0", floor("geo__lat" / CAST($2 AS double precision)) AS "__k1", CASE WHEN count("geo__lat") = 0 THEN NULL ELSE json_build_object('lon', avg("geo__lon"), 'lat', avg("geo__lat")) END AS "__g0", count(*) AS "__a0", CASE WHEN min("shape__xmin") IS NULL THEN NULL ELSE '{"type":"Polygon","coordinates":[[' || '[' || CAST(min("shape__xmin") AS text) || ',' || CAST(min("shape__ymin") AS text) || ']' || ',' || '[' || CAST(max("shape__xmax") AS text) || ',' || CAST(min("shape__ymin") AS text) || ']' || ',' || '[' || CAST(max("shape__xmax") AS text) || ',' || CAST(max("shape__ymax") AS text) || ']' || ',' || '[' || CAST(min("shape__xmin") AS text) || ',' || CAST(max("shape__ymax") AS text) || ']' || ',' || '[' || CAST(min("shape__xmin") AS text) || ',' || CAST(min("shape__ymin") AS text) || ']' || ']]}' END AS "__a1" FROM "rec_trees" GROUP BY 1, 2) AS q ORDER BY "__k0" ASC NULLS LAST, "__k1" ASC NULLS LAST LIMIT CAST($3 AS bigint)
-- params
[1.7578125,1.7578125,10]
-- columns
[{"name":"n","type":"int"},{"name":"extent","type":"geo_shape"},{"name":"cluster","type":"geo_point_2d"}]
-- count
SELECT count(*) AS "total_count" FROM (SELECT floor("geo__lon" / CAST($1 AS double precision)) AS "__k0", floor("geo__lat" / CAST($2 AS double precision)) AS "__k1" FROM "rec_trees" GROUP BY 1, 2) AS q
-- params
[1.7578125,1.7578125]
-- columns
[{"name":"total_count","type":"int"}]
