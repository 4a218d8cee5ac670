// The scan setup hands out the testnet's domains when asked (`meetlat scan --testnet FILE` with no
// domains scans them all) instead of holding the list: a run keeps its setup to the end, and on
// a large simulated internet that list is as long as the register.

import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createScanSetup } from "../../../src/scan/setup.ts";
import { startTestnet } from "../../../src/testnet/servers.ts";
import type { Testnet } from "../../../src/testnet/servers.ts";

describe("ScanSetup.testnetDomains", () => {
  let net: Testnet;
  let dir: string;
  let descriptor: string;
  before(async () => {
    net = await startTestnet([]);
    dir = await mkdtemp(join(tmpdir(), "meetlat-setup-domains-"));
    descriptor = await net.writeDescriptor(dir);
  });
  after(async () => {
    await net?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("lists the descriptor's domains, in its order", async () => {
    const setup = await createScanSetup({ resolvers: [], allowTargets: [], testnetFile: descriptor });
    try {
      const domains = await setup.testnetDomains();
      assert.ok(domains.length > 0);
      assert.deepEqual(domains, net.domains.map((d) => d.domain));
    } finally {
      await setup.close();
    }
  });

  it("lists none outside a testnet", async () => {
    const setup = await createScanSetup({ resolvers: ["127.0.0.1:53"], allowTargets: [] });
    try {
      assert.deepEqual(await setup.testnetDomains(), []);
    } finally {
      await setup.close();
    }
  });
});
