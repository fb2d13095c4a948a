// Synthetic datasets of the fictional City of Northbridge where no real open data ships in npm:
// its budget, bike counters and car-park occupancy, generated deterministically as CSV text.
import { mulberry32 } from './random.ts';

const DEPARTMENTS = [
  ['Schools and childcare', 41_000_000, 9_000_000], ['Roads and mobility', 23_000_000, 17_000_000],
  ['Parks and environment', 12_500_000, 4_200_000], ['Social services', 36_000_000, 1_800_000],
  ['Culture and sport', 9_800_000, 3_100_000], ['Public safety', 14_200_000, 1_200_000],
  ['Housing and planning', 7_400_000, 6_500_000], ['Administration', 18_900_000, 2_300_000],
] as const;

/** Voted budget by fiscal year (2019–2025), department and section (operating / investment), in euros. */
export function syntheticBudgetCsv(): string {
  const rnd = mulberry32(20190101);
  const lines = ['year,department,section,amount_eur'];
  for (let year = 2019; year <= 2025; year++) {
    const growth = 1 + 0.025 * (year - 2019);
    for (const [name, operating, investment] of DEPARTMENTS) {
      lines.push(`${year},${name},Operating,${Math.round(operating * growth * (0.97 + rnd() * 0.06))}`);
      lines.push(`${year},${name},Investment,${Math.round(investment * (0.7 + rnd() * 0.6))}`);
    }
  }
  return lines.join('\n') + '\n';
}

const COUNTERS = [
  ['B01', 'Bridge Street', 48.8589, 2.3469, 2400], ['B02', 'Canal Path', 48.8721, 2.3650, 1800],
  ['B03', 'University Avenue', 48.8440, 2.3430, 1500], ['B04', 'North Station', 48.8800, 2.3560, 2100],
  ['B05', 'Riverside Park', 48.8470, 2.3380, 900], ['B06', 'Ring Road East', 48.8610, 2.4090, 600],
  ['B07', 'Market Square', 48.8640, 2.3320, 1300], ['B08', 'Old Town Gate', 48.8530, 2.3500, 1100],
] as const;

/** Daily bicycle counts of eight counters through 2025: fewer at weekends and in winter, some rainy days. */
export function syntheticBikeCountsCsv(): string {
  const rnd = mulberry32(20250101);
  const lines = ['counter_id,counter_name,day,latitude,longitude,bicycles'];
  const start = Date.UTC(2025, 0, 1);
  for (let d = 0; d < 365; d++) {
    const day = new Date(start + d * 86_400_000);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6 ? 0.55 : 1;
    const season = 0.75 + 0.35 * Math.sin(((d - 80) / 365) * 2 * Math.PI);
    const rain = rnd() < 0.25 ? 0.6 : 1;
    for (const [id, name, lat, lon, base] of COUNTERS) {
      const n = Math.round(base * weekend * season * rain * (0.9 + rnd() * 0.2));
      lines.push(`${id},${name},${day.toISOString().slice(0, 10)},${lat},${lon},${n}`);
    }
  }
  return lines.join('\n') + '\n';
}

const CAR_PARKS = [
  ['P01', 'Town Hall', 48.8560, 2.3530, 420], ['P02', 'North Station', 48.8815, 2.3545, 650],
  ['P03', 'Hospital', 48.8385, 2.3660, 380], ['P04', 'Market Square', 48.8650, 2.3305, 260],
  ['P05', 'Riverside', 48.8455, 2.3360, 300], ['P06', 'Stadium', 48.8300, 2.3900, 900],
] as const;

/** Hourly occupancy of six car parks over four weeks of November 2025 (capacity, occupied, free). */
export function syntheticParkingCsv(): string {
  const rnd = mulberry32(20251103);
  const lines = ['car_park_id,car_park_name,measured_at,latitude,longitude,capacity,occupied,free_spaces'];
  const start = Date.UTC(2025, 10, 3);
  for (let h = 0; h < 28 * 24; h++) {
    const t = new Date(start + h * 3_600_000);
    const hour = t.getUTCHours();
    const weekend = t.getUTCDay() === 0 || t.getUTCDay() === 6;
    const daytime = hour >= 8 && hour <= 19 ? (weekend ? 0.65 : 0.85) : hour >= 6 && hour <= 22 ? 0.45 : 0.15;
    for (const [id, name, lat, lon, capacity] of CAR_PARKS) {
      const occupied = Math.min(capacity, Math.round(capacity * Math.min(1, daytime + (rnd() - 0.5) * 0.2)));
      lines.push(`${id},${name},${t.toISOString().replace('.000Z', 'Z')},${lat},${lon},${capacity},${occupied},${capacity - occupied}`);
    }
  }
  return lines.join('\n') + '\n';
}
