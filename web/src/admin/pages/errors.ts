// Where a refusal of the server belongs in the editor: a path such as `content.blocks[1].chart.x`
// becomes block 1, key `chart.x`; page keys (slug, title, …) and filters likewise. Pure functions.

export type ErrorPlace =
  | { area: 'block'; index: number; key: string }
  | { area: 'filter'; index: number; key: string }
  | { area: 'page'; key: string };

export function placeOf(path: string): ErrorPlace {
  const m = /^content\.(blocks|filters)\[(\d+)\](?:\.(.+))?$/.exec(path);
  if (m) return { area: m[1] === 'blocks' ? 'block' : 'filter', index: Number(m[2]), key: m[3] ?? '' };
  const c = /^content\.(.+)$/.exec(path);
  return { area: 'page', key: c ? c[1] : path };
}

/** Messages by key for the page, each block and each filter (several messages joined). */
export interface PlacedErrors { page: Record<string, string>; blocks: Record<number, Record<string, string>>; filters: Record<number, Record<string, string>> }

export const NO_ERRORS: PlacedErrors = { page: {}, blocks: {}, filters: {} };

export function placeErrors(items: ReadonlyArray<{ path: string; message: string }>): PlacedErrors {
  const out: PlacedErrors = { page: {}, blocks: {}, filters: {} };
  const add = (bag: Record<string, string>, key: string, message: string) => { bag[key] = bag[key] ? `${bag[key]}; ${message}` : message; };
  for (const { path, message } of items) {
    const p = placeOf(path);
    if (p.area === 'page') add(out.page, p.key, message);
    else {
      const all = p.area === 'block' ? out.blocks : out.filters;
      add((all[p.index] ??= {}), p.key, message);
    }
  }
  return out;
}

/** The detail of a 400 answer ({path: [messages]}) as a list of {path, message}. */
export function detailItems(detail: Record<string, string[]> | null | undefined): Array<{ path: string; message: string }> {
  return Object.entries(detail ?? {}).map(([path, messages]) => ({ path, message: messages.join('; ') }));
}

/** The message for a form key, or for a key under it (`chart.series[0].field` shows under `chart.series`). */
export function errorFor(bag: Record<string, string> | undefined, key: string): string | undefined {
  if (!bag) return undefined;
  if (bag[key]) return bag[key];
  const under = Object.keys(bag).filter((k) => k.startsWith(`${key}.`) || k.startsWith(`${key}[`));
  return under.length ? under.map((k) => bag[k]).join('; ') : undefined;
}
