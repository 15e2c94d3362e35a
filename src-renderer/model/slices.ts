/** A long computation run in slices between frames, which can be abandoned. */
export interface SlicedTask<T> {
  readonly promise: Promise<T>;
  cancel(): void;
}

/** Work per slice: under the 50 ms that makes a long task, so that input is never held up. */
const SLICE_MS = 30;

/**
 * Runs a generator that yields at safe points, about SLICE_MS at a time, giving the event
 * loop a turn in between (a message-channel task, not setTimeout, which browsers clamp).
 */
export function runInSlices<T>(steps: Generator<void, T>): SlicedTask<T> {
  const channel = new MessageChannel();
  let cancelled = false;
  const promise = new Promise<T>((resolve, reject) => {
    const slice = () => {
      if (cancelled) return;
      try {
        const until = performance.now() + SLICE_MS;
        for (;;) {
          const next = steps.next();
          if (next.done) {
            channel.port1.close();
            resolve(next.value);
            return;
          }
          if (performance.now() >= until) break;
        }
        channel.port2.postMessage(null);
      } catch (error) {
        channel.port1.close();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    };
    channel.port1.onmessage = slice;
    slice();
  });
  return {
    promise,
    cancel: () => {
      cancelled = true;
      channel.port1.close();
    },
  };
}
