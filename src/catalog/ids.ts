// Dataset identifiers: the user-facing slug `dataset_id` and the stable internal `dataset_uid`.
import { randomBytes } from 'node:crypto';
import { AgoraError } from '../core/errors.ts';

const ID_RE = /^[a-z0-9][a-z0-9_-]{0,127}$/;

export function validateDatasetId(id: string): string {
  if (!ID_RE.test(id)) {
    throw new AgoraError('DATASET_ID_INVALID',
      `Invalid dataset id "${id}": use 1-128 lowercase letters, digits, "-" and "_", starting with a letter or digit.`);
  }
  return id;
}

/** ODS-like uid: "da_" and 6 base-36 characters. */
export function newDatasetUid(): string {
  const bytes = randomBytes(8);
  let s = '';
  for (const b of bytes) s += (b % 36).toString(36);
  return 'da_' + s.slice(0, 6);
}

/** A fresh physical table name for one loaded version of a dataset (`rec_` + id + random). */
export function newRecordTable(datasetId: string): string {
  return `rec_${datasetId.replace(/[^a-z0-9_]/g, '_')}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A fresh staging table name (`stg_` prefix: dropped at start-up if an import was killed). */
export function newStagingTable(): string {
  return `stg_${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}
