// Picks an output syntax from `?format=` or the Accept header (q-values honoured). Pure function
// over header text: no Fastify types, so the CLI can call it too.

export interface Choice<T> { value: T; mediaTypes: string[]; names: string[] }

/** `format` wins over Accept; an unknown `format` is reported (undefined), an unmatched Accept falls back. */
export function negotiate<T>(choices: Choice<T>[], fallback: T, format: string | undefined, accept: string | undefined): T | undefined {
  if (format) {
    const f = format.trim().toLowerCase();
    return choices.find((c) => c.names.includes(f))?.value;
  }
  if (!accept) return fallback;
  const ranges = accept.split(',').map((part, i) => {
    const [type, ...params] = part.trim().toLowerCase().split(';').map((s) => s.trim());
    const qp = params.find((p) => p.startsWith('q='));
    const q = qp ? Number(qp.slice(2)) : 1;
    return { type: type ?? '', q: Number.isFinite(q) ? q : 0, i };
  }).filter((r) => r.type && r.q > 0)
    .sort((a, b) => b.q - a.q || specificity(b.type) - specificity(a.type) || a.i - b.i);
  for (const r of ranges) {
    if (r.type === '*/*') return fallback;
    const hit = choices.find((c) => c.mediaTypes.includes(r.type));
    if (hit) return hit.value;
  }
  return fallback;
}

function specificity(t: string): number { return t === '*/*' ? 0 : t.endsWith('/*') ? 1 : 2; }
