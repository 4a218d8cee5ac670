// The chain of trust, walked top-down from the closest trust anchor (RFC 4035 5): at each
// label below the anchor, the DS answer says whether there is a signed delegation (then the
// child's DNSKEY RRset is fetched and checked against the DS), an unsigned one (insecure
// from there down), or no zone cut (same keys). As unbound does, the walk only goes as deep
// as the name asked for, which callers make the signer of the data (or the owner name when
// the data is unsigned). Every step is cached by name for as long as its TTLs and signatures
// allow, and concurrent walks through the same names share the lookups.

import type { DnsLookup } from "../dns/client-types.ts";
import type { ResourceRecord } from "../dns/message.ts";
import { ancestorsFromRoot, isSubdomainOf, labelCount, namesEqual } from "../dns/name.ts";
import type { DsData } from "../dns/rdata-dnssec.ts";
import { TYPE } from "../dns/rdata.ts";
import { rcodeName } from "../dns/rr-types.ts";
import { ask } from "./ask.ts";
import { decodeDsRecords, trustKeysetWithAnchors, trustKeysetWithDs, unusableDsVerdict } from "./dnskey-trust.ts";
import { interpretDsResponse } from "./ds-response.ts";
import { ExpiringCache } from "./key-cache.ts";
import { noKeys, type KeyEntry, type SecureKeys } from "./key-entry.ts";
import { smallestZoneKeyBits } from "./key-size.ts";
import { keyTag } from "./keytag.ts";
import { bogus, EDE, indeterminate, insecure, type ChainLink, type Verdict } from "./reasons.ts";
import { findRrset, groupRrsets, type SignedRrset } from "./rrsets.ts";
import { LIMITS } from "./validation-policy.ts";

type Computed = { value: KeyEntry; validUntil: number };

export class ChainWalker {
  private readonly lookup: DnsLookup;
  private readonly anchors: readonly ResourceRecord[];
  private readonly now: () => number;
  /** Key entry per name: the keys of the zone the name is in (or why there are none). */
  private readonly entries: ExpiringCache<KeyEntry>;

  constructor(lookup: DnsLookup, anchors: readonly ResourceRecord[], now: () => number) {
    this.lookup = lookup;
    this.anchors = anchors.filter((a) => a.type === TYPE.DS || a.type === TYPE.DNSKEY);
    this.now = now;
    this.entries = new ExpiringCache<KeyEntry>(now);
  }

  /** The keys of the zone that `target` is in, walking (or reusing) the chain down to it. */
  async keysFor(target: string): Promise<KeyEntry> {
    const anchorZone = this.closestAnchor(target);
    if (anchorZone === undefined) {
      return noKeys(".", insecure(`no trust anchor covers ${target}`), [], this.now());
    }
    let entry = await this.entries.getOrCompute(anchorZone, () => this.primeAnchor(anchorZone));
    for (const name of ancestorsFromRoot(target).slice(labelCount(anchorZone) + 1)) {
      if (entry.kind !== "secure") return entry;
      const parent = entry;
      entry = await this.entries.getOrCompute(name, () => this.stepDown(name, parent));
    }
    return entry;
  }

  private closestAnchor(name: string): string | undefined {
    let best: string | undefined;
    for (const a of this.anchors) {
      if (isSubdomainOf(name, a.name) && (best === undefined || labelCount(a.name) > labelCount(best))) best = a.name;
    }
    return best;
  }

  /** How long a verdict that is not "secure" may be reused. */
  private failureLifetime(entry: KeyEntry): number {
    const now = this.now();
    if (entry.kind === "indeterminate") return now; // a lookup failure: retry next time
    if (entry.kind === "bogus") return now + LIMITS.bogusCacheSeconds;
    return Math.min(entry.validUntil, now + LIMITS.maxCacheSeconds);
  }

  private cap(validUntil: number): number {
    return Math.min(validUntil, this.now() + LIMITS.maxCacheSeconds);
  }

  private failed(zone: string, verdict: Verdict, chain: ChainLink[], link: Partial<ChainLink> = {}): Computed {
    const value = noKeys(zone, verdict, [...chain, makeLink(zone, verdict, link)], this.now());
    return { value, validUntil: this.failureLifetime(value) };
  }

