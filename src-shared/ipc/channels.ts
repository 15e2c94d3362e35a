/**
 * The names of every IPC request and event, without their schemas: what the preload needs to
 * build its named methods (it stays small and loads no validation library). The contract in
 * contract.ts gives each name its argument and result schemas; a test keeps both in step.
 */
export const REQUEST_CHANNELS = [
  'app:info',
  'usage:get',
  'usage:refresh',
  'usage:periods',
  'usage:period',
  'usage:series',
  'usage:throughput',
  'providers:list',
  'config:get',
  'accounts:discover',
  'accounts:test',
  'accounts:save',
  'accounts:remove',
  'secrets:status',
  'secrets:delete',
  'settings:update',
  'alerts:snooze',
  'notifications:pause',
  'export:save',
  'shell:openDashboard',
] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const EVENT_CHANNELS = ['usage:changed', 'config:changed', 'app:navigate'] as const;
export type EventChannel = (typeof EVENT_CHANNELS)[number];

/** `usage:get` → `usageGet`: the preload method that sends a request. */
export type MethodName<C extends string> = C extends `${infer Domain}:${infer Verb}`
  ? `${Domain}${Capitalize<Verb>}`
  : never;

export function methodName<C extends RequestChannel>(channel: C): MethodName<C> {
  const [domain, verb] = channel.split(':') as [string, string];
  return `${domain}${verb.charAt(0).toUpperCase()}${verb.slice(1)}` as MethodName<C>;
}

/** The name the preload exposes its API under, on `window`. */
export const PRELOAD_GLOBAL = 'cloudmeter';
