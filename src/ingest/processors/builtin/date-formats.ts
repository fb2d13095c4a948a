// Reading dates by a strftime-like format (%Y %y %m %d %H %M %S %f %b %B %p and literal text) and
// turning a wall-clock time in an IANA time zone into an instant (with the runtime's tz database via
// Intl, the same data the Temporal proposal uses). Pure.

export interface Wall { y: number; mo: number; d: number; h: number; mi: number; s: number; ms: number }

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const TOKENS: Record<string, string> = {
  Y: '(\\d{4})', y: '(\\d{2})', m: '(\\d{1,2})', d: '(\\d{1,2})', H: '(\\d{1,2})', I: '(\\d{1,2})', M: '(\\d{2})', S: '(\\d{2})',
  f: '(\\d{1,9})', b: '([A-Za-z]{3})', B: '([A-Za-z]+)', p: '(AM|PM|am|pm)', '%': '%',
};

/** A compiled format: a reader giving the wall time, or null when the text does not match. */
export function compileFormat(format: string): ((s: string) => Wall | null) | string {
  const order: string[] = [];
  let re = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') { re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); continue; }
    const t = format[++i];
    if (!t || !(t in TOKENS)) return `unknown directive "%${t ?? ''}" (known: ${Object.keys(TOKENS).map((k) => '%' + k).join(' ')})`;
    re += TOKENS[t];
    if (t !== '%') order.push(t);
  }
  const rx = new RegExp(`^\\s*${re}\\s*$`);
  return (s) => {
    const m = rx.exec(s);
    if (!m) return null;
    const w: Wall = { y: 1970, mo: 1, d: 1, h: 0, mi: 0, s: 0, ms: 0 };
    let pm: boolean | null = null;
    order.forEach((t, k) => {
      const v = m[k + 1];
      switch (t) {
        case 'Y': w.y = Number(v); break;
        case 'y': w.y = Number(v) + (Number(v) < 69 ? 2000 : 1900); break; // POSIX strptime's pivot
        case 'm': w.mo = Number(v); break;
        case 'd': w.d = Number(v); break;
        case 'H': case 'I': w.h = Number(v); break;
        case 'M': w.mi = Number(v); break;
        case 'S': w.s = Number(v); break;
        case 'f': w.ms = Math.floor(Number(v.padEnd(3, '0').slice(0, 3))); break;
        case 'b': case 'B': w.mo = MONTHS.findIndex((n) => (t === 'b' ? n.slice(0, 3) : n) === v.toLowerCase()) + 1; break;
        case 'p': pm = v.toLowerCase() === 'pm'; break;
      }
    });
    if (pm !== null) w.h = (w.h % 12) + (pm ? 12 : 0);
    return validWall(w) ? w : null;
  };
}

export function validWall(w: Wall): boolean {
  if (w.mo < 1 || w.mo > 12 || w.h > 23 || w.mi > 59 || w.s > 59) return false;
  const t = new Date(Date.UTC(w.y, w.mo - 1, w.d));
  return t.getUTCFullYear() === w.y && t.getUTCMonth() === w.mo - 1 && t.getUTCDate() === w.d;
}

const utcOf = (w: Wall) => Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s, w.ms);

/** The zone's offset from UTC at instant `t`, in milliseconds. */
function offsetAt(zone: string, t: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(t));
  const n = (k: string) => Number(parts.find((p) => p.type === k)!.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return local - Math.floor(t / 1000) * 1000;
}

/** The instant at which clocks in `zone` show `w` (in a DST gap, the time after it; in an overlap, the earlier). */
export function instantOf(w: Wall, zone: string): Date {
  const wall = utcOf(w);
  const first = wall - offsetAt(zone, wall);
  const second = wall - offsetAt(zone, first);
  const earlier = Math.min(first, second);
  return new Date(offsetAt(zone, earlier) === wall - earlier ? earlier : Math.max(first, second));
}

export function wallOfUtc(t: Date): Wall {
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), ms: t.getUTCMilliseconds() };
}

export const isoDate = (w: Wall) => `${String(w.y).padStart(4, '0')}-${String(w.mo).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
