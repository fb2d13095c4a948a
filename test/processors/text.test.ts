// The text processors against independent oracles: DuckDB's replace, regexp_replace, regexp_extract,
// concat_ws, string_split and json_extract_string on the same inputs; the normalisation examples of
// Unicode UAX #15; the WHATWG URL Standard's canonical forms; the HTML Standard's character references.
import { describe, expect, it } from 'vitest';
import { duckdb, run, text, values } from './support.ts';

const WORDS = ['banana', 'Ananas an', '', 'no match', 'an an an'];

describe('string_replace, regex_replace, extract_text', () => {
  it('replace text as DuckDB replace() does', async () => {
    const got = await values({ type: 'string_replace', old: 'an', new: 'AN' }, WORDS);
    for (const [i, w] of WORDS.entries()) expect(got[i]).toBe(await duckdb('SELECT replace(?, ?, ?)', [w, 'an', 'AN']));
  });
  it('replace via a regular expression as DuckDB regexp_replace(…, "g") does', async () => {
    const got = await values({ type: 'regex_replace', regex: '[aeiou]+n', replace: '_' }, WORDS);
    for (const [i, w] of WORDS.entries()) expect(got[i]).toBe(await duckdb("SELECT regexp_replace(?, '[aeiou]+n', '_', 'g')", [w]));
  });
  it('extract the first group as DuckDB regexp_extract does (null when nothing matches)', async () => {
    const inputs = ['ref 12-345 ok', 'none', 'a1b22'];
    const got = await values({ type: 'extract_text', regex: '(\\d+)', output_field: 'x' }, inputs);
    for (const [i, w] of inputs.entries()) {
      const d = await duckdb("SELECT regexp_extract(?, '(\\d+)', 1)", [w]);
      expect(got[i]).toBe(d === '' ? null : d);
    }
  });
});

describe('concatenate, split_text, expand_multivalued, json_extractor', () => {
  it('concatenate as DuckDB concat_ws, skipping empty values', async () => {
    const recs = [{ a: 'x', b: 'y', c: 'z' }, { a: 'x', b: null, c: 'z' }];
    const out = await run({ type: 'concatenate', fields: 'a,b,c', new_field: 'abc', separator: ' - ' }, text('a', 'b', 'c'), recs);
    expect(out.records.map((r) => r.abc)).toEqual([await duckdb("SELECT concat_ws(' - ', 'x', 'y', 'z')"), await duckdb("SELECT concat_ws(' - ', 'x', NULL, 'z')")]);
  });
  it('split text into fields as DuckDB string_split gives the parts', async () => {
    const out = await run({ type: 'split_text', field: 'v', separator: '/', new_fields: 'y,m,d' }, text('v'), [{ v: '2024/02/01' }, { v: '2024' }]);
    const parts = (await duckdb("SELECT string_split('2024/02/01', '/')")) as string[];
    expect(out.records[0]).toMatchObject({ y: parts[0], m: parts[1], d: parts[2] });
    expect(out.records[1]).toMatchObject({ y: '2024', m: null, d: null });
  });
  it('expand a multivalued field into one record per value, as unnest(string_split) does', async () => {
    const out = await run({ type: 'expand_multivalued', field: 'tags', separator: ';' }, text('id', 'tags'), [{ id: '1', tags: 'a;b;c' }, { id: '2', tags: 'd' }]);
    expect(out.records.map((r) => r.tags)).toEqual(((await duckdb("SELECT list(t) FROM (SELECT unnest(string_split('a;b;c', ';')) AS t)")) as string[]).concat(['d']));
    expect(out.records.map((r) => r.id)).toEqual(['1', '1', '1', '2']);
  });
  it('extract from JSON as DuckDB json_extract_string does', async () => {
    const doc = '{"address": {"city": "Lyon", "codes": [69001, 69002]}}';
    for (const [path, duckPath] of [['address.city', '$.address.city'], ['address.codes.1', '$.address.codes[1]'], ['address.none', '$.address.none']]) {
      const [got] = await values({ type: 'json_extractor', json_path: path, output_field: 'x' }, [doc]);
      expect(got).toBe(await duckdb('SELECT json_extract_string(?, ?)', [doc, duckPath]));
    }
  });
  it('a text that is not JSON fails the record, naming processor, record and field', async () => {
    await expect(run({ type: 'json_extractor', field: 'v', json_path: 'a', output_field: 'x' }, text('v'), [{ v: '{}' }, { v: '{oops' }]))
      .rejects.toMatchObject({ code: 'PROCESSOR_FAILED', details: { record: 2, field: 'v', position: 1 } });
  });
  it('expand a JSON array into one record per element', async () => {
    const out = await run({ type: 'expand_json_array', field: 'v' }, text('v'), [{ v: '[1, "two", {"a": 3}]' }, { v: '[]' }]);
    expect(out.records.map((r) => r.v)).toEqual(['1', 'two', '{"a":3}', null]);
  });
});

describe('normalise Unicode, URLs, HTML entities; extract URLs', () => {
  it('follows the examples of Unicode UAX #15', async () => {
    // U+212B ANGSTROM SIGN → U+00C5 (NFC); U+FB01 LATIN SMALL LIGATURE FI → "fi" (NFKC); é → e + U+0301 (NFD).
    expect(await values({ type: 'normalize_unicode', form: 'NFC' }, ['\u212B'])).toEqual(['\u00C5']);
    expect(await values({ type: 'normalize_unicode', form: 'NFKC' }, ['\uFB01'])).toEqual(['fi']);
    expect(await values({ type: 'normalize_unicode', form: 'NFD' }, ['\u00E9'])).toEqual(['e\u0301']);
    expect(await values({ type: 'normalize_unicode', remove_accents: true }, ['Crème brûlée, Ærø'])).toEqual(['Creme brulee, Ærø']);
  });
  it('writes URLs in the WHATWG URL Standard canonical form', async () => {
    expect(await values({ type: 'normalize_url' }, ['HTTP://EXAMPLE.com:80/a/./b/../c', 'www.example.org', 'https://example.com/a b?q=é', 'example.com:8080/x']))
      .toEqual(['http://example.com/a/c', 'http://www.example.org/', 'https://example.com/a%20b?q=%C3%A9', 'http://example.com:8080/x']);
    await expect(values({ type: 'normalize_url' }, ['http://exa mple.com'])).rejects.toMatchObject({ code: 'PROCESSOR_FAILED' });
  });
  it('decodes character references as the HTML Standard says (named, decimal, hex, legacy prefix)', async () => {
    expect(await values({ type: 'decode_html_entities' }, ['caf&eacute;', '&#233;&#xE9;', '&amp;lt;', 'I&notit;'])).toEqual(['café', 'éé', '&lt;', 'I¬it;']);
  });
  it('extracts http(s) URLs, leaving sentence punctuation out', async () => {
    expect(await values({ type: 'extract_url', output_field: 'u' }, ['see https://a.org/x.', 'none'])).toEqual(['https://a.org/x', null]);
    expect(await values({ type: 'extract_url', output_field: 'u', all: true }, ['http://a.org, and https://b.org/y!'])).toEqual(['http://a.org;https://b.org/y']);
  });
});
