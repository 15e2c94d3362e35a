import { describe, expect, it } from 'vitest';
import { checkProviderUsage } from '../../src-main/core/usage-check.ts';
import { meter } from './fixtures.ts';

const valid = () => ({
  meters: [meter('transfer:jp-east')],
  samples: [
    { meterId: 'transfer:jp-east', at: 1_000, value: 5, dataAsOf: 2_000, resolution: 'day' },
  ],
});

describe("checking an adapter's output", () => {
  it('accepts valid usage and fills the defaults', () => {
    const result = checkProviderUsage(valid());
    expect(result).toEqual({
      ok: true,
      usage: { ...valid(), quotas: [], forecasts: [], notices: [] },
    });
  });

  it.each([
    [
      'a sample of an unknown meter',
      { meterId: 'nope', at: 1, value: 1 },
      /samples\[0\]\.meterId: not one of the meters \(nope\)/,
    ],
    [
      'a value that is not a finite number',
      { meterId: 'transfer:jp-east', at: 1, value: Number.NaN },
      /samples\[0\]\.value: not a finite number/,
    ],
    [
      'a fractional instant',
      { meterId: 'transfer:jp-east', at: 1.5, value: 1 },
      /samples\[0\]\.at: not an instant/,
    ],
    [
      'a negative data-as-of',
      { meterId: 'transfer:jp-east', at: 1, value: 1, dataAsOf: -1 },
      /samples\[0\]\.dataAsOf/,
    ],
    [
      'an unknown resolution',
      { meterId: 'transfer:jp-east', at: 1, value: 1, resolution: 'week' },
      /samples\[0\]\.resolution/,
    ],
    ['a sample that is not an object', null, /samples\[0\]\.not an object/],
  ])('refuses %s, naming the sample', (_name, sample, message) => {
    const result = checkProviderUsage({ ...valid(), samples: [sample] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.join('; ')).toMatch(message);
  });

  it('refuses a broken meter through the schema, naming the field', () => {
    const result = checkProviderUsage({
      ...valid(),
      meters: [{ ...meter('m'), unit: 'furlongs' }],
    });
    expect(!result.ok && result.problems[0]).toMatch(/^meters\[0\]\.unit/);
  });
});
