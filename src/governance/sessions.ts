// Browser sessions: a random 256-bit session id (only its SHA-256 is stored) with its CSRF token,
// an idle and an absolute expiry, and login throttling per username and per client address.
// Ids are never reused: every login makes a new one (no session fixation). No HTTP here.
import { createHash, randomBytes } from 'node:crypto';
import type { Backend, Row, WriteTx } from '../storage/backend.ts';
import { AgoraError } from '../core/errors.ts';
import type { User } from './types.ts';
import type { GovernanceStore } from './store.ts';

const TABLE = 'agora_sessions';
const FAILURES = 'agora_login_failures';
export const IDLE_MS = 2 * 3600 * 1000;
export const ABSOLUTE_MS = 12 * 3600 * 1000;

/** The sessions table (made by the accounts store too, which ends sessions in its own transactions). */
export async function createSessionsTable(tx: WriteTx): Promise<void> {
  await tx.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (id_hash VARCHAR NOT NULL, username VARCHAR NOT NULL, csrf_token VARCHAR NOT NULL,
    created BIGINT NOT NULL, last_seen BIGINT NOT NULL, expires BIGINT NOT NULL)`);
}

/** Ends every session of a user, inside the caller's transaction (password change, lock, deletion). */
export async function endSessions(tx: WriteTx, username: string): Promise<void> {
  await tx.exec(`DELETE FROM ${TABLE} WHERE username = ?`, [username]);
}

export interface Session { username: string; csrfToken: string; created: number; expires: number }

const hash = (id: string) => createHash('sha256').update(id).digest('hex');

export class SessionStore {
  constructor(private readonly backend: Backend, private readonly accounts: GovernanceStore, private readonly clock: () => number = Date.now) {}

  async open(): Promise<void> {
    await this.backend.write(async (tx) => {
      await createSessionsTable(tx);
      await tx.exec(`DELETE FROM ${TABLE} WHERE expires < ?`, [this.clock()]);
    });
  }

  /** A new session for the user; the returned id goes in the cookie and is never stored. */
  async create(user: User): Promise<{ id: string; session: Session }> {
    const id = randomBytes(32).toString('base64url');
    const now = this.clock();
    const session: Session = { username: user.username, csrfToken: randomBytes(24).toString('base64url'), created: now, expires: now + ABSOLUTE_MS };
    await this.backend.write((tx) => tx.exec(`INSERT INTO ${TABLE} VALUES (?, ?, ?, ?, ?, ?)`,
      [hash(id), session.username, session.csrfToken, now, now, session.expires]));
    return { id, session };
  }

  /** The live session of a cookie value and its active user, refreshing its idle timer; else null. */
  async find(id: string): Promise<{ session: Session; user: User } | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
    const rows = await this.backend.query(`SELECT * FROM ${TABLE} WHERE id_hash = ?`, [hash(id)]);
    const r: Row | undefined = rows[0];
    if (!r) return null;
    const now = this.clock();
    if (Number(r.expires) < now || Number(r.last_seen) + IDLE_MS < now) {
      await this.destroy(id);
      return null;
    }
    const user = this.accounts.findUser(String(r.username));
    if (!user || !user.isActive) return null;
    if (now - Number(r.last_seen) > 60_000) {
      await this.backend.write((tx) => tx.exec(`UPDATE ${TABLE} SET last_seen = ? WHERE id_hash = ?`, [now, hash(id)]));
    }
    return { session: { username: user.username, csrfToken: String(r.csrf_token), created: Number(r.created), expires: Number(r.expires) }, user };
  }

  async destroy(id: string): Promise<void> {
    await this.backend.write((tx) => tx.exec(`DELETE FROM ${TABLE} WHERE id_hash = ?`, [hash(id)]));
  }
}

/** Failed logins per key (username, client address) in a sliding window; past the limit the key
 *  is locked until the oldest failure leaves the window. Successful logins clear the username.
 *  With a `shared` store (PostgreSQL, several nodes) the failures are rows of agora_login_failures
 *  under `scope`, so the limit holds for the whole cluster; otherwise they are kept in memory. */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private ready: Promise<void> | null = null;
  constructor(readonly limit = 5, readonly windowMs = 15 * 60 * 1000, private readonly clock: () => number = Date.now,
    private readonly shared: { backend: Backend; scope: string } | null = null) {}

  private table(): Promise<void> {
    this.ready ??= this.shared!.backend.write((tx) => tx.exec(`CREATE TABLE IF NOT EXISTS ${FAILURES} (scope VARCHAR NOT NULL, client VARCHAR NOT NULL, at BIGINT NOT NULL)`));
    return this.ready;
  }

  /** The times of the failures of `key` still in the window, oldest first. */
  private async recent(key: string): Promise<number[]> {
    const since = this.clock() - this.windowMs;
    if (this.shared) {
      await this.table();
      const rows = await this.shared.backend.query(`SELECT at FROM ${FAILURES} WHERE scope = ? AND client = ? AND at > ? ORDER BY at`, [this.shared.scope, key, since]);
      return rows.map((r) => Number(r.at));
    }
    const list = (this.failures.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Throws QUOTA_EXCEEDED (429) while any of the keys is locked. */
  async check(keys: string[]): Promise<void> {
    for (const key of keys) {
      const list = await this.recent(key);
      if (list.length >= this.limit) {
        const reset = new Date(list[list.length - this.limit] + this.windowMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
        throw new AgoraError('QUOTA_EXCEEDED', `Too many failed logins: try again after ${reset}.`, { reset_time: reset, limit_time_unit: `${Math.round(this.windowMs / 60000)} minutes`, call_limit: this.limit });
      }
    }
  }

  async fail(keys: string[]): Promise<void> {
    const now = this.clock();
    if (this.shared) {
      const { backend, scope } = this.shared;
      await this.table();
      await backend.write(async (tx) => {
        await tx.exec(`DELETE FROM ${FAILURES} WHERE scope = ? AND at <= ?`, [scope, now - this.windowMs]);
        for (const key of keys) await tx.exec(`INSERT INTO ${FAILURES} VALUES (?, ?, ?)`, [scope, key, now]);
      });
      return;
    }
    for (const key of keys) {
      this.failures.set(key, [...await this.recent(key), now]);
      if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value as string);
    }
  }

  async succeed(key: string): Promise<void> {
    if (!this.shared) { this.failures.delete(key); return; }
    await this.table();
    await this.shared.backend.write((tx) => tx.exec(`DELETE FROM ${FAILURES} WHERE scope = ? AND client = ?`, [this.shared!.scope, key]));
  }
}
