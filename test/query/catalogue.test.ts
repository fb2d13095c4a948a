// The codebase's own rule for the function catalogue: every function is documented (syntax, doc,
// clauses), its SQL exists for every dialect, and it is exercised by at least one test or golden case.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, functionCatalogue } from '../../src/query/index.ts';

const ROOT = join(import.meta.dirname, '..');
const SOURCES = ['query', 'plan', 'sql', 'odsql-engine', 'golden'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return files(p);
    return /\.(test\.ts|odsql)$/.test(f) && f !== 'catalogue.test.ts' ? [p] : [];
  });
}

describe('function catalogue', () => {
  it('documents every function', () => {
    const names = new Set<string>();
    for (const f of FUNCTIONS) {
      expect(f.doc.length, f.name).toBeGreaterThan(20);
      expect(f.syntax.startsWith(f.name + '('), f.name).toBe(true);
      expect(f.clauses.length, f.name).toBeGreaterThan(0);
      expect(names.has(f.name), `duplicate ${f.name}`).toBe(false);
      names.add(f.name);
    }
  });

  it('exports as plain JSON for the API docs', () => {
    const json = JSON.parse(JSON.stringify(functionCatalogue()));
    expect(json.find((f: { name: string }) => f.name === 'date_format')).toMatchObject({ category: 'scalar', returns: 'text', clauses: ['select', 'where', 'group_by', 'order_by'] });
  });

  it('exercises every function in at least one test or golden case', () => {
    const text = SOURCES.flatMap((d) => files(join(ROOT, d))).map((p) => readFileSync(p, 'utf8')).join('\n');
    const missing = FUNCTIONS.map((f) => f.name).filter((n) => !new RegExp(`\\b${n}\\s*\\(`, 'i').test(text));
    expect(missing).toEqual([]);
  });
});
