// The one registry of harvesters: the built-in ones (harvesters/, one file each) register here
// exactly as a third party's would, with registerHarvester. Lookups name the known types.
import { AgoraError } from '../core/errors.ts';
import type { HarvesterDef } from './types.ts';

const defs = new Map<string, HarvesterDef>();

export function registerHarvester(def: HarvesterDef): void {
  if (defs.has(def.type)) throw new Error(`A harvester of type "${def.type}" is already registered.`);
  defs.set(def.type, def);
}

export function harvesterDefs(): HarvesterDef[] {
  return [...defs.values()].sort((a, b) => a.type.localeCompare(b.type));
}

export function harvesterDef(type: unknown): HarvesterDef {
  const def = typeof type === 'string' ? defs.get(type) : undefined;
  if (!def) {
    throw new AgoraError('HARVEST_INVALID', `Invalid type: ${JSON.stringify(type)} is not a harvester type (known: ${[...defs.keys()].sort().join(', ') || 'none'}).`,
      { detail: { type: ['unknown harvester type'] } });
  }
  return def;
}
