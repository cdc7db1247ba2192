import { useEffect } from 'react';

/** The browser tab says which page is open (and screen readers announce it). */
export function usePageTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · 蓝天`;
  }, [title]);
}
