// API key material: a key is `agk_<key id>_<secret>`; only the id and a SHA-256 of the secret are
// stored. Parsing never throws on garbage: an unparseable key is simply not a key.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_RE = /^agk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewKeyMaterial { keyId: string; secret: string; key: string; secretHash: string }

export function newKeyMaterial(): NewKeyMaterial {
  const keyId = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secret, key: `agk_${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function parseKey(key: string): { keyId: string; secret: string } | null {
  const m = KEY_RE.exec(key.trim());
  return m ? { keyId: m[1], secret: m[2] } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
