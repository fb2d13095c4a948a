// Descriptions are sanitised when stored (every path: Automation API, CLI, demo goes through
// applyMeta): hostile HTML loses scripts, event handlers and javascript: links; what Markdown
// renders to (headings, lists, emphasis, code, rules, tables) is kept. Expected HTML written by hand.
import { describe, expect, it } from 'vitest';
import { applyMeta, emptyMetas } from '../../src/catalog/index.ts';

const stored = (html: string) => applyMeta(emptyMetas('t', '2026-01-01T00:00:00Z'), 'default', 'description', html).default.description;

describe('description sanitising', () => {
  it.each([
    ['<p>Hi</p><script>alert(1)</script>', '<p>Hi</p>'],
    ['<p onclick="alert(1)" style="color:red">Hi</p>', '<p>Hi</p>'],
    ['<img src=x onerror="alert(1)">text', 'text'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="&#106;avascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href=" javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a>x</a>'],
    ['<svg onload="alert(1)"><circle/></svg>ok', 'ok'],
    ['<iframe src="https://evil.example"></iframe><style>body{}</style>ok', 'ok'],
    ['<p>a<!-- <script>alert(1)</script> -->b</p>', '<p>ab</p>'],
    ['<form action="https://evil.example"><input name="x"></form>ok', 'ok'],
  ])('%s → %s', (input, expected) => {
    expect(stored(input)).toBe(expected);
  });

  it('keeps what Markdown renders to', () => {
    const md = '<h1>T</h1><h2>S</h2><p><strong>b</strong> <em>i</em> <del>d</del> <code>c</code></p><ul><li>a</li></ul><ol><li>b</li></ol>'
      + '<blockquote><p>q</p></blockquote><hr /><pre><code>x</code></pre><table><thead><tr><th>h</th></tr></thead><tbody><tr><td>v</td></tr></tbody></table>'
      + '<p><a href="https://city.example/a?b=1&amp;c=2" title="t">l</a> <a href="mailto:x@city.example">m</a></p>';
    expect(stored(md)).toBe(md);
  });
});
