// Lexer and parser: precedence, literals, quoting, ODSQL forms, and syntax errors with positions.
import { describe, expect, it } from 'vitest';
import { AgoraError } from '../../src/core/errors.ts';
import { parseGroupBy, parseOrderBy, parseSelect, parseWhere, stripPositions } from '../../src/query/index.ts';

const w = (s: string) => stripPositions(parseWhere(s));
const f = (name: string, quoted = false) => ({ kind: 'field', name, quoted });

function syntax(fn: () => unknown): AgoraError {
  try { fn(); } catch (e) { if (e instanceof AgoraError) return e; throw e; }
  throw new Error('expected an error');
}

describe('ODSQL parser', () => {
  it('AND binds tighter than OR; NOT applies to the next expression; parentheses group', () => {
    expect(w('a or b and c')).toEqual({ kind: 'logical', op: 'or', left: f('a'), right: { kind: 'logical', op: 'and', left: f('b'), right: f('c') } });
    expect(w('(a or b) and not c')).toEqual({ kind: 'logical', op: 'and', left: { kind: 'logical', op: 'or', left: f('a'), right: f('b') }, right: { kind: 'not', operand: f('c') } });
    expect(w('NOT x = 1')).toEqual({ kind: 'not', operand: { kind: 'compare', op: '=', left: f('x'), right: { kind: 'number', value: 1, raw: '1' } } });
  });

  it('arithmetic precedence and unary minus', () => {
    expect(w('a + b * 2 > -3')).toEqual({
      kind: 'compare', op: '>',
      left: { kind: 'binary', op: '+', left: f('a'), right: { kind: 'binary', op: '*', left: f('b'), right: { kind: 'number', value: 2, raw: '2' } } },
      right: { kind: 'number', value: -3, raw: '-3' },
    });
  });

  it('literals: both quotes with backslash escapes, dates, geometries, booleans, null, <> as !=', () => {
    expect(w(`x = 'Don\\'t worry'`)).toMatchObject({ right: { kind: 'string', value: "Don't worry" } });
    expect(w(`x = "a\\"b\\u00e9"`)).toMatchObject({ right: { kind: 'string', value: 'a"bé' } });
    expect(w(`d > date'2017-04-03T08:02'`)).toMatchObject({ right: { kind: 'date', text: '2017-04-03T08:02' } });
    expect(w(`d > DATE'2018/04/01'`)).toMatchObject({ right: { kind: 'date', text: '2018/04/01' } });
    expect(w(`within(g, GEOM'POINT(1 1)')`)).toMatchObject({ kind: 'call', args: [f('g'), { kind: 'geom', text: 'POINT(1 1)' }] });
    expect(w('b is TRUE')).toEqual({ kind: 'is_bool', negated: false, expr: f('b'), value: true });
    expect(w('b is not null')).toEqual({ kind: 'is_null', negated: true, expr: f('b') });
    expect(w('a <> 1')).toMatchObject({ kind: 'compare', op: '!=' });
  });

  it('backquoted field names, keywords and function names as fields', () => {
    expect(w('`and`: "value"')).toEqual({ kind: 'field_colon', field: f('and', true), value: { kind: 'string', value: 'value' } });
    expect(w('`12` > 10')).toMatchObject({ left: f('12', true) });
    expect(w('date > date\'2020\'')).toMatchObject({ left: f('date'), right: { kind: 'date' } });
    expect(w('year = 2020 and year(date) = 2020')).toMatchObject({ left: { left: f('year') }, right: { left: { kind: 'call', name: 'year', args: [f('date')] } } });
    expect(w('`a\\`b` = 1')).toMatchObject({ left: f('a`b', true) });
  });

  it('IN lists, ranges with inclusive/exclusive bounds and TO, literal IN field, LIKE, field:value', () => {
    expect(w('x in (1, "a")')).toMatchObject({ kind: 'in_list', negated: false, values: [{ value: 1 }, { value: 'a' }] });
    expect(w('x IN ]1..10[')).toMatchObject({ kind: 'in_range', lowInclusive: false, highInclusive: false });
    expect(w('x in [1 TO 10]')).toMatchObject({ kind: 'in_range', lowInclusive: true, highInclusive: true });
    expect(w('x not in [date\'2017\'..date\'2018\']')).toMatchObject({ kind: 'in_range', negated: true, low: { kind: 'date', text: '2017' } });
    expect(w('"Paris" IN tags')).toEqual({ kind: 'in_field', negated: false, value: { kind: 'string', value: 'Paris' }, field: f('tags') });
    expect(w('t like "paris"')).toEqual({ kind: 'like', negated: false, left: f('t'), pattern: { kind: 'string', value: 'paris' } });
    expect(w('city:Paris')).toEqual({ kind: 'field_colon', field: f('city'), value: { kind: 'string', value: 'Paris' } });
    expect(w('n: -4')).toMatchObject({ value: { kind: 'number', value: -4 } });
  });

  it('calls: *, distinct, named arguments, distances and intervals', () => {
    expect(w('count(distinct x) > 1')).toMatchObject({ left: { kind: 'call', name: 'count', distinct: true, args: [f('x')] } });
    expect(w('now(years=-1, day=1) < d')).toMatchObject({ left: { kind: 'call', name: 'now', named: [{ name: 'years', value: { value: -1 } }, { name: 'day', value: { value: 1 } }] } });
    expect(w(`within_distance(g, geom'POINT(1 1)', 10km)`)).toMatchObject({ args: [{}, {}, { kind: 'quantity', value: 10, unit: 'km' }] });
    expect(stripPositions(parseGroupBy('range(d, 1 day), range(p, *, 10, *)'))).toMatchObject([
      { expr: { args: [f('d'), { kind: 'quantity', value: 1, unit: 'day' }] } },
      { expr: { args: [f('p'), { kind: 'star' }, { kind: 'number', value: 10 }, { kind: 'star' }] } },
    ]);
  });

  it('bare strings are search queries in where', () => {
    expect(w('"tree" AND NOT "dog"')).toEqual({ kind: 'logical', op: 'and', left: { kind: 'string', value: 'tree' }, right: { kind: 'not', operand: { kind: 'string', value: 'dog' } } });
  });

  it('select items: *, include/exclude with wildcards, labels and the text of expressions', () => {
    expect(stripPositions(parseSelect('*, include(pop*, name), exclude(`a b`), sum(x) as total, 2 * population'))).toEqual([
      { kind: 'select_all' },
      { kind: 'include', patterns: ['pop*', 'name'] },
      { kind: 'exclude', patterns: ['a b'] },
      { kind: 'select_expr', expr: { kind: 'call', name: 'sum', args: [f('x')], named: [], distinct: false }, alias: 'total', text: 'sum(x)' },
      { kind: 'select_expr', expr: { kind: 'binary', op: '*', left: { kind: 'number', value: 2, raw: '2' }, right: f('population') }, alias: null, text: '2 * population' },
    ]);
  });

  it('order_by: asc/desc, aggregates, random(), legacy -field', () => {
    expect(stripPositions(parseOrderBy('sum(age) desc, name asc, random(1), -population'))).toEqual([
      { kind: 'order_expr', expr: { kind: 'call', name: 'sum', args: [f('age')], named: [], distinct: false }, desc: true },
      { kind: 'order_expr', expr: f('name'), desc: false },
      { kind: 'order_expr', expr: { kind: 'call', name: 'random', args: [{ kind: 'number', value: 1, raw: '1' }], named: [], distinct: false }, desc: false },
      { kind: 'order_expr', expr: f('population'), desc: true },
    ]);
  });

  it('the tree is frozen', () => {
    const t = parseWhere('a = 1 and b in (1, 2)');
    expect(Object.isFrozen(t)).toBe(true);
    expect(() => { (t as { kind: string }).kind = 'x'; }).toThrow();
  });

  it('syntax errors name the clause and the 0-based position, in the ODS message shape', () => {
    const e = syntax(() => parseWhere('height > 10 and'));
    expect(e.code).toBe('ODSQL_SYNTAX');
    expect(e.odsCode).toBe('ODSQLError');
    expect(e.status).toBe(400);
    expect(e.message).toBe('ODSQL query is malformed: Syntax error in where clause at position 15: unexpected end of text, expected a value or a field name. Clause(s) containing the error(s): where.');
    expect(e.details).toEqual({ clause: 'where', position: 15 });
    expect(syntax(() => parseWhere('a = = 1')).details.position).toBe(4);
    expect(syntax(() => parseWhere('a = "open')).message).toContain('position 4: unterminated string');
    expect(syntax(() => parseWhere('a = 1; drop table x')).details.position).toBe(5);
    expect(syntax(() => parseSelect('a,, b')).message).toContain('select clause at position 2');
    expect(syntax(() => parseOrderBy('a desc desc')).message).toContain('order_by clause at position 7');
    expect(syntax(() => parseGroupBy('range(x, 1')).message).toContain('group_by clause at position 10');
    expect(syntax(() => parseWhere('x in [1..2')).message).toContain('expected "]" or "["');
    expect(syntax(() => parseWhere('`` = 1')).message).toContain('empty quoted field name');
  });

  it('refuses input nested past the depth limit with a 400 naming it, in every clause', () => {
    const nest = (n: number, inner: string) => '('.repeat(n) + inner + ')'.repeat(n);
    expect(() => parseWhere(nest(99, 'a = 1'))).not.toThrow();
    for (const [parse, text] of [
      [parseWhere, nest(400, 'a = 1')], [parseWhere, 'not '.repeat(400) + 'a'], [parseWhere, 'a = ' + '-'.repeat(100_000) + '1'],
      [parseSelect, 'abs('.repeat(300) + 'a' + ')'.repeat(300)], [parseSelect, Array(500).fill('a').join(' + ')],
      [parseOrderBy, nest(400, 'a')], [parseGroupBy, nest(400, 'a')], [parseWhere, nest(100_000, 'a')],
    ] as const) {
      const e = syntax(() => parse(text));
      expect(e.status).toBe(400);
      expect(e.message).toMatch(/nested too deeply: at most 100 levels/);
    }
    expect(syntax(() => parseWhere(nest(400, 'a = 1'))).message).toMatch(/at position 100:/); // the 101st "("
  });

  it('long AND/OR chains are folded into shallow trees of the same meaning', () => {
    const chain = Array.from({ length: 5000 }, (_, k) => `a = ${k}`).join(' or ');
    const leaves: number[] = [];
    const walk = (e: any, depth: number): number => { // eslint-disable-line @typescript-eslint/no-explicit-any
      if (e.kind === 'logical') { expect(e.op).toBe('or'); return Math.max(walk(e.left, depth + 1), walk(e.right, depth + 1)); }
      leaves.push(e.right.value);
      return depth;
    };
    expect(walk(w(chain), 1)).toBeLessThanOrEqual(14);
    expect(leaves).toEqual(Array.from({ length: 5000 }, (_, k) => k)); // every term, in order
    expect(w('a or b or c')).toEqual({ kind: 'logical', op: 'or', left: { kind: 'logical', op: 'or', left: f('a'), right: f('b') }, right: f('c') });
  });
});
