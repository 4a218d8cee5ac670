// One DNS query over TCP to one server: connect through the dialer, send one framed query,
// read frames until our reply arrives. The whole exchange (connect included) has one deadline,
// and the connection (with its per-target slot) is always closed at the end.

import { performance } from "node:perf_hooks";
import type { Dialer, Endpoint, TcpConnection } from "../net/types.ts";
import { classifyReply } from "./query-message.ts";
import type { BuiltQuery } from "./query-message.ts";
import { FrameReader, frameMessage } from "./tcp-framing.ts";
import { failureFromError } from "./transport-result.ts";
import type { ExchangeResult } from "./transport-result.ts";

/** Frames that are not our reply we tolerate before calling the server broken. */
const MAX_IGNORED_FRAMES = 8;

export async function exchangeOverTcp(dialer: Dialer, server: Endpoint, query: BuiltQuery, timeoutMs: number, signal?: AbortSignal): Promise<ExchangeResult> {
  const started = performance.now();
  let conn: TcpConnection;
  try {
    conn = await dialer.connectTcp(server, { timeoutMs, ...(signal ? { signal } : {}) });
  } catch (err) {
    return failureFromError(err, 0);
  }
  const remainingMs = Math.max(0, timeoutMs - (performance.now() - started));
  return readReply(conn, query, remainingMs, started, signal);
}

function readReply(conn: TcpConnection, query: BuiltQuery, remainingMs: number, started: number, signal?: AbortSignal): Promise<ExchangeResult> {
  const socket = conn.socket;
  const reader = new FrameReader();
  let ignored = 0;
  let lastIgnoredWhy = "";
  return new Promise<ExchangeResult>((resolve) => {
    let settled = false;
    const done = (result: ExchangeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      socket.removeListener("data", onData);
      socket.removeListener("end", onEnd);
      socket.removeListener("close", onEnd);
      socket.removeListener("error", onError);
      conn.close();
      resolve(result);
    };
    const onData = (chunk: Uint8Array) => {
      for (const frame of reader.push(chunk)) {
        const verdict = classifyReply(frame, query);
        if (verdict.kind === "answer") return done({ ok: true, message: verdict.message, rttMs: performance.now() - started });
        if (verdict.kind === "malformed") return done({ ok: false, code: "malformed", error: verdict.error });
        ignored++;
        lastIgnoredWhy = verdict.why;
        if (ignored >= MAX_IGNORED_FRAMES) return done({ ok: false, code: "malformed", error: `${ignored} TCP messages that are not a reply to the query (last: ${lastIgnoredWhy})` });
      }
    };
    const onEnd = () => {
      const { received, expected } = reader.pending;
      const error = received > 0
        ? `connection closed mid-message after ${received} of ${expected ?? "?"} octets`
        : ignored > 0 ? `connection closed after ${ignored} unusable messages (last: ${lastIgnoredWhy})` : "connection closed without a reply";
      done({ ok: false, code: ignored > 0 && received === 0 ? "malformed" : "network", error });
    };
    const onError = (err: Error) => done({ ok: false, code: "network", error: `${(err as { code?: string }).code ?? "error"}: ${err.message}` });
    const onAbort = () => done({ ok: false, code: "aborted", error: "aborted by the caller" });
    const timer = setTimeout(() => {
      const { received, expected } = reader.pending;
      const partial = received > 0 ? ` (${received} of ${expected ?? "?"} octets of a message received)` : "";
      done(ignored > 0 && received === 0
        ? { ok: false, code: "malformed", error: `no usable reply over TCP: ${ignored} unusable messages (last: ${lastIgnoredWhy})` }
        : { ok: false, code: "timeout", error: `no reply over TCP within the deadline${partial}` });
    }, remainingMs);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    socket.on("data", onData);
    socket.on("end", onEnd);
    socket.on("close", onEnd);
    socket.on("error", onError);
    socket.setNoDelay(true);
    socket.write(frameMessage(query.wire));
  });
}
