import { z } from 'zod';
import { CheckReportSchema } from '../src-main/cli/check-report.ts';
import { ConfigSchema } from '../src-shared/domain/config.ts';

/**
 * The JSON Schemas published in docs/, generated from the zod schemas the code validates with,
 * so that the documentation cannot drift from the code (a test compares them).
 */
export function schemaDocuments(): Record<string, unknown> {
  return {
    'docs/config.schema.json': {
      ...z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' }),
      title: 'Cloudmeter config file',
      description:
        'Accounts, quotas, alert settings and preferences. Never contains a secret: credentials live in the OS keychain. Provider options are checked against each provider descriptor (docs/config.md).',
    },
    'docs/check.schema.json': {
      ...z.toJSONSchema(CheckReportSchema, { io: 'output', unrepresentable: 'any' }),
      title: 'cloudmeter check --json',
    },
  };
}

export function serialize(document: unknown): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
