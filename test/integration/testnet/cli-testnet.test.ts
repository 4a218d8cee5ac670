// `meetlat testnet up` as a user runs it: starts, writes its descriptor, prints how to use
// it, and stops cleanly on SIGTERM.

import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadTestnetDescriptor } from "../../../src/testnet/descriptor.ts";
import { runMeetlat, startMeetlat } from "../../helpers/meetlat-cli.ts";

describe("meetlat testnet up", () => {
  it("prints the resolver, trust anchor, ranges, descriptor, domains and scan command; stops on SIGTERM", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meetlat-testnet-cli-"));
    const running = await startMeetlat(["testnet", "up", "secure-nsec", "ipv6-ns-none", "--dir", dir], "Ctrl-C to stop");
    try {
      const out = running.output();
      const descriptorPath = join(dir, "testnet.json");
      assert.match(out, /resolver\s+127\.0\.0\.1:\d+/);
      assert.match(out, /trust anchor\s+.*trust-anchor\.ds/);
      assert.match(out, /allow targets\s+192\.0\.2\.0\/24 198\.51\.100\.0\/24 203\.0\.113\.0\/24 2001:db8::\/32/);
      assert.ok(out.includes(`meetlat scan --testnet ${descriptorPath} secure-nsec.test ipv6-ns-none.test`));
      assert.match(out, /ipv6-ns-none\.test\s+two name servers, IPv4 only/);
      const d = await loadTestnetDescriptor(descriptorPath);
      assert.equal(d.domains.length, 2);

      assert.equal(await running.stop(), 0);
    } finally {
      running.child.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses unknown scenarios with a usage error", async () => {
    const { code, stderr } = await runMeetlat(["testnet", "up", "no-such-scenario"]);
    assert.equal(code, 2);
    assert.match(stderr, /unknown scenario "no-such-scenario"/);
  });
});
