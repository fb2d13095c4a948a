// Starting points of a new page: a city dashboard (KPIs, a chart, a map when the dataset has a
// location, a table), a one-dataset story (text, chart, table) and a blank page. Blocks are chosen
// from the picked dataset's field types, so the server accepts them as they are. Pure.
import { DATE_TYPES, GEO_TYPES, NUMBER_TYPES, type Block, type CatalogDataset, type CatalogField, type PageContent } from './model.ts';

export const TEMPLATES = ['dashboard', 'story', 'blank'] as const;
export type TemplateName = (typeof TEMPLATES)[number];

export const fieldsOfType = (ds: CatalogDataset | undefined, types: readonly string[]): CatalogField[] =>
  (ds?.fields ?? []).filter((f) => types.includes(f.type));

/** Fields a chart can group by or a table can show (not shapes, JSON or files). */
export const plainFields = (ds: CatalogDataset | undefined): CatalogField[] =>
  (ds?.fields ?? []).filter((f) => !['geo_shape', 'json_blob', 'file'].includes(f.type));

/** The words a template writes into the page, in the editor's language (the author edits them). */
const WORDS = {
  en: {
    records: 'Records', average: '{label}, average', byMonth: '{what} by month', by: '{what} by {x}', latest: 'Latest records', where: 'Where: {title}',
    dashboard: 'Key figures of {title}.', story: 'What {title} tells.', comment: 'Explain what the chart shows.',
    lead: 'What does **{title}** say? Write the story here; the chart and the table below follow the data.', text: 'New text.',
  },
  fr: {
    records: 'Enregistrements', average: '{label}, moyenne', byMonth: '{what} par mois', by: '{what} par {x}', latest: 'Derniers enregistrements', where: 'Où : {title}',
    dashboard: 'Les chiffres clés de {title}.', story: 'Ce que dit {title}.', comment: 'Expliquez ce que montre le graphique.',
    lead: 'Que dit **{title}** ? Écrivez le récit ici ; le graphique et la table ci-dessous suivent les données.', text: 'Nouveau texte.',
  },
} as const;
export type TemplateLang = keyof typeof WORDS;
type Word = keyof (typeof WORDS)['en'];
const say = (lang: TemplateLang, w: Word, vars: Record<string, string> = {}) => WORDS[lang][w].replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

interface Picks { num?: CatalogField; date?: CatalogField; cat?: CatalogField; geo?: CatalogField }

function picks(ds: CatalogDataset): Picks {
  // A category to group by: a text field that does not look like a per-record name or id.
  const texts = fieldsOfType(ds, ['text']);
  const cat = texts.find((f) => !/^(id|name|title|label|.*_id|.*_name)$/i.test(f.name)) ?? texts[0];
  return { num: fieldsOfType(ds, NUMBER_TYPES)[0], date: fieldsOfType(ds, DATE_TYPES)[0], cat, geo: fieldsOfType(ds, GEO_TYPES)[0] };
}

function chartOf(ds: CatalogDataset, p: Picks, w: number, lang: TemplateLang): Block {
  const series = p.num ? [{ agg: 'avg' as const, field: p.num.name }] : [{ agg: 'count' as const }];
  const what = p.num ? say(lang, 'average', { label: p.num.label }) : say(lang, 'records');
  if (p.date) return { id: 'trend', type: 'chart', title: say(lang, 'byMonth', { what }), dataset: ds.dataset_id, chart: { type: 'line', x: p.date.name, gran: 'month', series }, layout: { w, h: 4 } };
  const x = p.cat ?? plainFields(ds)[0];
  return { id: 'by-kind', type: 'chart', title: say(lang, 'by', { what, x: x.label }), dataset: ds.dataset_id, chart: { type: 'bar', x: x.name, series, top: 10 }, layout: { w, h: 4 } };
}

