// A self-contained HTML API reference rendered on the server from an OpenAPI document (no script,
// no CDN): operations grouped by tag, parameter and response tables, links to try GET calls.
// Every text from the document is escaped here; descriptions get `code` spans only.
import { escapeAttr, escapeText } from '../xml.ts';

type Json = Record<string, unknown>;

const CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fff}
a{color:#0b5cad}a:focus,summary:focus{outline:3px solid #e69f00;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
header,main,nav{max-width:72rem;margin:0 auto;padding:0 1rem}header{border-bottom:1px solid #ccc}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:2px solid #0072b2}h3{font-size:1.05rem;margin:1.5rem 0 .25rem}
.op{border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
.method{display:inline-block;min-width:3.5rem;font-weight:700;color:#fff;background:#005a8c;border-radius:4px;padding:0 .4rem;text-align:center}
.method.post{background:#8a4b00}code{background:#f2f2f2;padding:0 .2rem;border-radius:3px;font-size:.92em}
table{border-collapse:collapse;width:100%;margin:.5rem 0}caption{text-align:left;font-weight:600}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f2f2f2}
pre{background:#f7f7f7;padding:.5rem;overflow:auto;max-height:20rem}`;

/** Escaped text with `code` spans and bare URLs linked. */
function prose(s: unknown): string {
  if (typeof s !== 'string' || !s) return '';
  return s.split(/(`[^`]+`)/).map((part) => (part.startsWith('`') && part.endsWith('`') && part.length > 1
    ? `<code>${escapeText(part.slice(1, -1))}</code>`
    : escapeText(part).replace(/https?:\/\/[^\s<)]+/g, (u) => `<a href="${u}">${u}</a>`))).join('').replace(/\n\n/g, '</p><p>');
}

function deref(doc: Json, v: unknown): Json {
  let cur = v as Json;
  for (let i = 0; i < 5 && cur && typeof cur.$ref === 'string'; i++) {
    cur = (cur.$ref as string).replace(/^#\//, '').split('/').reduce<unknown>((o, k) => (o as Json)?.[k], doc) as Json;
  }
  return cur ?? {};
}

function typeText(schema: Json | undefined): string {
  if (!schema) return '';
  if (typeof schema.$ref === 'string') return schema.$ref.split('/').pop()!;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.slice(0, 30).map((x) => JSON.stringify(x)).join(', ')}${schema.enum.length > 30 ? ', …' : ''}`;
  if ('const' in schema) return JSON.stringify(schema.const);
  const t = Array.isArray(schema.type) ? schema.type.join(' | ') : String(schema.type ?? 'any');
  return schema.format ? `${t} (${String(schema.format)})` : t;
}

const slugOf = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

function operation(doc: Json, path: string, method: string, op: Json, server: string): string {
  const params = ((op.parameters as unknown[]) ?? []).map((p) => deref(doc, p));
  const id = `op-${slugOf(String(op.operationId ?? `${method}-${path}`))}`;
  const url = `${server}${path}`;
  const tryIt = method === 'get' && !path.includes('{') ? ` <a href="${escapeAttr(url)}">Try it</a>` : '';
  const rows = params.map((p) => {
    const s = p.schema as Json | undefined;
    const def = s && 'default' in s ? ` (default <code>${escapeText(JSON.stringify(s.default))}</code>)` : '';
    return `<tr><th scope="row"><code>${escapeText(String(p.name))}</code></th><td>${escapeText(String(p.in))}</td><td>${p.required ? 'yes' : 'no'}</td><td>${escapeText(typeText(s))}${def}</td><td>${prose(p.description)}</td></tr>`;
  }).join('');
  const responses = Object.entries((op.responses as Json) ?? {}).map(([code, r]) => {
    const res = deref(doc, r);
    const content = (res.content as Json | undefined) ?? {};
    const [type, media] = Object.entries(content)[0] ?? [];
    const example = (media as Json | undefined)?.example;
    return `<tr><th scope="row">${escapeText(code)}</th><td>${prose(res.description)}</td><td>${type ? `<code>${escapeText(type)}</code> ${escapeText(typeText((media as Json).schema as Json))}` : ''}${example !== undefined ? `<details><summary>Example</summary><pre>${escapeText(JSON.stringify(example, null, 2))}</pre></details>` : ''}</td></tr>`;
  }).join('');
  return `<section class="op" id="${id}" aria-labelledby="${id}-h"><h3 id="${id}-h"><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeText(path)}</code></h3>
<p>${prose(op.summary)}${tryIt}</p>${op.description ? `<p>${prose(op.description)}</p>` : ''}
<p>URL: <code>${escapeText(url)}</code></p>
${rows ? `<table><caption>Parameters</caption><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Required</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>${rows}</tbody></table>` : ''}
<table><caption>Responses</caption><thead><tr><th scope="col">Status</th><th scope="col">Meaning</th><th scope="col">Body</th></tr></thead><tbody>${responses}</tbody></table></section>`;
}

function recordTable(doc: Json): string {
  const rec = deref(doc, ((doc.components as Json)?.schemas as Json)?.Record);
  const props = (rec.properties as Record<string, Json> | undefined) ?? {};
  if (!Object.keys(props).length) return '';
  const rows = Object.entries(props).map(([name, s]) => `<tr><th scope="row"><code>${escapeText(name)}</code></th><td>${escapeText(String(s.title ?? ''))}</td><td>${escapeText(typeText(s))}</td><td>${prose(s.description)}</td></tr>`).join('');
  return `<h2 id="record">Record fields</h2><table><caption>Fields of a record</caption><thead><tr><th scope="col">Name</th><th scope="col">Label</th><th scope="col">Type</th><th scope="col">Description</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export interface DocsLink { href: string; text: string }

/** The per-dataset reference pages, listed on the whole-API page (at most `shown`, with the total). */
function datasetList(links: DocsLink[] | undefined, total: number): string {
  if (!links) return '';
  const items = links.map((l) => `<li><a href="${escapeAttr(l.href)}">${escapeText(l.text)}</a></li>`).join('');
  const more = total > links.length ? `<p>${links.length} of ${total} datasets shown; every dataset's reference is at <code>/docs/api/datasets/{dataset_id}</code>.</p>` : '';
  return `<h2 id="datasets">Datasets</h2><p>Each dataset has its own reference, typed from its fields, with real records as examples.</p>${items ? `<ul>${items}</ul>` : '<p>No dataset is published yet.</p>'}${more}`;
}

export function apiDocsPage(doc: Json, jsonUrl: string, datasets?: { links: DocsLink[]; total: number }, related: DocsLink[] = []): string {
  const info = (doc.info as Json) ?? {};
  const server = String(((doc.servers as Json[])?.[0])?.url ?? '');
  const groups = new Map<string, string[]>();
  for (const [path, item] of Object.entries((doc.paths as Record<string, Json>) ?? {})) {
    const itemServer = String(((item.servers as Json[] | undefined)?.[0])?.url ?? server);
    for (const method of ['get', 'post']) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const tag = String(((op.tags as string[]) ?? ['API'])[0]);
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push(operation(doc, path, method, op, itemServer));
    }
  }
  const tagInfo = new Map(((doc.tags as Json[]) ?? []).map((t) => [String(t.name), String(t.description ?? '')]));
  const nav = [...groups.keys()].map((t) => `<li><a href="#tag-${slugOf(t)}">${escapeText(t)}</a></li>`).join('');
  const body = [...groups].map(([t, ops]) => `<h2 id="tag-${slugOf(t)}">${escapeText(t)}</h2>${tagInfo.get(t) ? `<p>${prose(tagInfo.get(t))}</p>` : ''}${ops.join('\n')}`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeText(String(info.title ?? 'API'))} — reference</title><style>${CSS}</style></head>
<body><a class="skip" href="#main">Skip to the reference</a>
<header><h1>${escapeText(String(info.title ?? 'API'))}</h1><p>${prose(info.description)}</p>
<p>Version ${escapeText(String(info.version ?? ''))}. Machine-readable: <a href="${escapeAttr(jsonUrl)}">OpenAPI 3.1 document</a>.${related.map((l) => ` <a href="${escapeAttr(l.href)}">${escapeText(l.text)}</a>.`).join('')}</p></header>
<nav aria-label="Sections"><ul>${datasets ? '<li><a href="#datasets">Datasets</a></li>' : ''}${nav}${recordTable(doc) ? '<li><a href="#record">Record fields</a></li>' : ''}</ul></nav>
<main id="main">${datasetList(datasets?.links, datasets?.total ?? 0)}${recordTable(doc)}${body}</main></body></html>`;
}
