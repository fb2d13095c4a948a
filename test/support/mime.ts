// A small RFC 822 / MIME reader for the tests that receive e-mail through smtp-server: headers,
// encoded words, quoted-printable and base64 parts. Independent of nodemailer, which writes them.
function split(raw: string): { headers: Record<string, string>; body: string } {
  const i = raw.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of raw.slice(0, i).replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const c = line.indexOf(':');
    headers[line.slice(0, c).toLowerCase()] = line.slice(c + 1).trim();
  }
  return { headers, body: raw.slice(i + 4) };
}
function qp(s: string): string {
  const bytes = s.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
function decodeWords(s: string): string {
  return s.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) => enc.toUpperCase() === 'B'
    ? Buffer.from(text, 'base64').toString('utf8') : qp(text.replace(/_/g, ' ')));
}
export function parts(raw: string): { subject: string; to: string; from: string; text: string; html: string } {
  const { headers, body } = split(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headers['content-type'])![1];
  const out: Record<string, string> = {};
  for (const chunk of body.split(`--${boundary}`).slice(1, -1)) {
    const p = split(chunk.replace(/^\r\n/, ''));
    const decoded = /quoted-printable/i.test(p.headers['content-transfer-encoding'] ?? '') ? qp(p.body)
      : /base64/i.test(p.headers['content-transfer-encoding'] ?? '') ? Buffer.from(p.body, 'base64').toString('utf8') : p.body;
    out[p.headers['content-type'].split(';')[0].trim()] = decoded;
  }
  return { subject: decodeWords(headers.subject), to: headers.to, from: decodeWords(headers.from), text: out['text/plain'], html: out['text/html'] };
}
