import { describe, expect, it } from 'vitest';
import {
  accountAlertFields,
  buildAccountAlerts,
  parseThresholds,
} from '../../src-renderer/model/alert-form.ts';
import { AccountSchema } from '../../src-shared/domain/account.ts';

describe('alert thresholds as typed', () => {
  it('inherit when both are empty and are checked like the config schema otherwise', () => {
    expect(parseThresholds({ warning: '', critical: ' ' })).toEqual({ ok: true, value: undefined });
    expect(parseThresholds({ warning: '50', critical: '90' })).toEqual({
      ok: true,
      value: { warningPercent: 50, criticalPercent: 90 },
    });
    expect(parseThresholds({ warning: '50', critical: '' })).toEqual({
      ok: false,
      problem: 'both',
    });
    expect(parseThresholds({ warning: '95', critical: '90' })).toEqual({
      ok: false,
      problem: 'order',
    });
    expect(parseThresholds({ warning: 'x', critical: '90' })).toEqual({
      ok: false,
      problem: 'number',
    });
    expect(parseThresholds({ warning: '-1', critical: '90' })).toEqual({
      ok: false,
      problem: 'number',
    });
  });
});

describe('an account’s alert block', () => {
  const previous = {
    thresholds: { warningPercent: 70, criticalPercent: 90 },
    meters: { a: { thresholds: { warningPercent: 10, criticalPercent: 20 }, forecast: false } },
  };

  it('round-trips what the config holds, keeping what the form does not show', () => {
    const built = buildAccountAlerts(accountAlertFields(previous), previous);
    expect(built).toEqual({ ok: true, value: previous });
  });

  it('writes only what differs from inheriting, and nothing at all when everything inherits', () => {
    const fields = accountAlertFields(undefined);
    expect(buildAccountAlerts(fields, undefined)).toEqual({ ok: true, value: undefined });
    const built = buildAccountAlerts(
      {
        ...fields,
        forecast: 'off',
        meters: {
          'transfer-total:jp-east': { thresholds: { warning: '50', critical: '90' }, muted: true },
        },
      },
      undefined,
    );
    expect(built).toEqual({
      ok: true,
      value: {
        forecast: false,
        meters: {
          'transfer-total:jp-east': {
            thresholds: { warningPercent: 50, criticalPercent: 90 },
            muted: true,
          },
        },
      },
    });
    if (built.ok) expect(AccountSchema.shape.alerts.parse(built.value)).toEqual(built.value);
  });

  it('names the lines whose thresholds are wrong', () => {
    const fields = accountAlertFields(undefined);
    expect(
      buildAccountAlerts(
        {
          ...fields,
          thresholds: { warning: '90', critical: '80' },
          meters: { x: { thresholds: { warning: '1', critical: '' }, muted: false } },
        },
        undefined,
      ),
    ).toEqual({ ok: false, problems: { account: 'order', x: 'both' } });
  });
});
