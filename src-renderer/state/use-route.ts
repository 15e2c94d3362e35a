import { useEffect, useState } from 'react';
import { subscribe } from '../bridge.ts';
import { navigate, parseRoute, routeOfNavigation, type Route } from './route.ts';

/** The current route from the URL hash; main's `app:navigate` events move it too. */
export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    const off = subscribe('app:navigate', (navigation) => navigate(routeOfNavigation(navigation)));
    return () => {
      window.removeEventListener('hashchange', onHash);
      off();
    };
  }, []);
  return route;
}
