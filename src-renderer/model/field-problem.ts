import type { z } from 'zod';

/**
 * What is wrong with a form field, as a code the view puts into words in the user's language
 * (field-input.tsx, useProblemWords): never a schema's own English message.
 */
export type FieldProblem =
  | { readonly code: 'required' }
  | { readonly code: 'pattern' }
  | { readonly code: 'number' }
  | { readonly code: 'wholeNumber' }
  | { readonly code: 'min'; readonly min: number }
  | { readonly code: 'max'; readonly max: number }
  | { readonly code: 'tooLong'; readonly max: number }
  | { readonly code: 'choice' }
  | { readonly code: 'id' }
  | { readonly code: 'url' }
  | { readonly code: 'invalid' };

/** What the form knows about the field an issue is about, beyond the issue itself. */
export interface FieldHint {
  /** Nothing was given for the field (zod says only "expected string"). */
  readonly absent?: boolean;
  /** The field has a pattern of its own (a key's length and characters). */
  readonly pattern?: boolean;
  readonly number?: boolean;
}

/** A zod issue as a problem code; anything unforeseen is `invalid`, in general words. */
export function problemOfIssue(issue: z.core.$ZodIssue, hint: FieldHint = {}): FieldProblem {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number' && typeof issue.minimum === 'number')
        return { code: 'min', min: issue.minimum };
      return { code: 'required' };
    case 'too_big':
      if (typeof issue.maximum !== 'number') return { code: 'invalid' };
      return issue.origin === 'number'
        ? { code: 'max', max: issue.maximum }
        : { code: 'tooLong', max: issue.maximum };
    case 'invalid_type':
      if (hint.absent) return { code: 'required' };
      if (issue.expected === 'int') return { code: 'wholeNumber' };
      return hint.number || issue.expected === 'number' ? { code: 'number' } : { code: 'invalid' };
    case 'invalid_value':
      return { code: 'choice' };
    case 'invalid_format':
      if (issue.format === 'url') return { code: 'url' };
      return hint.pattern ? { code: 'pattern' } : { code: 'invalid' };
    default:
      return { code: 'invalid' };
  }
}
