import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../../src-main/core/logger.ts';
import { ProviderError } from '../../src-main/core/provider-error.ts';
import { emit, handle } from '../../src-main/shell/ipc/ipc-main.ts';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../src-main/shell/app-protocol.ts';
import { IpcRequestError } from '../../src-shared/ipc/result.ts';
import { FakeWebContents, ipcMain, resetElectronFake } from '../fakes/electron.ts';

const table = {
  'thing:get': {
    args: z.tuple([z.string().min(1)]),
    result: z.object({ name: z.string(), size: z.number() }),
  },
} as const;
const events = { 'thing:changed': z.object({ name: z.string() }) } as const;
const guard = { origins: new Set([APP_ORIGIN]), log: silentLogger };
const ourPage = { url: APP_ENTRY_URL };

describe('IPC handle()', () => {
  beforeEach(() => resetElectronFake());

  it('runs the handler for our own page and wraps the result', async () => {
    handle(table, 'thing:get', (name) => ({ name, size: 3 }), guard);
    expect(await ipcMain.invokeFrom(ourPage, 'thing:get', 'box')).toEqual({
      ok: true,
      value: { name: 'box', size: 3 },
    });
  });

  it.each([
    ['another origin', { url: 'https://evil.example/index.html' }],
    ['a subframe of our page', { url: APP_ENTRY_URL, parent: {} }],
    ['a frame that is gone', null],
  ])('refuses %s without running the handler', async (_name, frame) => {
    let ran = false;
    handle(table, 'thing:get', () => ((ran = true), { name: 'x', size: 1 }), guard);
    expect(await ipcMain.invokeFrom(frame, 'thing:get', 'box')).toMatchObject({
      ok: false,
      error: { code: 'untrusted-sender' },
    });
    expect(ran).toBe(false);
  });

  it('refuses arguments that break the contract, naming the problem', async () => {
    handle(table, 'thing:get', () => ({ name: 'x', size: 1 }), guard);
    const reply = (await ipcMain.invokeFrom(ourPage, 'thing:get', '')) as {
      ok: false;
      error: { code: string; message: string };
    };
    expect(reply.error.code).toBe('bad-request');
    expect(reply.error.message).toMatch(/^thing:get: \[0\]: Too small/);
    expect(await ipcMain.invokeFrom(ourPage, 'thing:get', 'a', 'extra')).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it('strips fields the contract does not name from replies', async () => {
    handle(
      table,
      'thing:get',
      (name) => ({ name, size: 1, apiKey: 'must-not-leak' }) as { name: string; size: number },
      guard,
    );
    const reply = await ipcMain.invokeFrom(ourPage, 'thing:get', 'box');
    expect(JSON.stringify(reply)).not.toContain('must-not-leak');
  });

  it('turns thrown errors into coded failures', async () => {
    handle(
      table,
      'thing:get',
      (name) => {
        if (name === 'gone') throw new IpcRequestError('not-found', 'no such thing');
        if (name === 'auth') throw new ProviderError('auth', 'credentials rejected');
        throw new Error('boom');
      },
      guard,
    );
    expect(await ipcMain.invokeFrom(ourPage, 'thing:get', 'gone')).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'no such thing' },
    });
    expect(await ipcMain.invokeFrom(ourPage, 'thing:get', 'auth')).toEqual({
      ok: false,
      error: { code: 'auth', message: 'credentials rejected' },
    });
    expect(await ipcMain.invokeFrom(ourPage, 'thing:get', 'x')).toEqual({
      ok: false,
      error: { code: 'failed', message: 'thing:get: boom' },
    });
  });

  it('refuses a reply that does not match the contract instead of sending it', async () => {
    handle(
      table,
      'thing:get',
      () => ({ name: 'x' }) as unknown as { name: string; size: number },
      guard,
    );
    expect(await ipcMain.invokeFrom(ourPage, 'thing:get', 'box')).toEqual({
      ok: false,
      error: { code: 'failed', message: 'thing:get: internal error' },
    });
  });

  it('unregisters on dispose', () => {
    handle(table, 'thing:get', () => ({ name: 'x', size: 1 }), guard).dispose();
    expect(ipcMain.handlers.has('thing:get')).toBe(false);
  });
});

describe('IPC emit()', () => {
  it('sends validated payloads and skips a destroyed window', () => {
    const contents = new FakeWebContents();
    emit(events, contents as never, 'thing:changed', { name: 'a' });
    expect(contents.sent).toEqual([{ channel: 'thing:changed', payload: { name: 'a' } }]);
    expect(() => emit(events, contents as never, 'thing:changed', { name: 1 } as never)).toThrow();
    contents.destroyed = true;
    emit(events, contents as never, 'thing:changed', { name: 'b' });
    expect(contents.sent).toHaveLength(1);
  });
});
