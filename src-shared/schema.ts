import { z } from 'zod';

/**
 * Messages for people: a field that is simply absent says so ("missing"), instead of zod's
 * "expected object, received undefined". Set once, for every schema in every process.
 */
z.config({
  customError: (issue) =>
    issue.code === 'invalid_type' && issue.input === undefined
      ? `missing (expected ${issue.expected})`
      : undefined,
});

/** One problem found while validating input, with a readable location. */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown when data from outside the process (a file, a provider, the renderer) does not have
 * the expected shape. `what` names the input ("config file /x/config.json", "IDCF response").
 */
export class SchemaParseError extends Error {
  readonly what: string;
  readonly issues: readonly SchemaIssue[];

  constructor(what: string, issues: readonly SchemaIssue[]) {
    super(`${what}: ${issues.map(formatIssue).join('; ')}`);
    this.name = 'SchemaParseError';
    this.what = what;
    this.issues = issues;
  }
}

export function formatIssue(issue: SchemaIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** `['accounts', 2, 'options', 'region']` → `accounts[2].options.region`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Flattens a zod error into path/message pairs, innermost union branch first. */
export function issuesOf(error: z.ZodError): SchemaIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/** Parses `value` or throws a SchemaParseError that names the input and every bad field. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new SchemaParseError(what, issuesOf(result.error));
  return result.data;
}
