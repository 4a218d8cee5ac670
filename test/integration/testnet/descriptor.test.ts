// The descriptor that `meetlat testnet up` writes and `meetlat scan --testnet` reads.

import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadTrustAnchorFile } from "../../../src/dnssec/trust-anchor.ts";
import { loadTestnetDescriptor, TestnetDescriptorError } from "../../../src/testnet/descriptor.ts";
import { startTestnet } from "../../../src/testnet/servers.ts";
import type { Testnet } from "../../../src/testnet/servers.ts";

describe("testnet descriptor", () => {
  let t: Testnet;
  let dir: string;
  before(async () => {
    t = await startTestnet(["secure-nsec", "ipv6-ns-silent"]);
    dir = await mkdtemp(join(tmpdir(), "meetlat-testnet-test-"));
  });
  after(async () => {
    await t.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it("round-trips: resolver, trust anchor file, allowed ranges, rewrites and domains", async () => {
    const path = await t.writeDescriptor(dir);
    const d = await loadTestnetDescriptor(path);
    assert.equal(d.resolver, `127.0.0.1:${t.resolver.port}`);
    assert.deepEqual(d.allowTargets, t.allowTargets);
    assert.deepEqual(d.rewrites, t.rewrites);
    assert.deepEqual(d.domains.map((x) => x.domain), ["secure-nsec.test", "ipv6-ns-silent.test"]);
    assert.equal(d.domains[0]!.statuses.web_dnssec_valid, "passed");
    const anchors = await loadTrustAnchorFile(d.trustAnchorFile);
    assert.deepEqual(anchors.map((r) => [r.name, r.type, Buffer.from(r.rdata).toString("hex")]), t.trustAnchors.map((r) => [r.name, r.type, Buffer.from(r.rdata).toString("hex")]));
  });

  it("maps every simulated name-server address on port 53 to a loopback listener", () => {
    for (const r of t.rewrites) {
      assert.equal(r.from.port, 53);
      assert.match(r.to.address, /^(127\.0\.0\.1|::1)$/);
    }
    assert.ok(t.rewrites.some((r) => r.from.address === "2001:db8:203::32"), "silent addresses are rewritten too");
  });

  it("rejects broken descriptors with the file and the field in the message", async () => {
    const path = join(dir, "broken.json");
    const good = JSON.parse(await readFile(await t.writeDescriptor(dir), "utf8"));
    const cases: [unknown, RegExp][] = [
      ["not json at all", /not JSON/],
      [{ ...good, version: 99 }, /version 99/],
      [{ ...good, resolver: "localhost:53" }, /resolver/],
      [{ ...good, resolver: "127.0.0.1" }, /has no port/],
      [{ ...good, allowTargets: ["192.0.2.0/33"] }, /allowTargets\[0\]/],
      [{ ...good, rewrites: [{ from: "192.0.2.1:53" }] }, /rewrites\[0\]\.to/],
      [{ ...good, trustAnchorFile: 7 }, /trustAnchorFile/],
    ];
    for (const [content, pattern] of cases) {
      await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
      await assert.rejects(loadTestnetDescriptor(path), (e: Error) => e instanceof TestnetDescriptorError && e.message.startsWith(path) && pattern.test(e.message));
    }
    await assert.rejects(loadTestnetDescriptor(join(dir, "missing.json")), /meetlat testnet up/);
  });
});
