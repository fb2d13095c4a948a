// Table sort state in the URL: `sort=field` (ascending) or `sort=-field` (descending).
import type { ApiField } from '../../api/types.ts';
import { odsqlField } from '../../state/odsql.ts';

export interface Sort { field: string; dir: 'asc' | 'desc' }

export function readSort(raw: string | null): Sort | null {
  if (!raw) return null;
  return raw.startsWith('-') ? { field: raw.slice(1), dir: 'desc' } : { field: raw, dir: 'asc' };
}

export function sortText(s: Sort | null): string | null {
  return s ? `${s.dir === 'desc' ? '-' : ''}${s.field}` : null;
}

export function orderBy(s: Sort | null): string | undefined {
  return s ? `${odsqlField(s.field)} ${s.dir}` : undefined;
}

export function nextSort(current: Sort | null, field: string): Sort {
  if (current?.field === field) return { field, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { field, dir: 'asc' };
}

export function isSortable(f: ApiField): boolean {
  return ['text', 'int', 'double', 'date', 'datetime', 'boolean'].includes(f.type);
}
