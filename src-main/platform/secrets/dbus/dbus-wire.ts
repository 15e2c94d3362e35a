/**
 * The D-Bus wire format (marshalling), the part of the specification the Secret Service probe
 * needs: basic types, arrays, structs, dict entries and variants, both byte orders on input.
 * https://dbus.freedesktop.org/doc/dbus-specification.html#message-protocol-marshaling
 */

export interface Variant {
  readonly signature: string;
  readonly value: DBusValue;
}

/** Structs are arrays; `a{..}` dicts are Maps; 64-bit integers are bigints. */
export type DBusValue =
  | string
  | number
  | bigint
  | boolean
  | Variant
  | readonly DBusValue[]
  | ReadonlyMap<DBusValue, DBusValue>;

export class DBusWireError extends Error {
  override name = 'DBusWireError';
}

const ALIGNMENT: Record<string, number> = {
  y: 1,
  b: 4,
  n: 2,
  q: 2,
  i: 4,
  u: 4,
  x: 8,
  t: 8,
  d: 8,
  h: 4,
  s: 4,
  o: 4,
  g: 1,
  v: 1,
  a: 4,
  '(': 8,
  '{': 8,
};

/** Index just past the single complete type that starts at `start` in `signature`. */
export function endOfType(signature: string, start: number): number {
  const code = signature[start];
  if (code === undefined) throw new DBusWireError(`signature "${signature}" ends early`);
  if (code === 'a') return endOfType(signature, start + 1);
  if (code === '(' || code === '{') {
    const close = code === '(' ? ')' : '}';
    let i = start + 1;
    while (signature[i] !== close) {
      if (i >= signature.length) throw new DBusWireError(`unbalanced signature "${signature}"`);
      i = endOfType(signature, i);
    }
    return i + 1;
  }
  if (!(code in ALIGNMENT)) throw new DBusWireError(`unsupported type "${code}" in "${signature}"`);
  return start + 1;
}

/** Splits a signature into its complete types: "sa{sv}o" → ["s", "a{sv}", "o"]. */
export function splitSignature(signature: string): string[] {
  const types: string[] = [];
  for (let i = 0; i < signature.length;) {
    const end = endOfType(signature, i);
    types.push(signature.slice(i, end));
    i = end;
  }
  return types;
}

function textOf(value: DBusValue): string {
  if (typeof value !== 'string') throw new DBusWireError(`expected a string, got ${typeof value}`);
  return value;
}

/** Writes little-endian D-Bus data; offsets (and so alignment) count from the message start. */
export class WireWriter {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  length = 0;

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  align(n: number): void {
    const target = Math.ceil(this.length / n) * n;
    this.reserve(target - this.length);
    this.length = target;
  }

  write(signature: string, values: readonly DBusValue[]): void {
    const types = splitSignature(signature);
    if (types.length !== values.length)
      throw new DBusWireError(`signature "${signature}" needs ${types.length} values`);
    types.forEach((type, i) => this.value(type, values[i]!));
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    bigger.set(this.bytes);
    this.bytes = bigger;
    this.view = new DataView(bigger.buffer);
  }

  private uint32(n: number): void {
    this.align(4);
    this.reserve(4);
    this.view.setUint32(this.length, n, true);
    this.length += 4;
  }

