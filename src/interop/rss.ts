// RSS 2.0 feed of new and updated datasets, newest first: one item per dataset version of its
// metadata or data (the guid changes when the dataset changes, so readers show updates).
import type { Dataset } from '../core/types.ts';
import { datasetPageUrl } from './formats.ts';
import * as m from './metas-read.ts';
import { escapeAttr, escapeText } from './xml.ts';

export interface RssOptions { baseUrl: string; portalName: string; selfUrl: string; limit: number; language?: string }

const NEW_WINDOW_MS = 60_000;

export function recentlyChanged(datasets: Dataset[], limit: number): Dataset[] {
  const when = (d: Dataset): string => m.modified(d) ?? d.created;
  return [...datasets].sort((a, b) => (when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : 0)).slice(0, limit);
}

export function rssDocument(datasets: Dataset[], o: RssOptions): string {
  const items = recentlyChanged(datasets, o.limit);
  const latest = items[0] ? m.modified(items[0]) ?? items[0].created : undefined;
  const el = (name: string, value: string): string => `<${name}>${escapeText(value)}</${name}>`;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<channel>',
    el('title', `${o.portalName}: new and updated datasets`),
    el('link', `${o.baseUrl}/`),
    el('description', `Datasets recently published or updated on ${o.portalName}.`),
    `<atom:link href="${escapeAttr(o.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    el('generator', 'Agora'),
  ];
  if (o.language) out.push(el('language', o.language));
  if (latest) out.push(el('lastBuildDate', new Date(latest).toUTCString()));
  for (const ds of items) {
    const modified = m.modified(ds) ?? ds.created;
    const isNew = Math.abs(new Date(modified).getTime() - new Date(ds.created).getTime()) < NEW_WINDOW_MS;
    const link = datasetPageUrl(o.baseUrl, ds.dataset_id);
    const summary = m.description(ds);
    const lead = isNew ? 'New dataset' : 'Updated dataset';
    const facts = `${lead}, ${ds.metas.default.records_count} records.`;
    out.push('<item>',
      el('title', m.title(ds)),
      el('link', link),
      el('description', summary ? `${facts} ${summary}` : facts),
      `<guid isPermaLink="false">${escapeText(`${ds.dataset_uid}@${modified}`)}</guid>`,
      el('pubDate', new Date(modified).toUTCString()));
    for (const t of [...m.themes(ds), ...m.keywords(ds)]) out.push(el('category', t));
    const pub = ds.metas.default.publisher?.trim();
    if (pub) out.push(el('dc:creator', pub));
    out.push('</item>');
  }
  out.push('</channel>', '</rss>', '');
  return out.join('\n');
}
