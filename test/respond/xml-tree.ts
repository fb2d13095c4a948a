// A tiny namespace-aware XML tree built with saxes, a strict (well-formedness checking) parser
// independent of our writers. Throws on any XML error.
import { SaxesParser } from 'saxes';

export interface XmlNode { uri: string; local: string; attrs: Record<string, string>; children: XmlNode[]; text: string }

export function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlNode = { uri: '', local: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  parser.on('error', (e) => { throw e; });
  parser.on('opentag', (t) => {
    const attrs: Record<string, string> = {};
    for (const a of Object.values(t.attributes)) attrs[a.uri ? `{${a.uri}}${a.local}` : a.local] = a.value;
    const node: XmlNode = { uri: t.uri, local: t.local, attrs, children: [], text: '' };
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => { stack[stack.length - 1]!.text += t; });
  parser.on('cdata', (t) => { stack[stack.length - 1]!.text += t; });
  parser.on('closetag', () => { stack.pop(); });
  parser.write(xml).close();
  return root.children[0]!;
}

export function childrenNamed(n: XmlNode, local: string): XmlNode[] {
  return n.children.filter((c) => c.local === local);
}

export function descendants(n: XmlNode, local: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (x: XmlNode) => { for (const c of x.children) { if (c.local === local) out.push(c); walk(c); } };
  walk(n);
  return out;
}
