// `meetlat testnet up` as a user runs it: starts, writes its descriptor, prints how to use
// it, and stops cleanly on SIGTERM.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { loadTestnetDescriptor } from "../../../src/testnet/descriptor.ts";

const MAIN = fileURLToPath(new URL("../../../src/cli/main.ts", import.meta.url));

describe("meetlat testnet up", () => {
  it("prints the resolver, trust anchor, ranges, descriptor, domains and scan command; stops on SIGTERM", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meetlat-testnet-cli-"));
    const child = spawn(process.execPath, [MAIN, "testnet", "up", "secure-nsec", "ipv6-ns-none", "--dir", dir], { stdio: ["ignore", "pipe", "pipe"] });
    // Bounded: the child is killed if it does not get ready in time.
    const killer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    try {
      let out = "";
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("Ctrl-C to stop")) resolve();
        });
        child.on("exit", (code) => reject(new Error(`exited early with ${code}: ${out}`)));
      });
      const descriptorPath = join(dir, "testnet.json");
      assert.match(out, /resolver\s+127\.0\.0\.1:\d+/);
      assert.match(out, /trust anchor\s+.*trust-anchor\.ds/);
      assert.match(out, /allow targets\s+192\.0\.2\.0\/24 198\.51\.100\.0\/24 203\.0\.113\.0\/24 2001:db8::\/32/);
      assert.ok(out.includes(`meetlat scan --testnet ${descriptorPath} secure-nsec.test ipv6-ns-none.test`));
      assert.match(out, /ipv6-ns-none\.test\s+two name servers, IPv4 only/);
      const d = await loadTestnetDescriptor(descriptorPath);
      assert.equal(d.domains.length, 2);

      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      assert.equal(await exited, 0);
    } finally {
      clearTimeout(killer);
      child.kill("SIGKILL");
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses unknown scenarios with a usage error", async () => {
    const child = spawn(process.execPath, [MAIN, "testnet", "up", "no-such-scenario"], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (c: Buffer) => { err += c.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    assert.equal(code, 2);
    assert.match(err, /unknown scenario "no-such-scenario"/);
  });
});
