// The API client's head start: a URL prefetched at boot is fetched once, and the page's later
// getJson of it waits for that answer instead of asking again; a failed prefetch is left to the page.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getJson, prefetchJson } from '../../web/src/api/client.ts';

afterEach(() => { vi.unstubAllGlobals(); });

function stubFetch(answer: (url: string) => Response): string[] {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => { calls.push(url); await new Promise((r) => setTimeout(r, 20)); return answer(url); });
  return calls;
}

describe('prefetchJson', () => {
  it('fetches once: a getJson while it is under way waits for it, and one after it reads the cache', async () => {
    const calls = stubFetch(() => new Response(JSON.stringify({ n: 1 }), { status: 200 }));
    const url = '/api/explore/v2.1/catalog/datasets/p1/records?limit=0';
    const ahead = prefetchJson(url);
    const during = getJson<{ n: number }>(url);
    expect(await during).toEqual({ n: 1 });
    expect(await ahead).toEqual({ n: 1 });
    expect(await getJson(url)).toEqual({ n: 1 });
    expect(calls).toEqual([url]);
  });

  it('a failed prefetch does not stick: the page\'s own request asks again and gets the error body', async () => {
    let first = true;
    const calls = stubFetch(() => {
      if (first) { first = false; return new Response('{}', { status: 503 }); }
      return new Response(JSON.stringify({ message: 'Unknown dataset: p2', error_code: 'UnknownDatasetError' }), { status: 404 });
    });
    const url = '/api/explore/v2.1/catalog/datasets/p2';
    await expect(prefetchJson(url)).rejects.toThrow('503');
    await expect(getJson(url)).rejects.toThrow('Unknown dataset: p2');
    expect(calls).toEqual([url, url]);
  });
});
