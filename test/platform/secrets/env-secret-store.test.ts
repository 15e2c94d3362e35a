import { describe, expect, it } from 'vitest';
import {
  createEnvSecretStore,
  secretEnvName,
} from '../../../src-main/platform/secrets/env-secret-store.ts';

describe('the environment-variable secret source', () => {
  it('names variables CLOUDMETER_SECRET_<ACCOUNT>_<FIELD>', () => {
    expect(secretEnvName('idcf-main', 'secretKey')).toBe('CLOUDMETER_SECRET_IDCF_MAIN_SECRET_KEY');
    expect(secretEnvName('cdn.eu_2', 'apiKey')).toBe('CLOUDMETER_SECRET_CDN_EU_2_API_KEY');
    expect(secretEnvName('seeweb', 'token')).toBe('CLOUDMETER_SECRET_SEEWEB_TOKEN');
  });

  it('reads a set variable, treats an empty one as absent, and lists nothing', async () => {
    const store = createEnvSecretStore({
      CLOUDMETER_SECRET_IDCF_MAIN_API_KEY: 'from-the-environment',
      CLOUDMETER_SECRET_IDCF_MAIN_SECRET_KEY: '',
    });
    expect(await store.get('idcf-main', 'apiKey')).toBe('from-the-environment');
    expect(await store.get('idcf-main', 'secretKey')).toBeNull();
    expect(await store.get('other', 'apiKey')).toBeNull();
    expect(await store.list()).toEqual([]);
  });

  it('refuses to store or delete, naming the variable to set instead', async () => {
    const store = createEnvSecretStore({});
    await expect(store.set('idcf-main', 'apiKey', 'x')).rejects.toMatchObject({
      problem: 'read-only',
      message: expect.stringContaining(
        'set CLOUDMETER_SECRET_IDCF_MAIN_API_KEY in the job',
      ) as unknown,
    });
    await expect(store.delete('idcf-main', 'apiKey')).rejects.toMatchObject({
      problem: 'read-only',
    });
  });
});
