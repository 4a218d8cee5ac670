// Content hashes decide whether a result or an evidence record changed since the latest one.
//
// They are taken over the JSON as the code builds it. Sorting keys first would make the hash
// independent of the order in which code sets them, but cost more than all other storage work
// together (hashing is done for every domain of every run); the price of not sorting is that a
// release which reorders keys stores each domain's next result once more, as a new row.

import { hash } from "node:crypto";

/**
 * Keys whose values say *when* something was looked at, not *what* was seen (the RPKI data's
 * load and fetch times, the moment of observation). They are left out of the change hash, or
 * every run would store every result anew; the run itself records when it ran, and the data's
 * checksums (which are hashed) tell whether the data changed.
 */
export const MOMENT_KEYS: ReadonlySet<string> = new Set(["observedAt", "loadedAt", "fetchedAt"]);

/**
 * A moment as it appears in JSON text: the key and its string value (an ISO time, so without
 * quotes inside). Cut from the text rather than left out by a JSON.stringify replacer, which
 * made hashing three times slower. Inside a string value the quotes would be escaped (\"), so
 * text that merely mentions such a key is not cut.
 */
const MOMENT_PATTERN = new RegExp(`"(?:${[...MOMENT_KEYS].join("|")})":"[^"\\\\]*"`, "g");

/** The hash that decides whether a value changed (moments left out): textHashes' change hash. */
export function contentHash(value: unknown): string {
  return changeHash(JSON.stringify(value) ?? "null");
}

/** The change hash of a JSON text (textHashes' `change`), for a text that needs no exact hash. */
export function changeHash(text: string): string {
  return exactHash(cutMoments(text));
}

/** The hash of exactly this text: what a stored blob is known by. */
export function exactHash(text: string): string {
  // The one-shot form: a Hash object per text cost more than hashing the text.
  return hash("sha256", text, "base64url");
}

export interface TextHashes {
  /** Of the text as it is. */
  exact: string;
  /** Of the text with its moments cut: equal for texts that differ only in when they were seen. */
  change: string;
}

/** The JSON text without its moments. */
function cutMoments(text: string): string {
  return text.replace(MOMENT_PATTERN, "");
}

/** Both hashes of a JSON text; a text without moments (most) is hashed once. */
export function textHashes(text: string): TextHashes {
  const exact = exactHash(text);
  const cut = cutMoments(text);
  return { exact, change: cut.length === text.length ? exact : exactHash(cut) };
}
