// The side under test: meetlat's own validating stub, set up the way a scan sets it up but
// pointed at the interop unbound (asked with DO=1, CD=1, so unbound passes bogus data through)
// and anchored at the test root's DS instead of IANA's.

import { createDnsClient } from "../../../src/dns/client.ts";
import type { DnsLookup } from "../../../src/dns/client-types.ts";
import { normaliseName } from "../../../src/dns/name.ts";
import { typeNumber } from "../../../src/dns/rr-types.ts";
import { createAddressPolicy } from "../../../src/net/address-policy.ts";
import { createDialer } from "../../../src/net/dialer.ts";
import { parseTrustAnchors } from "../../../src/dnssec/trust-anchor.ts";
import { DnssecValidator } from "../../../src/dnssec/validator.ts";

export interface MeetlatVerdict {
  security: string;
  reason: string;
  ede?: { code: number; text: string };
}

export interface MeetlatSide {
  lookup: DnsLookup;
  verdict(name: string, type: string): Promise<MeetlatVerdict>;
}

/** One DNS client (with its cache, as in a scan) and a validator per call of `verdict`. */
export function createMeetlatSide(resolver: { address: string; port: number }, rootDs: readonly string[]): MeetlatSide {
  if (!/^127\./.test(resolver.address)) throw new Error(`the interop resolver must be on 127.0.0.0/8, not ${resolver.address}`);
  // Only loopback is allowed: nothing meetlat does in this suite can leave the machine.
  const dialer = createDialer({ policy: createAddressPolicy(["127.0.0.0/8"]) });
  const lookup = createDnsClient({ dialer, resolvers: [{ address: resolver.address, port: resolver.port }] });
  const trustAnchors = parseTrustAnchors(rootDs.join("\n"), "interop test root DS");
  return {
    lookup,
    async verdict(name, type) {
      const validator = new DnssecValidator({ lookup, trustAnchors });
      const res = await validator.validate(normaliseName(name), typeNumber(type));
      return { security: res.security, reason: res.reason, ...(res.ede ? { ede: res.ede } : {}) };
    },
  };
}
