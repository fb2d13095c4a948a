// The ODSQL function catalogue, kept as data: name, parameters and their types, result type, the
// clauses a function may appear in, and its documentation. The analyzer checks calls against it,
// the SQL compiler keys its emitters by its names, and the API docs can export it as is.

export type CatalogueClause = 'select' | 'where' | 'group_by' | 'order_by';
export type FunctionCategory = 'scalar' | 'aggregate' | 'predicate' | 'grouping' | 'ordering' | 'selection';

/** Parameter types the analyzer checks. `*_literal` parameters must be constants. */
export type ParamType =
  | 'any' | 'text' | 'number' | 'temporal' | 'boolean' | 'geo' | 'geo_point_2d'
  | 'field' | 'field_or_star' | 'text_field_or_star'
  | 'string_literal' | 'number_literal' | 'integer_literal' | 'geometry_literal' | 'distance_literal'
  | 'range_step' | 'named_integers' | 'field_pattern';

export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly optional?: boolean;
  /** Accepts any number of arguments (at least one unless optional). */
  readonly variadic?: boolean;
}

/** Result type: a field type, or a rule: `arg0` = type of the first argument, `numeric` = double. */
export type ResultType = 'text' | 'int' | 'double' | 'boolean' | 'datetime' | 'geo_shape' | 'geo_point_2d' | 'arg0' | 'none';

export interface FunctionSpec {
  readonly name: string;
  readonly category: FunctionCategory;
  readonly syntax: string;
  readonly params: readonly ParamSpec[];
  readonly returns: ResultType;
  readonly clauses: readonly CatalogueClause[];
  readonly doc: string;
  /** Older names still accepted (ODS v2.0 spellings). */
  readonly aliases?: readonly string[];
  /** Not in the ODS reference: an Agora addition (documented as such). */
  readonly extension?: boolean;
}

const ALL: readonly CatalogueClause[] = ['select', 'where', 'group_by', 'order_by'];
const SWO: readonly CatalogueClause[] = ['select', 'where', 'order_by'];
const AGG: readonly CatalogueClause[] = ['select', 'order_by'];
const WHERE: readonly CatalogueClause[] = ['where'];
const t = (name: string, type: ParamType, extra: Partial<ParamSpec> = {}): ParamSpec => ({ name, type, ...extra });
function temporal<N extends string>(name: N, doc: string, extension = false) {
  return {
    name, category: 'scalar' as const, syntax: `${name}(<date or datetime>)`, params: [t('value', 'temporal')],
    returns: 'int' as const, clauses: ALL, doc, extension,
  };
}

