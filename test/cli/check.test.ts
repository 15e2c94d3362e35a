import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src-main/core/provider-error.ts';
import { demoAdapter } from '../../src-main/providers/demo/demo.adapter.ts';
import { createRegistry } from '../../src-main/providers/index.ts';
import type { ProviderAdapter } from '../../src-main/providers/provider.ts';
import { renderUsageText } from '../../src-main/cli/format/usage-text.ts';
import { ProviderDescriptorSchema } from '../../src-shared/domain/provider-descriptor.ts';
import { snapshot, usage } from '../core/alerts/helpers.ts';
import { at, GB } from '../core/fixtures.ts';
import { runCliForTest } from '../support/cli.ts';
import { tempDir } from '../support/temp-dir.ts';

async function configWith(content: unknown): Promise<string> {
  const file = join(await tempDir(), 'config.json');
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The demo account with a transfer quota sized to land at a chosen level. */
const demoWithTransferQuota = (gigabytes: number) => ({
  version: 1,
  accounts: [
    {
      id: 'sim',
      provider: 'demo',
      label: 'Simulated',
      quotas: [
        {
          id: 'transfer',
          match: { kind: 'transfer-total' },
          limit: { amount: gigabytes, unit: 'GB' },
        },
        { id: 'storage', match: { kind: 'storage' }, limit: { amount: 10, unit: 'TB' } },
        { id: 'budget', match: { kind: 'cost' }, limit: { amount: 10_000, unit: 'EUR' } },
      ],
    },
  ],
});

async function checkSchemaValidator() {
  const schema = JSON.parse(
    await readFile(new URL('../../docs/check.schema.json', import.meta.url), 'utf8'),
  ) as object;
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}

describe('cloudmeter check', () => {
  it('shows the demo account when no config exists', async () => {
    const run = await runCliForTest(['check'], { configFile: '/nonexistent/config.json' });
    expect(run.stdout).toContain('Demo account (simulated)  [demo, Demo]  ok');
    expect(run.stdout).toMatch(/Data transfer\s+\d+ GB\s+1 TB\s+\d+\.\d %/);
    expect(run.stderr).toBe('');
  });

  it('prints JSON that validates against the published schema', async () => {
    const run = await runCliForTest(['check', '--json'], {
      configFile: '/nonexistent/config.json',
    });
    const report = JSON.parse(run.stdout) as {
      accounts: { meters: unknown[]; demo: boolean }[];
      exitCode: number;
    };
    const validate = await checkSchemaValidator();
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.accounts[0]!.demo).toBe(true);
    expect(report.accounts[0]!.meters).toHaveLength(3);
    expect(report.exitCode).toBe(run.code);
  });

  it('the published schema rejects a report that breaks it', async () => {
    const validate = await checkSchemaValidator();
    expect(validate({ generatedAt: 'yesterday', status: 'fine', exitCode: 7, accounts: [] })).toBe(
      false,
    );
  });

  it.each([
    [0.5, 0, 'OK'],
    [0.85, 1, 'WARNING'],
    [0.97, 2, 'CRITICAL'],
    [1.2, 2, 'CRITICAL'],
  ])(
    'exits by the worst level: transfer at %f of its quota gives %i',
    async (share, code, word) => {
      const now = '2026-11-21T12:00:00Z';
      const probe = await runCliForTest(['check', '--json'], {
        configFile: await configWith(demoWithTransferQuota(1e6)),
        now,
      });
      const used = (
        JSON.parse(probe.stdout) as { accounts: { meters: { kind: string; used: number }[] }[] }
      ).accounts[0]!.meters.find((m) => m.kind === 'transfer-total')!.used;
      const run = await runCliForTest(['check'], {
        configFile: await configWith(demoWithTransferQuota(used / 1e9 / share)),
        now,
      });
      expect(run.code).toBe(code);
      expect(run.stdout).toContain(`Status: ${word} (exit ${code})`);
    },
  );

  it('exits 3 when an account cannot be read, and still reports the others', async () => {
    const failing: ProviderAdapter = {
      descriptor: ProviderDescriptorSchema.parse({
        ...demoAdapter.descriptor,
        id: 'idcf',
        displayName: 'Broken',
        demo: false,
      }),
      checkCredentials: () => Promise.reject(new Error('unused')),
      discover: () => Promise.resolve({}),
      fetchUsage: () =>
        Promise.reject(
          new ProviderError(
            'auth',
            'Broken billing: credentials rejected (HTTP 401): bad signature',
          ),
        ),
    };
    const config = await configWith({
      version: 1,
      accounts: [
        ...demoWithTransferQuota(5_000).accounts,
        { id: 'broken', provider: 'idcf', label: 'Broken one' },
      ],
    });
    const run = await runCliForTest(['check'], {
      configFile: config,
      providers: createRegistry([demoAdapter, failing]),
    });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(
      'Broken one  [broken, Broken]  error (auth): Broken billing: credentials rejected (HTTP 401): bad signature',
    );
    expect(run.stdout).toContain('→ check the credentials');
    expect(run.stdout).toContain('Simulated  [sim, Demo]  ok');
  });

  it('checks only the named account, and refuses an unknown one', async () => {
    const config = await configWith({
      version: 1,
      accounts: [
        ...demoWithTransferQuota(5_000).accounts,
        { ...demoWithTransferQuota(5_000).accounts[0], id: 'other', label: 'Other' },
      ],
    });
    const run = await runCliForTest(['check', '--account', 'other', '--json'], {
      configFile: config,
    });
    expect(
      (JSON.parse(run.stdout) as { accounts: { id: string }[] }).accounts.map((a) => a.id),
    ).toEqual(['other']);
    const unknown = await runCliForTest(['check', '--account', 'nope'], { configFile: config });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('no account "nope"');
  });

  it('prints a forecast whose two ends print alike as one amount', () => {
    const line = (label: string, low: number, high: number) =>
      usage({ label, used: 500 * GB, now: at('2026-11-21T12:00:00Z'), forecast: { low, high } });
    const lines = [line('narrow', 812.3 * GB, 812.4 * GB), line('wide', 700 * GB, 900 * GB)];
    const text = renderUsageText([snapshot(lines)], 'si', () => 'IDCF');
    expect(text).toMatch(/narrow +500 GB +1 TB +50\.0 % +812 GB +ok/);
    expect(text).toMatch(/wide +500 GB +1 TB +50\.0 % +700 GB – 900 GB +ok/);
  });

  it('refuses an unknown option in words that say whose it is and what the options are', async () => {
    const run = await runCliForTest(['check', '--bogus'], { configFile: '/nonexistent/c.json' });
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr.split('\n').slice(0, 3)).toEqual([
      expect.stringMatching(/^cloudmeter: Unknown option '--bogus'/),
      expect.stringMatching(/^Usage: cloudmeter check \[--config FILE\]/),
      'Run `cloudmeter check --help` for the options.',
    ]);
  });

  it.each([
    [
      'an unknown provider',
      { version: 1, accounts: [{ id: 'a', provider: 'aws', label: 'A' }] },
      /account "a" \(accounts\[0\]\): provider: unknown provider "aws"/,
    ],
    [
      'a missing field',
      { version: 1, accounts: [{ id: 'a', provider: 'demo' }] },
      /account "a" \(accounts\[0\]\): label: /,
    ],
    [
      'a secret',
      {
        version: 1,
        accounts: [
          { id: 'a', provider: 'demo', label: 'A', options: { apiKey: 'hunter2hunter2' } },
        ],
      },
      /account "a" \(accounts\[0\]\): options\.apiKey: looks like a secret/,
    ],
    [
      'a time zone the core cannot compute in',
      {
        version: 1,
        accounts: [
          {
            ...demoWithTransferQuota(5_000).accounts[0],
            quotas: [
              {
                ...demoWithTransferQuota(5_000).accounts[0]!.quotas[0],
                period: { timeZone: 'JST' },
              },
            ],
          },
        ],
      },
      /account "sim" \(accounts\[0\]\): quotas\[0\]\.period\.timeZone: not an IANA time zone/,
    ],
    ['broken JSON', '{"version": 1, "accounts": [', /not valid JSON/],
  ])(
    'with %s: one error line naming file and place, exit 3, file untouched',
    async (_name, content, message) => {
      const file = await configWith(content);
      const before = { text: await readFile(file, 'utf8'), mtime: (await stat(file)).mtimeMs };
      const run = await runCliForTest(['check'], { configFile: file });
      expect(run.code).toBe(3);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.startsWith(`${file}: `)).toBe(true);
      expect(lines[0]).toMatch(message);
      expect(lines[0]).not.toContain('hunter2');
      expect(await readFile(file, 'utf8')).toBe(before.text);
      expect((await stat(file)).mtimeMs).toBe(before.mtime);
    },
  );
});
