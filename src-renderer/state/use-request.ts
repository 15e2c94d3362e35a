import { useEffect, useState } from 'react';
import { asBridgeError, type BridgeError } from '../bridge.ts';

export type RequestState<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'failed'; readonly error: BridgeError };

const LOADING = { state: 'loading' } as const;

/**
 * Runs `load` (memoise it with useCallback) and keeps its answer; an answer to an earlier
 * `load` that arrives late is dropped. A change of `again` asks again with the same `load`,
 * keeping the previous answer on screen until the new one arrives.
 */
export function useRequest<T>(load: (() => Promise<T>) | null, again?: unknown): RequestState<T> {
  const [result, setResult] = useState<{ load: unknown; state: RequestState<T> }>({
    load: null,
    state: LOADING,
  });
  useEffect(() => {
    if (!load) return;
    let live = true;
    load().then(
      (value) => live && setResult({ load, state: { state: 'ready', value } }),
      (error: unknown) =>
        live && setResult({ load, state: { state: 'failed', error: asBridgeError(error) } }),
    );
    return () => {
      live = false;
    };
  }, [load, again]);
  return result.load === load ? result.state : LOADING;
}
