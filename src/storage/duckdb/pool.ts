// A small pool of DuckDB connections for concurrent readers (the writer's mutex is ../mutex.ts).
// DuckDB connections run one statement at a time; the pool hands each reader its own.
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

export class ConnectionPool {
  private readonly idle: DuckDBConnection[] = [];
  private readonly waiters: Array<(c: DuckDBConnection) => void> = [];
  private constructor() {}

  static async create(instance: DuckDBInstance, size: number): Promise<ConnectionPool> {
    const pool = new ConnectionPool();
    for (let i = 0; i < size; i++) pool.idle.push(await instance.connect());
    return pool;
  }

  async acquire(): Promise<DuckDBConnection> {
    const c = this.idle.pop();
    if (c) return c;
    return new Promise((res) => this.waiters.push(res));
  }

  release(c: DuckDBConnection): void {
    const w = this.waiters.shift();
    if (w) w(c);
    else this.idle.push(c);
  }

  async use<T>(fn: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    const c = await this.acquire();
    try { return await fn(c); } finally { this.release(c); }
  }

  closeAll(): void {
    for (const c of this.idle.splice(0)) c.closeSync();
  }
}
