// The RPKI tests end to end: `meetlat scan --json` (the real command, in a child process)
// against the simulated internet and the VRP and route files that `meetlat testnet up` writes;
// then the same with files given by hand that are missing, malformed or stale.

import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { ScanJson } from "../../../src/cli/output/json.ts";
import type { RpkiDataDescription } from "../../../src/rpki/types.ts";
import { RPKI_ROUTES_FILE, RPKI_VRPS_FILE } from "../../../src/testnet/rpki-data.ts";
import { startTestnet } from "../../../src/testnet/servers.ts";
import type { Testnet } from "../../../src/testnet/servers.ts";
import { runMeetlat } from "../../helpers/meetlat-cli.ts";

const SCENARIOS = ["rpki-valid-moas", "rpki-invalid-origin", "rpki-too-specific", "rpki-as0", "rpki-not-found", "rpki-no-route", "rpki-ns-invalid"];

const meetlat = (args: string[]) => runMeetlat(args);

type Tests = ScanJson["results"][number]["tests"];

function testsOf(doc: ScanJson, domain: string): Tests {
  return Object.assign({}, ...doc.results.filter((r) => r.domain === domain).map((r) => r.tests)) as Tests;
}

describe("RPKI tests through meetlat scan", () => {
  let net: Testnet;
  let dir: string;
  let descriptor: string;
  before(async () => {
    net = await startTestnet(SCENARIOS);
    dir = await mkdtemp(join(tmpdir(), "meetlat-rpki-scan-"));
    descriptor = await net.writeDescriptor(dir);
  });
  after(async () => {
    await net?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("with the testnet's files: the statuses the scenarios expect, and the data's provenance in the evidence", async () => {
    const r = await meetlat(["scan", "--json", "--no-progress", "--testnet", descriptor, ...net.domains.map((d) => d.domain)]);
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as ScanJson;
    for (const d of net.domains) {
      const tests = testsOf(doc, d.domain);
      for (const [id, expected] of Object.entries(d.statuses).filter(([id]) => id.includes("rpki"))) {
        assert.equal(tests[id]?.status, expected, `${d.domain} ${id}: ${tests[id]?.reason}`);
      }
    }
    const valid = testsOf(doc, "rpki-invalid-origin.test").web_rpki_valid!;
    assert.equal(valid.verdict, "invalid");
    const data = valid.details.data as RpkiDataDescription;
    assert.deepEqual(data.sources.map((s) => [s.role, s.kind, s.location]), [["vrps", "file", join(dir, RPKI_VRPS_FILE)], ["routes", "file", join(dir, RPKI_ROUTES_FILE)]]);
    assert.equal(data.sources[0]?.format, "rpki-client JSON");
    assert.match(data.sources[0]?.sha256 ?? "", /^[0-9a-f]{64}$/);
    assert.ok(data.sources[0]?.generatedAt && data.sources[1]?.modifiedAt);
  });

  it("files given by hand win over the testnet's; a missing file makes the RPKI tests error (exit 0, a note on stderr)", async () => {
    const r = await meetlat(["scan", "--json", "--web", "--testnet", descriptor, "--rpki-vrps", join(dir, "missing.json"), "--rpki-routes", join(dir, RPKI_ROUTES_FILE), "rpki-valid-moas.test"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /the VRPs cannot be used: .*missing\.json: cannot read the file/);
    const tests = testsOf(JSON.parse(r.stdout) as ScanJson, "rpki-valid-moas.test");
    for (const id of ["web_rpki_exists", "web_rpki_valid", "web_ns_rpki_exists", "web_ns_rpki_valid"]) {
      assert.deepEqual([tests[id]?.status, tests[id]?.verdict], ["error", "rpki_data_error"], id);
    }
    assert.equal(tests.web_dnssec_valid?.status, "passed", "the other tests still run");
  });

  it("a malformed file: error naming the file and line", async () => {
    const routes = (await readFile(join(dir, RPKI_ROUTES_FILE), "utf8")) + "203.0.113.7/24 64496\n";
    await writeFile(join(dir, "bad-routes.txt"), routes);
    const r = await meetlat(["scan", "--json", "--web", "--testnet", descriptor, "--rpki-vrps", join(dir, RPKI_VRPS_FILE), "--rpki-routes", join(dir, "bad-routes.txt"), "rpki-valid-moas.test"]);
    const valid = testsOf(JSON.parse(r.stdout) as ScanJson, "rpki-valid-moas.test").web_rpki_valid!;
    assert.equal(valid.status, "error");
    assert.match(valid.reason, /bad-routes\.txt, line \d+: 203\.0\.113\.7\/24 has host bits set/);
  });

  it("stale VRPs (by the generation time inside the file): error, unless --rpki-max-age allows them", async () => {
    const old = Math.floor(Date.now() / 1000) - 3 * 86400;
    const vrps = (await readFile(join(dir, RPKI_VRPS_FILE), "utf8")).replace(/"generated": \d+/, `"generated": ${old}`);
    await writeFile(join(dir, "old-vrps.json"), vrps);
    const args = ["scan", "--json", "--web", "--testnet", descriptor, "--rpki-vrps", join(dir, "old-vrps.json"), "--rpki-routes", join(dir, RPKI_ROUTES_FILE)];
    const stale = testsOf(JSON.parse((await meetlat([...args, "rpki-valid-moas.test"])).stdout) as ScanJson, "rpki-valid-moas.test").web_rpki_valid!;
    assert.deepEqual([stale.status, stale.verdict], ["error", "stale_rpki_data"]);
    assert.match(stale.reason, /72 hours before the test; the limit is 24 hours/);
    const allowed = testsOf(JSON.parse((await meetlat([...args, "--rpki-max-age", "100", "rpki-valid-moas.test"])).stdout) as ScanJson, "rpki-valid-moas.test").web_rpki_valid!;
    assert.equal(allowed.status, "passed", allowed.reason);
  });

  it("usage errors: both VRP options, a bad max age", async () => {
    for (const args of [["--rpki-vrps", "a", "--rpki-vrps-url", "http://127.0.0.1:1/json"], ["--rpki-max-age", "soon"], ["--rpki-max-age", "0"]]) {
      const r = await meetlat(["scan", "--testnet", descriptor, ...args, "rpki-valid-moas.test"]);
      assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      assert.match(r.stderr, /rpki/);
    }
  });
});