function tableOf(ds: CatalogDataset, p: Picks, w: number, lang: TemplateLang): Block {
  return {
    id: 'records', type: 'table', title: say(lang, p.date ? 'latest' : 'records'), dataset: ds.dataset_id,
    fields: plainFields(ds).slice(0, 6).map((f) => f.name), ...(p.date ? { order_by: `${p.date.name} desc` } : {}), limit: 10, layout: { w, h: 5 },
  };
}

export function cityDashboard(ds: CatalogDataset, title: string, lang: TemplateLang = 'en'): PageContent {
  const p = picks(ds);
  const blocks: Block[] = [{ id: 'count', type: 'kpi', title: say(lang, 'records'), dataset: ds.dataset_id, value: 'count(*)', layout: { w: p.num ? 6 : 12, h: 2 } }];
  if (p.num) {
    blocks.push({
      id: 'average', type: 'kpi', title: say(lang, 'average', { label: p.num.label }), dataset: ds.dataset_id, value: `avg(${p.num.name})`, decimals: 1,
      ...(p.date ? { compare: { date_field: p.date.name, period: 'month' as const } } : {}), layout: { w: 6, h: 2 },
    });
  }
  blocks.push(chartOf(ds, p, p.geo ? 6 : 12, lang));
  if (p.geo) blocks.push({ id: 'map', type: 'map', title: say(lang, 'where', { title: ds.title }), layers: [{ dataset: ds.dataset_id, style: 'points', ...(p.cat ? { colour_by: p.cat.name } : {}) }], layout: { w: 6, h: 5 } });
  blocks.push(tableOf(ds, p, 12, lang));
  const filters = p.cat ? [{ id: 'facet', type: 'facet' as const, dataset: ds.dataset_id, field: p.cat.name, label: p.cat.label }] : [];
  return { title, description: say(lang, 'dashboard', { title: ds.title }), filters, blocks };
}

export function oneDatasetStory(ds: CatalogDataset, title: string, lang: TemplateLang = 'en'): PageContent {
  const p = picks(ds);
  return {
    title, description: say(lang, 'story', { title: ds.title }), filters: [],
    blocks: [
      { id: 'lead', type: 'text', markdown: say(lang, 'lead', { title: ds.title }), layout: { w: 12, h: 2 } },
      chartOf(ds, p, 12, lang),
      { id: 'comment', type: 'text', markdown: say(lang, 'comment'), layout: { w: 12, h: 1 } },
      tableOf(ds, p, 12, lang),
    ],
  };
}

export function blankPage(title: string): PageContent {
  return { title, description: '', filters: [], blocks: [] };
}

export function fromTemplate(name: TemplateName, title: string, ds: CatalogDataset | undefined, lang: TemplateLang = 'en'): PageContent {
  if (name === 'blank' || !ds) return blankPage(title);
  return name === 'dashboard' ? cityDashboard(ds, title, lang) : oneDatasetStory(ds, title, lang);
}

/** A new block of a type with the settings it needs filled from the dataset (the user refines them). */
export function newBlock(type: Block['type'], id: string, ds: CatalogDataset | undefined, lang: TemplateLang = 'en'): Block {
  const p = ds ? picks(ds) : {};
  const layout = { text: { w: 12, h: 2 }, kpi: { w: 3, h: 2 }, chart: { w: 6, h: 4 }, map: { w: 6, h: 5 }, table: { w: 12, h: 4 }, image: { w: 6, h: 4 } }[type];
  const dataset = ds?.dataset_id ?? '';
  switch (type) {
    case 'text': return { id, type, markdown: say(lang, 'text'), layout };
    case 'image': return { id, type, url: 'https://', alt: '', layout };
    case 'kpi': return { id, type, dataset, value: 'count(*)', layout };
    case 'chart': return ds ? { ...chartOf(ds, p, 6, lang), id } : { id, type, dataset, chart: { type: 'bar', x: '', series: [{ agg: 'count' }] }, layout };
    case 'map': return { id, type, layers: [{ dataset, style: 'points' }], layout };
    case 'table': return ds ? { ...tableOf(ds, p, 12, lang), id, layout } : { id, type, dataset, limit: 10, layout };
  }
}
