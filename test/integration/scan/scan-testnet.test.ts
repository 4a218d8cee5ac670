// `meetlat scan --json` against `meetlat testnet up`'s descriptor, as a user would run it: the
// real command in a child process, so the CLI, the JSON contract, the descriptor and the
// network gate's rewrites are on the path. (Per-scenario statuses are asserted test by test in
// test/integration/testnet/scan-expectations.test.ts.)

import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { ScanJson } from "../../../src/cli/output/json.ts";
import { startTestnet } from "../../../src/testnet/servers.ts";
import type { Testnet } from "../../../src/testnet/servers.ts";
import { runMeetlat } from "../../helpers/meetlat-cli.ts";


describe("meetlat scan against the simulated internet", () => {
  let net: Testnet;
  let dir: string;
  let descriptor: string;
  let output: ScanJson;

  before(async () => {
    net = await startTestnet([]);
    dir = await mkdtemp(join(tmpdir(), "meetlat-scan-"));
    descriptor = await net.writeDescriptor(dir);
    const domains = net.domains.map((d) => d.domain);
    const { code, stdout, stderr } = await runMeetlat(["scan", "--json", "--testnet", descriptor, ...domains]);
    assert.equal(code, 0, stderr);
    output = JSON.parse(stdout) as ScanJson;
  });

  after(async () => {
    await net?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("prints one result per domain and test type, in the order given", () => {
    assert.equal(output.results.length, net.domains.length * 2);
    assert.match(output.meetlat, /^\d+\.\d+\.\d+/);
    net.domains.forEach((d, i) => {
      assert.equal(output.results[2 * i]!.domain, d.domain);
      assert.deepEqual(output.results.slice(2 * i, 2 * i + 2).map((r) => r.type), ["web", "mail"]);
    });
  });

  it("the DNSSEC evidence names the security the scenario planted", () => {
    for (const d of net.domains) {
      const web = output.results.find((r) => r.domain === d.domain && r.type === "web")!;
      const details = web.tests.web_dnssec_valid!.details as { security?: string };
      if (d.soa.rcode === "SERVFAIL") continue;
      assert.equal(details.security, d.soa.security, `${d.domain}: ${web.tests.web_dnssec_valid!.reason}`);
    }
  });
});
