import type { Navigation } from './contract.ts';

// The window's routes and their URL hashes, shared by the renderer (which reads and writes the
// hash) and main (which opens a new window straight on a route).

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
