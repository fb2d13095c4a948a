// The demo's live sensors, clearly labelled: while `agora serve` runs the demo catalog, a simulator
// pushes one synthetic reading per sensor of the air-quality dataset every few seconds, through the
// public push API (the app's own routes, in-process) with a push key of its own real-time resource.
import type { FastifyInstance } from 'fastify';
import type { Catalog } from '../catalog/index.ts';
import type { Realtime } from '../realtime/index.ts';
import { mulberry32 } from './random.ts';
import { SENSOR_SITES } from './sensors.ts';

export const LIVE_DEMO_DATASET = 'city-air-sensors-synthetic';
const TITLE = 'Demo simulator (synthetic readings)';

/** One reading per sensor at `at`, with the fields the dataset has (a geo field gets the site's point). */
export function simulatedReadings(fields: ReadonlyArray<{ name: string; type: string }>, at: Date, rnd: () => number): Array<Record<string, unknown>> {
  const hour = at.getUTCHours();
  const rush = hour === 8 || hour === 9 || hour === 18 || hour === 19 ? 1.6 : hour < 6 ? 0.6 : 1;
  return SENSOR_SITES.map(([id, name, lat, lon]) => {
    const traffic = id === 'S04' || id === 'S10' ? 1.5 : id === 'S03' ? 0.6 : 1;
    const all: Record<string, unknown> = {
      sensor_id: id, site_name: name, measured_at: at.toISOString(), latitude: lat, longitude: lon,
      no2_ugm3: Math.round((22 * traffic * rush + rnd() * 12) * 10) / 10,
      pm10_ugm3: Math.round((14 * traffic + rnd() * 10) * 10) / 10,
      temperature_c: Math.round((8 + 5 * Math.sin(((hour - 9) / 24) * 2 * Math.PI) + rnd() * 2) * 10) / 10,
    };
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.type === 'geo_point_2d') out[f.name] = [lat, lon];
      else if (f.name in all) out[f.name] = all[f.name];
    }
    return out;
  });
}

/** Starts the simulator when the demo's air-quality dataset is there; returns a stop function. */
export async function startSensorSimulator(app: FastifyInstance, catalog: Catalog, realtime: Realtime, everyMs = 5000): Promise<(() => void) | null> {
  const ds = catalog.find(LIVE_DEMO_DATASET);
  if (!ds) return null;
  const own = realtime.resources.list(ds.dataset_uid).find((r) => r.title === TITLE && r.kind === 'push');
  // The key is shown once: the simulator renews its own resource's key at each start.
  const { resource, pushKey } = own ? await realtime.resources.renewKey(ds.dataset_uid, own.uid) : await realtime.addResource(ds.dataset_uid, TITLE, null);
  if (!resource.enabled) return null; // the publisher turned the simulator off in the back office
  const rnd = mulberry32(Date.now() >>> 0);
  const url = `/api/push/1.0/${encodeURIComponent(ds.dataset_id)}/${resource.uid}/push/?pushkey=${encodeURIComponent(pushKey)}`;
  const tick = async () => {
    const fields = catalog.find(LIVE_DEMO_DATASET)?.fields ?? [];
    const res = await app.inject({ method: 'POST', url, payload: simulatedReadings(fields, new Date(), rnd) });
    if (res.statusCode !== 200) console.warn(`[agora] demo simulator: push refused (${res.statusCode}): ${res.json().message}`);
  };
  const timer = setInterval(() => { void tick().catch(() => undefined); }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
