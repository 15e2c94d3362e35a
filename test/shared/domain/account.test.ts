import { describe, expect, it } from 'vitest';
import { BaseUrlSchema } from '../../../src-shared/domain/account.ts';

describe('an account’s base URL', () => {
  it('takes https anywhere and plain http only to this machine', () => {
    expect(BaseUrlSchema.safeParse('https://api.example.com/v1').success).toBe(true);
    expect(BaseUrlSchema.safeParse('http://127.0.0.1:8080').success).toBe(true);
    const remote = BaseUrlSchema.safeParse('http://api.example.com');
    expect(remote.error?.issues.map((i) => i.message)).toEqual([
      'must be an https:// URL (plain http is allowed only to 127.0.0.1 or localhost)',
    ]);
  });

  it('refuses what is not a URL with one problem, instead of throwing', () => {
    const result = BaseUrlSchema.safeParse('notaurl');
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
  });
});
