// The DNS client against misbehaving servers, all on loopback ports the test opens itself.

import assert from "node:assert/strict";
import dgram from "node:dgram";
import { after, describe, it } from "node:test";
import { createDnsClient } from "../../../src/dns/client.ts";
import type { DnsClientOptions } from "../../../src/dns/client.ts";
import type { DnsClient, DnsOutcome } from "../../../src/dns/client-types.ts";
import { decodeA, encodeTXT } from "../../../src/dns/rdata.ts";
import { RCODE, typeNumber } from "../../../src/dns/rr-types.ts";
import { writeMessage } from "../../../src/dns/message.ts";
import { createAddressPolicy } from "../../../src/net/address-policy.ts";
import { createDialer } from "../../../src/net/dialer.ts";
import { RewriteTable } from "../../../src/net/rewrite-table.ts";
import type { Endpoint } from "../../../src/net/types.ts";
import { aRecord, reply, replyWith, rr, soaRecord, startTestServer } from "./hostile-server.ts";
import type { Behaviour, TestServer } from "./hostile-server.ts";

const A = typeNumber("A");
const TXT = typeNumber("TXT");
const servers: TestServer[] = [];
after(async () => { await Promise.all(servers.map((s) => s.close())); });

async function server(behaviour: Behaviour, host?: string): Promise<TestServer> {
  const s = await startTestServer(behaviour, host);
  servers.push(s);
  return s;
}

/**
 * Generous timeouts by default, so a busy machine cannot fail a test that expects an answer;
 * tests that expect silence pass short ones. Assertions are on codes, never on durations.
 */
function client(resolvers: Endpoint[], extra: Partial<DnsClientOptions> = {}): DnsClient {
  const dialer = createDialer({ policy: createAddressPolicy(["127.0.0.0/8", "::1"]) });
  return createDnsClient({ dialer, resolvers, timeoutMs: 2000, attempts: 2, deadlineMs: 10_000, ...extra });
}

/** For tests where a server stays silent: short first timeouts, growing for the servers that do answer. */
const QUICK = { timeoutMs: 150, attempts: 4 } as const;

const answerA = (address = "192.0.2.1"): Behaviour => (q) => replyWith(q, { answers: [aRecord(q.name, address)] });

function okMessage(out: DnsOutcome) {
  assert.ok(out.ok, `expected an answer, got ${JSON.stringify(!out.ok && out.error)}`);
  return out.answer;
}

function failed(out: DnsOutcome) {
  assert.ok(!out.ok, "expected a failure");
  return out.error;
}

describe("DNS client: normal operation", () => {
  it("answers over UDP with the query's flags, and caches", async () => {
    const s = await server(answerA());
    const c = client([s.endpoint]);
    const a = okMessage(await c.query("www.example.nl", A));
    assert.equal(a.transport, "udp");
    assert.equal(a.fromCache, false);
    assert.deepEqual(a.server, s.endpoint);
    assert.equal(decodeA(a.message.answers[0]!.rdata), "192.0.2.1");
    const q = s.queries[0]!;
    assert.equal(q.message.flags.rd, true);
    assert.equal(q.message.flags.cd, true);
    assert.equal(q.message.edns?.dnssecOk, true);
    assert.equal(q.message.edns?.udpPayloadSize, 1232);
    const again = okMessage(await c.query("WWW.EXAMPLE.NL", A));
    assert.equal(again.fromCache, true);
    assert.equal(s.queries.length, 1);
  });

  it("sets DO, CD and RD as asked, and caches them apart", async () => {
    const s = await server(answerA());
    const c = client([s.endpoint]);
    okMessage(await c.query("x.example.nl", A, { dnssecOk: false, checkingDisabled: false, recursionDesired: false }));
    const q = s.queries[0]!;
    assert.equal(q.message.edns?.dnssecOk, false);
    assert.equal(q.message.flags.cd, false);
    assert.equal(q.message.flags.rd, false);
    okMessage(await c.query("x.example.nl", A));
    assert.equal(s.queries.length, 2);
  });

  it("shares one exchange between identical concurrent queries", async () => {
    const s = await server(answerA());
    const c = client([s.endpoint]);
    const outs = await Promise.all(Array.from({ length: 5 }, () => c.query("same.example.nl", A)));
    for (const o of outs) okMessage(o);
    assert.equal(s.queries.length, 1);
  });

  it("can run without a cache", async () => {
    const s = await server(answerA());
    const c = client([s.endpoint], { cache: false });
    okMessage(await c.query("nc.example.nl", A));
    okMessage(await c.query("nc.example.nl", A));
    assert.equal(s.queries.length, 2);
  });

  it("works with an IPv6 loopback resolver", async () => {
    const s = await server(answerA("192.0.2.6"), "::1");
    const a = okMessage(await client([s.endpoint]).query("six.example.nl", A));
    assert.equal(decodeA(a.message.answers[0]!.rdata), "192.0.2.6");
  });

  it("passes NXDOMAIN through as an answer", async () => {
    const s = await server((q) => replyWith(q, { rcode: RCODE.NXDOMAIN, authorities: [soaRecord("example.nl")] }));
    assert.equal(okMessage(await client([s.endpoint]).query("nx.example.nl", A)).message.rcode, RCODE.NXDOMAIN);
  });
});

