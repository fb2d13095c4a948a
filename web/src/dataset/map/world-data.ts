// Fetches the world-atlas outlines (Natural Earth, 1:50m) that Vite emits as a hashed asset of
// the map chunk, so they load only when a map opens and come from this server, never the network.
import type { Topology } from 'topojson-specification';
import worldUrl from 'world-atlas/countries-50m.json?url';

export async function loadWorldTopology(): Promise<Topology> {
  const res = await fetch(worldUrl);
  if (!res.ok) throw new Error(`world outlines ${worldUrl}: HTTP ${res.status}`);
  return await res.json() as Topology;
}
