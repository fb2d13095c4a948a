// Sources with a header (or keys) but no rows: the warning an import returns with what it published,
// or the refusal (INGEST_NO_ROWS, nothing published) when the caller asked for one. No I/O.
import { AgoraError } from '../core/errors.ts';
import type { ImportWarning, Staging } from './types.ts';

/** What a publisher is told about a file without rows (`skipped`: bad rows left out before). */
export function noRowsMessage(file: string, skipped = 0): string {
  const why = skipped > 0 ? `has no rows left after skipping ${skipped} bad row${skipped > 1 ? 's' : ''}` : 'has columns but no rows';
  return `${file} ${why}`;
}

/** The warnings for staged files without rows; throws INGEST_NO_ROWS instead when `refuse` is set. */
export function noRowsWarnings(stagings: Staging[], refuse: boolean, mode: 'create' | 'replace' | 'append'): ImportWarning[] {
  const empty = stagings.filter((s) => s.rows === 0 && s.columns.length > 0);
  if (empty.length === 0) return [];
  if (refuse) {
    const first = empty[0]!;
    throw new AgoraError('INGEST_NO_ROWS', `${noRowsMessage(first.sourceName, first.rejected.length)}: nothing was published (--allow-empty publishes it anyway).`,
      { file: first.sourceName });
  }
  const total = stagings.reduce((n, s) => n + s.rows, 0);
  const effect = mode === 'append' ? 'no rows were appended from it' : total === 0 ? 'the dataset has 0 records' : 'it added no records';
  return empty.map((s) => ({ code: 'no_rows', file: s.sourceName, message: `${noRowsMessage(s.sourceName, s.rejected.length)}: ${effect}.` }));
}