describe("DNS client: truncation and TCP", () => {
  it("retries a truncated reply over TCP on the same server", async () => {
    const s = await server((q) => q.transport === "udp"
      ? replyWith(q, { flags: { tc: true } })
      : replyWith(q, { answers: [aRecord(q.name, "192.0.2.2")] }));
    const a = okMessage(await client([s.endpoint]).query("tc.example.nl", A));
    assert.equal(a.transport, "tcp");
    assert.equal(decodeA(a.message.answers[0]!.rdata), "192.0.2.2");
    assert.deepEqual(s.queries.map((q) => q.transport), ["udp", "tcp"]);
  });

  it("reads a 64 KiB reply over TCP", async () => {
    const s = await server((q) => {
      if (q.transport === "udp") return replyWith(q, { flags: { tc: true } });
      const answers = [];
      const txt = encodeTXT(["x".repeat(255), "y".repeat(255), "z".repeat(255)]);
      // Grow the answer until the message is just under 65535 octets.
      while (reply(q, { answers: [...answers, rr(q.name, "TXT", txt)] }).length <= 65535) answers.push(rr(q.name, "TXT", txt));
      const m = reply(q, { answers });
      assert.ok(m.length > 64_000 && m.length <= 65535);
      return { send: [m] };
    });
    const a = okMessage(await client([s.endpoint]).query("big.example.nl", TXT));
    assert.equal(a.transport, "tcp");
    assert.ok(a.message.answers.length > 80);
  });

  it("times out on a TCP server that accepts and never writes", async () => {
    const s = await server((q) => (q.transport === "udp" ? replyWith(q, { flags: { tc: true } }) : { silent: true }));
    const e = failed(await client([s.endpoint], { timeoutMs: 200, attempts: 1 }).query("hang.example.nl", A));
    assert.equal(e.code, "timeout");
    assert.ok(e.attempts.some((a) => a.transport === "tcp" && a.error.startsWith("timeout")), JSON.stringify(e.attempts));
  });

  it("reports a server that closes mid-message as a network failure", async () => {
    const s = await server((q) => {
      if (q.transport === "udp") return replyWith(q, { flags: { tc: true } });
      const full = reply(q, { answers: [aRecord(q.name, "192.0.2.3")] });
      const head = Uint8Array.of(full.length >> 8, full.length & 0xff);
      return { rawTcp: Uint8Array.from([...head, ...full.subarray(0, 10)]) };
    });
    const e = failed(await client([s.endpoint], { attempts: 1 }).query("cut.example.nl", A));
    assert.equal(e.code, "network");
    assert.match(e.attempts.at(-1)!.error, /closed mid-message after 12 of \d+ octets/);
  });

  it("asks one server directly over a forced transport, with RD off by default", async () => {
    const s = await server((q) => (q.transport === "udp"
      ? replyWith(q, { flags: { tc: true, aa: true } })
      : replyWith(q, { flags: { aa: true }, answers: [aRecord(q.name, "192.0.2.4")] })));
    const c = client([]);
    const udp = okMessage(await c.queryServer(s.endpoint, "auth.example.nl", A, { transport: "udp" }));
    assert.equal(udp.transport, "udp");
    assert.equal(udp.message.flags.tc, true);
    const tcp = okMessage(await c.queryServer(s.endpoint, "auth.example.nl", A, { transport: "tcp" }));
    assert.equal(tcp.transport, "tcp");
    const auto = okMessage(await c.queryServer(s.endpoint, "auth.example.nl", A));
    assert.equal(auto.transport, "tcp");
    assert.equal(auto.fromCache, false);
    assert.ok(s.queries.every((q) => q.message.flags.rd === false));
    assert.deepEqual(s.queries.map((q) => q.transport), ["udp", "tcp", "udp", "tcp"]);
  });
});

