// Colour by a field, the pure part: class breaks for numbers (quantiles, equal intervals), colours
// for the top categories (+ "Other"), and the MapLibre paint expression for either. No fetch here.

/** Okabe–Ito (colour-vision safe) for categories; grey for "Other". */
export const CATEGORY_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7'];
export const OTHER_COLOUR = '#8a8a8a';
/** Viridis, light to dark: ordered, colour-vision safe, readable in grey. */
export const SEQUENTIAL_COLOURS = ['#fde725', '#5ec962', '#21918c', '#3b528b', '#440154'];
export const NO_VALUE_COLOUR = '#ffffff';

export type ClassMethod = 'quantile' | 'equal';
export const CLASS_COUNT = 5;

export interface CategoryColouring {
  kind: 'category';
  field: string;
  values: Array<{ value: string; colour: string; count: number }>;
  /** Records outside the top values (other values and no value). */
  other: number;
}

export interface ClassColouring {
  kind: 'classes';
  field: string;
  method: ClassMethod;
  /** Ascending class edges: class i is [breaks[i], breaks[i+1]), the last one closed. */
  breaks: number[];
  colours: string[];
  /** Records with no value (drawn white with an outline). */
  noValue: number;
}

export type Colouring = CategoryColouring | ClassColouring;

/** The percentiles (0..100) whose values split the data into `k` classes of equal counts. */
export function quantilePercentiles(k = CLASS_COUNT): number[] {
  return Array.from({ length: k - 1 }, (_, i) => (100 * (i + 1)) / k);
}

function strictlyIncreasing(edges: number[]): number[] {
  return edges.filter((v, i) => i === 0 || v > edges[i - 1]);
}

/** Class edges from the minimum, the inner percentile values and the maximum; equal edges merge. */
export function quantileBreaks(min: number, max: number, percentileValues: number[]): number[] {
  return strictlyIncreasing([min, ...percentileValues.filter((v) => v > min && v < max), max]);
}

/** `k` classes of equal width between min and max (one class when they are equal). */
export function equalIntervalBreaks(min: number, max: number, k = CLASS_COUNT): number[] {
  if (!(max > min)) return [min, max];
  const step = (max - min) / k;
  return [...Array.from({ length: k }, (_, i) => min + i * step), max];
}

/** `n` colours spread over the sequential ramp, light to dark. */
export function classColours(n: number): string[] {
  const ramp = SEQUENTIAL_COLOURS;
  if (n <= 1) return [ramp[Math.floor(ramp.length / 2)]];
  return Array.from({ length: n }, (_, i) => ramp[Math.round((i * (ramp.length - 1)) / (n - 1))]);
}

/** The top values by count (ties by value) get a colour each; the rest of `total` is "Other". */
export function categoryColouring(field: string, counts: Array<{ value: string; count: number }>, total: number): CategoryColouring {
  const top = [...counts].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, CATEGORY_COLOURS.length);
  const values = top.map((c, i) => ({ ...c, colour: CATEGORY_COLOURS[i] }));
  return { kind: 'category', field, values, other: Math.max(0, total - top.reduce((s, c) => s + c.count, 0)) };
}

export function classColouring(field: string, method: ClassMethod, breaks: number[], noValue: number): ClassColouring {
  return { kind: 'classes', field, method, breaks, colours: classColours(breaks.length - 1), noValue };
}

/** The class index of a value (the last class includes the maximum), or -1 outside the breaks. */
export function classOf(breaks: number[], v: number): number {
  if (!(v >= breaks[0] && v <= breaks[breaks.length - 1])) return -1;
  for (let i = breaks.length - 2; i >= 0; i--) if (v >= breaks[i]) return i;
  return -1;
}

/** MapLibre colour expression for features' properties; `fallback` when not coloured by a field. */
export function colourExpression(c: Colouring | null, fallback: string): unknown {
  if (!c) return fallback;
  const get = ['get', c.field];
  if (c.kind === 'category') {
    if (c.values.length === 0) return OTHER_COLOUR;
    return ['match', ['to-string', get], ...c.values.flatMap((v) => [v.value, v.colour]), OTHER_COLOUR];
  }
  const steps = c.colours.slice(1).flatMap((colour, i) => [c.breaks[i + 1], colour]);
  const step = steps.length ? ['step', ['to-number', get], c.colours[0], ...steps] : c.colours[0];
  return ['case', ['==', ['typeof', get], 'number'], step, NO_VALUE_COLOUR];
}
