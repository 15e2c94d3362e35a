import { useEffect, useLayoutEffect, useState } from 'react';
import type { Preferences } from '../../src-shared/domain/config.ts';

export type ResolvedTheme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

/**
 * Applies the theme preference as `data-theme` on the root element, following the OS while the
 * preference is `system`. Done here rather than only through Electron's nativeTheme so that
 * the page looks right in any browser too (the end-to-end tests, a dev server).
 */
export function useAppliedTheme(preference: Preferences['theme']): ResolvedTheme {
  const [systemDark, setSystemDark] = useState(() => matchMedia(DARK_QUERY).matches);
  useEffect(() => {
    const query = matchMedia(DARK_QUERY);
    const onChange = () => setSystemDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  const theme: ResolvedTheme =
    preference === 'system' ? (systemDark ? 'dark' : 'light') : preference;
  // A layout effect: every layout effect of a commit runs before any passive effect, so the
  // charts' effects (children, which would otherwise run first) read the new theme's colours.
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return theme;
}