describe("DNS client: unhelpful resolvers", () => {
  it("moves on from SERVFAIL to a resolver that works", async () => {
    const bad = await server((q) => replyWith(q, { rcode: RCODE.SERVFAIL }));
    const good = await server(answerA("192.0.2.5"));
    const a = okMessage(await client([bad.endpoint, good.endpoint]).query("sf.example.nl", A));
    assert.equal(a.message.rcode, RCODE.NOERROR);
    assert.deepEqual(a.server, good.endpoint);
    assert.equal(bad.queries.length, 1);
  });

  it("returns SERVFAIL as an answer when every resolver says so", async () => {
    const s1 = await server((q) => replyWith(q, { rcode: RCODE.SERVFAIL }));
    const s2 = await server((q) => replyWith(q, { rcode: RCODE.SERVFAIL }));
    const a = okMessage(await client([s1.endpoint, s2.endpoint]).query("broken.example.nl", A));
    assert.equal(a.message.rcode, RCODE.SERVFAIL);
    // Each resolver is asked once: a SERVFAIL is not retried in later rounds.
    assert.equal(s1.queries.length + s2.queries.length, 2);
  });

  it("moves on from REFUSED, and returns REFUSED when that is all there is", async () => {
    const refusing = await server((q) => replyWith(q, { rcode: RCODE.REFUSED }));
    const good = await server(answerA());
    assert.deepEqual(okMessage(await client([refusing.endpoint, good.endpoint]).query("r.example.nl", A)).server, good.endpoint);
    assert.equal(okMessage(await client([refusing.endpoint]).query("r2.example.nl", A)).message.rcode, RCODE.REFUSED);
  });

  it("prefers SERVFAIL over REFUSED when no resolver answers properly", async () => {
    const refusing = await server((q) => replyWith(q, { rcode: RCODE.REFUSED }));
    const failing = await server((q) => replyWith(q, { rcode: RCODE.SERVFAIL }));
    assert.equal(okMessage(await client([refusing.endpoint, failing.endpoint]).query("mix.example.nl", A)).message.rcode, RCODE.SERVFAIL);
  });

  it("retries without EDNS after a FORMERR", async () => {
    const s = await server((q) => (q.hasEdns ? { send: [writeMessage({ id: q.id, flags: { qr: true }, rcode: RCODE.FORMERR })] } : replyWith(q, { answers: [aRecord(q.name, "192.0.2.8")] })));
    const a = okMessage(await client([s.endpoint]).query("old.example.nl", A));
    assert.equal(decodeA(a.message.answers[0]!.rdata), "192.0.2.8");
    assert.deepEqual(s.queries.map((q) => q.hasEdns), [true, false]);
  });

  it("moves on from a resolver that never answers", async () => {
    const mute = await server(() => ({ silent: true }));
    const good = await server(answerA());
    assert.deepEqual(okMessage(await client([mute.endpoint, good.endpoint], QUICK).query("m.example.nl", A)).server, good.endpoint);
  });

  it("returns timeout when nothing ever answers, within its deadline", async () => {
    const mute = await server(() => ({ silent: true }));
    const e = failed(await client([mute.endpoint], { timeoutMs: 100, attempts: 3, deadlineMs: 2000 }).query("void.example.nl", A));
    assert.equal(e.code, "timeout");
    assert.equal(e.attempts.length, 3);
    assert.ok(mute.queries.length >= 1 && mute.queries.length <= 3);
  });

  it("stops at the overall deadline even when attempts remain", async () => {
    const mute = await server(() => ({ silent: true }));
    const e = failed(await client([mute.endpoint], { timeoutMs: 200, attempts: 50, deadlineMs: 700 }).query("deadline.example.nl", A));
    assert.equal(e.code, "timeout");
    assert.ok(e.attempts.length < 50);
  });

  it("reports network failure for a port where nothing listens", async () => {
    const probe = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => probe.bind(0, "127.0.0.1", resolve));
    const port = probe.address().port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const e = failed(await client([{ address: "127.0.0.1", port }]).query("closed.example.nl", A));
    assert.equal(e.code, "network");
  });

  it("says no_servers when none are configured", async () => {
    assert.equal(failed(await client([]).query("none.example.nl", A)).code, "no_servers");
  });

  it("stops when the caller aborts", async () => {
    const mute = await server(() => ({ silent: true }));
    const controller = new AbortController();
    const p = client([mute.endpoint], { timeoutMs: 5000, deadlineMs: 20_000 }).query("abort.example.nl", A, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    assert.equal(failed(await p).code, "aborted");
    const p2 = client([mute.endpoint], { timeoutMs: 5000, deadlineMs: 20_000 }).queryServer(mute.endpoint, "abort.example.nl", A, { signal: AbortSignal.abort() });
    assert.equal(failed(await p2).code, "aborted");
  });
});

