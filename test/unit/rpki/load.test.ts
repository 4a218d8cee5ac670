// Loading the data of a run from files: provenance, and problems that become the RPKI tests'
// error instead of a crash or a pass.

import assert from "node:assert/strict";
import { mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { after, before, describe, it } from "node:test";
import type { DnsLookup } from "../../../src/dns/client-types.ts";
import type { Dialer } from "../../../src/net/types.ts";
import { loadRpkiData, routeSourceOption } from "../../../src/rpki/load-rpki-data.ts";
import type { RpkiOptions } from "../../../src/rpki/load-rpki-data.ts";

const deps = {
  dns: { query: () => assert.fail("no DNS expected") } as unknown as DnsLookup,
  dialer: {} as Dialer,
  allowTarget: () => assert.fail("no targets expected"),
};

describe("loading RPKI data", () => {
  let dir: string;
  const path = (name: string) => join(dir, name);
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "meetlat-rpki-load-"));
    await writeFile(path("vrps.json"), '{"metadata":{"generated":1714557600},"roas":[{"asn":64496,"prefix":"192.0.2.0/24","maxLength":24}]}\n');
    await writeFile(path("routes.txt.gz"), gzipSync("192.0.2.0/24 64496\n"));
    await writeFile(path("bad-routes.txt"), "192.0.2.0/24 64496\n192.0.2.0/33 64496\n");
    await utimes(path("vrps.json"), new Date("2024-05-01T10:00:00Z"), new Date("2024-05-01T10:00:00Z"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const load = (o: Partial<RpkiOptions>) => loadRpkiData({ maxAgeHours: 24, ...o }, deps);

  it("files: usable data with provenance (absolute path, sha256, mtime, generation time, counts); gzip is unpacked", async () => {
    const data = await load({ vrps: { file: path("vrps.json") }, routes: routeSourceOption(path("routes.txt.gz")) });
    assert.equal(data.description.problem, undefined);
    const [vrps, routes] = data.description.sources;
    assert.deepEqual([vrps?.role, vrps?.kind, vrps?.location, vrps?.modifiedAt, vrps?.generatedAt], ["vrps", "file", path("vrps.json"), "2024-05-01T10:00:00.000Z", "2024-05-01T10:00:00.000Z"]);
    assert.match(vrps?.sha256 ?? "", /^[0-9a-f]{64}$/);
    assert.deepEqual(routes?.counts, { routes: 1, rows: 1, ipv4Prefixes: 1, ipv6Prefixes: 0, lines: 1 });
    assert.equal((await data.routing("192.0.2.1")).routes[0]?.state, "valid");
  });

  it("nothing given: not configured, with the options to give", async () => {
    const data = await load({});
    assert.deepEqual([data.description.configured, data.description.problem], [false, "no RPKI data: give --rpki-vrps and --rpki-routes"]);
    assert.match((await data.routing("192.0.2.1")).error ?? "", /no RPKI data/);
  });

  it("one half only, a missing file, a malformed file: the problem names what and where", async () => {
    assert.match((await load({ vrps: { file: path("vrps.json") } })).description.problem ?? "", /no routes: give --rpki-routes/);
    assert.match((await load({ routes: { file: path("routes.txt.gz") } })).description.problem ?? "", /no VRPs: give --rpki-vrps/);
    const missing = await load({ vrps: { file: path("nope.json") }, routes: { file: path("routes.txt.gz") } });
    assert.match(missing.description.problem ?? "", /the VRPs cannot be used: --rpki-vrps .*nope\.json: cannot read the file/);
    assert.equal(missing.description.sources.length, 1, "the routes that did load are still recorded");
    const bad = await load({ vrps: { file: path("vrps.json") }, routes: { file: path("bad-routes.txt") } });
    assert.match(bad.description.problem ?? "", /the routes cannot be used: .*bad-routes\.txt, line 2: bad prefix length/);
  });

  it("routeSourceOption tells dns:ZONE from a file", () => {
    assert.deepEqual(routeSourceOption("dns:origin.asn.example"), { dns: "origin.asn.example" });
    assert.deepEqual(routeSourceOption("./dns-routes.txt"), { file: "./dns-routes.txt" });
  });
});
