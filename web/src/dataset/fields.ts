// What the app derives from a dataset's schema: labels, field roles (category, measure, time,
// geo), facet fields. Pure functions over the API's field list.
import type { ApiDataset, ApiField } from '../api/types.ts';
import { isDateType, isGeoType, isNumericType } from '../format/format.ts';

export function fieldMap(ds: ApiDataset): Map<string, ApiField> {
  return new Map(ds.fields.map((f) => [f.name, f]));
}

export function labelOf(ds: ApiDataset, name: string): string {
  return ds.fields.find((f) => f.name === name)?.label || name;
}

export const numericFields = (ds: ApiDataset) => ds.fields.filter((f) => isNumericType(f.type));
export const dateFields = (ds: ApiDataset) => ds.fields.filter((f) => isDateType(f.type));
export const geoFields = (ds: ApiDataset) => ds.fields.filter((f) => isGeoType(f.type));
export const categoryFields = (ds: ApiDataset) => ds.fields.filter((f) => f.type === 'text' || f.type === 'boolean');

export function hasAnnotation(f: ApiField, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(f.annotations ?? {}, name);
}

export function annotatedFacets(ds: ApiDataset): ApiField[] {
  return ds.fields.filter((f) => hasAnnotation(f, 'facet'));
}

/** Candidates when no field is annotated as a facet: text and boolean fields. */
export function facetCandidates(ds: ApiDataset): ApiField[] {
  return ds.fields.filter((f) => f.type === 'text' || f.type === 'boolean').slice(0, 12);
}

export const MAX_FACET_VALUES = 200;

/** Picks facet fields from distinct counts: few enough values to browse, more than one. */
export function pickFacets(candidates: ApiField[], distinct: Array<number | null>, max = 6): ApiField[] {
  return candidates.filter((_, i) => { const d = distinct[i]; return d !== null && d > 1 && d <= MAX_FACET_VALUES; }).slice(0, max);
}

/** Category fields worth charting first: facets, then other text fields. */
export function preferredCategories(ds: ApiDataset): ApiField[] {
  const cats = categoryFields(ds);
  return [...cats.filter((f) => hasAnnotation(f, 'facet')), ...cats.filter((f) => !hasAnnotation(f, 'facet'))];
}
