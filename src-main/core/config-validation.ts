import {
  ConfigSchema,
  findSecretLikeKeys,
  secretKeyMessage,
  type Config,
} from '../../src-shared/domain/config.ts';
import type { ProviderId } from '../../src-shared/domain/provider-id.ts';
import {
  optionsSchemaFor,
  secretFieldKeys,
  type ProviderDescriptor,
} from '../../src-shared/domain/provider-descriptor.ts';
import { formatPath } from '../../src-shared/schema.ts';

export type ConfigValidation =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly problems: string[] };

type DescriptorLookup = (id: ProviderId) => ProviderDescriptor | undefined;

function accountAt(raw: unknown, index: number): unknown {
  if (raw === null || typeof raw !== 'object') return undefined;
  const accounts = (raw as { accounts?: unknown }).accounts;
  return Array.isArray(accounts) ? (accounts[index] as unknown) : undefined;
}

function accountIdAt(raw: unknown, index: number): string | null {
  const account = accountAt(raw, index);
  const id =
    account !== null && typeof account === 'object' ? (account as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
}

/** `account "idcf-main" (accounts[2]): options.region` — the account by id, then the field. */
export function describeLocation(raw: unknown, path: readonly PropertyKey[]): string {
  if (path[0] === 'accounts' && typeof path[1] === 'number') {
    const id = accountIdAt(raw, path[1]);
    const who = id === null ? `accounts[${path[1]}]` : `account "${id}" (accounts[${path[1]}])`;
    const rest = formatPath(path.slice(2));
    return rest ? `${who}: ${rest}` : who;
  }
  return formatPath(path) || '(top level)';
}

function secretProblem(raw: unknown, path: (string | number)[]): string {
  const id =
    path[0] === 'accounts' && typeof path[1] === 'number' ? accountIdAt(raw, path[1]) : null;
  return `${describeLocation(raw, path)}: ${secretKeyMessage(id, String(path.at(-1)))}`;
}

/**
 * Checks a parsed config file: no secrets, the schema, then each account against its
 * provider's descriptor. Every problem is one line that names the account and the field.
 */
export function validateConfig(raw: unknown, descriptorFor: DescriptorLookup): ConfigValidation {
  const secrets = findSecretLikeKeys(raw);
  if (secrets.length > 0)
    return { ok: false, problems: secrets.map((path) => secretProblem(raw, path)) };

  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (issue) => `${describeLocation(raw, issue.path)}: ${issue.message}`,
      ),
    };
  }
  const problems: string[] = [];
  parsed.data.accounts.forEach((account, index) => {
    const where = (field: string) =>
      describeLocation(raw, ['accounts', index, ...field.split('.')]);
    const descriptor = descriptorFor(account.provider);
    if (!descriptor) {
      problems.push(
        `${where('provider')}: provider "${account.provider}" is not available in this version`,
      );
      return;
    }
    for (const key of secretFieldKeys(descriptor)) {
      if (key in account.options)
        problems.push(secretProblem(raw, ['accounts', index, 'options', key]));
    }
    const options = optionsSchemaFor(descriptor).safeParse(account.options);
    if (!options.success) {
      for (const issue of options.error.issues) {
        problems.push(
          `${describeLocation(raw, ['accounts', index, 'options', ...issue.path])}: ${issue.message}`,
        );
      }
    }
    if (
      account.pollIntervalMinutes !== undefined &&
      account.pollIntervalMinutes < descriptor.minPollMinutes
    ) {
      problems.push(
        `${where('pollIntervalMinutes')}: ${descriptor.displayName} allows at most one poll every ${descriptor.minPollMinutes} minutes`,
      );
    }
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config: parsed.data };
}

/** Parses config text; broken JSON becomes one problem line with the parser's position. */
export function validateConfigText(
  text: string,
  descriptorFor: DescriptorLookup,
): ConfigValidation {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  return validateConfig(raw, descriptorFor);
}
