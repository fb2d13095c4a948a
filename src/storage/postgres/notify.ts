// Change notifications between the Agora processes sharing one PostgreSQL store: LISTEN/NOTIFY on
// one connection of its own to the primary (replicas deliver none), reconnected with back-off.
// Each payload carries this process's id, so a process never hears its own changes.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ChangeChannel } from '../backend.ts';
import { quoteIdent } from '../../sql/quote.ts';
import { clientConfig, type PostgresOptions } from './connect.ts';

type Handler = (payload: string | null) => void;

export class Notifier {
  private readonly node = randomBytes(6).toString('hex');
  private readonly handlers = new Map<string, Handler[]>();
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private closed = false;
  private retryMs = 500;
  constructor(private readonly opts: PostgresOptions) {}

  /** Channel names are namespaced by the store's schema: two portals on one database stay apart. */
  private channel(c: ChangeChannel): string {
    return `${c}_${this.opts.schema ?? 'public'}`.slice(0, 63);
  }

  async listen(channel: ChangeChannel, fn: Handler): Promise<void> {
    const name = this.channel(channel);
    const known = this.handlers.get(name);
    this.handlers.set(name, [...(known ?? []), fn]);
    const c = await this.connection();
    if (!known) await c.query(`LISTEN ${quoteIdent(name)}`);
  }

  async notify(channel: ChangeChannel, payload: string): Promise<void> {
    const c = await this.connection();
    await c.query('SELECT pg_notify($1, $2)', [this.channel(channel), `${this.node}|${payload}`]);
  }

  async close(): Promise<void> {
    this.closed = true;
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  private connection(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= this.connect().finally(() => { this.connecting = null; });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    // Named, so a DBA (and the tests) can tell this connection from the readers and the writer.
    const c = new pg.Client({ ...clientConfig(this.opts.url, this.opts, 'write'), application_name: `agora-notify:${this.opts.schema ?? 'public'}`.slice(0, 63) });
    c.on('notification', (m) => this.deliver(m.channel, m.payload ?? ''));
    c.on('error', () => this.lost(c));
    c.on('end', () => this.lost(c));
    await c.connect();
    for (const name of this.handlers.keys()) await c.query(`LISTEN ${quoteIdent(name)}`);
    this.client = c;
    return c;
  }

  private deliver(channel: string, raw: string): void {
    const bar = raw.indexOf('|');
    if (raw.slice(0, bar) === this.node) return;
    for (const fn of this.handlers.get(channel) ?? []) fn(raw.slice(bar + 1));
  }

  /** The connection is gone: listen again once it is back, and tell every handler it may have missed changes. */
  private lost(c: pg.Client): void {
    if (this.client !== c || this.closed) return;
    this.client = null;
    const retry = () => {
      if (this.closed) return;
      this.connection().then(() => {
        this.retryMs = 500;
        for (const fns of this.handlers.values()) for (const fn of fns) fn(null);
      }, () => { this.retryMs = Math.min(this.retryMs * 2, 30_000); setTimeout(retry, this.retryMs).unref(); });
    };
    setTimeout(retry, this.retryMs).unref();
  }
}
