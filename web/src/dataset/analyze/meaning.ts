// What a measure means for a chart: its unit (annotation, else a name suffix such as _eur or _c)
// and whether its values add up (counts, amounts → sum) or not (rates, temperatures, prices → avg).
import type { ApiField } from '../../api/types.ts';

/** Units whose values are averaged, never added: shares, temperatures, concentrations, speeds… */
const AVERAGED_UNITS = /^(%|‰|pct|percent|°c|°f|°|k|ppm|ppb|µg\/m³|ug\/m3|mg\/l|km\/h|m\/s|mph|db|ph|hpa|mbar)$|\//i;
/** Units of amounts that add up: currencies (ISO codes or signs), energy, mass. */
const ADDED_UNITS = /^([A-Z]{3}|[€$£¥]|[kMG]?Wh|kg|t)$/;
/** Name or label words of non-additive measures (a level, a ratio, a position, a price). */
const AVERAGED_WORDS = new Set([
  'rate', 'ratio', 'percent', 'percentage', 'pct', 'share', 'average', 'avg', 'mean', 'median', 'moyenne', 'taux',
  'temp', 'temperature', 'température', 'price', 'prix', 'tarif', 'speed', 'vitesse', 'wind', 'density', 'index', 'score',
  'level', 'niveau', 'concentration', 'co2', 'no2', 'pm10', 'pm25', 'o3', 'ppm', 'humidity', 'pressure', 'elevation', 'altitude',
  'height', 'hauteur', 'depth', 'age', 'mag', 'magnitude', 'latitude', 'longitude', 'lat', 'lon', 'lng',
  'occupancy', 'occupied', 'capacity', 'free', 'available', 'stock',
]);
/** Name or label words of additive measures (counts, amounts, flows). */
const SUMMED_WORDS = new Set([
  'count', 'counts', 'number', 'nb', 'nombre', 'total', 'amount', 'montant', 'sum', 'population', 'visitors', 'passengers',
  'bicycles', 'trips', 'sales', 'revenue', 'spending', 'cost', 'budget', 'generation', 'consumption', 'production',
  'volume', 'quantity', 'qty', 'precipitation', 'rain', 'rainfall', 'deaths', 'births', 'cases',
]);
const NAME_UNITS: Record<string, string> = {
  eur: 'EUR', euro: 'EUR', euros: 'EUR', usd: 'USD', gbp: 'GBP', pct: '%', percent: '%', km: 'km', m: 'm', cm: 'cm', mm: 'mm',
  kg: 'kg', kwh: 'kWh', mwh: 'MWh', gwh: 'GWh', ppm: 'ppm', ugm3: 'µg/m³', kmh: 'km/h',
};
const TEMPERATURE_UNITS: Record<string, string> = { c: '°C', f: '°F' };

function words(text: string | null | undefined): string[] {
  return (text ?? '').toLowerCase().split(/[^\p{L}\p{N}%]+/u).filter(Boolean);
}

/** The field's unit: its `unit` annotation, else a unit suffix of its name ("amount_eur" → EUR). */
export function unitOf(f: ApiField): string | undefined {
  const annotated = f.annotations?.unit;
  if (Array.isArray(annotated) && typeof annotated[0] === 'string' && annotated[0].trim()) return annotated[0].trim();
  const w = words(f.name);
  if (w.length < 2) return undefined;
  const last = w[w.length - 1];
  if (TEMPERATURE_UNITS[last] && w.some((x) => x.startsWith('temp'))) return TEMPERATURE_UNITS[last];
  return NAME_UNITS[last];
}

/** Sum for additive measures, average for the rest. Evidence in order: the unit, the name and
 *  label, the description. Without any, a number over time is a level (employment, a stock: its
 *  monthly values do not add up), and by category an integer is a count, a decimal a level. */
export function aggregateFor(f: ApiField, overTime = false): 'sum' | 'avg' {
  const unit = unitOf(f);
  if (unit && AVERAGED_UNITS.test(unit)) return 'avg';
  if (unit && ADDED_UNITS.test(unit)) return 'sum';
  const named = [...words(f.name), ...words(f.label)];
  if (named.some((x) => AVERAGED_WORDS.has(x))) return 'avg';
  if (named.some((x) => SUMMED_WORDS.has(x))) return 'sum';
  const described = words(f.description);
  if (described.some((x) => ['average', 'mean', 'rate', 'percentage', '%', 'moyenne', 'taux'].includes(x))) return 'avg';
  return f.type === 'int' && !overTime ? 'sum' : 'avg';
}
