// `agora import FILE|URL --id DATASET_ID`: loads a file into a dataset (create, --replace or --append)
// through importDataset, with a progress bar on a terminal and a summary of rows and field types.
import { loadConfig } from '../core/config.ts';
import { isAgoraError } from '../core/errors.ts';
import { INGEST_FORMATS, type ImportProgress, type ImportSummary, type IngestFormat } from '../ingest/types.ts';
import { DATA_HELP, type Command, type ParsedArgs } from './command.ts';
import type { Backend } from '../storage/backend.ts';

const USAGE = `Usage: agora import FILE|URL --id DATASET_ID [options]

Loads a CSV, TSV, JSON, JSON Lines, GeoJSON, XLSX or Parquet file (local path or http(s) URL) into a
dataset. Field names and types are inferred; the original headers become the field labels.

  --id DATASET_ID     the dataset identifier (lowercase letters, digits, - and _)
  --title T           the dataset title (default: the identifier)
  --replace           swap the data of an existing dataset (atomic; metadata kept)
  --append            add the rows to an existing dataset (same fields required)
  --format F          ${INGEST_FORMATS.join(', ')} (default: from the extension, then the content)
  --delimiter C       CSV delimiter (default: sniffed among ; , tab |)
  --encoding E        text encoding (default: UTF-8, else Windows-1252/Latin-1/UTF-16 detected)
  --sheet NAME        XLSX sheet (default: the first one)
  --skip-bad-rows     skip rows with the wrong number of columns and report them
  --allow-empty       publish a file that has columns but no rows (refused by default)
${DATA_HELP}`;

export const importCommand: Command = {
  name: 'import',
  summary: 'import a file or URL into a dataset (CSV, JSON, GeoJSON, XLSX, Parquet)',
  usage: USAGE,
  options: {
    id: { type: 'string' }, title: { type: 'string' }, replace: { type: 'boolean' }, append: { type: 'boolean' },
    format: { type: 'string' }, delimiter: { type: 'string' }, encoding: { type: 'string' }, sheet: { type: 'string' },
    'skip-bad-rows': { type: 'boolean' }, 'allow-empty': { type: 'boolean' },
  },
  run: runImport,
};

async function runImport(args: ParsedArgs): Promise<number> {
  const v = args.values;
  const source = args.positionals[0];
  const fail = (msg: string) => { console.error(`agora import: ${msg}\n\n${USAGE}`); return 2; };
  if (!source) return fail('missing FILE or URL');
  if (typeof v.id !== 'string') return fail('missing --id DATASET_ID');
  if (v.replace && v.append) return fail('--replace and --append exclude each other');
  if (v.format !== undefined && !INGEST_FORMATS.includes(v.format as IngestFormat)) return fail(`unknown --format ${String(v.format)}`);
  const [{ Catalog, attachSearchTable }, { openStore }, { importDataset }] = await Promise.all([
    import('../catalog/index.ts'), import('../server/store.ts'), import('../ingest/index.ts')]);
  const config = loadConfig({ dataDir: args.dataDir, ...(args.store !== undefined ? { store: args.store } : {}) });
  const bar = process.stderr.isTTY ? new ProgressBar(process.stderr) : null;
  let backend: Backend | null = null;
  try {
    backend = (await openStore(config, false)).backend;
    const catalog = new Catalog(backend);
    await catalog.open();
    // Kept in step like a server's (on a shared PostgreSQL store, running nodes only reload the catalog).
    await attachSearchTable(backend, catalog);
    const summary = await importDataset(catalog, {
      source, datasetId: v.id, title: v.title as string | undefined, mode: v.replace ? 'replace' : v.append ? 'append' : 'create',
      format: v.format as IngestFormat | undefined, delimiter: v.delimiter as string | undefined, encoding: v.encoding as string | undefined,
      sheet: v.sheet as string | undefined, skipBadRows: Boolean(v['skip-bad-rows']), refuseNoRows: !v['allow-empty'], onProgress: bar ? (p) => bar.update(p) : undefined,
    });
    bar?.clear();
    console.log(formatSummary(summary, v.replace ? 'replaced' : v.append ? 'appended to' : 'created'));
    for (const w of summary.warnings) console.error(`agora import: warning: ${w.message}`);
    return 0;
  } catch (e) {
    bar?.clear();
    console.error(`agora import: ${isAgoraError(e) ? e.message : (e as Error).message}`);
    return 1;
  } finally {
    await backend?.close().catch(() => undefined);
  }
}

export function formatSummary(s: ImportSummary, verb: string): string {
  const lines = [`${s.rowsLoaded.toLocaleString('en')} rows loaded: ${verb} dataset "${s.dataset.dataset_id}" (${s.dataset.metas.default.records_count.toLocaleString('en')} records) in ${(s.elapsedMs / 1000).toFixed(2)} s.`];
  if (s.rejected.length) {
    lines.push(`${s.rejected.length.toLocaleString('en')} rejected rows:`);
    for (const r of s.rejected.slice(0, 10)) lines.push(`  line ${r.line}: ${r.message}`);
    if (s.rejected.length > 10) lines.push(`  … and ${s.rejected.length - 10} more`);
  }
  if (s.skippedByProcessors.length) {
    lines.push(`${s.skippedByProcessors.length.toLocaleString('en')} records left out by processors (skip_on_error):`);
    for (const r of s.skippedByProcessors.slice(0, 10)) lines.push(`  record ${r.record}, processor ${r.position}${r.field ? `, field "${r.field}"` : ''}: ${r.reason}`);
    if (s.skippedByProcessors.length > 10) lines.push(`  … and ${s.skippedByProcessors.length - 10} more`);
  }
  const w = Math.max(5, ...s.fields.map((f) => f.name.length));
  lines.push('', `${'FIELD'.padEnd(w)}  ${'TYPE'.padEnd(12)}  LABEL`);
  for (const f of s.fields) lines.push(`${f.name.padEnd(w)}  ${f.type.padEnd(12)}  ${f.label}`);
  return lines.join('\n');
}

/** One line on a terminal, redrawn at most every 100 ms: bytes read (with a bar when the total is known) or rows. */
export class ProgressBar {
  private last = 0;
  constructor(private readonly out: { write(s: string): unknown }) {}
  update(p: ImportProgress): void {
    const now = Date.now();
    if (now - this.last < 100 && p.phase !== 'done') return;
    this.last = now;
    let text = PHASES[p.phase] ?? p.phase;
    const bar = (ratio: number) => {
      const filled = Math.round(Math.min(1, ratio) * 30);
      return ` [${'#'.repeat(filled)}${' '.repeat(30 - filled)}] ${(Math.min(1, ratio) * 100).toFixed(0)}%`;
    };
    if (p.bytes !== undefined && p.totalBytes) {
      text += `${bar(p.bytes / p.totalBytes)} ${mb(p.bytes)} / ${mb(p.totalBytes)}`;
    } else if (p.fraction !== undefined) {
      text += bar(p.fraction);
    } else if (p.bytes !== undefined) {
      text += ` ${mb(p.bytes)}`;
    }
    if (p.rows !== undefined) text += ` ${p.rows.toLocaleString('en')} rows`;
    this.out.write(`\r${text.padEnd(78).slice(0, 78)}`);
  }
  clear(): void { this.out.write(`\r${' '.repeat(78)}\r`); }
}

const PHASES: Record<string, string> = {
  download: 'downloading', read: 'reading', load: 'loading', infer: 'typing fields', write: 'writing', publish: 'publishing', done: 'done',
};
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
