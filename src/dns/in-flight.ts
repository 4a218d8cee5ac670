// Identical queries asked at the same time share one network exchange. Each caller can still
// give up on its own (its AbortSignal rejects only its own wait); the shared work is aborted
// only when every caller has given up, and a later caller then starts afresh.

interface Shared<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

export class InFlight<T> {
  readonly #running = new Map<string, Shared<T>>();

  /** Number of distinct operations running (for tests and diagnostics). */
  get size(): number {
    return this.#running.size;
  }

  run(key: string, work: (signal: AbortSignal) => Promise<T>, callerSignal?: AbortSignal): Promise<T> {
    if (callerSignal?.aborted) return Promise.reject(callerSignal.reason);
    let shared = this.#running.get(key);
    if (!shared) {
      const controller = new AbortController();
      const promise = work(controller.signal);
      const entry: Shared<T> = { promise, controller, waiters: 0 };
      const forget = () => {
        if (this.#running.get(key) === entry) this.#running.delete(key);
      };
      promise.then(forget, forget);
      this.#running.set(key, entry);
      shared = entry;
    }
    const s = shared;
    s.waiters++;
    if (!callerSignal) return s.promise;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        s.waiters--;
        if (s.waiters === 0) {
          if (this.#running.get(key) === s) this.#running.delete(key);
          s.controller.abort(callerSignal.reason);
        }
        reject(callerSignal.reason);
      };
      callerSignal.addEventListener("abort", onAbort, { once: true });
      s.promise.then(
        (value) => {
          callerSignal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        (err: unknown) => {
          callerSignal.removeEventListener("abort", onAbort);
          reject(err);
        },
      );
    });
  }
}
