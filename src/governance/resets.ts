// Password reset tokens: 256 random bits, stored as SHA-256, valid one hour, used once. Without a
// mail server the token is shown to the operator (server console or `agora user reset-password`).
// Using a token sets the password and ends the user's sessions. No HTTP here.
import { createHash, randomBytes } from 'node:crypto';
import type { Backend } from '../storage/backend.ts';
import { AgoraError } from '../core/errors.ts';
import type { GovernanceStore } from './store.ts';

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
