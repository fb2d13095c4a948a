// Checking a processor's body (ODS DatasetProcessor: type, label, parameters beside them) against its
// definition's parameter schema: every error names the parameter. Field existence is checked later,
// when the pipeline is planned over real fields (plan.ts), since earlier steps may add fields.
import { AgoraError } from '../../core/errors.ts';
import { isPlainObject } from '../../core/types.ts';
import { processorDef } from './registry.ts';
import type { Params, ParamSpec, ProcessorConfig, ProcessorDef } from './types.ts';

export function paramError(where: string, message: string): AgoraError {
  return new AgoraError('PROCESSOR_INVALID', `Invalid ${where}: ${message}.`, { detail: { [where]: [message] } });
}

/** A body as the Automation API receives it, checked; `uid` is kept from `uid` (a new one is given by the caller). */
export function parseProcessor(body: unknown, uid: string): ProcessorConfig {
  if (!isPlainObject(body)) throw paramError('body', 'expected a processor object ({"type", "label", parameters…})');
  const def = processorDef(body.type);
  const label = body.label === undefined ? def.label : body.label;
  if (typeof label !== 'string' || !label.trim()) throw paramError('label', 'expected a non-empty string');
  const skip = body.skip_on_error ?? false;
  if (typeof skip !== 'boolean') throw paramError('skip_on_error', 'expected true or false');
  const known = new Set(['uid', 'type', 'label', 'skip_on_error', ...def.params.map((p) => p.name)]);
  for (const k of Object.keys(body)) {
    if (!known.has(k)) throw paramError(k, `unknown parameter of a ${def.type} processor (its parameters are ${def.params.map((p) => p.name).join(', ') || 'none'})`);
  }
  return { uid, type: def.type, label: label.trim().slice(0, 200), skip_on_error: skip, params: checkParams(def, body) };
}

function checkParams(def: ProcessorDef, body: Record<string, unknown>): Params {
  const out: Params = {};
  for (const p of def.params) {
    const v = body[p.name];
    if (v === undefined || v === null || v === '') {
      if (p.required) throw paramError(p.name, `required by a ${def.type} processor (${p.label})`);
      out[p.name] = p.default ?? null;
      continue;
    }
    out[p.name] = checkValue(p, v);
  }
  return out;
}

function checkValue(p: ParamSpec, v: unknown): Params[string] {
  switch (p.kind) {
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) throw paramError(p.name, `expected a number, got ${JSON.stringify(v)}`);
      return v;
    case 'boolean':
      if (typeof v !== 'boolean') throw paramError(p.name, `expected true or false, got ${JSON.stringify(v)}`);
      return v;
    case 'fields':
    case 'new_fields':
    case 'list': {
      const list = typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v;
      if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string' && x)) throw paramError(p.name, `expected a list of ${p.kind === 'list' ? 'texts' : 'field names'}`);
      return list as string[];
    }
    case 'enum':
      if (typeof v !== 'string' || !p.options!.includes(v)) throw paramError(p.name, `expected one of ${p.options!.join(', ')}, got ${JSON.stringify(v)}`);
      return v;
    default:
      if (typeof v !== 'string') throw paramError(p.name, `expected a string, got ${JSON.stringify(v)}`);
      return v;
  }
}

/** The processor as the Automation API shows it: ODS's flat shape, parameters beside type and label
 *  (those left empty are left out). */
export function processorBody(c: ProcessorConfig): Record<string, unknown> {
  const set = Object.entries(c.params).filter(([, v]) => v !== null);
  return { uid: c.uid, type: c.type, label: c.label, ...Object.fromEntries(set), skip_on_error: c.skip_on_error };
}
