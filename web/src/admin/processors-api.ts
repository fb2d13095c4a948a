// Automation API calls for a dataset's processors: the catalogue, the pipeline (list, add, replace,
// move, remove), the preview of a draft pipeline, and export/import of the pipeline as YAML or JSON.
import { adminFetch, csrfToken, AdminError } from './session.ts';
import { AUTOMATION, type Paginated } from './api.ts';

export interface ParamSpec { name: string; kind: string; label: string; required?: boolean; default?: unknown; options?: string[]; help?: string }
export interface ProcessorDef { type: string; label: string; category: string; description: string; parameters: ParamSpec[] }
/** A processor as ODS shows it: uid, type, label, skip_on_error and its parameters beside them. */
export type Processor = { uid: string; type: string; label: string; skip_on_error: boolean } & Record<string, unknown>;
export type Draft = Omit<Processor, 'uid'> & { uid?: string };
export type Rec = Record<string, unknown>;
export interface PreviewRow { index: number; before: Rec; after: Rec[]; changed: string[]; skipped?: string; error?: string }
export interface Preview { fields_before: Array<{ name: string; label: string; type: string }>; fields_after: Array<{ name: string; label: string; type: string }>; removed: string[]; records: PreviewRow[] }

const base = (uid: string) => `${AUTOMATION}/datasets/${encodeURIComponent(uid)}/processors`;

export const processorCatalogue = () => adminFetch<ProcessorDef[]>('GET', `${AUTOMATION}/processors`);
export const listProcessors = async (uid: string) => (await adminFetch<Paginated<Processor>>('GET', base(uid))).results;
export const addProcessor = (uid: string, body: Draft) => adminFetch<Processor>('POST', base(uid), body);
export const updateProcessor = (uid: string, p: string, body: Draft) => adminFetch<Processor>('PUT', `${base(uid)}/${p}`, body);
export const deleteProcessor = (uid: string, p: string) => adminFetch<void>('DELETE', `${base(uid)}/${p}`);
export const moveProcessor = (uid: string, p: string, position: number) => adminFetch<Paginated<Processor>>('POST', `${base(uid)}/${p}/move`, { position });
export const previewProcessors = (uid: string, processors: Draft[]) => adminFetch<Preview>('POST', `${base(uid)}/preview`, { processors: processors.map(({ uid: _u, ...p }) => p) });

export async function exportPipeline(uid: string, format: 'yaml' | 'json'): Promise<string> {
  const res = await fetch(`${base(uid)}/export?format=${format}`, { headers: { accept: '*/*' } });
  if (!res.ok) throw new AdminError(`${res.status} ${res.statusText}`, res.status);
  return res.text();
}

/** Replaces the pipeline with a YAML or JSON document (JSON is YAML, so both go as YAML). */
export async function importPipeline(uid: string, text: string): Promise<Processor[]> {
  const res = await fetch(base(uid), { method: 'PUT', headers: { 'content-type': 'application/yaml', 'x-csrf-token': csrfToken() ?? '', accept: 'application/json' }, body: text });
  const body = await res.json() as { message?: string; results?: Processor[] };
  if (!res.ok) throw new AdminError(body.message ?? `${res.status}`, res.status);
  return body.results ?? [];
}
