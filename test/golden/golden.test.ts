// Golden files for the ODSQL compiler: each test/golden/cases/<name>.odsql (sections select, where,
// group_by, order_by, options) has <name>.ast.json, <name>.duckdb.sql and <name>.postgres.sql. A
// mismatch writes <name>.<kind>-changed.<ext> next to it and fails; UPDATE_GOLDEN=1 rewrites the
// expectations (review each by hand before committing; CI never sets it).
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccessRules, CompiledQuery, RecordsQuery } from '../../src/core/request.ts';
import { compileFacets, compileRecords, duckdbDialect, postgresDialect, type Dialect } from '../../src/plan/index.ts';
import { parseGroupBy, parseOrderBy, parseSelect, parseWhere, stripPositions } from '../../src/query/index.ts';
import { dataset } from '../odsql-engine/fixture.ts';

const DIR = join(import.meta.dirname, 'cases');
const NOW = Date.parse('2021-10-01T12:00:00Z');

interface Case { query: RecordsQuery; mode: 'records' | 'export'; access: AccessRules; facets: string[] }

function readCase(text: string): Case {
  const sections: Record<string, string> = {};
  let current = '';
  for (const line of text.split('\n')) {
    const m = /^-- (\w+)\s*$/.exec(line);
    if (m) { current = m[1]; sections[current] = ''; continue; }
    if (current) sections[current] += (sections[current] ? '\n' : '') + line;
  }
  const opts = sections.options?.trim() ? JSON.parse(sections.options) : {};
  const trim = (s?: string) => (s === undefined ? undefined : s.trim());
  return {
    query: {
      select: trim(sections.select), where: sections.where !== undefined ? sections.where.split('\n').filter((l) => l.trim()) : [],
      group_by: trim(sections.group_by), order_by: trim(sections.order_by), limit: opts.limit, offset: opts.offset,
      refine: opts.refine ?? [], exclude: opts.exclude ?? [], timezone: opts.timezone, lang: opts.lang,
    },
    mode: opts.mode ?? 'records', access: opts.access ?? {}, facets: opts.facets ?? [],
  };
}

function ast(c: Case): string {
  const q = c.query;
  return JSON.stringify(stripPositions({
    select: q.select ? parseSelect(q.select) : null,
    where: q.where.map((w) => parseWhere(w)),
    group_by: q.group_by ? parseGroupBy(q.group_by) : null,
    order_by: q.order_by ? parseOrderBy(q.order_by) : null,
  }), null, 2) + '\n';
}

function show(label: string, q: CompiledQuery): string {
  return `-- ${label}\n${q.sql}\n-- params\n${JSON.stringify(q.params)}\n-- columns\n${JSON.stringify(q.columns)}\n`;
}

function sql(c: Case, dialect: Dialect): string {
  const o = { mode: c.mode, access: c.access, dialect, now: NOW };
  if (c.facets.length) return compileFacets(dataset(), c.query, c.facets, o).map((f) => show(`facet ${f.name} (${f.kind})`, f.query)).join('');
  const r = compileRecords(dataset(), c.query, o);
  return show('records', r.records) + show('count', r.count);
}

function check(file: string, kind: string, ext: string, actual: string): void {
  const expected = join(DIR, `${file}.${kind}.${ext}`);
  const changed = join(DIR, `${file}.${kind}-changed.${ext}`);
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(expected, actual);
    if (existsSync(changed)) unlinkSync(changed);
    return;
  }
  const want = existsSync(expected) ? readFileSync(expected, 'utf8') : null;
  if (want === actual) {
    if (existsSync(changed)) unlinkSync(changed);
    return;
  }
  writeFileSync(changed, actual);
  expect(actual, `${file}.${kind}.${ext} differs (see ${file}.${kind}-changed.${ext})`).toBe(want);
}

describe('golden ODSQL compilation', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.odsql')).map((f) => f.slice(0, -'.odsql'.length)).sort();
  it('has cases', () => expect(files.length).toBeGreaterThan(10));
  for (const name of files) {
    it(name, () => {
      const c = readCase(readFileSync(join(DIR, `${name}.odsql`), 'utf8'));
      check(name, 'ast', 'json', ast(c));
      check(name, 'duckdb', 'sql', sql(c, duckdbDialect));
      check(name, 'postgres', 'sql', sql(c, postgresDialect));
    });
  }
});
