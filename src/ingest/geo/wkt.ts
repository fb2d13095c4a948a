// Well-Known Text (and EWKT's "SRID=n;" prefix) to a GeoJSON geometry, for WKT columns of CSV and
// spreadsheet sources (no spatial extension offline). Throws WktError with the offending position.
import type { Geometry } from './geometry.ts';

export class WktError extends Error {}

const TYPES: Record<string, string> = {
  POINT: 'Point', LINESTRING: 'LineString', POLYGON: 'Polygon', MULTIPOINT: 'MultiPoint',
  MULTILINESTRING: 'MultiLineString', MULTIPOLYGON: 'MultiPolygon', GEOMETRYCOLLECTION: 'GeometryCollection',
};

/** Parses one WKT value; null for an EMPTY geometry. */
export function parseWkt(text: string): Geometry | null {
  const p = new Parser(text.replace(/^\s*SRID=\d+\s*;/i, ''));
  const g = p.geometry();
  p.end();
  return g;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  geometry(): Geometry | null {
    const word = this.word().toUpperCase();
    const type = TYPES[word];
    if (!type) throw this.error(`unknown geometry type "${word}"`);
    let dims = this.peekWord().toUpperCase();
    if (dims === 'Z' || dims === 'M' || dims === 'ZM') this.word();
    else dims = '';
    if (this.peekWord().toUpperCase() === 'EMPTY') { this.word(); return type === 'GeometryCollection' ? { type, geometries: [] } : null; }
    if (type === 'GeometryCollection') {
      const geometries = this.list(() => this.geometry()).filter((g): g is Geometry => g !== null);
      return { type, geometries };
    }
    const keepThird = dims !== 'M'; // in "M" geometries the third ordinate is a measure
    const pos = (): number[] => this.position(keepThird);
    switch (type) {
      case 'Point': return { type, coordinates: this.list(pos)[0] };
      case 'LineString': return { type, coordinates: this.list(pos) };
      case 'Polygon': return { type, coordinates: this.list(() => this.list(pos)) };
      case 'MultiPoint':
        // Both "MULTIPOINT (1 2, 3 4)" and "MULTIPOINT ((1 2), (3 4))" are in the wild.
        return { type, coordinates: this.list(() => (this.peek() === '(' ? this.list(pos)[0] : pos())) };
      case 'MultiLineString': return { type, coordinates: this.list(() => this.list(pos)) };
      default: return { type, coordinates: this.list(() => this.list(() => this.list(pos))) };
    }
  }

  /** "(" item ("," item)* ")" */
  private list<T>(item: () => T): T[] {
    this.expect('(');
    const out = [item()];
    while (this.peek() === ',') { this.i++; out.push(item()); }
    this.expect(')');
    return out;
  }

  /** x y [z [m]]; the 4th (or an explicit M) ordinate is dropped, GeoJSON has no measures. */
  private position(keepThird: boolean): number[] {
    const nums: number[] = [];
    while (/[-+.\d]/.test(this.peek())) nums.push(this.number());
    if (nums.length < 2 || nums.length > 4) throw this.error('a position needs 2 to 4 numbers');
    return nums.length === 2 || !keepThird ? nums.slice(0, 2) : nums.slice(0, 3);
  }

  private number(): number {
    this.skip();
    const m = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.s.slice(this.i, this.i + 40));
    if (!m) throw this.error('a number was expected');
    this.i += m[0].length;
    return Number(m[0]);
  }

  private word(): string {
    this.skip();
    const m = /^[A-Za-z]+/.exec(this.s.slice(this.i, this.i + 40));
    if (!m) throw this.error('a geometry type was expected');
    this.i += m[0].length;
    return m[0];
  }

  private peekWord(): string {
    this.skip();
    return /^[A-Za-z]+/.exec(this.s.slice(this.i, this.i + 40))?.[0] ?? '';
  }

  private peek(): string { this.skip(); return this.s[this.i] ?? ''; }
  private expect(c: string): void { if (this.peek() !== c) throw this.error(`"${c}" was expected`); this.i++; }
  private skip(): void { while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++; }
  end(): void { if (this.peek() !== '') throw this.error('unexpected text after the geometry'); }
  private error(msg: string): WktError { return new WktError(`${msg} at character ${this.i + 1}`); }
}
