// At most N operations at a time per target address, so that measuring many domains hosted on
// one server never floods it. Waiters are served first come, first served (a freed slot is
// handed straight to the oldest waiter, so newcomers cannot overtake), and a waiter gives up
// when its AbortSignal fires (the dialer ties that signal to the operation's deadline).

import { canonicalIp } from "./ip.ts";

export const DEFAULT_MAX_PER_TARGET = 8;

/** Gives the slot back; calling it more than once is harmless. */
export type ReleaseSlot = () => void;

interface Waiter {
  grant(): void;
}

interface TargetState {
  active: number;
  queue: Waiter[];
}

export class TargetLimiter {
  readonly maxPerTarget: number;
  readonly #targets = new Map<string, TargetState>();

  constructor(maxPerTarget: number = DEFAULT_MAX_PER_TARGET) {
    if (!Number.isInteger(maxPerTarget) || maxPerTarget < 1) throw new RangeError(`maxPerTarget must be a positive integer, got ${maxPerTarget}`);
    this.maxPerTarget = maxPerTarget;
  }

  /**
   * Waits for a slot for `address`. Rejects with `signal.reason` if the signal fires first
   * (or has already fired); the slot is then never taken.
   */
  acquire(address: string, signal?: AbortSignal): Promise<ReleaseSlot> {
    const key = canonicalIp(address) ?? address;
    if (signal?.aborted) return Promise.reject(signal.reason);
    let state = this.#targets.get(key);
    if (!state) {
      state = { active: 0, queue: [] };
      this.#targets.set(key, state);
    }
    const s = state;
    if (s.active < this.maxPerTarget && s.queue.length === 0) {
      s.active++;
      return Promise.resolve(this.#releaser(key, s));
    }
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const onAbort = () => {
        const i = s.queue.indexOf(waiter);
        if (i >= 0) s.queue.splice(i, 1);
        this.#forgetIfIdle(key, s);
        reject(signal!.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.#releaser(key, s));
        },
      };
      s.queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Operations running and waiting for `address` (for tests and diagnostics). */
  usage(address: string): { active: number; waiting: number } {
    const state = this.#targets.get(canonicalIp(address) ?? address);
    return { active: state?.active ?? 0, waiting: state?.queue.length ?? 0 };
  }

  #releaser(key: string, state: TargetState): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = state.queue.shift();
      // The slot passes straight to the next waiter: `active` stays the same.
      if (next) next.grant();
      else {
        state.active--;
        this.#forgetIfIdle(key, state);
      }
    };
  }

  #forgetIfIdle(key: string, state: TargetState): void {
    if (state.active === 0 && state.queue.length === 0 && this.#targets.get(key) === state) this.#targets.delete(key);
  }
}
