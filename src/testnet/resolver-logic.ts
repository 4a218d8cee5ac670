// What the simulated recursive resolver answers, as a pure function over the compiled world:
// it knows every zone, so instead of iterating from the root it asks the deepest zone that
// holds the name (for DS: the parent side), follows CNAMEs across zones as real resolvers do,
// and passes DNSSEC records through unvalidated (as with CD=1). A zone that no name server
// answers for, or a delegation to nowhere, gives SERVFAIL.

import type { ResourceRecord } from "../dns/message.ts";
import { normaliseName } from "../dns/name.ts";
import { RCODE } from "../dns/rr-types.ts";
import { answerFromZone, findAnsweringZone } from "./authority.ts";
import type { CompiledWorld } from "./compile-world.ts";

/** CNAME hops across zones before giving up (as resolvers do, e.g. unbound's limit of 11). */
const MAX_CHAIN = 10;

export interface ResolverAnswer {
  rcode: number;
  answers: ResourceRecord[];
  authorities: ResourceRecord[];
}

const SERVFAIL: ResolverAnswer = { rcode: RCODE.SERVFAIL, answers: [], authorities: [] };

function sameRecord(a: ResourceRecord, b: ResourceRecord): boolean {
  return a.type === b.type && a.name === b.name && Buffer.compare(a.rdata, b.rdata) === 0;
}

export function resolveQuestion(w: CompiledWorld, qname: string, qtype: number, dnssecOk: boolean): ResolverAnswer {
  const answers: ResourceRecord[] = [];
  const authorities: ResourceRecord[] = [];
  const visited = new Set<string>();
  let name = qname;
  for (let hop = 0; hop < MAX_CHAIN; hop++) {
    visited.add(normaliseName(name));
    const origin = findAnsweringZone(w.catalogue, name, qtype);
    if (origin === undefined || !w.resolvable(origin)) return SERVFAIL;
    const a = answerFromZone(w.catalogue.get(origin), name, qtype, dnssecOk);
    // A referral from the deepest zone we have points at a zone the world lacks: lame.
    if (a.kind === "referral" && a.cnameTarget === undefined) return SERVFAIL;
    answers.push(...a.answers);
    // Keep the proofs (negative answers, wildcard expansions); a referral's belong to the cut.
    const keep = a.kind === "referral" ? [] : a.authorities;
    for (const rr of keep) if (!authorities.some((x) => sameRecord(x, rr))) authorities.push(rr);
    if (a.cnameTarget === undefined) return { rcode: a.rcode, answers, authorities };
    if (visited.has(normaliseName(a.cnameTarget))) return { rcode: RCODE.SERVFAIL, answers: [], authorities: [] };
    name = a.cnameTarget;
  }
  return SERVFAIL;
}
