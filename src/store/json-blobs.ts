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
//
// Some values are the same for every domain of a run: the RPKI data description (about 3 KB,
// in two evidence parts and six tests' details of every domain). An object holding one is
// stored member by member (SHARED_MEMBERS), so that the shared value is one blob, written out
// once per batch (the run hands the batch over with its objects still shared) rather than again
// inside every domain's RPKI evidence: it was two thirds of a first run's JSON text. How a value
// is stored never changes its change hash, which is always that of its whole text.

import type { TestResult } from "../checks/result.ts";
import type { DomainEvidence } from "../probes/evidence.ts";
import { changeHash, exactHash, textHashes } from "./content-hash.ts";
import type { TextHashes } from "./content-hash.ts";

/**
 * Where a stored JSON value is: the hash of its blob, the text itself (short texts), or, for an
 * object stored member by member, where each member is.
 */
export type JsonRef = string | { json: string } | { parts: EvidenceParts };

/** An object as stored member by member: its keys in order, each with where its value is. An evidence record is stored so. */
export type EvidenceParts = [key: string, value: JsonRef][];

/** A value collected: where it is stored, the hash that decides whether it changed, and its JSON text. */
export interface Collected {
  ref: JsonRef;
  change: string;
  text: string;
}

/** Objects holding a member of one of these names, with an object for its value, are stored member by member (see the top). */
export const SHARED_MEMBERS: ReadonlySet<string> = new Set(["data"]);

/** Texts up to this length are kept inline: a reference to a blob is about 45 characters. */
export const INLINE_MAX_CHARS = 100;

/** The text a reference stands for (as JSON.stringify wrote the value); `blob` gives a blob's text by its hash. */
export function refText(ref: JsonRef, blob: (hash: string) => string): string {
  if (typeof ref === "string") return blob(ref);
  if ("json" in ref) return ref.json;
  return `{${ref.parts.map(([key, member]) => `${JSON.stringify(key)}:${refText(member, blob)}`).join(",")}}`;
}

/** The blob hashes among these references, members included (inline texts need no blob). */
export function blobHashes(refs: Iterable<JsonRef>): string[] {
  const out: string[] = [];
  const visit = (r: JsonRef) => {
    if (typeof r === "string") out.push(r);
    else if ("parts" in r) for (const [, member] of r.parts) visit(member);
  };
  for (const r of refs) visit(r);
  return out;
}

/**
 * Collects the JSON texts of one batch: each distinct text is hashed once, however many tests
 * or evidence parts carry it. `blobsFor` then gives the texts that the rows being written need.
 */
export class BlobCollector {
  readonly #inlineMax: number;
  readonly #sharedMembers: ReadonlySet<string>;
  readonly #byText = new Map<string, Collected>();
  readonly #byHash = new Map<string, string>();
  /** The objects collected per domain, to compare new values of that domain with. */
  readonly #recent = new Map<string, { value: object; collected: Collected }[]>();
  /** What each object collected became (an object's JSON is taken to stay as it was during a batch). */
  readonly #byObject = new WeakMap<object, Collected>();

  /**
   * `inlineMaxChars`: 0 puts every text in a blob; `sharedMembers`: none stores every object
   * whole (both as migration 0004 stored them).
   */
  constructor(options: { inlineMaxChars?: number; sharedMembers?: ReadonlySet<string> } = {}) {
    this.#inlineMax = options.inlineMaxChars ?? INLINE_MAX_CHARS;
    this.#sharedMembers = options.sharedMembers ?? SHARED_MEMBERS;
  }

  /**
   * Where a value's JSON goes (JSON.stringify's text, so it reads back as JSON.parse gives it)
   * and its change hash. `domain` names whose values to compare it with first.
   */
  add(value: unknown, domain: string): Collected {
    return this.#collect(value, domain, true);
  }

  /** `compare`: also remember the value for later values of the domain to be compared with (members are found by identity only). */
  #collect(value: unknown, domain: string, compare: boolean): Collected {
    const isObject = typeof value === "object" && value !== null;
    // The very same object (a part of the evidence that a test's details carry) is found at once.
    const known = isObject ? this.#byObject.get(value) : undefined;
    if (known) return known;
    let recent = this.#recent.get(domain);
    if (isObject && recent && compare) {
      for (const r of recent) {
        if (sameJson(value, r.value)) {
          this.#byObject.set(value, r.collected);
          return r.collected;
        }
      }
    }
    const collected = isObject && this.#holdsShared(value) ? this.#members(value as Record<string, unknown>, domain) : this.#text(JSON.stringify(value) ?? "null");
    if (isObject) {
      if (compare) {
        if (!recent) this.#recent.set(domain, (recent = []));
        recent.push({ value, collected });
      }
      this.#byObject.set(value, collected);
    }
    return collected;
  }

  #text(text: string): Collected {
    let collected = this.#byText.get(text);
    if (!collected) {
      const hashes: TextHashes = textHashes(text);
      collected = { ref: text.length <= this.#inlineMax ? { json: text } : hashes.exact, change: hashes.change, text };
      this.#byText.set(text, collected);
      this.#byHash.set(hashes.exact, text);
    }
    return collected;
  }

  #holdsShared(value: object): boolean {
    if (!isPlainObject(value)) return false;
    for (const key of this.#sharedMembers) {
      const member = (value as Record<string, unknown>)[key];
      if (typeof member === "object" && member !== null && Object.hasOwn(value, key)) return true;
    }
    return false;
  }

  /**
   * An object stored member by member. Its text is put together from its members' (as refText
   * reads it back), which writes out the shared member only once; its change hash is that of
   * the text, as if it were stored whole.
   */
  #members(value: Record<string, unknown>, domain: string): Collected {
    const parts: EvidenceParts = [];
    const texts: string[] = [];
    for (const [key, member] of Object.entries(value)) {
      // As JSON.stringify does: a key whose value has no JSON form is left out.
      if (omitted(member)) continue;
      const c = this.#collect(member, domain, false);
      parts.push([key, c.ref]);
      texts.push(`${JSON.stringify(key)}:${c.text}`);
    }
    const text = `{${texts.join(",")}}`;
    return { ref: { parts }, change: changeHash(text), text };
  }

  /** The evidence record's parts and the change hash of the whole record. */
  evidence(domain: string, evidence: DomainEvidence): { parts: EvidenceParts; change: string } {
    const parts: EvidenceParts = [];
    const changes: [string, string][] = [];
    for (const [key, value] of Object.entries(evidence)) {
      // As JSON.stringify does: a key whose value has no JSON form is left out.
      if (omitted(value)) continue;
      const c = this.add(value, domain);
      parts.push([key, c.ref]);
      changes.push([key, c.change]);
    }
    return { parts, change: exactHash(JSON.stringify(changes)) };
  }

  /** Where each test's details are, and the change hash of the whole set of results. */
  observation(domain: string, score: number | null, tests: Record<string, TestResult>): { details: JsonRef[]; change: string } {
    const details: JsonRef[] = [];
    const summary: unknown[] = [score];
    for (const [id, t] of Object.entries(tests)) {
      const c = this.add(t.details, domain);
      details.push(c.ref);
      summary.push([id, t.status, t.verdict, t.reason, t.points ?? null, c.change]);
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
  return refText({ parts }, blob);
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