describe("DNS client: hostile replies", () => {
  it("ignores garbage and wrong ids, taking the right reply after them", async () => {
    const s = await server((q) => {
      const wrongId = reply(q, { answers: [aRecord(q.name, "203.0.113.66")] });
      wrongId[0] = wrongId[0]! ^ 0xff;
      const otherQuestion = writeMessage({ id: q.id, flags: { qr: true }, questions: [{ name: "evil.example", type: A, class: 1 }], answers: [aRecord("evil.example", "203.0.113.67")] });
      return { send: [Buffer.from("\x00garbage\xff"), wrongId, otherQuestion, reply(q, { answers: [aRecord(q.name, "192.0.2.9")] })] };
    });
    const a = okMessage(await client([s.endpoint]).query("spoof.example.nl", A));
    assert.equal(decodeA(a.message.answers[0]!.rdata), "192.0.2.9");
  });

  it("calls a server that only sends random bytes malformed", async () => {
    let n = 1;
    const s = await server(() => ({ send: [Uint8Array.from({ length: 40 }, () => (n = (n * 75 + 74) % 65537) & 0xff)] }));
    const e = failed(await client([s.endpoint], { timeoutMs: 150 }).query("garbage.example.nl", A));
    assert.equal(e.code, "malformed");
  });

  it("calls a server that only sends wrong ids malformed", async () => {
    const s = await server((q) => {
      const m = reply(q, { answers: [aRecord(q.name, "203.0.113.66")] });
      m[1] = m[1]! ^ 0x01;
      return { send: [m] };
    });
    assert.equal(failed(await client([s.endpoint], { timeoutMs: 150 }).query("wrongid.example.nl", A)).code, "malformed");
  });

  it("rejects a reply with a compression-pointer loop as malformed, and uses the next resolver", async () => {
    const looping = await server((q) => {
      // A reply without OPT, then one answer record whose owner is two pointers pointing at each other.
      const base = writeMessage({ id: q.id, flags: { qr: true }, questions: q.message.questions });
      const at = base.length;
      const m = Uint8Array.from([...base, 0xc0, at + 2, 0xc0, at, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1]);
      m[7] = 1; // ANCOUNT
      return { send: [m] };
    });
    const e = failed(await client([looping.endpoint], { attempts: 1 }).query("loop.example.nl", A));
    assert.equal(e.code, "malformed");
    assert.match(e.attempts[0]!.error, /malformed reply: .*pointer/);
    const good = await server(answerA());
    assert.deepEqual(okMessage(await client([looping.endpoint, good.endpoint]).query("loop2.example.nl", A)).server, good.endpoint);
  });

  it("accepts a UDP reply larger than the announced payload size", async () => {
    const s = await server((q) => replyWith(q, { answers: Array.from({ length: 12 }, () => rr(q.name, "TXT", encodeTXT(["a".repeat(255), "b".repeat(100)]))) }));
    const a = okMessage(await client([s.endpoint]).query("wide.example.nl", TXT));
    assert.equal(a.transport, "udp");
    assert.equal(a.message.answers.length, 12);
  });
});

describe("DNS client: address policy", () => {
  it("refuses a resolver outside the policy, even when a rewrite would reach loopback", async () => {
    const s = await server(answerA());
    const rewrites = new RewriteTable().add("192.0.2.53:*", `127.0.0.1:${s.endpoint.port}`);
    const dialer = createDialer({ policy: createAddressPolicy(["127.0.0.0/8"]), rewrites });
    const c = createDnsClient({ dialer, resolvers: [{ address: "192.0.2.53", port: 53 }], timeoutMs: 300 });
    const e = failed(await c.query("p.example.nl", A));
    assert.equal(e.code, "refused_by_policy");
    assert.match(e.message, /192\.0\.2\.53 is in 192\.0\.2\.0\/24/);
    assert.equal(e.attempts.length, 1, "a refused server is not asked again");
    assert.equal(failed(await c.queryServer({ address: "2001:db8::53", port: 53 }, "p.example.nl", A)).code, "refused_by_policy");
    assert.equal(s.queries.length, 0);
  });

  it("reaches a simulated documentation-range server through the rewrite table once allowed", async () => {
    const s = await server(answerA("192.0.2.10"));
    const rewrites = new RewriteTable().add("192.0.2.53:*", `127.0.0.1:${s.endpoint.port}`);
    const dialer = createDialer({ policy: createAddressPolicy(["192.0.2.53"]), rewrites });
    const c = createDnsClient({ dialer, resolvers: [{ address: "192.0.2.53", port: 53 }], timeoutMs: 3000 });
    const a = okMessage(await c.query("sim.example.nl", A));
    assert.deepEqual(a.server, { address: "192.0.2.53", port: 53 });
  });
});
