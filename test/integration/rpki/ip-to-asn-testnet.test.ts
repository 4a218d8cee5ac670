// --rpki-routes dns:ZONE end to end: the simulated internet serves an IP-to-ASN zone (TXT
// records in the Team Cymru style, made here from the testnet's own route table), and a scan
// asks it through meetlat's DNS client and the testnet's resolver.

import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { parseIp } from "../../../src/net/ip.ts";
import { judgeNsRpkiValid, judgeWebRpkiValid } from "../../../src/checks/rpki.ts";
import { ipToAsnQueryName } from "../../../src/rpki/ip-to-asn.ts";
import { inlineRoutes } from "../../../src/rpki/route-source.ts";
import { scanDomain } from "../../../src/scan/engine.ts";
import { createScanSetup } from "../../../src/scan/setup.ts";
import { RPKI_VRPS_FILE, testnetRpkiFiles } from "../../../src/testnet/rpki-data.ts";
import { buildWorld } from "../../../src/testnet/scenarios/index.ts";
import { DNS_HOST_SERVERS, unsignedZone } from "../../../src/testnet/scenarios/helpers.ts";
import { startTestnet } from "../../../src/testnet/servers.ts";
import type { Testnet } from "../../../src/testnet/servers.ts";

const ZONE = "ip2asn.test";
const V4 = `origin.${ZONE}`;
const V6 = `origin6.${ZONE}`;

/** TXT records answering for every host address of the world, from its route table. */
async function ipToAsnRecords(world: ReturnType<typeof buildWorld>, leaveOut: string): Promise<string> {
  const routes = inlineRoutes("testnet routes", testnetRpkiFiles(world).routes);
  const lines: string[] = [];
  for (const address of new Set(world.hosts.flatMap((h) => h.addresses.map((a) => a.address)))) {
    if (address === leaveOut) continue;
    const ip = parseIp(address)!;
    const found = await routes.covering(ip);
    assert.ok(found.ok);
    const best = found.prefixes[0];
    if (!best) continue;
    const name = ipToAsnQueryName(ip, ip.family === 4 ? V4 : V6);
    lines.push(`${name}. 300 IN TXT "${best.origins.join(" ")} | ${best.prefix} | ZZ | testnet | 2024-01-01"`);
  }
  return lines.join("\n") + "\n";
}

describe("routes from a DNS IP-to-ASN service", () => {
  let net: Testnet;
  let dir: string;
  before(async () => {
    const world = buildWorld(["rpki-invalid-origin"]);
    // One name-server address is left out of the service: it is then "not routed".
    world.zones.push(unsignedZone(ZONE, { nameServers: DNS_HOST_SERVERS, records: await ipToAsnRecords(world, "2001:db8:53::2") }));
    net = await startTestnet(world);
    dir = await mkdtemp(join(tmpdir(), "meetlat-rpki-dns-"));
  });
  after(async () => {
    await net?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("validates the routes the service names, and records the source as dns:ZONE", async () => {
    const descriptor = await net.writeDescriptor(dir);
    const setup = await createScanSetup({
      resolvers: [], allowTargets: [], testnetFile: descriptor,
      rpki: { vrpsFile: join(dir, RPKI_VRPS_FILE), routes: `dns:${V4},${V6}` },
    });
    try {
      assert.equal(setup.rpki.problem, undefined);
      assert.deepEqual(setup.rpki.sources.map((s) => [s.role, s.kind, s.location]), [["vrps", "file", join(dir, RPKI_VRPS_FILE)], ["routes", "dns", `dns:${V4},${V6}`]]);
      const scan = await scanDomain(setup.ctx, "rpki-invalid-origin.test", ["web"]);
      const web = judgeWebRpkiValid(scan.evidence);
      assert.deepEqual([web.status, web.verdict], ["failed", "invalid"], web.reason);
      assert.match(web.reason, /203\.0\.113\.160\/27 from AS64510 is invalid/);
      const ns = judgeNsRpkiValid(scan.evidence);
      assert.equal(ns.status, "passed", ns.reason);
      assert.match(ns.reason, /not in any announced route: 2001:db8:53::2/);
    } finally {
      await setup.close();
    }
  });
});
