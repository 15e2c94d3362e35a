import { routeHash, type Route } from '../../src-shared/ipc/route.ts';

export {
  parseRoute,
  routeHash,
  routeOfNavigation,
  type Route,
} from '../../src-shared/ipc/route.ts';

/** The top-level section a route belongs to, for the navigation bar's current item. */
export function sectionOf(route: Route): 'overview' | 'headroom' | 'accounts' | 'settings' {
  switch (route.view) {
    case 'overview':
    case 'account':
      return 'overview';
    case 'headroom':
      return 'headroom';
    case 'accounts':
    case 'account-form':
      return 'accounts';
    case 'settings':
      return 'settings';
  }
}

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}
