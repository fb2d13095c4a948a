// Real-time entries of an embedded portal acknowledged (in DIR/realtime) but not yet applied to its
// store: a migration refuses to start while there are any, since it copies the store and never writes it.
// Reads the log files and the store's applied_seq only.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../backend.ts';
import { IntakeLog } from '../../realtime/log.ts';
import { STATE_TABLE } from '../../realtime/writer.ts';

export async function unappliedEntries(source: Backend, dataDir: string): Promise<number> {
  const dir = join(dataDir, 'realtime');
  if (!existsSync(dir)) return 0;
  const state = await source.query(`SELECT 1 FROM information_schema.tables WHERE table_name = ?`, [STATE_TABLE]);
  const applied = state.length ? Number((await source.query(`SELECT max(applied_seq) AS s FROM ${STATE_TABLE}`))[0]?.s ?? 0) : 0;
  return IntakeLog.open(dir, applied).unapplied.length;
}
