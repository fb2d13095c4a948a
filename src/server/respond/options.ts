// Export query-string options (ODS names and defaults of the Explore API v2.1) parsed into
// ExportOptions, with PARAMETER_INVALID errors naming the parameter and the accepted values.
// Also the pre-flight check a route runs before streaming. Knows nothing about any one format.
import { AgoraError } from '../../core/errors.ts';
import { GEO_TYPES } from '../../core/types.ts';
import type { ResultColumn } from '../../core/request.ts';
import type { ExportOptions, Renderer } from './renderer.ts';
import { isValidTimezone } from './values.ts';
import { exportColumns } from './columns.ts';

export type ExportQuery = Record<string, string | string[] | undefined>;

export const CSV_DELIMITERS = [';', ',', '\t', '|'] as const;
export const EXPORT_LANGS = ['en', 'fr', 'nl', 'pt', 'it', 'ar', 'de', 'es', 'ca', 'eu', 'sv'] as const;
/** Coordinate systems the geo renderers can project to (no projection library: see geo.ts). */
export const SUPPORTED_EPSG = [4326, 3857] as const;

function last(q: ExportQuery, name: string): string | undefined {
  const v = q[name];
  const s = Array.isArray(v) ? v[v.length - 1] : v;
  return s === undefined || s === '' ? undefined : s;
}

function bool(q: ExportQuery, name: string, fallback: boolean): boolean {
  const v = last(q, name);
  if (v === undefined) return fallback;
  const l = v.trim().toLowerCase();
  if (l === 'true' || l === '1') return true;
  if (l === 'false' || l === '0') return false;
  throw new AgoraError('PARAMETER_INVALID', `Invalid value for ${name}: "${v}". Expected true or false.`, { parameter: name });
}

function oneOf<T extends string>(q: ExportQuery, name: string, allowed: readonly T[], fallback: T, shown = allowed as readonly string[]): T {
  const v = last(q, name);
  if (v === undefined) return fallback;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new AgoraError('PARAMETER_INVALID',
    `Invalid value for ${name}: "${v}". Expected one of ${shown.map((a) => JSON.stringify(a)).join(', ')}.`, { parameter: name });
}

function delimiter(q: ExportQuery): string {
  const v = last(q, 'delimiter');
  // A literal backslash-t (as people type it in a URL) means the tab character.
  const normalised = v === '\\t' || v === 'tab' ? '\t' : v;
  return oneOf({ delimiter: normalised }, 'delimiter', CSV_DELIMITERS, ';');
}

function epsg(q: ExportQuery): number {
  const v = last(q, 'epsg');
  if (v === undefined) return 4326;
  const n = /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!(SUPPORTED_EPSG as readonly number[]).includes(n)) {
    throw new AgoraError('PARAMETER_INVALID',
      `Invalid value for epsg: "${v}". Supported EPSG codes: ${SUPPORTED_EPSG.join(', ')}.`, { parameter: 'epsg' });
  }
  return n;
}

/** Parses the export parameters of the query string, applying ODS v2.1 defaults. */
export function parseExportOptions(q: ExportQuery): ExportOptions {
  const timezone = last(q, 'timezone') ?? 'UTC';
  if (!isValidTimezone(timezone)) {
    throw new AgoraError('PARAMETER_INVALID', `Invalid value for timezone: "${timezone}" is not an IANA time zone (e.g. Europe/Paris).`, { parameter: 'timezone' });
  }
  const listSeparator = last(q, 'list_separator') ?? ',';
  if (listSeparator.length > 10) {
    throw new AgoraError('PARAMETER_INVALID', 'Invalid value for list_separator: at most 10 characters.', { parameter: 'list_separator' });
  }
  const descriptionFields = last(q, 'description_field_list');
  return {
    delimiter: delimiter(q),
    list_separator: listSeparator,
    quote_all: bool(q, 'quote_all', false),
    neutralise_formulas: bool(q, 'neutralise_formulas', true),
    with_bom: bool(q, 'with_bom', true),
    use_labels: bool(q, 'use_labels', false),
    compressed: bool(q, 'compressed', false),
    timezone,
    lang: oneOf(q, 'lang', EXPORT_LANGS, 'fr'),
    name_field: last(q, 'name_field')?.trim(),
    description_field_list: descriptionFields?.split(',').map((s) => s.trim()).filter((s) => s !== ''),
    use_extension: bool(q, 'use_extension', true),
    parquet_compression: oneOf(q, 'parquet_compression', ['snappy', 'zstd'] as const, 'snappy'),
    epsg: epsg(q),
  };
}

/** Checks that name_field / description_field_list name result columns. */
export function checkFieldOptions(columns: ResultColumn[], options: ExportOptions): void {
  const names = new Set(exportColumns(columns).map((c) => c.name));
  const asked: Array<[string, string]> = [];
  if (options.name_field) asked.push(['name_field', options.name_field]);
  for (const f of options.description_field_list ?? []) asked.push(['description_field_list', f]);
  for (const [parameter, field] of asked) {
    if (!names.has(field)) {
      throw new AgoraError('PARAMETER_INVALID', `Invalid value for ${parameter}: "${field}" is not a field of the export.`, { parameter, field });
    }
  }
}

/** What a route runs before sending headers: geo formats need a geo column; format-specific checks. */
export function assertRenderable(renderer: Renderer, columns: ResultColumn[], options: ExportOptions): void {
  if (renderer.needsGeo && !columns.some((c) => GEO_TYPES.has(c.type))) {
    throw new AgoraError('PARAMETER_INVALID',
      `The ${renderer.format} export needs a geo_point_2d or geo_shape field in the result, and there is none.`, { format: renderer.format });
  }
  renderer.validate?.(columns, options);
}