  /** Fetches the DNSKEY RRset of a trust-anchor zone and checks it against the anchors. */
  private async primeAnchor(zone: string): Promise<Computed> {
    const anchors = this.anchors.filter((a) => namesEqual(a.name, zone));
    const anchorTags = anchors.map((a) => (a.type === TYPE.DS ? decodeDsRecords([a])[0]?.keyTag : keyTag(a.rdata)))
      .filter((t): t is number => t !== undefined);
    const fetched = await this.fetchKeyset(zone);
    if (!fetched.ok) return this.failed(zone, fetched.verdict, [], { dsTags: anchorTags });
    const now = this.now();
    const trust = trustKeysetWithAnchors(zone, fetched.keyset, anchors, now);
    return this.keysetEntry(zone, fetched.keyset, trust.verdict, trust.validUntil, [], anchorTags);
  }

  /** One step down from a secure zone: what the DS answer at `child` says. */
  private async stepDown(child: string, parent: SecureKeys): Promise<Computed> {
    const asked = await ask(this.lookup, child, TYPE.DS);
    if (!asked.ok) return this.failed(child, asked.verdict, parent.chain);
    const outcome = interpretDsResponse(child, asked.message, parent, this.now());
    switch (outcome.kind) {
      case "not-cut":
        return { value: parent, validUntil: Math.min(parent.validUntil, this.cap(outcome.validUntil)) };
      case "unsigned-delegation": {
        const value = noKeys(child, outcome.verdict, [...parent.chain, makeLink(child, outcome.verdict)], this.cap(outcome.validUntil));
        return { value, validUntil: value.validUntil };
      }
      case "failed":
        return this.failed(child, outcome.verdict, parent.chain);
      case "ds":
        return this.enterChild(child, outcome.ds, outcome.validUntil, parent);
    }
  }

  /** A validated DS RRset at `child`: the child's keys must match it. */
  private async enterChild(child: string, dsList: DsData[], dsValidUntil: number, parent: SecureKeys): Promise<Computed> {
    const dsTags = dsList.map((d) => d.keyTag);
    const unusable = unusableDsVerdict(child, dsList);
    if (unusable) {
      const algorithms = [...new Set(dsList.map((d) => d.algorithm))];
      const value = noKeys(child, unusable, [...parent.chain, makeLink(child, unusable, { dsTags, algorithms })], this.cap(dsValidUntil));
      return { value, validUntil: value.validUntil };
    }
    const fetched = await this.fetchKeyset(child);
    if (!fetched.ok) return this.failed(child, fetched.verdict, parent.chain, { dsTags });
    const trust = trustKeysetWithDs(child, fetched.keyset, dsList, this.now());
    return this.keysetEntry(child, fetched.keyset, trust.verdict, Math.min(dsValidUntil, trust.validUntil), parent.chain, dsTags);
  }

  private keysetEntry(zone: string, keyset: SignedRrset, verdict: Verdict, validUntil: number, chain: ChainLink[], dsTags: number[]): Computed {
    const link = makeLink(zone, verdict, {
      dsTags,
      dnskeyTags: keyset.records.map((k) => keyTag(k.rdata)),
      algorithms: [...new Set(keyset.records.map((k) => k.rdata[3]!))],
    });
    if (verdict.security !== "secure") {
      const value = noKeys(zone, verdict, [...chain, link], this.cap(validUntil));
      return { value, validUntil: this.failureLifetime(value) };
    }
    const value: SecureKeys = {
      kind: "secure", zone, dnskeys: keyset.records, keyBits: smallestZoneKeyBits(keyset.records),
      chain: [...chain, link], validUntil: this.cap(validUntil),
    };
    return { value, validUntil: value.validUntil };
  }

  private async fetchKeyset(zone: string): Promise<{ ok: true; keyset: SignedRrset } | { ok: false; verdict: Verdict }> {
    const asked = await ask(this.lookup, zone, TYPE.DNSKEY);
    if (!asked.ok) return asked;
    const { rcode } = asked.message;
    if (rcode !== 0 && rcode !== 3) {
      return { ok: false, verdict: indeterminate(`the resolver answered ${rcodeName(rcode)} to the DNSKEY query for ${zone}`) };
    }
    const keyset = findRrset(groupRrsets(asked.message.answers), zone, TYPE.DNSKEY);
    if (!keyset) return { ok: false, verdict: bogus(`no DNSKEY RRset for ${zone} (${rcodeName(rcode)})`, EDE.dnskeyMissing) };
    return { ok: true, keyset };
  }
}

function makeLink(zone: string, verdict: Verdict, extra: Partial<ChainLink> = {}): ChainLink {
  return {
    zone, security: verdict.security, dsTags: [], dnskeyTags: [], algorithms: [], reason: verdict.reason, ...extra,
  };
}
