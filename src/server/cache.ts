// A small LRU cache of query results keyed by dataset, data version and the compiled SQL with its
// parameters: identical queries skip the engine; any data change (new version) invalidates.
import { catalogSearchDataset, type Catalog } from '../catalog/index.ts';

export class QueryCache {
  private readonly map = new Map<string, { value: unknown; bytes: number }>();
  private bytes = 0;
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /**
   * Drops every entry of a dataset when its data or metadata change, and every catalog query (they
   * read the catalog search table, which any dataset change rewrites).
   */
  attach(catalog: Catalog): void {
    const catalogId = catalogSearchDataset().dataset_id;
    catalog.onChange((_ds, id) => { this.invalidate(id); this.invalidate(catalogId); });
  }

  key(datasetId: string, version: number, sql: string, params: unknown[]): string {
    return `${datasetId}\u0000${version}\u0000${sql}\u0000${JSON.stringify(params)}`;
  }

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.map.get(key);
    if (hit) {
      this.map.delete(key);
      this.map.set(key, hit);
      return hit.value as T;
    }
    const value = await compute();
    const bytes = key.length + JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v)).length;
    if (bytes < this.maxBytes / 16) {
      this.map.set(key, { value, bytes });
      this.bytes += bytes;
      while (this.bytes > this.maxBytes) {
        const oldest = this.map.keys().next().value as string;
        this.bytes -= this.map.get(oldest)!.bytes;
        this.map.delete(oldest);
      }
    }
    return value;
  }

  invalidate(datasetId: string): void {
    for (const [k, v] of this.map) {
      if (k.startsWith(datasetId + '\u0000')) { this.bytes -= v.bytes; this.map.delete(k); }
    }
  }
}
