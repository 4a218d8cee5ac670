// The recorder thread judges the evidence it is handed (store/hand-over.ts) instead of taking a
// copy of the results: for every scenario domain of the simulated internet, scanned for real,
// the results stored must be exactly those the scanning thread judged, on both engines. A
// domain stopped at its deadline, whose results no judging gives, is stored as it was made.

import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { deadlineScan } from "../../../src/runs/executor.ts";
import { scanDomain } from "../../../src/scan/engine.ts";
import type { DomainScan } from "../../../src/scan/engine.ts";
import { isJudgedFromEvidence } from "../../../src/scan/judge.ts";
import { createScanSetup } from "../../../src/scan/setup.ts";
import { startTestnet } from "../../../src/testnet/servers.ts";
import type { Testnet } from "../../../src/testnet/servers.ts";
import { collect } from "../../helpers/collect.ts";
import { STORE_ENGINES } from "./store-engines.ts";

const AT = "2024-05-01T12:00:00.000Z";

describe("results judged again on the recorder thread", () => {
  let testnet: Testnet;
  let dir: string;
  let scans: DomainScan[] = [];
  before(async () => {
    testnet = await startTestnet([]);
    dir = await mkdtemp(join(tmpdir(), "meetlat-judged-on-recorder-"));
    const setup = await createScanSetup({ resolvers: [], allowTargets: [], testnetFile: await testnet.writeDescriptor(dir) });
    scans = await Promise.all(testnet.domains.map((d) => scanDomain(setup.ctx, d.domain, ["web", "mail"])));
    scans.push(deadlineScan({ domainId: 0, domain: "stopped.example", types: ["web", "mail"] }, 60_000));
  });
  after(async () => {
    await testnet?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const engine of STORE_ENGINES) {
    it(`are the scanning thread's results, for every scenario domain (${engine.name})`, { skip: engine.skip }, async () => {
      assert.ok(scans.length > 20, `the simulated internet has its scenario domains (${scans.length})`);
      assert.equal(scans.filter(isJudgedFromEvidence).length, scans.length - 1, "every scan but the stopped one crosses as its evidence");
      const t = await engine.open({ recordOnOwnThread: true });
      try {
        const run = await t.store.runs.create({ requestedBy: "t", testTypes: ["web", "mail"] });
        await t.store.runs.record(run.id, scans, AT);
        const stored = new Map((await collect(t.store.runs.results(run.id))).map((r) => [r.domain, r]));
        for (const scan of scans) {
          // What a store gives back is what JSON holds (no undefined members).
          const judged = JSON.parse(JSON.stringify(scan)) as DomainScan;
          assert.deepEqual(stored.get(scan.domain)?.results, judged.results, scan.domain);
          assert.deepEqual(stored.get(scan.domain)?.evidence, judged.evidence, scan.domain);
        }
      } finally {
        await t.dispose();
      }
    });
  }
});
