// Generators of the ODSQL fuzzing run: token soup, well-formed expressions over every field type
// and function, and deep nesting, each sent as one of the Explore API's ODSQL parameters.
import fc from 'fast-check';
import { FUNCTIONS } from '../../src/query/index.ts';

export const CSV = [
  'name;city;height;age;planted;measured;public;geo;tags',
  'Platane;Paris;25.5;120;1901-03-15;2021-09-01T22:30:00Z;true;48.86,2.35;old,tall',
  'Chêne;Lyon;18;80;1941-01-01;2021-03-01T10:00:00Z;false;45.76,4.83;old',
  'Olivier;Nice;6.5;300;1721-01-01;;true;43.71,7.26;',
].join('\n');

const FIELDS = ['name', 'city', 'height', 'age', 'planted', 'measured', 'public', 'geo', 'tags', '`name`', 'nope', '_rid'];
const LITERALS = ['1', '-2.5', '0', '1e300', '99999999999999999999', '9223372036854775807', '0.0000001', '"Paris"', "'x'", '"film*"', '""', "date'2021'", "date'2021-09-01T10:00Z'", "date'nope'",
  "geom'POINT(2.35 48.86)'", "geom'POLYGON((0 0,1 0,1 1,0 0))'", "geom'{\"type\":\"Point\",\"coordinates\":[1,2]}'", "geom'x'",
  'true', 'null', '1km', '3 days', '*'];
const WORDS = ['and', 'or', 'not', 'in', 'like', 'is', 'as', 'asc', 'desc', 'distinct', 'to', 'null'];
const OPS = ['=', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', ':', ',', '(', ')', '[', ']', '..', '`', '"', "'"];
const NAMES = [...FUNCTIONS.map((f) => f.name), 'now', 'nosuchfn'];

const token = fc.oneof(fc.constantFrom(...FIELDS, ...LITERALS, ...WORDS, ...OPS, ...NAMES), fc.string({ maxLength: 4 }));
const soup = fc.array(token, { maxLength: 24 }).map((ts) => ts.join(' '));

const { expr } = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...FIELDS, ...LITERALS),
    fc.tuple(tie('expr'), fc.constantFrom('=', '!=', '<', '>=', '+', '*', '/', 'and', 'or', 'like', ':'), tie('expr')).map(([a, op, b]) => `${a} ${op} ${b}`),
    fc.tuple(fc.constantFrom('not ', '-', '('), tie('expr')).map(([p, e]) => (p === '(' ? `(${e})` : `${p}${e}`)),
    fc.tuple(fc.constantFrom(...NAMES), fc.array(tie('expr'), { maxLength: 4 })).map(([f, args]) => `${f}(${args.join(', ')})`),
    fc.tuple(tie('expr'), fc.array(tie('expr'), { minLength: 1, maxLength: 3 })).map(([e, vs]) => `${e} in (${vs.join(', ')})`),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([e, a, b]) => `${e} in [${a}..${b}]`),
    fc.tuple(tie('expr'), fc.constantFrom('is null', 'is not null', 'is true')).map(([e, s]) => `${e} ${s}`),
  ),
}));
const deep = fc.tuple(fc.integer({ min: 90, max: 2_000 }), fc.constantFrom('(', 'not ', '-', 'abs(')).map(([n, p]) => p.repeat(n) + 'age' + (p === '(' || p === 'abs(' ? ')'.repeat(n) : ''));
const clause = fc.oneof({ weight: 3, arbitrary: expr }, { weight: 2, arbitrary: soup }, { weight: 1, arbitrary: deep });
const PARAMS = ['where', 'where', 'where', 'select', 'group_by', 'order_by', 'refine', 'facet'] as const;
export const request = fc.tuple(fc.constantFrom(...PARAMS), clause, fc.constantFrom('records', 'exports/json', 'facets'));
