// How simulated hosts misbehave: a silent address reads and never replies (UDP and TCP), a
// refusing one answers REFUSED; and how every server treats malformed input.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { connect } from "node:net";
import { parseMessage, writeMessage } from "../../../src/dns/message.ts";
import { FrameReader, frameMessage } from "../../../src/dns/tcp-framing.ts";
import { RCODE } from "../../../src/dns/rr-types.ts";
import { startTestnet } from "../../../src/testnet/servers.ts";
import type { Testnet } from "../../../src/testnet/servers.ts";
import { listenerOf } from "./helpers.ts";
import { buildRawQuery, rawDnsQuery, tcpExchange, udpExchange } from "../../helpers/raw-dns-query.ts";

/** How long a silent server is given to stay silent (no timing is asserted, only silence). */
const SILENCE_MS = 300;

describe("testnet server behaviour", () => {
  let t: Testnet;
  before(async () => {
    t = await startTestnet(["ipv6-ns-silent", "ns-all-failing"]);
  });
  after(async () => t.stop());

  it("a silent IPv6 address never replies over UDP or TCP, while its IPv4 address answers", async () => {
    const silent = listenerOf(t, "2001:db8:203::32");
    const { wire } = buildRawQuery("ipv6-ns-silent.test", "SOA", {});
    assert.equal(await udpExchange(silent, wire, SILENCE_MS), undefined);
    assert.equal(await tcpExchange(silent, wire, SILENCE_MS), undefined);
    const { message: m } = await rawDnsQuery(listenerOf(t, "203.0.113.32"), "ipv6-ns-silent.test", "SOA");
    assert.equal(m.rcode, RCODE.NOERROR);
    assert.equal(m.flags.aa, true);
  });

  it("a refusing server answers REFUSED over UDP and TCP", async () => {
    for (const address of ["203.0.113.52", "2001:db8:203::52"]) {
      for (const transport of ["udp", "tcp"] as const) {
        const { message: m } = await rawDnsQuery(listenerOf(t, address), "ns-all-failing.test", "SOA", { transport });
        assert.equal(m.rcode, RCODE.REFUSED, `${address} over ${transport}`);
      }
    }
  });

  it("answers garbage that carries an id with FORMERR, and ignores replies and runts", async () => {
    const server = listenerOf(t, "203.0.113.31");
    const garbage = Uint8Array.from([0x12, 0x34, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x3f]);
    const reply = await udpExchange(server, garbage, 2000);
    assert.ok(reply);
    const m = parseMessage(reply);
    assert.equal(m.id, 0x1234);
    assert.equal(m.rcode, RCODE.FORMERR);
    const response = writeMessage({ id: 7, flags: { qr: true }, questions: [{ name: "ipv6-ns-silent.test", type: 6, class: 1 }] });
    assert.equal(await udpExchange(server, response, SILENCE_MS), undefined);
    assert.equal(await udpExchange(server, Uint8Array.of(1, 2, 3), SILENCE_MS), undefined);
  });

  it("answers several queries sent at once on one TCP connection", async () => {
    const server = listenerOf(t, "203.0.113.31");
    const queries = [buildRawQuery("ipv6-ns-silent.test", "SOA", {}), buildRawQuery("ns1.ipv6-ns-silent.test", "AAAA", {})];
    const replies = await new Promise<Uint8Array[]>((resolve, reject) => {
      const sock = connect({ host: server.address, port: server.port });
      const frames = new FrameReader();
      const got: Uint8Array[] = [];
      const timer = setTimeout(() => { sock.destroy(); reject(new Error("no replies within 2 s")); }, 2000);
      sock.on("error", reject);
      sock.on("connect", () => sock.write(Buffer.concat(queries.map((q) => frameMessage(q.wire)))));
      sock.on("data", (chunk: Buffer) => {
        got.push(...frames.push(chunk));
        if (got.length === queries.length) {
          clearTimeout(timer);
          sock.destroy();
          resolve(got);
        }
      });
    });
    assert.deepEqual(replies.map((r) => parseMessage(r).id).sort(), queries.map((q) => q.id).sort());
    assert.ok(replies.every((r) => parseMessage(r).rcode === RCODE.NOERROR));
  });
});
