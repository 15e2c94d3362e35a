import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DBusWireError,
  splitSignature,
  WireReader,
  WireWriter,
  type DBusValue,
} from '../../../src-main/platform/secrets/dbus/dbus-wire.ts';
import { socketPathOf } from '../../../src-main/platform/secrets/dbus/dbus-connection.ts';

function roundTrip(signature: string, values: DBusValue[]): DBusValue[] {
  const writer = new WireWriter();
  writer.write(signature, values);
  return new WireReader(writer.result(), true).read(signature);
}

describe('D-Bus marshalling', () => {
  it('splits signatures into complete types', () => {
    expect(splitSignature('sa{sv}o(ayb)u')).toEqual(['s', 'a{sv}', 'o', '(ayb)', 'u']);
    expect(() => splitSignature('a{sv')).toThrow(DBusWireError);
    expect(() => splitSignature('z')).toThrow(/unsupported type "z"/);
  });

  it('writes what the Secret Service calls take and reads it back', () => {
    const attributes = new Map([
      ['service', 'Cloudmeter'],
      ['account', 'idcf-main/apiKey'],
    ]);
    expect(roundTrip('a{ss}', [attributes])).toEqual([attributes]);
    expect(roundTrip('ao', [['/org/freedesktop/secrets/collection/login']])).toEqual([
      ['/org/freedesktop/secrets/collection/login'],
    ]);
    expect(
      roundTrip('yyyyuua(yv)', [108, 1, 0, 1, 0, 7, [[1, { signature: 'o', value: '/' }]]]),
    ).toEqual([108, 1, 0, 1, 0, 7, [[1, { signature: 'o', value: '/' }]]]);
  });

  it("pads by each type's alignment, as the specification lays it out", () => {
    const writer = new WireWriter();
    writer.write('yu', [1, 0x01020304]);
    expect([...writer.result()]).toEqual([1, 0, 0, 0, 4, 3, 2, 1]);
    const strings = new WireWriter();
    strings.write('s', ['ab']);
    expect([...strings.result()]).toEqual([2, 0, 0, 0, 97, 98, 0]);
  });

  it('reads big-endian messages too', () => {
    const bytes = new Uint8Array([0, 0, 0, 2, 0x68, 0x69, 0, 0, 0, 0, 0, 1]);
    expect(new WireReader(bytes, false).read('sb')).toEqual(['hi', true]);
  });

  it('round-trips strings, numbers and nested containers of any content', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 5 }),
        fc.dictionary(fc.string(), fc.string(), { maxKeys: 5 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: -0x80000000, max: 0x7fffffff }),
        fc.boolean(),
        (list, dict, u, i, b) => {
          const map = new Map(Object.entries(dict));
          const values: DBusValue[] = [list, map, u, i, b, { signature: 'as', value: list }];
          expect(roundTrip('asa{ss}uibv', values)).toEqual(values);
        },
      ),
    );
  });

  it('refuses a message that ends early instead of reading past it', () => {
    expect(() => new WireReader(new Uint8Array([9, 0, 0, 0, 97]), true).read('s')).toThrow(
      /message ends early/,
    );
  });

  it('finds the socket in unix:path= and unix:abstract= bus addresses', () => {
    expect(socketPathOf('unix:path=/run/user/1000/bus')).toBe('/run/user/1000/bus');
    expect(socketPathOf('tcp:host=x;unix:abstract=/tmp/dbus-Ab%2c1,guid=12')).toBe(
      '\0/tmp/dbus-Ab,1',
    );
    expect(socketPathOf('tcp:host=localhost,port=1')).toBeNull();
  });
});
