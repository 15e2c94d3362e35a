import { describe, expect, it } from 'vitest';
import {
  flattenParams,
  formBody,
  signParams,
  signatureFor,
  stringToSign,
} from '../../../src-main/providers/surfercloud/surfercloud.sign.ts';

const PUBLIC_KEY = 'ucloudsomeone@example.com1296235120854146120';
const PRIVATE_KEY = '46f09bb9fab4f12dfc160dae12273d5332b5debe';
const keys = { publicKey: PUBLIC_KEY, privateKey: PRIVATE_KEY };

describe('SurferCloud signature', () => {
  it('matches the UCloud SDK test vector', () => {
    const signed = signParams(
      {
        Action: 'CreateUHostInstance',
        CPU: 2,
        ChargeType: 'Month',
        DiskSpace: 10,
        ImageId: 'f43736e1-65a5-4bea-ad2e-8a46e18883c2',
        LoginMode: 'Password',
        Memory: 2048,
        Name: 'Host01',
        Password: 'VUNsb3VkLmNu',
        Quantity: 1,
        Region: 'cn-bj2',
        Zone: 'cn-bj2-04',
      },
      keys,
    );
    expect(signed.Signature).toBe('4f9ef5df2abab2c6fccd1e9515cb7e2df8c6bb65');
  });

  it('matches the documentation vector with the documented PublicKey', () => {
    const params = { Action: 'DescribeUHostInstance', Limit: 10, Region: 'cn-bj2' };
    expect(signParams(params, keys).Signature).toBe('cba5cf5ec4d4233d206b1b54951e3787350a642f');
  });

  it('gives the corrected digest for the PublicKey the SurferCloud page prints by mistake', () => {
    const params = { Action: 'DescribeUHostInstance', Limit: 10, Region: 'cn-bj2' };
    const signed = signParams(params, {
      publicKey: 'someone@example.com1296235120854146120',
      privateKey: PRIVATE_KEY,
    });
    expect(signed.Signature).toBe('4201919d267504385deb93af19e0197870fed36b');
    expect(signed.Signature).not.toBe('cba5cf5ec4d4233d206b1b54951e3787350a642f');
  });

  it('matches the computed GetThroughputDailyBillingInfo vector', () => {
    const signed = signParams(
      {
        Action: 'GetThroughputDailyBillingInfo',
        EIPId: 'eip-abc123',
        EndTime: 1706745600,
        ProjectId: 'org-xyz',
        Region: 'us-ca',
        StartTime: 1704067200,
      },
      keys,
    );
    expect(signed.Signature).toBe('b31263b2f326c394d98a77ec2f9ea43659e066ad');
  });

  it('concatenates sorted keys and raw values with no separators, then the private key', () => {
    expect(stringToSign({ b: '2', a: 'x@y z', Signature: 'ignored' }, 'PK')).toBe('ax@y zb2PK');
    // Byte order: upper case sorts before lower case, as Go's sort.Strings does.
    expect(stringToSign({ a: '1', B: '2', 'A.0': '3' }, '')).toBe('A.03B2a1');
  });

  it('writes booleans, integral floats and arrays the way the SDKs do', () => {
    expect(
      flattenParams({
        Flag: true,
        Off: false,
        Size: 42.0,
        Ratio: 0.5,
        Tiny: 1.5e-7,
        Big: 1e21,
        EIPIds: ['eip-a', 'eip-b'],
        Disks: [{ IsBoot: true, Size: 20 }],
        Skipped: undefined,
      }),
    ).toEqual({
      Flag: 'true',
      Off: 'false',
      Size: '42',
      Ratio: '0.5',
      Tiny: '0.00000015',
      Big: '1000000000000000000000',
      'EIPIds.0': 'eip-a',
      'EIPIds.1': 'eip-b',
      'Disks.0.IsBoot': 'true',
      'Disks.0.Size': '20',
    });
    expect(() => flattenParams({ Bad: Number.NaN })).toThrow(/Bad/);
  });

  it('signs raw values and URL-encodes only the body it sends', () => {
    const signed = signParams({ Action: 'GetRegion' }, keys);
    expect(signed.Signature).toBe(
      signatureFor({ Action: 'GetRegion', PublicKey: PUBLIC_KEY }, PRIVATE_KEY),
    );
    const body = formBody(signed);
    expect(body).toContain('PublicKey=ucloudsomeone%40example.com1296235120854146120');
    expect(new URLSearchParams(body).get('PublicKey')).toBe(PUBLIC_KEY);
    expect(body).not.toContain(PRIVATE_KEY);
  });
});
