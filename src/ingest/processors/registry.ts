// The one registry of processors: built-in ones (builtin/, one file each) register here exactly as a
// third party's would, with registerProcessor. Lookups name the known types when a type is unknown.
import { AgoraError } from '../../core/errors.ts';
import type { ProcessorDef } from './types.ts';

const defs = new Map<string, ProcessorDef>();

export function registerProcessor(def: ProcessorDef): void {
  if (defs.has(def.type)) throw new Error(`A processor of type "${def.type}" is already registered.`);
  const names = new Set<string>();
  for (const p of def.params) {
    if (names.has(p.name) || p.name === 'type' || p.name === 'label' || p.name === 'uid' || p.name === 'skip_on_error') {
      throw new Error(`Processor "${def.type}": parameter name "${p.name}" is reserved or repeated.`);
    }
    names.add(p.name);
  }
  defs.set(def.type, def);
}

export function processorDefs(): ProcessorDef[] {
  return [...defs.values()].sort((a, b) => a.category.localeCompare(b.category) || a.type.localeCompare(b.type));
}

export function processorDef(type: unknown): ProcessorDef {
  const def = typeof type === 'string' ? defs.get(type) : undefined;
  if (!def) {
    throw new AgoraError('PROCESSOR_INVALID', `Invalid type: ${JSON.stringify(type)} is not a processor type (known: ${[...defs.keys()].sort().join(', ')}).`,
      { detail: { type: ['unknown processor type'] } });
  }
  return def;
}
