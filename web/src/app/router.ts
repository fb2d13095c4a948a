// A tiny history router: the current location as an external store, and navigate().
// Owns no page knowledge; routes are matched in routes.ts.
import { useSyncExternalStore } from 'react';

type Listener = () => void;
const listeners = new Set<Listener>();

function notify(): void { for (const l of listeners) l(); }

if (typeof window !== 'undefined') window.addEventListener('popstate', notify);

function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

function snapshot(): string {
  return window.location.pathname + window.location.search;
}

export function useLocationKey(): string {
  return useSyncExternalStore(subscribe, snapshot, () => '/');
}

export interface NavigateOptions { replace?: boolean; keepScroll?: boolean }

export function navigate(href: string, opts: NavigateOptions = {}): void {
  if (href === snapshot()) return;
  if (opts.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  if (!opts.keepScroll && !opts.replace) window.scrollTo(0, 0);
  notify();
}

/** Replaces the query string of the current path (state changes that are not page changes). */
export function setSearch(sp: URLSearchParams, opts: NavigateOptions = { replace: true }): void {
  const q = sp.toString();
  navigate(window.location.pathname + (q ? `?${q}` : ''), { ...opts, keepScroll: true });
}

export function currentSearch(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}
