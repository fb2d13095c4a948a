// XML text helpers for the KML, GPX and RDF/XML renderers: escaping for text and attributes,
// removal of characters XML 1.0 forbids, and safe element names. No format structure here.

// Characters outside the XML 1.0 Char production (control chars, U+FFFE/U+FFFF, lone surrogates).
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for element content or a double- or single-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!)
    // Keep CR/TAB/LF in attributes from being normalised away by parsers.
    .replace(/\r/g, '&#13;');
}

const NAME_START = 'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_CHAR = NAME_START + '\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040';
const NCNAME = new RegExp(`^[${NAME_START}][${NAME_CHAR}]*$`);
const NCNAME_SUFFIX = new RegExp(`[${NAME_START}][${NAME_CHAR}]*$`);

/** True when `name` can be an XML local name (NCName: no colon, no leading digit). */
export function isNCName(name: string): boolean {
  return NCNAME.test(name);
}

/** A valid element local name derived from a field name (invalid characters to `_`, `_` before a digit). */
export function toNCName(name: string): string {
  if (isNCName(name)) return name;
  let s = name.replace(new RegExp(`[^${NAME_CHAR}]`, 'g'), '_');
  if (!new RegExp(`^[${NAME_START}]`).test(s)) s = '_' + s;
  return s;
}

/** Splits an IRI into namespace + NCName local part (as RDF/XML needs); null when no such split exists. */
export function splitIri(iri: string): { namespace: string; local: string } | null {
  // exec finds the leftmost position from which an NCName runs to the end: the longest local part.
  const m = NCNAME_SUFFIX.exec(iri);
  if (!m || m.index === 0) return null;
  return { namespace: iri.slice(0, m.index), local: iri.slice(m.index) };
}
