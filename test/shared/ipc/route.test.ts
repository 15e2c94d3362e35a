import { describe, expect, it } from 'vitest';
import type { Navigation } from '../../../src-shared/ipc/contract.ts';
import {
  parseRoute,
  routeHash,
  routeOfNavigation,
  type Route,
} from '../../../src-shared/ipc/route.ts';

describe('the window’s routes', () => {
  const routes: Route[] = [
    { view: 'overview' },
    { view: 'account', accountId: 'idcf-main' },
    { view: 'headroom' },
    { view: 'accounts' },
    { view: 'account-form', accountId: null },
    { view: 'account-form', accountId: 'memset.uk' },
    { view: 'settings' },
    { view: 'settings', accountId: 'seeweb' },
  ];

  it('read back every hash they write', () => {
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('send anything unknown to the overview', () => {
    expect(parseRoute('')).toEqual({ view: 'overview' });
    expect(parseRoute('#/nowhere/at/all')).toEqual({ view: 'overview' });
    expect(parseRoute('#/account')).toEqual({ view: 'overview' });
    expect(parseRoute('#/account/%E0%A4%A')).toEqual({ view: 'account', accountId: '%E0%A4%A' });
  });

  it('follow main’s app:navigate requests', () => {
    expect(routeOfNavigation({ view: 'account', accountId: 'idcf' })).toEqual({
      view: 'account',
      accountId: 'idcf',
    });
    expect(routeOfNavigation({ view: 'account' })).toEqual({ view: 'overview' });
    expect(routeOfNavigation({ view: 'settings', accountId: 'idcf' })).toEqual({
      view: 'settings',
      accountId: 'idcf',
    });
    expect(routeOfNavigation({ view: 'accounts' })).toEqual({ view: 'accounts' });
  });

  it('open a new window from main on the route of any navigation, with a hash read back alike', () => {
    const navigations: Navigation[] = [
      { view: 'overview' },
      { view: 'account', accountId: 'idcf/jp east' },
      { view: 'account' },
      { view: 'accounts' },
      { view: 'settings' },
      { view: 'settings', accountId: 'memset' },
      { view: 'headroom' },
    ];
    for (const navigation of navigations) {
      const route = routeOfNavigation(navigation);
      expect(parseRoute(routeHash(route)), JSON.stringify(navigation)).toEqual(route);
    }
  });
});
