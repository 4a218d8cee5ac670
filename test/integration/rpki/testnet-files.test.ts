// `meetlat testnet up` writes the simulated internet's VRP and route files next to its
// descriptor, names them in it, and prints them.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { inlineRoutes } from "../../../src/rpki/route-source.ts";
import { inlineVrps } from "../../../src/rpki/vrp-source.ts";
import { loadTestnetDescriptor } from "../../../src/testnet/descriptor.ts";
import { RPKI_ROUTES_FILE, RPKI_VRPS_FILE } from "../../../src/testnet/rpki-data.ts";

const MAIN = fileURLToPath(new URL("../../../src/cli/main.ts", import.meta.url));

describe("meetlat testnet up and the RPKI files", () => {
  it("writes, names and prints rpki-vrps.json and rpki-routes.txt, which meetlat reads", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meetlat-rpki-testnet-"));
    const child = spawn(process.execPath, [MAIN, "testnet", "up", "rpki-not-found", "--dir", dir], { stdio: ["ignore", "pipe", "pipe"] });
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
      assert.match(out, new RegExp(`rpki vrps +${join(dir, RPKI_VRPS_FILE).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`));
      assert.match(out, /rpki routes +.*rpki-routes\.txt/);
      assert.match(out, /--rpki-vrps .*rpki-vrps\.json --rpki-routes .*rpki-routes\.txt/);
      const d = await loadTestnetDescriptor(join(dir, "testnet.json"));
      assert.deepEqual([d.rpkiVrpsFile, d.rpkiRoutesFile], [join(dir, RPKI_VRPS_FILE), join(dir, RPKI_ROUTES_FILE)]);
      const vrps = inlineVrps("vrps", await readFile(d.rpkiVrpsFile!, "utf8"));
      assert.equal(vrps.provenance.format, "rpki-client JSON");
      assert.ok(Date.now() - Date.parse(vrps.provenance.generatedAt!) < 600_000, "generated when the testnet started");
      const routes = inlineRoutes("routes", await readFile(d.rpkiRoutesFile!, "utf8"));
      assert.equal(routes.provenance.format, "prefix-origin");
      assert.ok((routes.provenance.counts?.routes ?? 0) >= 8);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        const closed = new Promise((resolve) => child.once("close", resolve));
        child.kill("SIGTERM");
        await closed;
      }
      clearTimeout(killer);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
