// Reads the answer to a DS query at `child`, made with the parent zone's keys in hand
// (RFC 4035 5.2): a validated DS RRset, a proof that there is no DS (an unsigned delegation,
// RFC 4035 5.2 / RFC 5155 8.9 with opt-out), a proof that `child` is no zone cut at all
// (so the walk continues in the same zone), or a failure. Mirrors unbound's
// ds_response_to_ke (validator/validator.c).

import type { DnsMessage } from "../dns/message.ts";
import { TYPE } from "../dns/rdata.ts";
import { rcodeName } from "../dns/rr-types.ts";
import { nsecProveNoDs, nsecRecordsOf } from "./denial-nsec.ts";
import { isNsec3Verdict, Nsec3Proof, nsec3RecordsOf } from "./denial-nsec3.ts";
import { decodeDsRecords } from "./dnskey-trust.ts";
import type { SecureKeys } from "./key-entry.ts";
import { bogus, EDE, indeterminate, insecure, type Verdict } from "./reasons.ts";
import { verifyRrset } from "./rrset-verify.ts";
import { describeRrset, findRrset, groupRrsets } from "./rrsets.ts";
import type { DsData } from "../dns/rdata-dnssec.ts";

export type DsOutcome =
  | { kind: "ds"; ds: DsData[]; validUntil: number }
  /** Proven: no secure delegation here (no DS, opt-out, or NSEC3 iterations above the limit). */
  | { kind: "unsigned-delegation"; verdict: Verdict; validUntil: number }
  /** Proven: `child` is not a zone cut; the parent's keys still apply. */
  | { kind: "not-cut"; reason: string; validUntil: number }
  | { kind: "failed"; verdict: Verdict };

const RCODE_NOERROR = 0;
const RCODE_NXDOMAIN = 3;

export function interpretDsResponse(child: string, message: DnsMessage, parent: SecureKeys, now: number): DsOutcome {
  if (message.rcode !== RCODE_NOERROR && message.rcode !== RCODE_NXDOMAIN) {
    return { kind: "failed", verdict: indeterminate(`the resolver answered ${rcodeName(message.rcode)} to the DS query for ${child}`) };
  }
  const answers = groupRrsets(message.answers);
  const ds = findRrset(answers, child, TYPE.DS);
  if (ds) {
    const checked = verifyRrset(ds, parent.zone, parent.dnskeys, now);
    if (!checked.ok) return { kind: "failed", verdict: { ...checked.verdict, reason: `DS of ${child}: ${checked.verdict.reason}` } };
    return { kind: "ds", ds: decodeDsRecords(ds.records), validUntil: checked.validUntil };
  }
  const cname = findRrset(answers, child, TYPE.CNAME);
  if (cname) {
    // A signed CNAME at `child` shows there is no zone cut (and no DS) there.
    if (cname.rrsigs.length === 0) return { kind: "failed", verdict: bogus(`the DS query for ${child} got an unsigned CNAME`, EDE.rrsigsMissing) };
    const checked = verifyRrset(cname, parent.zone, parent.dnskeys, now);
    if (!checked.ok) return { kind: "failed", verdict: checked.verdict };
    if (checked.wildcardEncloser !== undefined) {
      return { kind: "failed", verdict: bogus(`the DS query for ${child} got a wildcard CNAME: no DS and no delegation can be proven`) };
    }
    return { kind: "not-cut", reason: `${child} is a CNAME in ${parent.zone}`, validUntil: checked.validUntil };
  }
  return interpretDsDenial(child, message, parent, now);
}

/** The NODATA/NXDOMAIN side: NSEC first, then NSEC3, as unbound tries them. */
function interpretDsDenial(child: string, message: DnsMessage, parent: SecureKeys, now: number): DsOutcome {
  const denial = groupRrsets(message.authorities).filter((s) => s.type === TYPE.NSEC || s.type === TYPE.NSEC3);
  if (!denial.some((s) => s.rrsigs.length > 0)) {
    return { kind: "failed", verdict: bogus(`no DS for ${child}, and no signed NSEC or NSEC3 proving that (${rcodeName(message.rcode)})`, EDE.nsecMissing) };
  }
  let validUntil = Infinity;
  for (const set of denial) {
    const checked = verifyRrset(set, parent.zone, parent.dnskeys, now);
    if (!checked.ok) return { kind: "failed", verdict: { ...checked.verdict, reason: `${describeRrset(set)} denying the DS of ${child}: ${checked.verdict.reason}` } };
    validUntil = Math.min(validUntil, checked.validUntil);
  }
  const records = denial.flatMap((s) => s.records);

  const nsecs = nsecRecordsOf(records);
  if (nsecs.length > 0) {
    switch (nsecProveNoDs(nsecs, child)) {
      case "no-ds":
        return { kind: "unsigned-delegation", verdict: insecure(`NSEC proves ${child} is a delegation without DS`), validUntil };
      case "not-delegation":
        return { kind: "not-cut", reason: `NSEC proves ${child} is no delegation`, validUntil };
      case "bogus":
        return { kind: "failed", verdict: bogus(`the NSEC for ${child} does not prove the absence of its DS`) };
      case "unproven":
        break;
    }
  }
  const nsec3s = nsec3RecordsOf(records);
  if (nsec3s.length === 0) {
    return { kind: "failed", verdict: bogus(`the NSEC records do not prove that ${child} has no DS`) };
  }
  const proof = Nsec3Proof.select(nsec3s, child, TYPE.DS, parent.zone, parent.keyBits);
  if (isNsec3Verdict(proof)) {
    if (proof.status === "insecure") {
      return { kind: "unsigned-delegation", verdict: insecure(proof.reason, proof.iterationsTooHigh ? EDE.unsupportedNsec3Iterations : undefined), validUntil };
    }
    return { kind: "failed", verdict: bogus(`NSEC3 for the DS of ${child}: ${proof.reason}`) };
  }
  const result = proof.proveNoDs(child);
  switch (result.status) {
    case "no-ds":
    case "insecure":
      return { kind: "unsigned-delegation", verdict: insecure(result.reason), validUntil };
    case "not-delegation":
      return { kind: "not-cut", reason: result.reason, validUntil };
    case "bogus":
      return { kind: "failed", verdict: bogus(`NSEC3 for the DS of ${child}: ${result.reason}`) };
  }
}
