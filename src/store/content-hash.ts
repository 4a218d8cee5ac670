// Content hashes decide whether a result or an evidence record changed since the latest one.
// They are taken over canonical JSON (keys sorted), so a change in the order in which code
// builds an object is not mistaken for a change in what was seen. The stored text itself keeps
// the original order.

import { createHash } from "node:crypto";

/**
 * JSON.stringify with object keys in sorted order (same output as stringifying sorted copies,
 * written directly: evidence is hashed for every domain of every run, so this is a hot path).
 */
export function canonicalJson(value: unknown): string {
  return write(value, NO_KEYS) ?? "null";
}

const NO_KEYS: ReadonlySet<string> = new Set();

/**
 * Keys whose values say *when* something was looked at, not *what* was seen (the RPKI data's
 * load and fetch times, the moment of observation). They are left out of the change hash, or
 * every run would store every result anew; the run itself records when it ran, and the data's
 * checksums (which are hashed) tell whether the data changed.
 */
export const MOMENT_KEYS: ReadonlySet<string> = new Set(["observedAt", "loadedAt", "fetchedAt"]);

function write(v: unknown, skip: ReadonlySet<string>): string | undefined {
  if (v === null) return "null";
  switch (typeof v) {
    case "string": return JSON.stringify(v);
    case "number": return Number.isFinite(v) ? String(v) : "null";
    case "boolean": return v ? "true" : "false";
    case "bigint": throw new TypeError("Do not know how to serialize a BigInt");
    case "object": break;
    default: return undefined; // undefined, functions and symbols are left out, as JSON.stringify does
  }
  const withJson = v as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === "function") return write(withJson.toJSON(), skip);
  if (Array.isArray(v)) return `[${v.map((x) => write(x, skip) ?? "null").join(",")}]`;
  const parts: string[] = [];
  for (const k of Object.keys(v).sort()) {
    if (skip.has(k)) continue;
    const text = write((v as Record<string, unknown>)[k], skip);
    if (text !== undefined) parts.push(`${JSON.stringify(k)}:${text}`);
  }
  return `{${parts.join(",")}}`;
}

/** The hash that decides whether a result or evidence record changed (moments left out). */
export function contentHash(value: unknown): string {
  return createHash("sha256").update(write(value, MOMENT_KEYS) ?? "null").digest("base64url");
}
