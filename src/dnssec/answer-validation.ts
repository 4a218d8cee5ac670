// Validates the parts of an answer: an RRset (the answer itself, or a CNAME/DNAME on the
// way to it) and a negative answer (NXDOMAIN, NODATA). Each part finds the keys of the zone
// that signed it through the chain walker, as unbound does: the walk goes to the signer
// named in the RRSIGs, or to the owner name when there are none (so that an unsigned part
// below a secure delegation is caught as bogus, and one below an insecure one is insecure).

import type { DnsMessage } from "../dns/message.ts";
import { isSubdomainOf, labelCount, namesEqual, parentName } from "../dns/name.ts";
import { TYPE } from "../dns/rdata.ts";
import { typeName } from "../dns/rr-types.ts";
import type { ChainWalker } from "./chain.ts";
import { wildcardAt } from "./proof-names.ts";
import {
  nsecProveNameError, nsecProveNodata, nsecProvesWildcardAnswer, nsecRecordsOf, type NsecDenialVerdict, type NsecRecord,
} from "./denial-nsec.ts";
import { isNsec3Verdict, Nsec3Proof, nsec3RecordsOf, type Nsec3Record, type Nsec3Verdict } from "./denial-nsec3.ts";
import type { KeyEntry, NoKeys, SecureKeys } from "./key-entry.ts";
import { bogus, EDE, insecure, secure, type Verdict } from "./reasons.ts";
import { verifyRrset } from "./rrset-verify.ts";
import { describeRrset, isSignedBy, signerOf, type SignedRrset } from "./rrsets.ts";

export interface PartResult {
  verdict: Verdict;
  /** The key entry the part was judged with (for the chain evidence). */
  entry?: KeyEntry;
  /** The rcode to report, if the proofs changed it (NXDOMAIN proven to be NODATA). */
  rcode?: number;
}

/** What a negative answer must prove; "either" after a CNAME, where the rcode says nothing. */
export type DenialKind = "nxdomain" | "nodata" | "either";

const RCODE_NOERROR = 0;

function fromEntry(entry: NoKeys, what: string): PartResult {
  const v = entry.verdict;
  const reason = entry.kind === "insecure" ? `${what} is insecure: ${v.reason}` : `${what}: ${v.reason}`;
  return { verdict: { ...v, reason }, entry };
}

function isDenialType(type: number): boolean {
  return type === TYPE.NSEC || type === TYPE.NSEC3;
}

interface DenialRecords {
  nsecs: NsecRecord[];
  nsec3s: Nsec3Record[];
  /** Number of NSEC/NSEC3 RRsets verified. */
  sets: number;
}

export class AnswerValidator {
  private readonly walker: ChainWalker;
  private readonly now: () => number;

  constructor(walker: ChainWalker, now: () => number) {
    this.walker = walker;
    this.now = now;
  }

  /** The name whose keys judge data owned by `owner`: the signer, if it is an ancestor. */
  private walkTarget(owner: string, type: number, signer: string | undefined): string {
    // A DS lives on the parent side of the cut (RFC 4035 5.2): its signer is above it.
    const lookup = type === TYPE.DS && owner !== "." ? parentName(owner) : owner;
    return signer !== undefined && isSubdomainOf(lookup, signer) ? signer : lookup;
  }

  /** The secure keys that must have signed the data, or the verdict if there are none. */
  private async keysForSigned(
    owner: string, type: number, signer: string | undefined, what: string,
  ): Promise<{ ok: true; keys: SecureKeys } | { ok: false; part: PartResult }> {
    const entry = await this.walker.keysFor(this.walkTarget(owner, type, signer));
    if (entry.kind !== "secure") return { ok: false, part: fromEntry(entry, what) };
    if (signer === undefined) {
      return { ok: false, part: { verdict: bogus(`${what} is unsigned, but ${entry.zone} is a signed zone`, EDE.rrsigsMissing), entry } };
    }
    if (!namesEqual(entry.zone, signer)) {
      const reason = `${what} is signed by ${signer}, which is not a zone apex (it is inside ${entry.zone})`;
      return { ok: false, part: { verdict: bogus(reason, EDE.rrsigsMissing), entry } };
    }
    return { ok: true, keys: entry };
  }

