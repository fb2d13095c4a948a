// The demo catalog's pages: an air-quality dashboard with the EU limit values as targets (over the
// synthetic sensors) and a weather story (over NOAA's Seattle observations). Loaded, checked against
// the demo datasets like any saved page, and published when the portal has no page yet.
import type { DataEnv, Page, PageStore } from '../pages/index.ts';
import { newPageUid, readContent } from '../pages/index.ts';

interface DemoPage { slug: string; featured: boolean; content: Record<string, unknown> }

/** EU Directive 2008/50/EC annual limit values: NO2 40 µg/m³, PM10 40 µg/m³. */
export const DEMO_PAGES: DemoPage[] = [
  {
    slug: 'air-quality-dashboard', featured: true,
    content: {
      title: 'Air quality dashboard',
      description: 'How clean is Northbridge\'s air? Readings of the city\'s ten sensors against the EU annual limit values. The sensor data is SYNTHETIC (generated for the demo).',
      filters: [
        { id: 'site', type: 'facet', dataset: 'city-air-sensors-synthetic', field: 'site_name', label: 'Sensor site' },
        { id: 'period', type: 'date_range', dataset: 'city-air-sensors-synthetic', field: 'measured_at', label: 'Period' },
      ],
      blocks: [
        { id: 'no2', type: 'kpi', title: 'Nitrogen dioxide (NO₂), average', dataset: 'city-air-sensors-synthetic', value: 'avg(no2_ugm3)', unit: 'µg/m³', decimals: 1, compare: { date_field: 'measured_at', period: 'month' }, target: { value: 40, direction: 'at_most' }, layout: { w: 4, h: 2 } },
        { id: 'pm10', type: 'kpi', title: 'Particles (PM10), average', dataset: 'city-air-sensors-synthetic', value: 'avg(pm10_ugm3)', unit: 'µg/m³', decimals: 1, compare: { date_field: 'measured_at', period: 'month' }, target: { value: 40, direction: 'at_most' }, layout: { w: 4, h: 2 } },
        { id: 'readings', type: 'kpi', title: 'Readings', dataset: 'city-air-sensors-synthetic', value: 'count(*)', layout: { w: 4, h: 2 } },
        { id: 'intro', type: 'text', markdown: 'Each sensor measures **nitrogen dioxide** (mostly from traffic) and **particles** every hour. The EU sets an annual limit of **40 µg/m³** for both. Pick a site or a period above: every block follows.', layout: { w: 12, h: 1 } },
        { id: 'trend', type: 'chart', title: 'NO₂ by day', dataset: 'city-air-sensors-synthetic', chart: { type: 'line', x: 'measured_at', gran: 'day', series: [{ agg: 'avg', field: 'no2_ugm3' }] }, layout: { w: 6, h: 4 } },
        { id: 'by-site', type: 'chart', title: 'NO₂ by site', dataset: 'city-air-sensors-synthetic', chart: { type: 'bar', x: 'site_name', series: [{ agg: 'avg', field: 'no2_ugm3' }], top: 10 }, layout: { w: 6, h: 4 } },
        { id: 'map', type: 'map', title: 'Where the sensors are', layers: [{ dataset: 'city-air-sensors-synthetic', style: 'points', colour_by: 'site_name' }], layout: { w: 6, h: 5 } },
        { id: 'latest', type: 'table', title: 'Latest readings', dataset: 'city-air-sensors-synthetic', fields: ['measured_at', 'site_name', 'no2_ugm3', 'pm10_ugm3'], order_by: 'measured_at desc', limit: 10, layout: { w: 6, h: 5 } },
      ],
    },
  },
  {
    slug: 'seattle-weather-story', featured: false,
    content: {
      title: 'Four years of Seattle weather',
      description: 'Rain, sun and temperature in Seattle from 2012 to 2015, from NOAA\'s daily observations.',
      filters: [{ id: 'weather', type: 'facet', dataset: 'seattle-weather', field: 'weather', label: 'Weather of the day' }],
      blocks: [
        { id: 'lead', type: 'text', markdown: 'Seattle is known for rain. Is it? NOAA recorded the weather of **every day** from 2012 to 2015.', layout: { w: 12, h: 1 } },
        { id: 'rain', type: 'kpi', title: 'Precipitation, total', dataset: 'seattle-weather', value: 'sum(precipitation)', unit: 'mm', decimals: 0, compare: { date_field: 'date', period: 'year' }, layout: { w: 6, h: 2 } },
        { id: 'hot', type: 'kpi', title: 'Warmest day', dataset: 'seattle-weather', value: 'max(temp_max)', unit: '°C', decimals: 1, layout: { w: 6, h: 2 } },
        { id: 'seasons', type: 'chart', title: 'Average highest temperature by month', dataset: 'seattle-weather', chart: { type: 'line', x: 'date', gran: 'month', series: [{ agg: 'avg', field: 'temp_max' }, { agg: 'avg', field: 'temp_min' }] }, layout: { w: 12, h: 4 } },
        { id: 'kinds', type: 'chart', title: 'Days by weather', dataset: 'seattle-weather', chart: { type: 'bar', x: 'weather', series: [{ agg: 'count' }] }, layout: { w: 6, h: 4 } },
        { id: 'wettest', type: 'table', title: 'The wettest days', dataset: 'seattle-weather', fields: ['date', 'precipitation', 'temp_max', 'weather'], order_by: 'precipitation desc', limit: 10, layout: { w: 6, h: 4 } },
      ],
    },
  },
];

/** Publishes the demo pages whose datasets are all there; returns how many were loaded. */
export async function loadDemoPages(store: PageStore, env: DataEnv, now = new Date().toISOString()): Promise<number> {
  let loaded = 0;
  for (const d of DEMO_PAGES) {
    if (store.findBySlug(d.slug)) continue;
    const content = readContent(d.content, env);
    const page: Page = {
      uid: newPageUid(), slug: d.slug, public: true, featured: d.featured, draft: content, published: content, readers: { users: [], groups: [] },
      first_published_at: now, published_at: now, created_at: now, updated_at: now, created_by: null, updated_by: null,
    };
    await store.save(page, { saved_at: now, saved_by: null, note: 'demo page', published: true, content });
    loaded++;
  }
  return loaded;
}
