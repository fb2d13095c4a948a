// Keeps document.title in step with the page shown (screen readers announce it on navigation).
import { useEffect } from 'react';

export function useDocumentTitle(...parts: Array<string | undefined | null>): void {
  const title = parts.filter(Boolean).join(' · ');
  useEffect(() => { if (title) document.title = title; }, [title]);
}
