// The official ODS Automation v1.0 and Explore v2.1 specs in ../shared loaded once into ajv, with the
// helpers the governance conformance tests share: a schema by JSON pointer, a path's response schema,
// a request example, and a body check that prints ajv's findings.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import AjvModule from 'ajv';
import addFormats from 'ajv-formats';
import { REFERENCE } from './shared.ts';

const AUTOMATION_SPEC = join(REFERENCE, 'ods-automation-v1.0-openapi.json');
const EXPLORE_SPEC = join(REFERENCE, 'ods-explore-v2.1-openapi.json');
export const HAVE_SPECS = existsSync(AUTOMATION_SPEC) && existsSync(EXPLORE_SPEC);

export type Validate = ((data: unknown) => boolean) & { errors?: unknown };
type Spec = { components?: { schemas: { DatasetFieldConfiguration: { discriminator: { mapping: Record<string, string> } } } }; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { examples?: Record<string, { value: Record<string, unknown> }> }> } }>> };

const ajv = new (AjvModule as unknown as typeof AjvModule.default)({ strict: false, allErrors: true, validateSchema: false });
(addFormats as unknown as (a: unknown) => void)(ajv);
let spec: Spec = { paths: {} };
if (HAVE_SPECS) {
  // The spec writes `"type": [null, "boolean"]` (DatasetProcessingStatus.is_published): read as "null".
  const fixTypes = (k: string, v: unknown) => (k === 'type' && Array.isArray(v) ? v.map((t) => (t === null ? 'null' : t)) : v);
  spec = JSON.parse(readFileSync(AUTOMATION_SPEC, 'utf8'), fixTypes) as Spec;
  ajv.addSchema(spec as object, 'automation');
  ajv.addSchema(JSON.parse(readFileSync(EXPLORE_SPEC, 'utf8')), 'explore');
}

const ptr = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');
export const schema = (ref: string): Validate => ajv.compile({ $ref: ref }) as Validate;
export const response = (path: string, method: string, status: string): Validate =>
  schema(`automation#/paths/${ptr(path)}/${method}/responses/${status}/content/application~1json/schema`);
/** A request example of the Automation spec, by path, method and example name (a fresh copy). */
export const example = (path: string, method: string, name: string): Record<string, unknown> =>
  structuredClone(spec.paths[path][method].requestBody!.content['application/json'].examples![name].value);

/** The schema of a DatasetFieldConfiguration of one type, as the spec's discriminator maps it. */
export const fieldConfigSchema = (type: string): Validate =>
  schema(`automation${spec.components!.schemas.DatasetFieldConfiguration.discriminator.mapping[type]}`);

/** PaginatedResults declares total_count as ["string", "null"] but gives 18 (a number) as its
 *  example; Agora answers a number like the example, so that one key is checked as a number here. */
export function valid(v: Validate, body: unknown): void {
  const b = body as Record<string, unknown>;
  if (b && typeof b === 'object' && 'results' in b && 'total_count' in b) {
    expect(typeof b.total_count).toBe('number');
    body = { ...b, total_count: String(b.total_count) };
  }
  expect(v(body), JSON.stringify(v.errors, null, 1) + '\n' + JSON.stringify(body)).toBe(true);
}
