// A harvest source's settings checked against its harvester's declared options: the URL (http or
// https, no credentials in it), required options present, unknown ones refused, each error named.
import { AgoraError } from '../core/errors.ts';
import type { HarvesterDef } from './types.ts';

const invalid = (field: string, message: string) => new AgoraError('HARVEST_INVALID', `Invalid ${field}: ${message}`, { detail: { [field]: [message] } });

export function checkSourceUrl(url: unknown): string {
  let u: URL;
  try { u = new URL(String(url ?? '')); } catch { throw invalid('url', `${JSON.stringify(url)} is not an absolute URL.`); }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw invalid('url', `${u.protocol} is not http: or https:.`);
  if (u.username || u.password) throw invalid('url', 'credentials do not belong in the URL.');
  return u.href.replace(/\/+$/, '');
}

export function checkOptions(def: HarvesterDef, options: Record<string, unknown>): Record<string, string> {
  const known = new Map(def.options.map((o) => [o.name, o]));
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(options)) {
    if (!known.has(name)) {
      const names = [...known.keys()];
      throw invalid(`options.${name}`, `the ${def.type} harvester has no option "${name}" (${names.length ? `its options: ${names.join(', ')}` : 'it takes none'}).`);
    }
    if (typeof value !== 'string') throw invalid(`options.${name}`, 'must be a string.');
    if (value.trim()) out[name] = value.trim();
  }
  for (const o of def.options) if (o.required && !out[o.name]) throw invalid(`options.${o.name}`, `the ${def.type} harvester needs it (${o.label}).`);
  return out;
}
