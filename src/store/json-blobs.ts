// JSON stored once by content: a test's details and each part of a domain's evidence become a
// blob keyed by the hash of their exact text. The tests of a domain repeat the same evidence
// (four DNSSEC tests carry the same chain, the RPKI tests the same routes) and its evidence holds
// the same parts again, so a domain's ~20 KB of JSON becomes ~5 KB of distinct blobs; a blob
// that is already stored (by another domain, run or test) is not stored again.
//
// A text of a few dozen characters (a domain name, an empty list) costs more as a row and a
// reference than as itself, so it is kept inline where it is used (JsonRef).
//
// Each text also gets a change hash (moments of observation cut, see content-hash.ts), from which
// the change hashes of evidence and observations are built without hashing their text again.
//
// Turning values into JSON text is most of the recorder's work, so a value that has the same
// JSON as one already collected for the domain is recognised without writing it out: checks
// build their details from the evidence's own objects, so the comparison mostly meets the very
// same objects (===) and stops there.

import type { TestResult } from "../checks/result.ts";
import type { DomainEvidence } from "../probes/evidence.ts";
import { exactHash, textHashes } from "./content-hash.ts";
import type { TextHashes } from "./content-hash.ts";

/** Where a stored JSON text is: the hash of its blob, or (short texts) the text itself. */
export type JsonRef = string | { json: string };

/** An evidence record as stored: its top-level keys in order, each with where its value is. */
export type EvidenceParts = [key: string, value: JsonRef][];

/** Texts up to this length are kept inline: a reference to a blob is about 45 characters. */
export const INLINE_MAX_CHARS = 100;

/** The text a reference stands for; `blob` gives a blob's text by its hash. */
export function refText(ref: JsonRef, blob: (hash: string) => string): string {
  return typeof ref === "string" ? blob(ref) : ref.json;
}

/** The blob hashes among these references (inline texts need no blob). */
export function blobHashes(refs: Iterable<JsonRef>): string[] {
  const out: string[] = [];
  for (const r of refs) if (typeof r === "string") out.push(r);
  return out;
}

/**
 * Collects the JSON texts of one batch: each distinct text is hashed once, however many tests
 * or evidence parts carry it. `blobsFor` then gives the texts that the rows being written need.
 */
export class BlobCollector {
  readonly #inlineMax: number;
  readonly #byText = new Map<string, TextHashes>();
  readonly #byHash = new Map<string, string>();
  /** The objects collected per domain, to compare new values of that domain with. */
  readonly #recent = new Map<string, { value: object; hashes: TextHashes }[]>();
  /** The hashes of each object collected (an object's JSON is taken to stay as it was during a batch). */
  readonly #byObject = new WeakMap<object, TextHashes>();

  /** `inlineMaxChars`: 0 puts every text in a blob (as migration 0004 stored them). */
  constructor(options: { inlineMaxChars?: number } = {}) {
    this.#inlineMax = options.inlineMaxChars ?? INLINE_MAX_CHARS;
  }

  /** Where a collected text goes: inline if short, else its blob. */
  ref(hashes: TextHashes): JsonRef {
    const text = this.#byHash.get(hashes.exact);
    if (text === undefined) throw new Error(`no collected text for blob ${hashes.exact}`);
    return text.length <= this.#inlineMax ? { json: text } : hashes.exact;
  }

  /**
   * The hashes of a value's JSON text (JSON.stringify's, so it reads back as JSON.parse gives
   * it). `domain` names whose values to compare it with first.
   */
  add(value: unknown, domain: string): TextHashes {
    const isObject = typeof value === "object" && value !== null;
    // The very same object (a part of the evidence that a test's details carry) is found at once.
    const known = isObject ? this.#byObject.get(value) : undefined;
    if (known) return known;
    let recent = this.#recent.get(domain);
    if (isObject && recent) {
      for (const r of recent) {
        if (sameJson(value, r.value)) {
          this.#byObject.set(value, r.hashes);
          return r.hashes;
        }
      }
    }
    const text = JSON.stringify(value) ?? "null";
    let hashes = this.#byText.get(text);
    if (!hashes) {
      hashes = textHashes(text);
      this.#byText.set(text, hashes);
      this.#byHash.set(hashes.exact, text);
    }
    if (isObject) {
      if (!recent) this.#recent.set(domain, (recent = []));
      recent.push({ value, hashes });
      this.#byObject.set(value, hashes);
    }
    return hashes;
  }

