// A synthetic dataset of the demo catalog, clearly labelled as such: hourly air-quality
// readings of ten fictional city sensors, generated deterministically (seeded PRNG) as CSV.
import { mulberry32 } from './random.ts';

export const SENSOR_SITES = [
  ['S01', 'Town Hall', 48.8566, 2.3522], ['S02', 'North Station', 48.8809, 2.3553], ['S03', 'Riverside Park', 48.8462, 2.3371],
  ['S04', 'Ring Road East', 48.8606, 2.4106], ['S05', 'Market Square', 48.8644, 2.3317], ['S06', 'Hospital', 48.8381, 2.3654],
  ['S07', 'University', 48.8462, 2.3447], ['S08', 'Industrial Zone', 48.8298, 2.3929], ['S09', 'Old Town', 48.8534, 2.3488],
  ['S10', 'Airport Road', 48.8236, 2.2994],
] as const;

/** CSV text: 10 sensors × 24 h × `days` days, starting 2026-01-01T00:00Z. */
export function syntheticSensorCsv(days = 60): string {
  const rnd = mulberry32(20260101);
  const lines = ['sensor_id,site_name,measured_at,latitude,longitude,no2_ugm3,pm10_ugm3,temperature_c'];
  const start = Date.UTC(2026, 0, 1);
  for (let h = 0; h < days * 24; h++) {
    const t = new Date(start + h * 3600_000);
    const hour = t.getUTCHours();
    const rush = hour === 8 || hour === 9 || hour === 18 || hour === 19 ? 1.6 : hour < 6 ? 0.6 : 1;
    const seasonal = 4 + 3 * Math.sin((h / 24 / 365) * 2 * Math.PI);
    for (const [id, name, lat, lon] of SENSOR_SITES) {
      const traffic = id === 'S04' || id === 'S10' ? 1.5 : id === 'S03' ? 0.6 : 1;
      const no2 = (22 * traffic * rush + rnd() * 12).toFixed(1);
      const pm10 = (14 * traffic + rnd() * 10 + (rush > 1 ? 5 : 0)).toFixed(1);
      const temp = (seasonal + 5 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + rnd() * 2).toFixed(1);
      lines.push(`${id},${name},${t.toISOString().replace('.000Z', 'Z')},${lat},${lon},${no2},${pm10},${temp}`);
    }
  }
  return lines.join('\n') + '\n';
}
