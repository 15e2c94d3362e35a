import { existsSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { join } from 'node:path';
import { WireReader, WireWriter, type DBusValue, type Variant } from './dbus-wire.ts';

/**
 * A minimal D-Bus client over the session bus's Unix socket: authentication, method calls with
 * a timeout, and signals. Enough to ask the Secret Service about its state without loading a
 * native module that may crash the process (see docs/keychain.md).
 */

/** An error reply from the bus or a service: `name` is the D-Bus error name. */
export class DBusError extends Error {
  readonly errorName: string;

  constructor(errorName: string, message: string) {
    super(message);
    this.name = 'DBusError';
    this.errorName = errorName;
  }
}

export interface DBusCall {
  readonly destination: string;
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  readonly signature?: string;
  readonly body?: readonly DBusValue[];
  readonly timeoutMs?: number;
}

export interface DBusSignal {
  readonly path: string;
  readonly interface: string;
  readonly member: string;
  readonly body: DBusValue[];
}

const TYPE = { call: 1, reply: 2, error: 3, signal: 4 } as const;
const FIELD = {
  path: 1,
  interface: 2,
  member: 3,
  errorName: 4,
  replySerial: 5,
  destination: 6,
  sender: 7,
  signature: 8,
} as const;
const HEADER_SIGNATURE = 'yyyyuua(yv)';
const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * The session bus address as libdbus and GDBus find it: DBUS_SESSION_BUS_ADDRESS, else the
 * per-user socket `$XDG_RUNTIME_DIR/bus` when it exists. Null when there is no session bus.
 */
export function sessionBusAddress(
  env: Readonly<Record<string, string | undefined>>,
): string | null {
  if (env.DBUS_SESSION_BUS_ADDRESS) return env.DBUS_SESSION_BUS_ADDRESS;
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime && existsSync(join(runtime, 'bus'))) return `unix:path=${join(runtime, 'bus')}`;
  return null;
}