  /**
   * A positive RRset (answer, CNAME or DNAME). `authority` supplies the NSEC/NSEC3 records
   * for a wildcard expansion (RFC 4035 5.3.4, RFC 5155 8.8). `qtype` is the type asked for.
   */
  async validateRrset(set: SignedRrset, authority: readonly SignedRrset[], qtype: number): Promise<PartResult> {
    const what = describeRrset(set);
    const signer = signerOf(set);
    const found = await this.keysForSigned(set.name, set.type, signer, what);
    if (!found.ok) return found.part;
    const keys = found.keys;
    const now = this.now();
    const checked = verifyRrset(set, keys.zone, keys.dnskeys, now);
    if (!checked.ok) return { verdict: checked.verdict, entry: keys };
    if (checked.wildcardEncloser === undefined) return { verdict: secure(`${what} is signed by ${keys.zone}`), entry: keys };

    // RFC 4592 / RFC 6672: a DNAME cannot be synthesised from a wildcard usefully.
    if (set.type === TYPE.DNAME && qtype !== TYPE.DNAME) return { verdict: bogus(`${what} is a wildcard DNAME`), entry: keys };
    const denial = this.verifiedDenial(authority.filter((s) => isDenialType(s.type) && isSignedBy(s, keys.zone)), keys, now);
    if ("verdict" in denial) return { verdict: denial.verdict, entry: keys };
    const wildcard = wildcardAt(checked.wildcardEncloser);
    if (nsecProvesWildcardAnswer(denial.nsecs, set.name, checked.wildcardEncloser)) {
      return { verdict: secure(`${what} is expanded from ${wildcard}, and NSEC proves no closer match`), entry: keys };
    }
    if (denial.nsec3s.length > 0) {
      const proof = Nsec3Proof.select(denial.nsec3s, set.name, qtype, keys.zone, keys.keyBits);
      const result = isNsec3Verdict(proof) ? proof : proof.proveWildcardAnswer(set.name, checked.wildcardEncloser);
      if (result.status !== "bogus" || denial.nsecs.length === 0) {
        return { verdict: nsec3Verdict(result, `${what} expanded from ${wildcard}`), entry: keys };
      }
    }
    const ede = denial.sets === 0 ? EDE.nsecMissing : EDE.dnssecBogus;
    return { verdict: bogus(`${what} is expanded from ${wildcard}, without proof that no closer name exists`, ede), entry: keys };
  }

  /** Verifies NSEC/NSEC3 RRsets with the zone's keys and decodes them. */
  private verifiedDenial(sets: readonly SignedRrset[], keys: SecureKeys, now: number): DenialRecords | { verdict: Verdict } {
    for (const set of sets) {
      const checked = verifyRrset(set, keys.zone, keys.dnskeys, now);
      if (!checked.ok) return { verdict: { ...checked.verdict, reason: `${describeRrset(set)}: ${checked.verdict.reason}` } };
    }
    const records = sets.flatMap((s) => s.records);
    return { nsecs: nsecRecordsOf(records), nsec3s: nsec3RecordsOf(records), sets: sets.length };
  }

  /**
   * A negative answer about `qname`/`qtype` (RFC 4035 5.4, RFC 5155 8): the authority
   * section must prove it, with records signed by the zone that holds the name.
   */
  async validateDenial(qname: string, qtype: number, message: DnsMessage, kind: DenialKind, authority: readonly SignedRrset[]): Promise<PartResult> {
    const what = kind === "nxdomain" ? `NXDOMAIN for ${qname}` : kind === "nodata" ? `NODATA for ${qname}/${typeName(qtype)}` : `no ${qname}/${typeName(qtype)}`;
    const signer = negativeSigner(authority, qname);
    const found = await this.keysForSigned(qname, qtype, signer, what);
    if (!found.ok) return found.part;
    const keys = found.keys;
    const now = this.now();

    // Everything in the authority section from this zone must verify; unsigned records other
    // than a stray NS (added by forwarders, as unbound tolerates) are a failure.
    for (const set of authority) {
      if (set.rrsigs.length === 0 && set.type === TYPE.NS) continue;
      if (set.rrsigs.length > 0 && !isSignedBy(set, keys.zone)) continue;
      const checked = verifyRrset(set, keys.zone, keys.dnskeys, now);
      if (!checked.ok) return { verdict: { ...checked.verdict, reason: `${what}: ${checked.verdict.reason}` }, entry: keys };
    }
    const denialSets = authority.filter((s) => isDenialType(s.type) && isSignedBy(s, keys.zone));
    if (denialSets.length === 0) {
      return { verdict: bogus(`${what}: no NSEC or NSEC3 records prove it`, EDE.nsecMissing), entry: keys };
    }
    const records = denialSets.flatMap((s) => s.records);
    const denial = { nsecs: nsecRecordsOf(records), nsec3s: nsec3RecordsOf(records) };
    const result = this.judgeDenial(qname, qtype, kind, denial, keys, message.rcode);
    return { ...result, verdict: { ...result.verdict, reason: `${what}: ${result.verdict.reason}` }, entry: keys };
  }

