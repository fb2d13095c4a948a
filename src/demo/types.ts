// The shape of a demo dataset: where its file comes from (vega-datasets or a synthetic generator),
// its metadata, facet fields and data period. Types only.

export type SyntheticGenerator = 'sensors' | 'budget' | 'bikes' | 'parking';

export type DemoSource =
  | { kind: 'vega'; file: string }
  | { kind: 'topojson'; file: string; object: string; idProperty: string }
  | { kind: 'earthquakes'; file: string }
  | { kind: 'synthetic'; generator: SyntheticGenerator };

/** The data's own period: the first and last value of `field` (a date, date-time or year field),
 *  written to `dcat.temporal` as `start/end`. */
export interface DemoPeriod { field: string; start: string; end: string }

/** Metadata by key (`dcat.` prefix for the dcat template); a list value is given as an array, since
 *  a theme such as "Administration, Government, Public finances, Citizenship" holds commas. */
export interface DemoDataset {
  id: string; source: DemoSource; metas: Record<string, string | string[]>; facets?: string[];
  period?: DemoPeriod; synthetic?: true;
}

/** Themes of the Opendatasoft standard list used by the demo (each one value, commas included). */
export const THEME = {
  admin: ['Administration, Government, Public finances, Citizenship'],
  economy: ['Economy, Business, SME, Economic development, Employment'],
  environment: ['Environment'],
  transport: ['Transport, Movements'],
} as const;
