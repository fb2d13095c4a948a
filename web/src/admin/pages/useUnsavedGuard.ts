// Keeps unsaved changes from being lost: the browser's own warning when the tab is closed or
// reloaded (beforeunload), and, inside the app, a click on a link is held until the user confirms
// (the caller shows the dialog and calls leave()). The browser's back button is not held.
import { useCallback, useEffect, useState } from 'react';
import { navigate } from '../../app/router.ts';

export function useUnsavedGuard(dirty: boolean): { pending: string | null; leave: () => void; stay: () => void } {
  const [pending, setPending] = useState<string | null>(null);
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => { e.preventDefault(); e.returnValue = ''; };
    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
      const url = new URL(a.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      e.preventDefault();
      e.stopPropagation();
      setPending(url.pathname + url.search + url.hash);
    };
    window.addEventListener('beforeunload', onUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty]);
  const leave = useCallback(() => {
    const to = pending;
    setPending(null);
    if (to) navigate(to);
  }, [pending]);
  const stay = useCallback(() => setPending(null), []);
  return { pending, leave, stay };
}
