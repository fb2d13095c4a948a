// Planning a dataset's pipeline over the fields it starts from: each processor in order checks that
// the fields its parameters name exist (with an accepted type) at that point, then plans its step.
// Errors name the processor (position, label, type) and the parameter.
import { AgoraError, isAgoraError } from '../../core/errors.ts';
import { normaliseName } from '../names.ts';
import { processorDef } from './registry.ts';
import type { PField, PlanContext, ProcessorConfig, ProcessorDef, Step } from './types.ts';

export interface PlannedStep { config: ProcessorConfig; position: number; step: Step }
export interface PlannedPipeline { input: PField[]; fields: PField[]; steps: PlannedStep[] }

/** "processor 2 (string_replace "Fix typos")": how errors name a processor. */
export function nameOf(c: ProcessorConfig, position: number): string {
  return `processor ${position + 1} (${c.type}${c.label ? ` "${c.label}"` : ''})`;
}

export async function planPipeline(configs: readonly ProcessorConfig[], input: readonly PField[], ctx: PlanContext): Promise<PlannedPipeline> {
  let fields = [...input];
  const steps: PlannedStep[] = [];
  for (const [position, config] of configs.entries()) {
    const def = processorDef(config.type);
    try {
      checkFields(def, config, fields);
      const step = await def.plan(config.params, fields, ctx);
      steps.push({ config, position, step });
      fields = step.fields;
    } catch (e) {
      if (isAgoraError(e) && e.code === 'PROCESSOR_INVALID') {
        e.message = `${nameOf(config, position)}: ${e.message}`;
        Object.assign(e.details, { processor: config.uid, position: position + 1 });
      }
      throw e;
    }
  }
  return { input: [...input], fields, steps };
}

function checkFields(def: ProcessorDef, c: ProcessorConfig, fields: readonly PField[]): void {
  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const p of def.params) {
    const v = c.params[p.name];
    if (v === null) continue;
    if (p.kind === 'new_field' || p.kind === 'new_fields') for (const n of Array.isArray(v) ? v : [String(v)]) checkNewName(p.name, n);
    if (p.kind !== 'field' && p.kind !== 'fields') continue;
    for (const name of Array.isArray(v) ? v : [String(v)]) {
      const f = byName.get(name);
      if (!f) throw fieldMissing(p.name, name, fields);
      if (p.types && !p.types.includes(f.type)) {
        throw invalidParam(p.name, `field "${name}" is a ${f.type} field; expected ${p.types.join(' or ')}`);
      }
    }
  }
}

function checkNewName(where: string, name: string): void {
  const hint = normaliseName(name);
  if (name.length <= 100 && hint === name) return;
  throw invalidParam(where, `"${name}" is not a valid field name: use lowercase letters a-z, digits and single "_" between them${hint ? `, e.g. "${hint}"` : ''}`);
}

export function invalidParam(where: string, message: string): AgoraError {
  return new AgoraError('PROCESSOR_INVALID', `Invalid ${where}: ${message}.`, { detail: { [where]: [message] } });
}

export function fieldMissing(where: string, name: string, fields: readonly PField[]): AgoraError {
  return invalidParam(where, `"${name}" is not a field at this point of the pipeline (fields: ${fields.map((f) => f.name).join(', ') || 'none'})`);
}
