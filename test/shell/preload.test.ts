import { beforeAll, describe, expect, it } from 'vitest';
import {
  EVENT_CHANNELS,
  PRELOAD_GLOBAL,
  REQUEST_CHANNELS,
  methodName,
} from '../../src-shared/ipc/channels.ts';
import { events, requests } from '../../src-shared/ipc/contract.ts';
import { contextBridge, ipcRenderer } from '../fakes/electron.ts';

describe('the preload', () => {
  let api: Record<string, unknown>;
  beforeAll(async () => {
    await import('../../src-main/shell/preload/preload.ts');
    api = contextBridge.exposed.get(PRELOAD_GLOBAL) as Record<string, unknown>;
  });

  it('exposes exactly one named method per contract request, plus on()', () => {
    const expected = Object.keys(requests).map((c) => methodName(c as keyof typeof requests));
    expect(Object.keys(api).sort()).toEqual([...expected, 'on'].sort());
    expect(Object.keys(requests).sort()).toEqual([...REQUEST_CHANNELS].sort());
    expect(Object.keys(events).sort()).toEqual([...EVENT_CHANNELS].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('send');
  });

  it('sends each method on its own channel', async () => {
    ipcRenderer.reply = (channel, args) => ({ ok: true, value: { channel, args } });
    const reply = await (api.usageRefresh as (id: string) => Promise<unknown>)('idcf');
    expect(reply).toEqual({ ok: true, value: { channel: 'usage:refresh', args: ['idcf'] } });
    expect(ipcRenderer.invoked.at(-1)).toEqual({ channel: 'usage:refresh', args: ['idcf'] });
  });

  it('subscribes only to contract events and hands over the payload alone', () => {
    const on = api.on as (event: string, listener: (payload: unknown) => void) => () => void;
    expect(() => on('secrets:leak', () => {})).toThrow(/unknown event/);
    const received: unknown[] = [];
    const off = on('usage:changed', (payload) => received.push(payload));
    ipcRenderer.emit('usage:changed', { sender: 'ipc event with sender' }, { accounts: [] });
    off();
    ipcRenderer.emit('usage:changed', {}, { accounts: ['after unsubscribe'] });
    expect(received).toEqual([{ accounts: [] }]);
  });
});
