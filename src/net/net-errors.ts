// Turns socket errors into NetError codes, so callers branch on a stable code and never on
// platform errno strings.

import { NetError } from "./types.ts";
import type { Endpoint, NetErrorCode } from "./types.ts";

const ERRNO_TO_CODE: Readonly<Record<string, NetErrorCode>> = {
  ECONNREFUSED: "connection_refused",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EADDRNOTAVAIL: "unreachable",
  ENETDOWN: "unreachable",
  EHOSTDOWN: "unreachable",
  EAFNOSUPPORT: "unreachable", // e.g. IPv6 disabled on this host
  ECONNRESET: "reset",
  ECONNABORTED: "reset",
  EPIPE: "reset",
  ETIMEDOUT: "timeout",
};

export function toNetError(err: unknown, target: Endpoint): NetError {
  if (err instanceof NetError) return err;
  const errno = (err as { code?: unknown } | null)?.code;
  const code = (typeof errno === "string" && ERRNO_TO_CODE[errno]) || "io";
  const message = err instanceof Error ? err.message : String(err);
  return new NetError(code, target, message);
}
