// Name arithmetic the denial-of-existence proofs need on top of dns/name.ts: strict
// subdomains, wildcards, the longest shared ancestor, stripping labels.

import { isSubdomainOf, labelCount, labelsToName, namesEqual, nameToLabels } from "../dns/name.ts";

/** True if `name` lies strictly below `ancestor` (not equal to it). */
export function isStrictSubdomainOf(name: string, ancestor: string): boolean {
  return isSubdomainOf(name, ancestor) && !namesEqual(name, ancestor);
}

/** True if the leftmost label is "*" (RFC 4592 section 2.1.1). */
export function isWildcardName(name: string): boolean {
  const labels = nameToLabels(name);
  return labels.length > 0 && labels[0]!.length === 1 && labels[0]![0] === 0x2a;
}

/** The wildcard directly below `encloser`: "*.example", or "*" for the root. */
export function wildcardAt(encloser: string): string {
  return encloser === "." ? "*" : `*.${encloser}`;
}

/** `name` with its `count` leftmost labels removed. */
export function stripLabels(name: string, count: number): string {
  return labelsToName(nameToLabels(name).slice(count));
}

/** The longest name that both `a` and `b` are at or below (the root at worst). */
export function sharedAncestor(a: string, b: string): string {
  const la = nameToLabels(a);
  const lb = nameToLabels(b);
  let shared = 0;
  while (shared < la.length && shared < lb.length) {
    const x = la[la.length - 1 - shared]!;
    const y = lb[lb.length - 1 - shared]!;
    if (!namesEqual(labelsToName([x]), labelsToName([y]))) break;
    shared++;
  }
  return labelsToName(la.slice(la.length - shared));
}

/**
 * The "next closer name" of RFC 5155 section 1.3: the ancestor of `name` (or `name` itself)
 * with exactly one label more than `closestEncloser`.
 */
export function nextCloserName(name: string, closestEncloser: string): string {
  return stripLabels(name, labelCount(name) - labelCount(closestEncloser) - 1);
}
