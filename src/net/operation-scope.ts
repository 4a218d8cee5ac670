// One network operation's lifetime: its deadline and the caller's AbortSignal merged into a
// single signal whose reason is already the NetError to report ("timeout" or "aborted"), so
// every wait inside the operation can simply reject with `signal.reason`.

import { NetError } from "./types.ts";
import type { Endpoint } from "./types.ts";

export interface OperationScope {
  readonly signal: AbortSignal;
  /** Stops the timer and detaches from the caller's signal; call when the operation ends. */
  dispose(): void;
}

export function startOperation(target: Endpoint, timeoutMs: number, callerSignal?: AbortSignal): OperationScope {
  const controller = new AbortController();
  const onCallerAbort = () => controller.abort(new NetError("aborted", target, `aborted by the caller (${describe(callerSignal?.reason)})`));
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener("abort", onCallerAbort, { once: true });
  const ms = Number.isFinite(timeoutMs) && timeoutMs > 0 ? timeoutMs : 0;
  const timer = setTimeout(() => controller.abort(new NetError("timeout", target, `no result within ${Math.round(ms)} ms`)), ms);
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onCallerAbort);
    },
  };
}

function describe(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
