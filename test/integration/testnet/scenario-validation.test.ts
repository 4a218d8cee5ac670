// End to end: every scenario's SOA (and its further lookups) validated by meetlat's DNSSEC
// validator through meetlat's DNS client and dialer, against the testnet's resolver and trust
// anchor. This checks the signer, the servers and the validator together.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createDnsClient } from "../../../src/dns/client.ts";
import { rcodeName, typeNumber } from "../../../src/dns/rr-types.ts";
import { DnssecValidator } from "../../../src/dnssec/validator.ts";
import { createAddressPolicy } from "../../../src/net/address-policy.ts";
import { createDialer } from "../../../src/net/dialer.ts";
import { RewriteTable } from "../../../src/net/rewrite-table.ts";
import { SCENARIOS } from "../../../src/testnet/scenarios/index.ts";
import { startTestnet } from "../../../src/testnet/servers.ts";
import type { Testnet } from "../../../src/testnet/servers.ts";

describe("every scenario validates as expected through the testnet resolver", () => {
  let t: Testnet;
  let validator: DnssecValidator;
  before(async () => {
    t = await startTestnet([]);
    const policy = createAddressPolicy(t.allowTargets).allow(`${t.resolver.address}/32`);
    const rewrites = new RewriteTable();
    for (const r of t.rewrites) rewrites.add(r.from, r.to);
    const dns = createDnsClient({ dialer: createDialer({ policy, rewrites }), resolvers: [t.resolver], attempts: 1 });
    validator = new DnssecValidator({ lookup: dns, trustAnchors: t.trustAnchors });
  });
  after(async () => t.stop());

  for (const scenario of SCENARIOS.values()) {
    for (const d of scenario.domains) {
      it(`${d.domain} (${scenario.name})`, async () => {
        const soa = await validator.validate(d.domain, typeNumber("SOA"));
        assert.equal(soa.security, d.soa.security, `SOA of ${d.domain}: ${soa.reason}`);
        assert.equal(rcodeName(soa.rcode), d.soa.rcode, `SOA rcode of ${d.domain}`);
        assert.equal(soa.unsupportedAlgorithm ?? false, d.unsupportedAlgorithm ?? false, `unsupported algorithm flag of ${d.domain}`);
        for (const l of d.lookups ?? []) {
          const r = await validator.validate(l.name, typeNumber(l.type));
          assert.equal(r.security, l.security, `${l.name} ${l.type}: ${r.reason}`);
          assert.equal(rcodeName(r.rcode), l.rcode, `rcode of ${l.name} ${l.type}`);
        }
      });
    }
  }
});
