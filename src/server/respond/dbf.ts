// dBase III (.dbf) attribute tables for the shapefile export. Widths must be in the header, so
// rows are first staged as JSON lines while the layout learns each column's width, then encoded
// as fixed-width records in a second streaming pass. Text is UTF-8 (declared by the .cpg file).
import type { ResultColumn } from '../../core/request.ts';
import type { Row } from '../../storage/backend.ts';
import { toText } from './text.ts';
import { formatDate } from './values.ts';

export const DBF_TEXT_MAX = 254;
const DOUBLE_WIDTH_MAX = 24;
const DOUBLE_DECIMALS_MAX = 15;

type Cell = string | number | boolean | null;

interface DbfField {
  column: ResultColumn;
  name: string;
  type: 'C' | 'N' | 'L' | 'D';
  /** Learned while staging: byte length (C), integer-part length and decimals (N). */
  width: number;
  intWidth: number;
  decimals: number;
}

/** Up to 10 ASCII characters, unique (GDAL's way: truncate, then number the duplicates). */
export function dbfFieldNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    const base = n.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x21-\x7e]/g, '_').slice(0, 10) || 'field';
    let candidate = base;
    for (let i = 1; used.has(candidate.toUpperCase()); i++) candidate = base.slice(0, 10 - String(i).length - 1) + '_' + i;
    used.add(candidate.toUpperCase());
    return candidate;
  });
}

/** A decimal string of a double without exponent, at most 15 decimals. */
function plainDecimal(v: number): string {
  const s = String(v);
  if (!/e/i.test(s)) return s;
  return v.toFixed(DOUBLE_DECIMALS_MAX).replace(/\.?0+$/, '');
}

function truncateUtf8(text: string, maxBytes: number): Buffer {
  const b = Buffer.from(text, 'utf8');
  if (b.length <= maxBytes) return b;
  let end = maxBytes;
  while (end > 0 && (b[end]! & 0xc0) === 0x80) end--; // do not cut inside a UTF-8 sequence
  return b.subarray(0, end);
}

export class DbfLayout {
  readonly fields: DbfField[];
  constructor(columns: ResultColumn[], private readonly timezone: string, private readonly listSeparator: string) {
    const names = dbfFieldNames(columns.map((c) => c.name));
    this.fields = columns.map((column, i) => {
      const type = column.type === 'int' || column.type === 'double' ? 'N' : column.type === 'boolean' ? 'L' : column.type === 'date' ? 'D' : 'C';
      return { column, name: names[i]!, type, width: type === 'L' ? 1 : type === 'D' ? 8 : 1, intWidth: 1, decimals: 0 };
    });
  }

  /** The row's staged cells (one JSON line); widens the layout to fit them. */
  stage(row: Row): string {
    const cells: Cell[] = this.fields.map((f) => {
      const v = row[f.column.name];
      if (v === null || v === undefined) return null;
      if (f.type === 'N' && typeof v === 'number' && Number.isFinite(v)) {
        const [int = '', dec = ''] = plainDecimal(v).split('.');
        f.intWidth = Math.max(f.intWidth, int.length);
        f.decimals = Math.min(DOUBLE_DECIMALS_MAX, Math.max(f.decimals, dec.length));
        return v;
      }
      if (f.type === 'L') return v === true;
      if (f.type === 'D' && (v instanceof Date || typeof v === 'string')) return formatDate(v).replace(/-/g, '');
      const text = toText(v, f.column.type, { timezone: this.timezone, listSeparator: this.listSeparator });
      f.width = Math.max(f.width, Math.min(DBF_TEXT_MAX, Buffer.byteLength(text, 'utf8')));
      return text;
    });
    return JSON.stringify(cells) + '\n';
  }

  private finalWidths(): void {
    for (const f of this.fields) {
      if (f.type !== 'N') continue;
      if (f.intWidth + (f.decimals ? f.decimals + 1 : 0) > DOUBLE_WIDTH_MAX) f.decimals = Math.max(0, DOUBLE_WIDTH_MAX - f.intWidth - 1);
      f.width = Math.min(DBF_TEXT_MAX, f.intWidth + (f.decimals ? f.decimals + 1 : 0));
    }
  }

  get recordLength(): number { return 1 + this.fields.reduce((s, f) => s + f.width, 0); }

  /** The file header for `count` records (call after staging every row). */
  header(count: number, today = new Date()): Buffer {
    this.finalWidths();
    const headerLength = 32 + 32 * this.fields.length + 1;
    const h = Buffer.alloc(headerLength);
    h.writeUInt8(0x03, 0);
    h.writeUInt8(today.getUTCFullYear() - 1900, 1);
    h.writeUInt8(today.getUTCMonth() + 1, 2);
    h.writeUInt8(today.getUTCDate(), 3);
    h.writeUInt32LE(count, 4);
    h.writeUInt16LE(headerLength, 8);
    h.writeUInt16LE(this.recordLength, 10);
    this.fields.forEach((f, i) => {
      const at = 32 + 32 * i;
      h.write(f.name, at, 10, 'latin1');
      h.write(f.type, at + 11, 1, 'latin1');
      h.writeUInt8(f.width, at + 16);
      h.writeUInt8(f.type === 'N' ? f.decimals : 0, at + 17);
    });
    h.writeUInt8(0x0d, headerLength - 1);
    return h;
  }

  /** One fixed-width record from a staged line. */
  encode(line: string): Buffer {
    const cells = JSON.parse(line) as Cell[];
    const rec = Buffer.alloc(this.recordLength, 0x20);
    let at = 1;
    this.fields.forEach((f, i) => {
      const v = cells[i];
      if (f.type === 'N' && typeof v === 'number') {
        let s = v.toFixed(f.decimals);
        if (s.length > f.width) s = '*'.repeat(f.width);
        rec.write(s.padStart(f.width, ' '), at, f.width, 'latin1');
      } else if (f.type === 'L') {
        rec.write(v === null || v === undefined ? '?' : v ? 'T' : 'F', at, 1, 'latin1');
      } else if (typeof v === 'string') {
        truncateUtf8(v, f.width).copy(rec, at);
      }
      at += f.width;
    });
    return rec;
  }
}
