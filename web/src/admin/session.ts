// The browser's sign-in state (GET /api/auth/session, login, logout) as a small external store, and
// fetch helpers for the back office that send the session's CSRF token on unsafe requests.
import { useEffect, useSyncExternalStore } from 'react';

/** permissions: the domain permissions the account holds (own and groups'; all for an admin). */
export interface SignedIn { username: string; is_admin: boolean; groups: string[]; permissions: string[]; csrf_token: string }
export type SessionState = { status: 'unknown' } | { status: 'anonymous' } | ({ status: 'signed-in' } & SignedIn);

export class AdminError extends Error {
  constructor(message: string, readonly status: number, readonly detail: Record<string, string[]> | null = null) { super(message); }
}

let state: SessionState = { status: 'unknown' };
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function set(next: SessionState): void { state = next; for (const l of listeners) l(); }

export function currentSession(): SessionState { return state; }

/** Asks the server once who is signed in (the cookie is HttpOnly: only the server knows). */
export function loadSession(force = false): Promise<void> {
  if (loading && !force) return loading;
  loading = (async () => {
    try {
      const res = await fetch('/api/auth/session', { headers: { accept: 'application/json' } });
      if (!res.ok) { set({ status: 'anonymous' }); return; }
      const body = await res.json() as SignedIn;
      set({ status: 'signed-in', ...body, groups: body.groups ?? [], permissions: body.permissions ?? [] });
    } catch { set({ status: 'anonymous' }); }
  })();
  return loading;
}

export function useSession(): SessionState {
  const s = useSyncExternalStore((l) => { listeners.add(l); return () => listeners.delete(l); }, () => state, () => state);
  useEffect(() => { if (state.status === 'unknown') void loadSession(); }, []);
  return s;
}

async function errorOf(res: Response): Promise<AdminError> {
  let message = `${res.status} ${res.statusText}`;
  let detail: Record<string, string[]> | null = null;
  try {
    const body = await res.json() as Record<string, unknown>;
    const m = body.message ?? body.error;
    if (typeof m === 'string' && m) message = m;
    if (body.detail && typeof body.detail === 'object') detail = body.detail as Record<string, string[]>;
  } catch { /* not JSON: keep the status line */ }
  return new AdminError(message, res.status, detail);
}

/** JSON request with the session cookie; unsafe methods carry X-CSRF-Token. A 401 means the
 *  session ended (expired or signed out elsewhere): the state becomes anonymous. */
export async function adminFetch<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && state.status === 'signed-in') headers['x-csrf-token'] = state.csrf_token;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401 && state.status === 'signed-in') set({ status: 'anonymous' });
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  return await res.json() as T;
}

/** The CSRF token of the signed-in session (for requests not made with adminFetch, e.g. uploads). */
export function csrfToken(): string | null { return state.status === 'signed-in' ? state.csrf_token : null; }

/** Turns a finished XMLHttpRequest's error answer into an AdminError (same reading as fetch's). */
export function xhrError(xhr: XMLHttpRequest): AdminError {
  let message = `${xhr.status} ${xhr.statusText}`;
  try {
    const body = JSON.parse(xhr.responseText) as Record<string, unknown>;
    const m = body.message ?? body.error;
    if (typeof m === 'string' && m) message = m;
  } catch { /* not JSON */ }
  if (xhr.status === 401 && state.status === 'signed-in') set({ status: 'anonymous' });
  return new AdminError(message, xhr.status);
}

export async function signIn(username: string, password: string): Promise<void> {
  const res = await fetch('/api/auth/login', {
    method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw await errorOf(res);
  const body = await res.json() as Omit<SignedIn, 'groups' | 'permissions'>;
  set({ status: 'signed-in', groups: [], permissions: [], ...body });
  void loadSession(true);
}

export async function signOut(): Promise<void> {
  const headers: Record<string, string> = {};
  if (state.status === 'signed-in') headers['x-csrf-token'] = state.csrf_token;
  await fetch('/api/auth/logout', { method: 'POST', headers });
  set({ status: 'anonymous' });
}
