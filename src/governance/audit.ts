// The audit log: who did what, to what, when and from where, for every change made through the
// Automation API, the sign-in routes and the account commands. Append-only table in the store;
// entries never hold secrets (passwords, keys, session ids), only names and key ids.
import type { Backend } from '../storage/backend.ts';

const TABLE = 'agora_audit_log';

export interface AuditEntry {
  /** ISO time; set by record(). */
  at?: string;
  /** "user:ana", "cli:root", "anonymous". */
  actor: string;
  /** e.g. dataset.update, dataset.publish, security.user.create, user.add, apikey.revoke, login.failure */
  action: string;
  /** What was acted on: a dataset uid/id, a username, a key id… */
  target: string;
  detail?: Record<string, unknown>;
  /** Client address, or null outside HTTP. */
  ip: string | null;
}

export class AuditLog {
  private opened = false;
  constructor(private readonly backend: Backend, private readonly clock: () => number = Date.now) {}

  async open(): Promise<void> {
    if (this.opened) return;
    await this.backend.write((tx) => tx.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (seq BIGINT NOT NULL, occurred_at VARCHAR NOT NULL, actor VARCHAR NOT NULL,
      action VARCHAR NOT NULL, target VARCHAR NOT NULL, detail VARCHAR NOT NULL, ip VARCHAR)`));
    this.opened = true;
  }

  async record(e: AuditEntry): Promise<void> {
    const at = new Date(this.clock()).toISOString();
    await this.backend.write(async (tx) => {
      const [{ n }] = await tx.query(`SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM ${TABLE}`);
      await tx.exec(`INSERT INTO ${TABLE} VALUES (?, ?, ?, ?, ?, ?, ?)`,
        [Number(n), at, e.actor, e.action, e.target, JSON.stringify(e.detail ?? {}), e.ip]);
    });
  }

  /** Newest first. */
  async list(limit: number, offset: number): Promise<{ total: number; entries: Required<AuditEntry>[] }> {
    const [{ n }] = await this.backend.query(`SELECT COUNT(*) AS n FROM ${TABLE}`);
    const rows = await this.backend.query(`SELECT * FROM ${TABLE} ORDER BY seq DESC LIMIT ? OFFSET ?`, [limit, offset]);
    return {
      total: Number(n),
      entries: rows.map((r) => ({
        at: String(r.occurred_at), actor: String(r.actor), action: String(r.action), target: String(r.target),
        detail: JSON.parse(String(r.detail)) as Record<string, unknown>, ip: r.ip === null ? null : String(r.ip),
      })),
    };
  }
}

export function actorOf(user: { username: string } | null): string {
  return user ? `user:${user.username}` : 'anonymous';
}
