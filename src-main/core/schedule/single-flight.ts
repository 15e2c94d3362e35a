/**
 * At most one run per key at a time: a second caller while one is in flight gets the same
 * promise instead of starting another (a manual refresh joins the scheduled poll of that
 * account). Once the run settles, the next call starts a new one.
 */
export class SingleFlight<K, T> {
  readonly #running = new Map<K, Promise<T>>();

  /** Runs `task` for `key`, or joins the run already in flight; `joined` says which. */
  run(key: K, task: () => Promise<T>): { readonly promise: Promise<T>; readonly joined: boolean } {
    const current = this.#running.get(key);
    if (current) return { promise: current, joined: true };
    let promise: Promise<T>;
    try {
      promise = task();
    } catch (error) {
      promise = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    this.#running.set(key, promise);
    const forget = () => {
      if (this.#running.get(key) === promise) this.#running.delete(key);
    };
    // Cleanup must not turn a rejection into an unhandled one: callers handle `promise`.
    void promise.then(forget, forget);
    return { promise, joined: false };
  }

  isRunning(key: K): boolean {
    return this.#running.has(key);
  }

  /** What is in flight now, e.g. to await on shutdown. */
  inFlight(): Promise<T>[] {
    return [...this.#running.values()];
  }
}
