// What one exchange with one server over one transport came to, and how network errors map
// onto the DNS client's failure codes.

import type { DnsMessage } from "./message.ts";
import { NetError } from "../net/types.ts";

export type ExchangeFailureCode = "timeout" | "refused_by_policy" | "malformed" | "network" | "aborted";

export type ExchangeResult =
  | { ok: true; message: DnsMessage; rttMs: number }
  | { ok: false; code: ExchangeFailureCode; error: string };

/**
 * Maps a dialer error. A timeout after the server sent only replies we had to ignore (garbage,
 * wrong id) is reported as "malformed": the server answered, just never usefully.
 */
export function failureFromError(err: unknown, ignoredReplies: number, lastIgnoredWhy?: string): ExchangeResult & { ok: false } {
  if (!(err instanceof NetError)) {
    return { ok: false, code: "network", error: err instanceof Error ? err.message : String(err) };
  }
  switch (err.code) {
    case "refused_by_policy":
      return { ok: false, code: "refused_by_policy", error: err.message };
    case "aborted":
      return { ok: false, code: "aborted", error: err.message };
    case "timeout":
      return ignoredReplies > 0
        ? { ok: false, code: "malformed", error: `no usable reply: ${ignoredReplies} unusable repl${ignoredReplies === 1 ? "y" : "ies"} ignored (last: ${lastIgnoredWhy ?? "unknown"})` }
        : { ok: false, code: "timeout", error: err.message };
    default:
      return { ok: false, code: "network", error: `${err.code}: ${err.message}` };
  }
}
