// Password reset tokens: 256 random bits, stored as SHA-256, valid one hour, used once, and the
// accounts a request names (by username or e-mail). Delivery (e-mail link, or the operator's console
// without a mail server) is the caller's; using a token sets the password. No HTTP here.
import { createHash, randomBytes } from 'node:crypto';
import type { Backend } from '../storage/backend.ts';
import { AgoraError } from '../core/errors.ts';
import type { GovernanceStore } from './store.ts';
import type { User } from './types.ts';

const TABLE = 'agora_password_resets';
export const RESET_TTL_MS = 3600 * 1000;
const hash = (t: string) => createHash('sha256').update(t).digest('hex');

export class PasswordResets {
  constructor(private readonly backend: Backend, private readonly accounts: GovernanceStore, private readonly clock: () => number = Date.now) {}

  async open(): Promise<void> {
    await this.backend.write(async (tx) => {
      await tx.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (token_hash VARCHAR NOT NULL, username VARCHAR NOT NULL, expires BIGINT NOT NULL)`);
      await tx.exec(`DELETE FROM ${TABLE} WHERE expires < ?`, [this.clock()]);
    });
  }

  /** The accounts a reset request names: the user called `username`; or, for `email`, every user
   *  with that address (case-insensitive) and a user whose username is that address. */
  holders(who: { username?: string; email?: string }): User[] {
    if (who.username !== undefined) {
      const u = this.accounts.findUser(who.username);
      return u ? [u] : [];
    }
    const email = (who.email ?? '').trim().toLowerCase();
    if (!email) return [];
    return this.accounts.users().filter((u) => u.email?.toLowerCase() === email || u.username.toLowerCase() === email);
  }

  /** A new token for an existing user (earlier tokens of the user stop working). */
  async issue(username: string): Promise<string> {
    this.accounts.getUser(username);
    const token = randomBytes(32).toString('base64url');
    await this.backend.write(async (tx) => {
      await tx.exec(`DELETE FROM ${TABLE} WHERE username = ?`, [username]);
      await tx.exec(`INSERT INTO ${TABLE} VALUES (?, ?, ?)`, [hash(token), username, this.clock() + RESET_TTL_MS]);
    });
    return token;
  }

  /** Sets the new password if the token is live; returns the username. The token dies either way. */
  async consume(token: string, password: string): Promise<string> {
    const rows = /^[A-Za-z0-9_-]{43}$/.test(token) ? await this.backend.query(`SELECT * FROM ${TABLE} WHERE token_hash = ?`, [hash(token)]) : [];
    const row = rows[0];
    if (!row || Number(row.expires) < this.clock()) throw new AgoraError('PARAMETER_INVALID', 'Invalid or expired password reset token.');
    const username = String(row.username);
    await this.accounts.updateUser(username, { password });
    await this.backend.write((tx) => tx.exec(`DELETE FROM ${TABLE} WHERE username = ?`, [username]));
    return username;
  }
}
