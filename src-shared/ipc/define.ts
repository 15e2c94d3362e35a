import type { z } from 'zod';

/** One request channel: its arguments as a tuple and its result. */
export interface RequestSpec {
  readonly args: z.ZodTuple;
  readonly result: z.ZodType;
}

export type RequestTable = Readonly<Record<string, RequestSpec>>;
export type EventTable = Readonly<Record<string, z.ZodType>>;

export type ArgsOf<T extends RequestTable, C extends keyof T> = z.input<T[C]['args']>;
export type ParsedArgsOf<T extends RequestTable, C extends keyof T> = z.output<T[C]['args']>;
export type ResultOf<T extends RequestTable, C extends keyof T> = z.output<T[C]['result']>;
export type PayloadOf<T extends EventTable, E extends keyof T> = z.output<T[E]>;
