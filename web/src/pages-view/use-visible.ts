// True once an element has come near the viewport (IntersectionObserver), so a page's blocks load
// their data only when a reader could see them; without the observer, at once.
import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

export function useVisible(ref: RefObject<Element | null>, margin = '200px'): boolean {
  const [seen, setSeen] = useState(() => typeof IntersectionObserver === 'undefined');
  // Blocks already in the first screen start at once (before the first paint), not one observer callback later.
  useLayoutEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    const r = el.getBoundingClientRect();
    const extra = parseInt(margin, 10) || 0;
    if (r.top < window.innerHeight + extra && r.bottom > -extra) setSeen(true);
  }, []);
  useEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) { setSeen(true); io.disconnect(); }
    }, { rootMargin: margin });
    io.observe(el);
    return () => io.disconnect();
  }, [seen]);
  return seen;
}
