// Content hashes decide whether a result or an evidence record changed since the latest one.
// They are taken over canonical JSON (keys sorted), so a change in the order in which code
// builds an object is not mistaken for a change in what was seen. The stored text itself keeps
// the original order.

import { createHash } from "node:crypto";

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

export function contentHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("base64url");
}
