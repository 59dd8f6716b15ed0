import { useEffect } from 'react';

/** Every page names itself in the browser tab (RGAA 8.6). */
export function usePageTitle(title: string | null | undefined) {
  useEffect(() => {
    if (title) document.title = `${title} — Cohérence`;
  }, [title]);
}
