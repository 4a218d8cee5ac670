// End to end through `meetlat scan --testnet`'s machinery: each scenario domain is scanned by
// the scan engine (probes and checks) against the running testnet, and the statuses of the
// tests the scenarios describe must be the expected ones. Tests the engine does not run yet
// are skipped; known disagreements that are not the testnet's are marked todo with the cause.

import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { scanDomain } from "../../../src/scan/engine.ts";
import type { DomainScan } from "../../../src/scan/engine.ts";
import { createScanSetup } from "../../../src/scan/setup.ts";
import { buildWorld } from "../../../src/testnet/scenarios/index.ts";
import { startTestnet } from "../../../src/testnet/servers.ts";
import type { Testnet } from "../../../src/testnet/servers.ts";

/** Expected statuses the engine does not produce yet, by domain and test id, with the cause. */
const KNOWN_DIVERGENCES: Record<string, string> = {};

describe("scan statuses of every scenario domain", () => {
  let t: Testnet;
  let dir: string;
  const scans = new Map<string, DomainScan>();
  before(async () => {
    t = await startTestnet([]);
    dir = await mkdtemp(join(tmpdir(), "meetlat-testnet-scan-"));
    const setup = await createScanSetup({ resolvers: [], allowTargets: [], testnetFile: await t.writeDescriptor(dir) });
    // All at once: the silent servers' timeouts then overlap instead of adding up.
    const results = await Promise.all(t.domains.map((d) => scanDomain(setup.ctx, d.domain, ["web", "mail"])));
    for (const s of results) scans.set(s.domain, s);
  });
  after(async () => {
    await t.stop();
    await rm(dir, { recursive: true, force: true });
  });

  for (const d of buildWorld().domains) {
    const known = Object.entries(KNOWN_DIVERGENCES).filter(([k]) => k.startsWith(`${d.domain} `)).map(([, v]) => v);
    it(`${d.domain} (${d.scenario})`, known.length > 0 ? { todo: known.join("; ") } : {}, () => {
      const scan = scans.get(d.domain);
      assert.ok(scan, `no scan result for ${d.domain}`);
      const got = new Map(scan.results.flatMap((r) => Object.entries(r.tests)));
      const wrong: string[] = [];
      for (const [id, expected] of Object.entries(d.statuses)) {
        const result = got.get(id);
        if (!result) continue; // not implemented by the engine yet
        if (result.status !== expected) wrong.push(`${id}: expected ${expected}, got ${result.status} (${result.reason})`);
      }
      assert.deepEqual(wrong, []);
    });
  }
});