  /** The evidence record's parts and the change hash of the whole record. */
  evidence(domain: string, evidence: DomainEvidence): { parts: EvidenceParts; change: string } {
    const parts: EvidenceParts = [];
    const changes: [string, string][] = [];
    for (const [key, value] of Object.entries(evidence)) {
      // As JSON.stringify does: a key whose value has no JSON form is left out.
      if (value === undefined || typeof value === "function" || typeof value === "symbol") continue;
      const h = this.add(value, domain);
      parts.push([key, this.ref(h)]);
      changes.push([key, h.change]);
    }
    return { parts, change: exactHash(JSON.stringify(changes)) };
  }

  /** Where each test's details are, and the change hash of the whole set of results. */
  observation(domain: string, score: number | null, tests: Record<string, TestResult>): { details: JsonRef[]; change: string } {
    const details: JsonRef[] = [];
    const summary: unknown[] = [score];
    for (const [id, t] of Object.entries(tests)) {
      const h = this.add(t.details, domain);
      details.push(this.ref(h));
      summary.push([id, t.status, t.verdict, t.reason, t.points ?? null, h.change]);
    }
    return { details, change: exactHash(JSON.stringify(summary)) };
  }

  /**
   * The blob rows these references need (inline texts need none), each once, in hash order: concurrent writers sharing blobs
   * then wait for each other in one order (no deadlock on PostgreSQL).
   */
  blobsFor(refs: Iterable<JsonRef>): { hash: string; body: string }[] {
    const out = new Map<string, string>();
    for (const hash of blobHashes(refs)) {
      const body = this.#byHash.get(hash);
      if (body === undefined) throw new Error(`no collected text for blob ${hash}`);
      out.set(hash, body);
    }
    return [...out].map(([hash, body]) => ({ hash, body })).sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
  }
}

/** The JSON text of an evidence record from its parts (as JSON.stringify wrote the whole). */
export function evidenceText(parts: EvidenceParts, blob: (hash: string) => string): string {
  return `{${parts.map(([key, ref]) => `${JSON.stringify(key)}:${refText(ref, blob)}`).join(",")}}`;
}

/** A value JSON.stringify leaves out of an object (and writes as null in an array). */
function omitted(v: unknown): boolean {
  return v === undefined || typeof v === "function" || typeof v === "symbol";
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== "function";
}

/**
 * Whether JSON.stringify gives `a` and `b` the same text. May answer false for values whose text
 * is the same (then they are written out and compared as text), never true for different text.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      // In an array JSON.stringify writes what it cannot represent as null.
      const x: unknown = omitted(a[i]) ? null : a[i];
      const y: unknown = omitted(b[i]) ? null : b[i];
      if (x !== y && !sameJson(x, y)) return false;
    }
    return true;
  }
  if (Array.isArray(b) || !isPlainObject(a) || !isPlainObject(b)) return false;
  const oa = a as Record<string, unknown>;
  const ob = b as Record<string, unknown>;
  const ka = Object.keys(oa);
  const kb = Object.keys(ob);
  // The keys JSON.stringify writes, pairwise in its order (it skips the omitted values).
  for (let i = 0, j = 0; ; i++, j++) {
    while (i < ka.length && omitted(oa[ka[i]!])) i++;
    while (j < kb.length && omitted(ob[kb[j]!])) j++;
    if (i === ka.length || j === kb.length) return i === ka.length && j === kb.length;
    if (ka[i] !== kb[j] || !sameJson(oa[ka[i]!], ob[kb[j]!])) return false;
  }
}
