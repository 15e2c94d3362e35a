import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  WireReader,
  WireWriter,
  type DBusValue,
  type Variant,
} from '../../../src-main/platform/secrets/dbus/dbus-wire.ts';

/**
 * A session bus with a Secret Service on it that behaves as a test says, over a real Unix
 * socket and the real D-Bus wire format: for what a real gnome-keyring will not do on demand
 * (a call that fails half-way through an unlock, a prompt the user dismisses, counted). The
 * client under test finds it the way it finds any bus: DBUS_SESSION_BUS_ADDRESS in `env`.
 */

export const LOGIN = '/org/freedesktop/secrets/collection/login';
const PROMPT = '/org/freedesktop/secrets/prompt/p1';

/** How the fake answers; a test changes it between calls. */
export interface FakeKeyring {
  /** What `Locked` reads, per read: the first entry each time, the last one kept. */
  locked: (boolean | 'error')[];
  /** Unlock: shows a prompt that the user dismisses, unlocks without a prompt, or fails. */
  unlock: 'dismissed-prompt' | 'unlocks' | 'error';
}

export interface FakeSecretServiceBus {
  readonly env: Readonly<Record<string, string>>;
  readonly keyring: FakeKeyring;
  /** Every method called on the Secret Service, as "Interface.Member". */
  readonly calls: string[];
  /** How many unlock prompts were shown. */
  prompts(): number;
  close(): Promise<void>;
}

interface Call {
  readonly serial: number;
  readonly path: string;
  readonly iface: string;
  readonly member: string;
  readonly body: DBusValue[];
}

type Answer =
  { readonly signature: string; readonly body: DBusValue[] } | { readonly error: string };

const HEADER = 'yyyyuua(yv)';
const TYPE = { call: 1, reply: 2, error: 3, signal: 4 } as const;
const FIELD = { path: 1, interface: 2, member: 3, errorName: 4, replySerial: 5, signature: 8 };

function message(
  type: number,
  fields: [number, Variant][],
  signature = '',
  body: DBusValue[] = [],
) {
  const payload = new WireWriter();
  if (signature) {
    fields.push([FIELD.signature, { signature: 'g', value: signature }]);
    payload.write(signature, body);
  }
  const header = new WireWriter();
  header.write(HEADER, ['l'.charCodeAt(0), type, 0, 1, payload.length, 1, fields]);
  header.align(8);
  return Buffer.concat([header.result(), payload.result()]);
}

function parse(bytes: Uint8Array): Call | null {
  const reader = new WireReader(bytes, true);
  const [, type, , , , serial, rawFields] = reader.read(HEADER);
  if (type !== TYPE.call) return null;
  const fields = new Map((rawFields as [number, Variant][]).map(([k, v]) => [k, v.value]));
  reader.align(8);
  const signature = fields.get(FIELD.signature);
  return {
    serial: serial as number,
    path: fields.get(FIELD.path) as string,
    iface: fields.get(FIELD.interface) as string,
    member: fields.get(FIELD.member) as string,
    body: typeof signature === 'string' && signature ? reader.read(signature) : [],
  };
}

export async function startFakeSecretServiceBus(
  keyring: FakeKeyring,
): Promise<FakeSecretServiceBus> {
  const dir = await mkdtemp(join(tmpdir(), 'cloudmeter-fakebus-'));
  const path = join(dir, 'bus');
  const calls: string[] = [];
  let prompts = 0;

  const answer = (call: Call, socket: Socket): Answer => {
    const name = `${call.iface}.${call.member}`;
    if (call.iface !== 'org.freedesktop.DBus') calls.push(name);
    switch (name) {
      case 'org.freedesktop.DBus.Hello':
        return { signature: 's', body: [':1.1'] };
      case 'org.freedesktop.DBus.AddMatch':
        return { signature: '', body: [] };
      case 'org.freedesktop.Secret.Service.ReadAlias':
        return { signature: 'o', body: [LOGIN] };
      case 'org.freedesktop.DBus.Properties.Get': {
        const locked = keyring.locked.length > 1 ? keyring.locked.shift()! : keyring.locked[0]!;
        if (locked === 'error') return { error: 'org.freedesktop.DBus.Error.NoReply' };
        return { signature: 'v', body: [{ signature: 'b', value: locked }] };
      }
      case 'org.freedesktop.Secret.Service.Unlock':
        if (keyring.unlock === 'error') return { error: 'org.freedesktop.DBus.Error.NoReply' };
        return { signature: 'aoo', body: [[], keyring.unlock === 'unlocks' ? '/' : PROMPT] };
      case 'org.freedesktop.Secret.Prompt.Prompt':
        prompts++;
        // The user closes the dialog: Completed(dismissed = true), after the reply.
        setImmediate(() =>
          socket.write(
            message(
              TYPE.signal,
              [
                [FIELD.path, { signature: 'o', value: PROMPT }],
                [FIELD.interface, { signature: 's', value: 'org.freedesktop.Secret.Prompt' }],
                [FIELD.member, { signature: 's', value: 'Completed' }],
              ],
              'bv',
              [true, { signature: 's', value: '' }],
            ),
          ),
        );
        return { signature: '', body: [] };
      default:
        return { error: 'org.freedesktop.DBus.Error.UnknownMethod' };
    }
  };

  const serve = (socket: Socket) => {
    let buffer = Buffer.alloc(0);
    let authenticated = false;
    socket.on('error', () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!authenticated) {
        const end = buffer.indexOf('\r\n');
        if (end === -1) return;
        buffer = buffer.subarray(end + 2);
        authenticated = true;
        socket.write('OK 0123456789abcdef0123456789abcdef\r\n');
      }
      if (buffer.subarray(0, 7).toString('latin1') === 'BEGIN\r\n') buffer = buffer.subarray(7);
      while (buffer.length >= 16) {
        const bodyStart = Math.ceil((16 + buffer.readUInt32LE(12)) / 8) * 8;
        const total = bodyStart + buffer.readUInt32LE(4);
        if (buffer.length < total) return;
        const call = parse(new Uint8Array(buffer.subarray(0, total)));
        buffer = buffer.subarray(total);
        if (!call) continue;
        const reply = answer(call, socket);
        const inReplyTo: [number, Variant] = [
          FIELD.replySerial,
          { signature: 'u', value: call.serial },
        ];
        socket.write(
          'error' in reply
            ? message(
                TYPE.error,
                [inReplyTo, [FIELD.errorName, { signature: 's', value: reply.error }]],
                's',
                [`${reply.error}: the fake keyring was told to fail`],
              )
            : message(TYPE.reply, [inReplyTo], reply.signature, reply.body),
        );
      }
    });
  };

  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    serve(socket);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: `unix:path=${path}` },
    keyring,
    calls,
    prompts: () => prompts,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
