// --rpki-vrps-url: VRPs fetched from a validator's HTTP endpoint (a server this test starts on
// 127.0.0.1), over a connection that meetlat's dialer opens.

import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { DnsLookup } from "../../../src/dns/client-types.ts";
import { createAddressPolicy } from "../../../src/net/address-policy.ts";
import { createDialer } from "../../../src/net/dialer.ts";
import type { Dialer } from "../../../src/net/types.ts";
import { loadRpkiData } from "../../../src/rpki/load-rpki-data.ts";

const JSON_BODY = JSON.stringify({ metadata: { generated: 1714557600, generatedTime: "2024-05-01T10:00:00Z" }, roas: [{ asn: "AS64496", prefix: "192.0.2.0/24", maxLength: 24, ta: "ripe" }] });
const CSV_BODY = "ASN,IP Prefix,Max Length,Trust Anchor\nAS64496,192.0.2.0/24,24,ripe\n";

describe("VRPs from a validator's HTTP endpoint", () => {
  let server: Server;
  let port: number;
  let requests = 0;
  before(async () => {
    server = createServer((req, res) => {
      requests++;
      if (req.url === "/json") res.writeHead(200, { "content-type": "application/json" }).end(JSON_BODY);
      else if (req.url === "/csv") res.writeHead(200, { "content-type": "text/csv" }).end(CSV_BODY);
      else if (req.url === "/starting") res.writeHead(503).end("initial validation ongoing");
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function setup() {
    const policy = createAddressPolicy([]);
    const dialer = createDialer({ policy });
    const dialed: string[] = [];
    const counting: Dialer = {
      udpRequest: (r) => dialer.udpRequest(r),
      connectTcp: (target, o) => { dialed.push(`${target.address}:${target.port}`); return dialer.connectTcp(target, o); },
    };
    const deps = { dns: {} as DnsLookup, dialer: counting, allowTarget: (a: string) => { policy.allow(a); }, httpTimeoutMs: 10_000 };
    return { deps, dialed };
  }

  it("JSON and CSV: loaded through the dialer, recorded as a URL source with fetch and generation times", async () => {
    for (const [path, format] of [["/json", "Routinator JSON"], ["/csv", "CSV"]] as const) {
      const { deps, dialed } = setup();
      const url = `http://127.0.0.1:${port}${path}`;
      const data = await loadRpkiData({ vrps: { url }, routes: { inline: { name: "routes", text: "192.0.2.0/24 64496\n" } }, maxAgeHours: null }, deps);
      assert.equal(data.description.problem, undefined);
      const s = data.description.sources[0]!;
      assert.deepEqual([s.kind, s.location, s.format], ["url", url, format]);
      assert.ok(s.fetchedAt);
      assert.match(s.sha256 ?? "", /^[0-9a-f]{64}$/);
      assert.deepEqual(dialed, [`127.0.0.1:${port}`]);
      assert.equal((await data.routing("192.0.2.1")).routes[0]?.state, "valid");
    }
    assert.ok(requests >= 2);
  });

  it("a validator that is not ready, or not there: the data is unusable, with the reason", async () => {
    const { deps } = setup();
    const routes = { inline: { name: "routes", text: "192.0.2.0/24 64496\n" } };
    const starting = await loadRpkiData({ vrps: { url: `http://127.0.0.1:${port}/starting` }, routes, maxAgeHours: null }, deps);
    assert.match(starting.description.problem ?? "", /answered HTTP 503/);
    // A port nobody listens on (the server's, after asking the OS for a free one, is in use):
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await loadRpkiData({ vrps: { url: `http://127.0.0.1:${closedPort}/json` }, routes, maxAgeHours: null }, deps);
    assert.match(refused.description.problem ?? "", /the VRPs cannot be used/);
    const notUrl = await loadRpkiData({ vrps: { url: "ftp://127.0.0.1/vrps" }, routes, maxAgeHours: null }, deps);
    assert.match(notUrl.description.problem ?? "", /only http:\/\/ and https:\/\//);
  });

  it("the address policy still applies: without allowing the validator, loopback is refused", async () => {
    const policy = createAddressPolicy([]);
    const deps = { dns: {} as DnsLookup, dialer: createDialer({ policy }), allowTarget: () => {}, httpTimeoutMs: 5_000 };
    const data = await loadRpkiData({ vrps: { url: `http://127.0.0.1:${port}/json` }, routes: { inline: { name: "r", text: "192.0.2.0/24 1\n" } }, maxAgeHours: null }, deps);
    assert.match(data.description.problem ?? "", /127\.0\.0\.1 is in 127\.0\.0\.0\/8 \(loopback/);
  });
});
