// `meetlat testnet up` writes the simulated internet's VRP and route files next to its
// descriptor, names them in it, and prints them.

import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { inlineRoutes } from "../../../src/rpki/route-source.ts";
import { inlineVrps } from "../../../src/rpki/vrp-source.ts";
import { loadTestnetDescriptor } from "../../../src/testnet/descriptor.ts";
import { RPKI_ROUTES_FILE, RPKI_VRPS_FILE } from "../../../src/testnet/rpki-data.ts";
import { startMeetlat } from "../../helpers/meetlat-cli.ts";

describe("meetlat testnet up and the RPKI files", () => {
  it("writes, names and prints rpki-vrps.json and rpki-routes.txt, which meetlat reads", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meetlat-rpki-testnet-"));
    const running = await startMeetlat(["testnet", "up", "rpki-not-found", "--dir", dir], "Ctrl-C to stop");
    try {
      const out = running.output();
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
      await running.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
