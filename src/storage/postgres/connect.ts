// Connection settings of the PostgreSQL backend: client configs from a URL (search_path, time
// zone, timeouts, per-connection type parsers) and the mapping of pg errors to AgoraError codes.
// Never puts the password in a message or a log.
import type pg from 'pg';
import { AgoraError } from '../../core/errors.ts';
import { agoraTypes } from './values.ts';

export interface PostgresOptions {
  /** postgres://user[:password]@host:port/db */
  url: string;
  /** Every table of this store lives in this schema (created if missing). Default: public. */
  schema?: string;
  readPoolSize?: number;
  /** A read replica for query/stream/openSnapshot/describe/introspect. Default: url. */
  readUrl?: string;
  /** Milliseconds to connect, and for one read statement (query, describe, a snapshot's query) to
   *  answer; streams and file exports run without it, so a long export is not cut. Defaults: 10 s, 5 min. */
  connectTimeoutMs?: number;
  statementTimeoutMs?: number;
  /** Milliseconds for one statement of the writer (a load or a swap may be long). Default: none. */
  writeTimeoutMs?: number;
  /** A throwaway store (tests, `inMemory` portals): the schema and everything in it is dropped at close. */
  dropSchemaOnClose?: boolean;
}

const SAFE_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkSchema(schema: string): string {
  if (!SAFE_SCHEMA.test(schema)) throw new AgoraError('CONFIG_INVALID', `PostgreSQL schema name must be lowercase letters, digits and _: ${JSON.stringify(schema)}`);
  return schema;
}

/** host:port of a URL, for messages (never the user's password). */
export function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}`;
  } catch {
    return '(unparseable URL)';
  }
}

export function clientConfig(url: string, opts: PostgresOptions, role: 'read' | 'write'): pg.ClientConfig {
  const schema = checkSchema(opts.schema ?? 'public');
  return {
    connectionString: url,
    // Set at connection start, before any query: the store's schema first (unqualified tables are
    // created there), then public where extensions (unaccent, fuzzystrmatch) usually live; UTC text.
    options: `-c search_path=${schema === 'public' ? 'public' : `${schema},public`} -c TimeZone=UTC`,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    statement_timeout: role === 'read' ? readTimeout(opts) : (opts.writeTimeoutMs ?? 0),
    // A server that vanishes without closing the socket is found by TCP keepalive probes.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    types: agoraTypes,
  };
}

export function readTimeout(opts: PostgresOptions): number {
  return opts.statementTimeoutMs ?? 300_000;
}

/** A read statement whose answer the client waits for a little longer than the server would
 *  run it: a lost server cannot hang the request. (Not for cursors: pg would time out the whole stream.) */
export function readQuery(sql: string, params: unknown[], opts: PostgresOptions): pg.QueryConfig {
  // query_timeout per query is read by pg's Client.query, though @types/pg does not declare it.
  const config: pg.QueryConfig & { query_timeout: number } = { text: sql, values: params, query_timeout: readTimeout(opts) + 5_000 };
  return config;
}

/** SQLSTATE classes and client messages of a connection that is gone or never answered. */
function lostConnection(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  const code = err?.code ?? '';
  if (/^(08|57P0[123])/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'].includes(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Client has encountered a connection error|Connection ended/i.test(err?.message ?? '');
}

/** Out of range, bad conversions, division by zero: the asker's error, as DuckDB's backend reports them. */
const EVALUATION = new Set(['22003', '22008', '22P02', '22007', '22012', '2201E', '2201F']);

/** True when the error says the connection is gone (the client must not be used again). */
export function isLost(e: unknown): boolean {
  return lostConnection(e);
}

/** The AgoraError a route maps to a status, or the error itself (a bug: a 500 with its message). */
export function storageError(e: unknown, url: string): unknown {
  if (e instanceof AgoraError) return e;
  if (lostConnection(e)) {
    return new AgoraError('STORAGE_UNAVAILABLE', `The PostgreSQL store at ${where(url)} cannot be reached: ${redact((e as Error).message, url)}`);
  }
  const code = (e as { code?: string }).code;
  if (code && EVALUATION.has(code)) return new AgoraError('ODSQL_EVALUATION', `The query cannot be evaluated: ${(e as Error).message}`);
  if (code === '57014') return new AgoraError('STORAGE_UNAVAILABLE', `The PostgreSQL store at ${where(url)} did not answer in time: ${(e as Error).message}`);
  return e;
}

/** Removes the URL's password from a message, should a driver ever echo it. */
function redact(message: string, url: string): string {
  let password = '';
  try { password = decodeURIComponent(new URL(url).password); } catch { /* none */ }
  return password ? message.split(password).join('***') : message;
}

export function openError(e: unknown, url: string): AgoraError {
  const detail = redact((e as Error).message || String((e as { code?: string }).code ?? e), url);
  return new AgoraError('STORAGE_FAILED', `Cannot open the PostgreSQL store at ${where(url)}: ${detail}`, { where: where(url) });
}

/** The extensions the PostgreSQL dialect calls (search: unaccent; fuzzy search: levenshtein), in the
 *  public schema so every store schema sees them. A role that may not create them gets a clear error. */
export async function ensureExtensions(c: pg.Client): Promise<void> {
  const have = await c.query("SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'fuzzystrmatch')");
  const missing = ['unaccent', 'fuzzystrmatch'].filter((x) => !have.rows.some((r: { extname: string }) => r.extname === x));
  for (const x of missing) {
    try {
      await c.query(`CREATE EXTENSION IF NOT EXISTS ${x} SCHEMA public`);
    } catch (e) {
      throw new AgoraError('STORAGE_FAILED', `The PostgreSQL store needs the ${x} extension (postgresql-contrib); a superuser can run CREATE EXTENSION ${x} SCHEMA public: ${(e as Error).message}`);
    }
  }
}
