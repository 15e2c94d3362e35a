import { describe, expect, it } from 'vitest';
import {
  basicAuthorization,
  isUsableApiKey,
} from '../../../src-main/providers/memset/memset.sign.ts';

describe('Memset Basic authentication', () => {
  it.each([
    // The key is the user name, the password an arbitrary "x" (providers.md §2.2).
    ['a1b2c3d4e5f60718293a4b5c6d7e8f90', 'Basic YTFiMmMzZDRlNWY2MDcxODI5M2E0YjVjNmQ3ZThmOTA6eA=='],
    // The sample key of the Ansible Memset modules' documentation.
    ['5eb86c9196ab03919abcf03857163741', 'Basic NWViODZjOTE5NmFiMDM5MTlhYmNmMDM4NTcxNjM3NDE6eA=='],
  ])('sends key %s as %s', (key, header) => {
    expect(isUsableApiKey(key)).toBe(true);
    expect(basicAuthorization(key)).toBe(header);
  });

  it.each(['', 'abc:def', 'abc def', 'abc\ndef', 'clé'])(
    'refuses %j, which cannot be a Basic user name',
    (key) => {
      expect(isUsableApiKey(key)).toBe(false);
    },
  );
});
