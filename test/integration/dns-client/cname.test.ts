// Following CNAME chains served by a real (loopback) server.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createDnsClient } from "../../../src/dns/client.ts";
import type { DnsClient } from "../../../src/dns/client-types.ts";
import { lookupAddresses, resolveFollowingCnames } from "../../../src/dns/follow-cname.ts";
import type { ResourceRecord } from "../../../src/dns/message.ts";
import { normaliseName } from "../../../src/dns/name.ts";
import { typeNumber } from "../../../src/dns/rr-types.ts";
import { createAddressPolicy } from "../../../src/net/address-policy.ts";
import { createDialer } from "../../../src/net/dialer.ts";
import { aRecord, aaaaRecord, cnameRecord, replyWith, soaRecord, startTestServer } from "./hostile-server.ts";
import type { TestServer } from "./hostile-server.ts";

const A = typeNumber("A");

/**
 * A zone: chainN-K.example.nl → chainN-(K+1) ... → chainN-N with an A record; loop-a ↔ loop-b.
 * Names under "partial." get one CNAME per reply (a forwarder that stops early), so the client
 * has to ask again; other names get the whole chain in one reply.
 */
function zone(name: string, type: number): ResourceRecord[] {
  const n = normaliseName(name);
  const partial = n.startsWith("partial.");
  const bare = partial ? n.slice("partial.".length) : n;
  const prefix = partial ? "partial." : "";
  const out: ResourceRecord[] = [];
  let current = bare;
  for (let i = 0; i < 20; i++) {
    const chain = /^chain(\d+)-(\d+)\.example\.nl$/.exec(current);
    const loop = /^loop-(a|b)\.example\.nl$/.exec(current);
    let next: string | undefined;
    if (chain) {
      const [depth, k] = [Number(chain[1]), Number(chain[2])];
      if (k === depth) {
        if (type === A) out.push(aRecord(prefix + current, "192.0.2.44"));
        if (type === typeNumber("AAAA")) out.push(aaaaRecord(prefix + current, "2001:db8::44"), aaaaRecord(prefix + current, "::ffff:192.0.2.44"));
        break;
      }
      next = `chain${depth}-${k + 1}.example.nl`;
    } else if (loop) {
      next = `loop-${loop[1] === "a" ? "b" : "a"}.example.nl`;
    } else {
      break;
    }
    out.push(cnameRecord(prefix + current, prefix + next));
    if (partial) break;
    current = next;
  }
  return out;
}

describe("CNAME chains from a server", () => {
  let server: TestServer;
  let dns: DnsClient;
  before(async () => {
    server = await startTestServer((q) => {
      const answers = zone(q.name, q.type);
      return replyWith(q, { answers, authorities: answers.some((r) => r.type === q.type) ? [] : [soaRecord("example.nl")] });
    });
    const dialer = createDialer({ policy: createAddressPolicy(["127.0.0.0/8"]) });
    dns = createDnsClient({ dialer, resolvers: [server.endpoint], timeoutMs: 3000 });
  });
  after(() => server.close());

  for (const prefix of ["", "partial."]) {
    const how = prefix ? "one hop per reply" : "whole chain in one reply";
    it(`follows a 10-deep chain (${how})`, async () => {
      const r = await resolveFollowingCnames(dns, `${prefix}chain10-0.example.nl`, A);
      assert.ok(r.ok, !r.ok ? r.error : "");
      assert.equal(r.chain.length, 10);
      assert.equal(r.finalName, `${prefix}chain10-10.example.nl`);
      assert.equal(r.records.length, 1);
    });

    it(`refuses an 11-deep chain (${how})`, async () => {
      const r = await resolveFollowingCnames(dns, `${prefix}chain11-0.example.nl`, A);
      assert.ok(!r.ok);
      assert.equal(r.code, "cname_chain_too_long");
      assert.match(r.error, /^CNAME chain longer than 10/);
    });

    it(`detects a CNAME loop (${how})`, async () => {
      const r = await resolveFollowingCnames(dns, `${prefix}loop-a.example.nl`, A);
      assert.ok(!r.ok);
      assert.equal(r.code, "cname_loop");
      assert.equal(r.error, `CNAME loop: ${prefix}loop-a.example.nl → ${prefix}loop-b.example.nl → ${prefix}loop-a.example.nl`);
    });
  }

  it("looks up addresses through a chain, leaving out IPv4-mapped AAAA", async () => {
    const r = await lookupAddresses(dns, "partial.chain3-0.example.nl");
    assert.deepEqual(r.a, ["192.0.2.44"]);
    assert.deepEqual(r.aaaa, ["2001:db8::44"]);
    assert.equal(r.ignoredMapped.length, 1);
    assert.deepEqual(r.cnameChain, ["partial.chain3-1.example.nl", "partial.chain3-2.example.nl", "partial.chain3-3.example.nl"]);
    assert.equal(r.rcode, 0);
  });
});