  private judgeDenial(
    qname: string, qtype: number, kind: DenialKind, d: { nsecs: NsecRecord[]; nsec3s: Nsec3Record[] }, keys: SecureKeys, rcode: number,
  ): PartResult {
    const nsec3 = (): Nsec3Proof | Nsec3Verdict => Nsec3Proof.select(d.nsec3s, qname, qtype, keys.zone, keys.keyBits);
    const nsecNodata = (): NsecDenialVerdict => (d.nsecs.length > 0 ? nsecProveNodata(d.nsecs, qname, qtype) : { status: "unproven", reason: "no NSEC records" });
    const nsecNameError = (): NsecDenialVerdict => (d.nsecs.length > 0 ? nsecProveNameError(d.nsecs, qname, qtype) : { status: "unproven", reason: "no NSEC records" });

    if (kind === "nodata") return { verdict: this.nodata(qname, qtype, nsecNodata(), d, nsec3) };

    if (kind === "nxdomain") {
      const nx = nsecNameError();
      if (nx.status === "secure") return { verdict: secure("NSEC proves the name and its wildcard do not exist") };
      if (nx.status === "insecure") return { verdict: insecure(nx.reason) };
      if (d.nsec3s.length > 0) {
        const p = nsec3();
        return { verdict: nsec3Verdict(isNsec3Verdict(p) ? p : p.proveNameError(qname), "NSEC3 closest encloser proof") };
      }
      // unbound is lenient here: an NXDOMAIN whose NSECs prove NODATA is taken as NODATA.
      const nodata = this.nodata(qname, qtype, nsecNodata(), d, nsec3);
      if (nodata.security === "secure") return { verdict: secure(`the NSEC records prove NODATA, not NXDOMAIN`), rcode: RCODE_NOERROR };
      return { verdict: bogus(nx.reason) };
    }

    // "either": after a CNAME, the answer may be NXDOMAIN or NODATA for the target.
    const nodata = nsecNodata();
    const nx = nsecNameError();
    if (nodata.status === "insecure") return { verdict: insecure(nodata.reason) };
    if (nx.status === "insecure") return { verdict: insecure(nx.reason) };
    if (nodata.status === "secure" && nx.status === "secure") return { verdict: bogus("the NSEC records prove both that the name exists and that it does not") };
    if (nodata.status === "secure") return { verdict: secure("NSEC proves NODATA"), rcode };
    if (nx.status === "secure") return { verdict: secure("NSEC proves NXDOMAIN"), rcode };
    if (d.nsec3s.length > 0) {
      const p = nsec3();
      return { verdict: nsec3Verdict(isNsec3Verdict(p) ? p : p.proveNameErrorOrNodata(qname, qtype), "NSEC3 proof") };
    }
    return { verdict: bogus(`neither NXDOMAIN nor NODATA is proven (${nx.reason}; ${nodata.reason})`) };
  }

  private nodata(
    qname: string, qtype: number, viaNsec: NsecDenialVerdict, d: { nsec3s: Nsec3Record[] }, nsec3: () => Nsec3Proof | Nsec3Verdict,
  ): Verdict {
    if (viaNsec.status === "secure") return secure("NSEC proves the type does not exist");
    if (viaNsec.status === "insecure") return insecure(viaNsec.reason);
    if (d.nsec3s.length > 0) {
      const p = nsec3();
      return nsec3Verdict(isNsec3Verdict(p) ? p : p.proveNodata(qname, qtype), "NSEC3 NODATA proof");
    }
    return bogus(viaNsec.reason);
  }
}

/**
 * The zone that signed a negative answer: the closest signer, at or above `qname`, of the
 * NSEC/NSEC3 records (or else of the SOA), as unbound's val_find_best_signer. After a CNAME
 * the authority section may also hold another zone's wildcard proof; that one is skipped.
 */
function negativeSigner(authority: readonly SignedRrset[], qname: string): string | undefined {
  const pick = (sets: readonly SignedRrset[]) => {
    let best: string | undefined;
    for (const set of sets) {
      for (const { data } of set.rrsigs) {
        if (isSubdomainOf(qname, data.signerName) && (best === undefined || labelCount(data.signerName) > labelCount(best))) best = data.signerName;
      }
    }
    return best;
  };
  return pick(authority.filter((s) => isDenialType(s.type))) ?? pick(authority.filter((s) => s.type === TYPE.SOA));
}

function nsec3Verdict(v: Nsec3Verdict, what: string): Verdict {
  if (v.status === "secure") return secure(`${what} holds`);
  if (v.status === "insecure") return insecure(v.reason, v.iterationsTooHigh ? EDE.unsupportedNsec3Iterations : undefined);
  return bogus(v.reason);
}