/** The socket path of the first `unix:path=` or `unix:abstract=` entry of a bus address. */
export function socketPathOf(address: string): string | null {
  for (const entry of address.split(';')) {
    const [transport, rest = ''] = entry.split(/:(.*)/s);
    if (transport !== 'unix') continue;
    const params = new Map(
      rest.split(',').map((pair) => {
        const eq = pair.indexOf('=');
        return [pair.slice(0, eq), decodeURIComponent(pair.slice(eq + 1))] as const;
      }),
    );
    const path = params.get('path');
    if (path) return path;
    const abstract = params.get('abstract');
    if (abstract) return `\0${abstract}`;
  }
  return null;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DBusError('cloudmeter.Timeout', `${what}: no answer in ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function text(value: DBusValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

interface Pending {
  resolve: (body: DBusValue[]) => void;
  reject: (error: Error) => void;
}

export class DBusConnection {
  private readonly socket: Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private serial = 0;
  private readonly pending = new Map<number, Pending>();
  private readonly signalListeners = new Set<(signal: DBusSignal) => void>();
  private failure: Error | null = null;

  private constructor(socket: Socket) {
    this.socket = socket;
  }

  /** Connects, authenticates (EXTERNAL: the process's uid) and says Hello. */
  static async open(address: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<DBusConnection> {
    const path = socketPathOf(address);
    if (path === null)
      throw new DBusError('cloudmeter.BadAddress', `unsupported D-Bus address "${address}"`);
    const socket = createConnection({ path });
    socket.unref();
    const connection = new DBusConnection(socket);
    try {
      await withTimeout(connection.authenticate(), timeoutMs, 'D-Bus authentication');
      await connection.call({
        destination: 'org.freedesktop.DBus',
        path: '/org/freedesktop/DBus',
        interface: 'org.freedesktop.DBus',
        member: 'Hello',
        timeoutMs,
      });
    } catch (error) {
      connection.close();
      throw error;
    }
    return connection;
  }

  close(): void {
    this.socket.destroy();
  }

  onSignal(listener: (signal: DBusSignal) => void): () => void {
    this.signalListeners.add(listener);
    return () => this.signalListeners.delete(listener);
  }

  async call(call: DBusCall): Promise<DBusValue[]> {
    if (this.failure) throw this.failure;
    const serial = ++this.serial;
    const fields: [number, Variant][] = [
      [FIELD.path, { signature: 'o', value: call.path }],
      [FIELD.interface, { signature: 's', value: call.interface }],
      [FIELD.member, { signature: 's', value: call.member }],
      [FIELD.destination, { signature: 's', value: call.destination }],
    ];
    const body = new WireWriter();
    if (call.signature) {
      fields.push([FIELD.signature, { signature: 'g', value: call.signature }]);
      body.write(call.signature, call.body ?? []);
    }
    const header = new WireWriter();
    header.write(HEADER_SIGNATURE, [
      'l'.charCodeAt(0),
      TYPE.call,
      0,
      1,
      body.length,
      serial,
      fields,
    ]);
    header.align(8);
    const reply = new Promise<DBusValue[]>((resolve, reject) => {
      this.pending.set(serial, { resolve, reject });
    });
    this.socket.write(Buffer.concat([header.result(), body.result()]));
    try {
      return await withTimeout(
        reply,
        call.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        `${call.interface}.${call.member}`,
      );
    } finally {
      this.pending.delete(serial);
    }
  }

  private authenticate(): Promise<void> {
    return new Promise((resolve, reject) => {
      let text = '';
      const onClose = () =>
        reject(new DBusError('cloudmeter.Closed', 'the bus closed the connection'));
      const onData = (chunk: Buffer) => {
        text += chunk.toString('latin1');
        const end = text.indexOf('\r\n');
        if (end === -1) return;
        this.socket.off('data', onData);
        this.socket.off('error', reject);
        this.socket.off('close', onClose);
        const line = text.slice(0, end);
        if (!line.startsWith('OK ')) {
          reject(new DBusError('cloudmeter.AuthFailed', `D-Bus refused authentication: ${line}`));
          return;
        }
        this.socket.on('data', (data: Buffer) => this.receive(data));
        this.socket.on('error', (error) => this.fail(error));
        this.socket.on('close', () => this.fail(new DBusError('cloudmeter.Closed', 'bus closed')));
        this.socket.write('BEGIN\r\n');
        resolve();
      };
      this.socket.on('data', onData);
      this.socket.once('error', reject);
      this.socket.once('close', onClose);
      const uid = Buffer.from(String(process.getuid?.() ?? 0)).toString('hex');
      this.socket.write(`\0AUTH EXTERNAL ${uid}\r\n`);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }

  private receive(data: Buffer): void {
    this.buffer = this.buffer.length === 0 ? data : Buffer.concat([this.buffer, data]);
    while (this.buffer.length >= 16) {
      const little = this.buffer[0] === 'l'.charCodeAt(0);
      const bodyLength = little ? this.buffer.readUInt32LE(4) : this.buffer.readUInt32BE(4);
      const fieldsLength = little ? this.buffer.readUInt32LE(12) : this.buffer.readUInt32BE(12);
      const bodyStart = Math.ceil((16 + fieldsLength) / 8) * 8;
      const total = bodyStart + bodyLength;
      if (this.buffer.length < total) return;
      const message = new Uint8Array(this.buffer.subarray(0, total));
      this.buffer = this.buffer.subarray(total);
      try {
        this.dispatch(message, little, bodyStart);
      } catch (error) {
        this.fail(error instanceof Error ? error : new Error(String(error)));
        this.close();
        return;
      }
    }
  }

  private dispatch(message: Uint8Array, little: boolean, bodyStart: number): void {
    const reader = new WireReader(message, little);
    const [, type, , , , , rawFields] = reader.read(HEADER_SIGNATURE);
    const fields = new Map(
      (rawFields as [number, Variant][]).map(([code, variant]) => [code, variant.value]),
    );
    reader.offset = bodyStart;
    const signature = fields.get(FIELD.signature);
    const body = typeof signature === 'string' && signature !== '' ? reader.read(signature) : [];
    if (type === TYPE.signal) {
      const signal: DBusSignal = {
        path: text(fields.get(FIELD.path)),
        interface: text(fields.get(FIELD.interface)),
        member: text(fields.get(FIELD.member)),
        body,
      };
      for (const listener of this.signalListeners) listener(signal);
      return;
    }
    const waiting = this.pending.get(Number(fields.get(FIELD.replySerial)));
    if (!waiting) return;
    if (type === TYPE.error) {
      const name = text(fields.get(FIELD.errorName));
      waiting.reject(new DBusError(name, typeof body[0] === 'string' ? body[0] : name));
    } else waiting.resolve(body);
  }
}
