import type { Navigation } from '../../src-shared/ipc/contract.ts';

/** The window's views, addressed by the URL hash so that Back, reload and links work. */
export type Route =
  | { readonly view: 'overview' }
  | { readonly view: 'account'; readonly accountId: string }
  | { readonly view: 'headroom' }
  | { readonly view: 'accounts' }
  | { readonly view: 'account-form'; readonly accountId: string | null }
  | { readonly view: 'settings'; readonly accountId?: string };

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    });
  const [head, id, action] = parts;
  switch (head) {
    case 'account':
      return id ? { view: 'account', accountId: id } : { view: 'overview' };
    case 'headroom':
      return { view: 'headroom' };
    case 'accounts':
      if (id === 'new') return { view: 'account-form', accountId: null };
      if (id && action === 'edit') return { view: 'account-form', accountId: id };
      return { view: 'accounts' };
    case 'settings':
      return id ? { view: 'settings', accountId: id } : { view: 'settings' };
    default:
      return { view: 'overview' };
  }
}

export function routeHash(route: Route): string {
  const id = (value: string) => encodeURIComponent(value);
  switch (route.view) {
    case 'overview':
      return '#/';
    case 'account':
      return `#/account/${id(route.accountId)}`;
    case 'headroom':
      return '#/headroom';
    case 'accounts':
      return '#/accounts';
    case 'account-form':
      return route.accountId === null ? '#/accounts/new' : `#/accounts/${id(route.accountId)}/edit`;
    case 'settings':
      return route.accountId ? `#/settings/${id(route.accountId)}` : '#/settings';
  }
}

/** Where main's `app:navigate` (a notification's action, the tray menu) takes the window. */
export function routeOfNavigation(navigation: Navigation): Route {
  switch (navigation.view) {
    case 'account':
      return navigation.accountId
        ? { view: 'account', accountId: navigation.accountId }
        : { view: 'overview' };
    case 'accounts':
      return { view: 'accounts' };
    case 'settings':
      return navigation.accountId
        ? { view: 'settings', accountId: navigation.accountId }
        : { view: 'settings' };
    case 'headroom':
      return { view: 'headroom' };
    case 'overview':
      return { view: 'overview' };
  }
}

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
