// Secrets of connections (an MQTT broker's password, a remote portal's token) sealed at rest with
// AES-256-GCM under the portal's key: AGORA_SECRET_KEY, else a key file in the embedded data folder.
// Only sealed text is stored; errors name the key a value needs, never the value. node:crypto only.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AgoraError } from './errors.ts';

const PREFIX = 'agora-sealed:v1:';
export const KEY_FILE = 'secret.key';
const MIN_KEY_LENGTH = 32;

export interface SecretBox {
  /** `plain` sealed under the current key: `agora-sealed:v1:<key id>:<iv>:<ciphertext>:<tag>`. */
  seal(plain: string): string;
  /** The plain text of a sealed value (`where` names it in errors); a value not sealed is returned as is (stored before sealing existed). */
  open(stored: string, where: string): string;
  /** Whether a stored value is sealed under the current key (else it should be sealed again when next saved). */
  current(stored: string): boolean;
}

interface Key { id: string; bytes: Buffer }

function keyOf(text: string, name: string): Key {
  if (text.length < MIN_KEY_LENGTH) {
    throw new AgoraError('CONFIG_INVALID', `${name} is too short: at least ${MIN_KEY_LENGTH} characters (e.g. the output of \`openssl rand -base64 32\`).`);
  }
  const bytes = Buffer.from(hkdfSync('sha256', Buffer.from(text, 'utf8'), 'agora-secrets', 'v1', 32));
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 8), bytes };
}

class Box implements SecretBox {
  constructor(private readonly key: Key | (() => Key), private readonly previous: Key[], private readonly source: string) {}

  private get now(): Key { return typeof this.key === 'function' ? this.key() : this.key; }

  seal(plain: string): string {
    const k = this.now;
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', k.bytes, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return `${PREFIX}${k.id}:${iv.toString('base64url')}:${body.toString('base64url')}:${c.getAuthTag().toString('base64url')}`;
  }

  open(stored: string, where: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const [id, iv, body, tag] = stored.slice(PREFIX.length).split(':');
    const k = [this.now, ...this.previous].find((x) => x.id === id);
    if (!k) {
      throw new AgoraError('CONFIG_INVALID', `The secret of ${where} was sealed with another key (id ${id}; the current key, from ${this.source}, is ${this.now.id}): set AGORA_SECRET_KEY to that key, or name it in AGORA_SECRET_KEY_PREVIOUS.`);
    }
    try {
      const d = createDecipheriv('aes-256-gcm', k.bytes, Buffer.from(iv, 'base64url'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
    } catch {
      throw new AgoraError('CONFIG_INVALID', `The secret of ${where} does not open with key ${id}: it was altered in the store. Set it again.`);
    }
  }

  current(stored: string): boolean { return stored.startsWith(`${PREFIX}${this.now.id}:`); }
}

/** The key file of an embedded portal, made on first use (0600). Its content works as AGORA_SECRET_KEY. */
function keyFileText(dataDir: string): string {
  const path = join(dataDir, KEY_FILE);
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(path, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // made meanwhile by another process: read it
  }
  chmodSync(path, 0o600);
  return readFileSync(path, 'utf8').trim();
}

export interface SecretBoxPlace {
  /** The embedded store's folder (its key file when AGORA_SECRET_KEY is unset); null for an in-memory portal (a key of the process). */
  dataDir: string | null;
  /** A store several nodes share (PostgreSQL, not in memory): they all need AGORA_SECRET_KEY, so there is no key file. */
  shared: boolean;
}

/** The portal's box. A missing key is reported when a secret is first sealed or opened, not at start. */
export function secretBox(place: SecretBoxPlace, env: NodeJS.ProcessEnv = process.env): SecretBox {
  const previous = (env.AGORA_SECRET_KEY_PREVIOUS ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => keyOf(s, 'AGORA_SECRET_KEY_PREVIOUS'));
  if (env.AGORA_SECRET_KEY) return new Box(keyOf(env.AGORA_SECRET_KEY, 'AGORA_SECRET_KEY'), previous, 'AGORA_SECRET_KEY');
  if (place.shared) {
    return new Box(() => {
      throw new AgoraError('CONFIG_INVALID', 'AGORA_SECRET_KEY is not set: on a PostgreSQL store every node seals and opens connection secrets with the same key (at least 32 characters, e.g. `openssl rand -base64 32`).');
    }, previous, 'AGORA_SECRET_KEY');
  }
  if (place.dataDir) {
    const dir = place.dataDir;
    let k: Key | null = null;
    return new Box(() => (k ??= keyOf(keyFileText(dir), join(dir, KEY_FILE))), previous, join(dir, KEY_FILE));
  }
  return new Box((processKey ??= keyOf(randomBytes(32).toString('base64url'), 'the in-memory key')), previous, 'a key of this process (in-memory portal)');
}

/** One per process, so in-process portals on the same store (tests of several nodes) open each other's secrets. */
let processKey: Key | null = null;
