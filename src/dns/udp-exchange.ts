// One DNS query over UDP to one server, through the dialer.

import { performance } from "node:perf_hooks";
import type { Dialer, Endpoint } from "../net/types.ts";
import { classifyReply } from "./query-message.ts";
import type { BuiltQuery, ReplyVerdict } from "./query-message.ts";
import { failureFromError } from "./transport-result.ts";
import type { ExchangeResult } from "./transport-result.ts";

export async function exchangeOverUdp(dialer: Dialer, server: Endpoint, query: BuiltQuery, timeoutMs: number, signal?: AbortSignal): Promise<ExchangeResult> {
  let taken: Exclude<ReplyVerdict, { kind: "foreign" }> | undefined;
  let ignored = 0;
  let lastIgnoredWhy: string | undefined;
  const started = performance.now();
  try {
    await dialer.udpRequest({
      target: server,
      payload: query.wire,
      timeoutMs,
      ...(signal ? { signal } : {}),
      accept(reply) {
        const verdict = classifyReply(reply, query);
        if (verdict.kind === "foreign") {
          ignored++;
          lastIgnoredWhy = verdict.why;
          return false;
        }
        taken = verdict;
        return true;
      },
    });
  } catch (err) {
    return failureFromError(err, ignored, lastIgnoredWhy);
  }
  const rttMs = performance.now() - started;
  if (!taken) return { ok: false, code: "malformed", error: "reply accepted without a verdict" };
  if (taken.kind === "malformed") return { ok: false, code: "malformed", error: taken.error };
  return { ok: true, message: taken.message, rttMs };
}