  private raw(data: Uint8Array): void {
    this.reserve(data.length);
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  private value(type: string, value: DBusValue): void {
    const code = type[0]!;
    switch (code) {
      case 'y':
        this.reserve(1);
        this.view.setUint8(this.length++, Number(value));
        return;
      case 'b':
        return this.uint32(value === true ? 1 : 0);
      case 'u':
      case 'h':
        return this.uint32(Number(value));
      case 'i':
        this.align(4);
        this.reserve(4);
        this.view.setInt32(this.length, Number(value), true);
        this.length += 4;
        return;
      case 's':
      case 'o': {
        const text = new TextEncoder().encode(textOf(value));
        this.uint32(text.length);
        this.raw(text);
        return this.raw(new Uint8Array(1));
      }
      case 'g': {
        const text = new TextEncoder().encode(textOf(value));
        this.reserve(1);
        this.view.setUint8(this.length++, text.length);
        this.raw(text);
        return this.raw(new Uint8Array(1));
      }
      case 'v': {
        const variant = value as Variant;
        this.value('g', variant.signature);
        return this.value(variant.signature, variant.value);
      }
      case 'a': {
        const element = type.slice(1);
        this.uint32(0);
        const lengthAt = this.length - 4;
        this.align(ALIGNMENT[element[0]!]!);
        const start = this.length;
        const items: readonly DBusValue[] =
          value instanceof Map ? [...value.entries()] : (value as readonly DBusValue[]);
        for (const item of items) this.value(element, item);
        this.view.setUint32(lengthAt, this.length - start, true);
        return;
      }
      case '(':
      case '{': {
        this.align(8);
        const fields = splitSignature(type.slice(1, -1));
        const items = value as readonly DBusValue[];
        fields.forEach((field, i) => this.value(field, items[i]!));
        return;
      }
      default:
        throw new DBusWireError(`cannot write type "${type}"`);
    }
  }
}

/** Reads D-Bus data in either byte order; offsets count from the message start. */
export class WireReader {
  private readonly view: DataView;
  private readonly bytes: Uint8Array;
  private readonly little: boolean;
  offset: number;

  constructor(bytes: Uint8Array, littleEndian: boolean, offset = 0) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.little = littleEndian;
    this.offset = offset;
  }

  align(n: number): void {
    this.offset = Math.ceil(this.offset / n) * n;
  }

  read(signature: string): DBusValue[] {
    return splitSignature(signature).map((type) => this.value(type));
  }

  private need(n: number): void {
    if (this.offset + n > this.bytes.length) throw new DBusWireError('message ends early');
  }

  private fixed(size: number, get: (at: number) => number | bigint): number | bigint {
    this.align(size);
    this.need(size);
    const value = get(this.offset);
    this.offset += size;
    return value;
  }

  private uint32(): number {
    return Number(this.fixed(4, (at) => this.view.getUint32(at, this.little)));
  }

  private text(length: number): string {
    this.need(length + 1);
    const text = new TextDecoder().decode(this.bytes.subarray(this.offset, this.offset + length));
    this.offset += length + 1;
    return text;
  }

  private value(type: string): DBusValue {
    const v = this.view;
    const le = this.little;
    switch (type[0]) {
      case 'y':
        return this.fixed(1, (at) => v.getUint8(at));
      case 'b':
        return this.uint32() !== 0;
      case 'n':
        return this.fixed(2, (at) => v.getInt16(at, le));
      case 'q':
        return this.fixed(2, (at) => v.getUint16(at, le));
      case 'i':
        return this.fixed(4, (at) => v.getInt32(at, le));
      case 'u':
      case 'h':
        return this.uint32();
      case 'x':
        return this.fixed(8, (at) => v.getBigInt64(at, le));
      case 't':
        return this.fixed(8, (at) => v.getBigUint64(at, le));
      case 'd':
        return this.fixed(8, (at) => v.getFloat64(at, le));
      case 's':
      case 'o':
        return this.text(this.uint32());
      case 'g': {
        this.need(1);
        return this.text(v.getUint8(this.offset++));
      }
      case 'v': {
        const signature = this.value('g') as string;
        return { signature, value: this.value(signature) };
      }
      case 'a': {
        const element = type.slice(1);
        const length = this.uint32();
        this.align(ALIGNMENT[element[0]!]!);
        const end = this.offset + length;
        this.need(length);
        const items: DBusValue[] = [];
        while (this.offset < end) items.push(this.value(element));
        if (element[0] !== '{') return items;
        return new Map(items.map((entry) => entry as [DBusValue, DBusValue]));
      }
      case '(':
      case '{': {
        this.align(8);
        return splitSignature(type.slice(1, -1)).map((field) => this.value(field));
      }
      default:
        throw new DBusWireError(`cannot read type "${type}"`);
    }
  }
}