export const FUNCTIONS = [
  // ---- scalar: text --------------------------------------------------------------------------
  { name: 'length', category: 'scalar', syntax: 'length(<text>)', params: [t('value', 'text')], returns: 'int', clauses: SWO, doc: 'Number of characters of a text.' },
  { name: 'lower', category: 'scalar', syntax: 'lower(<text>)', params: [t('value', 'text')], returns: 'text', clauses: ALL, doc: 'The text in lowercase.' },
  { name: 'upper', category: 'scalar', syntax: 'upper(<text>)', params: [t('value', 'text')], returns: 'text', clauses: ALL, doc: 'The text in uppercase (UPPER is an ODSQL reserved keyword).' },
  { name: 'json_format', category: 'scalar', syntax: 'json_format(<text_field>[, <fallback>])', params: [t('value', 'text'), t('fallback', 'any', { optional: true })], returns: 'text', clauses: ['select'], doc: 'The text reformatted as compact JSON when it is valid JSON; otherwise the fallback (text or null) if given, else the original text.' },
  // ---- scalar: general and math ----------------------------------------------------------------
  { name: 'ifnull', category: 'scalar', syntax: 'ifnull(<expression>, <alternative>)', params: [t('value', 'any'), t('alternative', 'any')], returns: 'arg0', clauses: ALL, doc: 'The alternative when the expression is null, the expression otherwise; both must have the same type.' },
  { name: 'abs', category: 'scalar', syntax: 'abs(<number>)', params: [t('value', 'number')], returns: 'arg0', clauses: ALL, doc: 'Absolute value of a number.', extension: true },
  { name: 'round', category: 'scalar', syntax: 'round(<number>[, <digits>])', params: [t('value', 'number'), t('digits', 'integer_literal', { optional: true })], returns: 'double', clauses: ALL, doc: 'The number rounded half away from zero to the given number of decimal digits (default 0).', extension: true },
  { name: 'floor', category: 'scalar', syntax: 'floor(<number>)', params: [t('value', 'number')], returns: 'double', clauses: ALL, doc: 'Largest integer not greater than the number.', extension: true },
  { name: 'ceil', category: 'scalar', syntax: 'ceil(<number>)', params: [t('value', 'number')], returns: 'double', clauses: ALL, doc: 'Smallest integer not less than the number.', extension: true },
  // ---- scalar: dates -------------------------------------------------------------------------
  { name: 'now', category: 'scalar', syntax: 'now([year=…, years=…, month=…, months=…, day=…, days=…, hour=…, minute=…, second=…, microsecond=…, weekday=…, mondays=…, …])', params: [t('changes', 'named_integers', { optional: true })], returns: 'datetime', clauses: SWO, doc: 'The current date and time in the request time zone; singular named parameters set a component, plural ones shift it, weekday/mondays… move to a day of the week.' },
  temporal('year', 'Year of a date or datetime (in the request time zone), as an integer.'),
  temporal('month', 'Month (1–12) of a date or datetime, as an integer.'),
  temporal('day', 'Day of the month (1–31) of a date or datetime, as an integer.'),
  temporal('hour', 'Hour (0–23) of a date or datetime, as an integer.'),
  temporal('minute', 'Minute (0–59) of a date or datetime, as an integer.'),
  temporal('second', 'Second (0–59) of a date or datetime, as an integer.'),
  temporal('millisecond', 'Millisecond (0–999) of a datetime, as an integer (MILLISECOND is an ODSQL reserved keyword).', true),
  temporal('quarter', 'Quarter (1–4) of a date or datetime, as an integer (QUARTER is an ODSQL reserved keyword).', true),
  temporal('dayofweek', 'ISO day of the week of a date or datetime, 1 for Monday to 7 for Sunday (DAYOFWEEK is an ODSQL reserved keyword).', true),
  { name: 'date_format', category: 'scalar', syntax: 'date_format(<date>, <format>)', params: [t('value', 'temporal'), t('format', 'string_literal')], returns: 'text', clauses: ALL, doc: 'The date formatted with a Joda-style pattern (yyyy, yy, xxxx, xx, w, ww, e, E, EEEE, D, DDD, M, MM, MMM, MMMM, d, dd, H, HH, m, mm, s, ss; quoted free text); names follow the lang parameter.' },
  // ---- scalar: geo ---------------------------------------------------------------------------
  { name: 'distance', category: 'scalar', syntax: 'distance(<geo_field>, geom\'<point>\')', params: [t('field', 'geo'), t('center', 'geometry_literal'), t('distance', 'distance_literal', { optional: true })], returns: 'double', clauses: SWO, doc: 'Arc distance in meters between a geo field (its point or shape centre) and a point. With a third distance argument in a where clause, it is the old name of within_distance().' },
  // ---- aggregates ----------------------------------------------------------------------------
  { name: 'count', category: 'aggregate', syntax: 'count(*) | count(<field>) | count(distinct <field>)', params: [t('value', 'field_or_star')], returns: 'int', clauses: AGG, doc: 'Number of records (*), of non-null values of a field, or of distinct non-null values (count(distinct …), exact in Agora).' },
  { name: 'sum', category: 'aggregate', syntax: 'sum(<numeric>)', params: [t('value', 'number')], returns: 'arg0', clauses: AGG, doc: 'Sum of a numeric expression over a group.' },
  { name: 'avg', category: 'aggregate', syntax: 'avg(<numeric>)', params: [t('value', 'number')], returns: 'double', clauses: AGG, doc: 'Average of a numeric expression over a group.' },
  { name: 'min', category: 'aggregate', syntax: 'min(<numeric or date>)', params: [t('value', 'any')], returns: 'arg0', clauses: AGG, doc: 'Minimum of a numeric, date or text expression over a group.' },
  { name: 'max', category: 'aggregate', syntax: 'max(<numeric or date>)', params: [t('value', 'any')], returns: 'arg0', clauses: AGG, doc: 'Maximum of a numeric, date or text expression over a group.' },
  { name: 'median', category: 'aggregate', syntax: 'median(<numeric>)', params: [t('value', 'number')], returns: 'double', clauses: AGG, doc: 'Median (50th percentile, linear interpolation) of a numeric expression.' },
  { name: 'percentile', category: 'aggregate', syntax: 'percentile(<numeric>, <0..100>)', params: [t('value', 'number'), t('percentile', 'number_literal')], returns: 'double', clauses: AGG, doc: 'The nth percentile (0 to 100, linear interpolation) of a numeric expression.' },
  { name: 'envelope', category: 'aggregate', syntax: 'envelope(<geo_point_field>)', params: [t('field', 'geo')], returns: 'geo_shape', clauses: ['select'], doc: 'Convex hull of the points of a geo field (shape centres for geo_shape fields), as a GeoJSON geometry.' },
  { name: 'bbox', category: 'aggregate', syntax: 'bbox(<geo_field>)', params: [t('field', 'geo')], returns: 'geo_shape', clauses: ['select'], doc: 'Bounding box of all the geometries of a geo field, as a GeoJSON Polygon.' },
  // ---- predicates ----------------------------------------------------------------------------
  { name: 'search', category: 'predicate', syntax: 'search([<text_field>, … | *,] <text>)', params: [t('fields', 'text_field_or_star', { optional: true, variadic: true }), t('text', 'string_literal')], returns: 'boolean', clauses: WHERE, doc: 'Full-text search, case and accent insensitive: terms are split on spaces; all but the last match words with a Levenshtein distance of 1 (terms longer than 2) or 2 (longer than 5); the last term matches word prefixes.' },
  { name: 'suggest', category: 'predicate', syntax: 'suggest([<text_field>, … | *,] <text>)', params: [t('fields', 'text_field_or_star', { optional: true, variadic: true }), t('text', 'string_literal')], returns: 'boolean', clauses: WHERE, doc: 'Prefix search, case and accent insensitive: every term of the text begins a word of one of the fields.' },
  { name: 'startswith', category: 'predicate', syntax: 'startswith([<text_field>, … | *,] <text>)', params: [t('fields', 'text_field_or_star', { optional: true, variadic: true }), t('text', 'string_literal')], returns: 'boolean', clauses: WHERE, doc: 'Case-sensitive prefix match of the whole value of one of the fields (no splitting into terms).' },
  { name: 'within_distance', category: 'predicate', syntax: 'within_distance(<geo_field>, geom\'<geometry>\', <distance><unit>)', params: [t('field', 'geo'), t('center', 'geometry_literal'), t('distance', 'distance_literal')], returns: 'boolean', clauses: WHERE, doc: 'Records whose geo field lies within a distance (units mi, yd, ft, m, cm, km, mm) of the centre of a geometry (great-circle distance).' },
  { name: 'in_bbox', category: 'predicate', syntax: 'in_bbox(<geo_field>, <lat1>, <lon1>, <lat2>, <lon2>)', params: [t('field', 'geo'), t('lat1', 'number_literal'), t('lon1', 'number_literal'), t('lat2', 'number_literal'), t('lon2', 'number_literal')], returns: 'boolean', clauses: WHERE, doc: 'Records whose geo field lies in the bounding box given by two opposite corners (a shape must lie entirely inside).' },
  { name: 'intersects', category: 'predicate', syntax: 'intersects(<geo_field>, geom\'<geometry>\')', params: [t('field', 'geo'), t('geometry', 'geometry_literal')], returns: 'boolean', clauses: WHERE, doc: 'Records whose geo field intersects the geometry.' },
  { name: 'within', category: 'predicate', syntax: 'within(<geo_field>, geom\'<geometry>\')', params: [t('field', 'geo'), t('geometry', 'geometry_literal')], returns: 'boolean', clauses: WHERE, doc: 'Records whose geo field lies within the (polygon) geometry.' },
  { name: 'disjoint', category: 'predicate', syntax: 'disjoint(<geo_field>, geom\'<geometry>\')', params: [t('field', 'geo'), t('geometry', 'geometry_literal')], returns: 'boolean', clauses: WHERE, doc: 'Records whose geo field does not intersect the geometry.' },
  { name: 'geometry', category: 'predicate', syntax: 'geometry(<geo_field>, geom\'<geometry>\', INTERSECTS|WITHIN|DISJOINT)', params: [t('field', 'geo'), t('geometry', 'geometry_literal'), t('mode', 'field_pattern')], returns: 'boolean', clauses: WHERE, doc: 'Old form of intersects(), within() and disjoint(), still accepted.' },
  // ---- grouping ------------------------------------------------------------------------------
  { name: 'range', category: 'grouping', syntax: 'range(<field>[, *], <bound>, …[, *]) | range(<field>, <width>) | range(<date_field>, <n><unit>)', params: [t('field', 'field'), t('steps', 'range_step', { variadic: true })], returns: 'text', clauses: ['group_by'], doc: 'Groups by static ranges (lower bound included, upper excluded; * is infinity) or by ranges of equal width (a number, or an interval like 1 day, 2h, 1 month); the key is the range as text, e.g. "[10, 15[".' },
  { name: 'geo_cluster', category: 'grouping', syntax: 'geo_cluster(<geo_field>, <zoom 0..25>[, <radius px>])', params: [t('field', 'geo'), t('zoom', 'integer_literal'), t('radius', 'integer_literal', { optional: true })], returns: 'geo_point_2d', clauses: ['group_by'], doc: 'Groups points on a square grid whose cell is radius pixels (default 40) of a 256-pixel tile at the zoom level; the key is the centroid {lon, lat} of the points of the cell.' },
  // ---- ordering and selection ----------------------------------------------------------------
  { name: 'random', category: 'ordering', syntax: 'random(<seed>)', params: [t('seed', 'integer_literal')], returns: 'none', clauses: ['order_by'], doc: 'A random order, the same for the same seed and data.' },
  { name: 'include', category: 'selection', syntax: 'include(<pattern>, …)', params: [t('patterns', 'field_pattern', { variadic: true })], returns: 'none', clauses: ['select'], doc: 'Selects the fields whose names match the patterns (a trailing * matches any suffix).' },
  { name: 'exclude', category: 'selection', syntax: 'exclude(<pattern>, …)', params: [t('patterns', 'field_pattern', { variadic: true })], returns: 'none', clauses: ['select'], doc: 'Removes the fields whose names match the patterns from the selection (a trailing * matches any suffix).' },
] as const satisfies readonly FunctionSpec[];

export type FunctionName = (typeof FUNCTIONS)[number]['name'];

const BY_NAME = new Map<string, FunctionSpec & { name: FunctionName }>(FUNCTIONS.map((f) => [f.name, f]));

export function findFunction(name: string): (FunctionSpec & { name: FunctionName }) | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** The catalogue as plain JSON, for API documentation. */
export function functionCatalogue(): FunctionSpec[] {
  return FUNCTIONS.map((f) => ({ ...f }));
}
