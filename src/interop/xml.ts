// XML text and attribute escaping for the hand-written XML outputs (RDF/XML, RSS, HTML docs).
// Characters XML 1.0 cannot carry at all are replaced by U+FFFD first.
import { xmlSafe } from './rdf/terms.ts';

export function escapeText(s: string): string {
  // \r is written as a character reference: XML parsers turn a literal CR LF into LF.
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
