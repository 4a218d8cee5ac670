// Trust anchors: the built-in IANA root anchors, anchor files, DNSKEY anchors, and anchors
// for zones other than the root.

import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { decodeDS } from "../../../src/dns/rdata-dnssec.ts";
import { TYPE } from "../../../src/dns/rdata.ts";
import { formatRecord } from "../../../src/dns/zonefile.ts";
import { DEFAULT_TRUST_ANCHORS, loadTrustAnchorFile, parseTrustAnchors, TrustAnchorError } from "../../../src/dnssec/trust-anchor.ts";
import { DnssecValidator } from "../../../src/dnssec/validator.ts";
import { buildWorld, NOW } from "./validator-harness.ts";

describe("trust anchors", () => {
  it("has the IANA root KSK-2017 and KSK-2024 as DS records", () => {
    const ds = DEFAULT_TRUST_ANCHORS.map((rr) => ({ name: rr.name, type: rr.type, ...decodeDS(rr.rdata) }));
    assert.deepEqual(ds.map((d) => [d.name, d.type, d.keyTag, d.algorithm, d.digestType, Buffer.from(d.digest).toString("hex").toUpperCase()]), [
      [".", TYPE.DS, 20326, 8, 2, "E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D"],
      [".", TYPE.DS, 38696, 8, 2, "683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16"],
    ]);
  });

  it("parses DS and DNSKEY lines, with comments and directives", () => {
    const records = parseTrustAnchors(`; root anchors
$TTL 3600
. IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D
example. IN DNSKEY 257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==
`);
    assert.deepEqual(records.map((r) => [r.name, r.type]), [[".", TYPE.DS], ["example", TYPE.DNSKEY]]);
  });

  it("refuses other record types, naming the line", () => {
    assert.throws(
      () => parseTrustAnchors(". IN DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n\nwww.example. 300 IN A 192.0.2.1\n", "anchors.txt"),
      (e: Error) => e instanceof TrustAnchorError && /^anchors\.txt: line 3: A record for www\.example/.test(e.message),
    );
  });

  it("reports syntax errors with file and line", () => {
    assert.throws(() => parseTrustAnchors(". IN DS 20326 8\n", "bad.txt"), (e: Error) => e instanceof TrustAnchorError && /^bad\.txt: line 1/.test(e.message));
  });

  it("refuses an empty file", () => {
    assert.throws(() => parseTrustAnchors("; nothing\n", "empty.txt"), /no DS or DNSKEY records/);
  });

  it("loads a file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "meetlat-ta-"));
    try {
      const path = join(dir, "root.key");
      await writeFile(path, DEFAULT_TRUST_ANCHORS.map(formatRecord).join("\n") + "\n");
      const loaded = await loadTrustAnchorFile(path);
      assert.deepEqual(loaded.map((r) => Buffer.from(r.rdata).toString("hex")), DEFAULT_TRUST_ANCHORS.map((r) => Buffer.from(r.rdata).toString("hex")));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("validator: trust anchor kinds", () => {
  const specs = [{ origin: "." }, { origin: "test" }, { origin: "example.test", text: "www 300 IN A 192.0.2.1\n" }];

  it("validates from a DNSKEY anchor for the root", async () => {
    const world = buildWorld(specs);
    const rootKsk = world.zones.get(".")!.filter((r) => r.type === TYPE.DNSKEY && r.rdata[1] === 1);
    assert.equal(rootKsk.length, 1);
    const v = new DnssecValidator({ lookup: world.lookup, trustAnchors: rootKsk, now: () => NOW });
    const r = await v.validate("www.example.test", TYPE.A);
    assert.equal(r.security, "secure", r.reason);
  });

  it("validates from an anchor for a TLD, and calls names outside it insecure", async () => {
    const world = buildWorld([...specs, { origin: "other" }]);
    const testDs = world.zones.get(".")!.filter((r) => r.type === TYPE.DS && r.name === "test");
    const v = new DnssecValidator({ lookup: world.lookup, trustAnchors: testDs, now: () => NOW });
    const inside = await v.validate("www.example.test", TYPE.A);
    assert.equal(inside.security, "secure", inside.reason);
    assert.deepEqual(inside.chain.map((l) => l.zone), ["test", "example.test"]);
    assert.ok(!world.lookup.log.some((q) => q.name === "." && q.type === TYPE.DNSKEY));
    const outside = await v.validate("other", TYPE.SOA);
    assert.equal(outside.security, "insecure");
    assert.match(outside.reason, /no trust anchor/);
  });

  it("is bogus when the root keys do not match the anchor", async () => {
    const world = buildWorld(specs);
    const wrong = parseTrustAnchors(". IN DS 20326 13 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D\n");
    const v = new DnssecValidator({ lookup: world.lookup, trustAnchors: wrong, now: () => NOW });
    const r = await v.validate("www.example.test", TYPE.A);
    assert.equal(r.security, "bogus");
    assert.equal(r.ede?.code, 9);
    assert.deepEqual(r.chain.map((l) => [l.zone, l.security]), [[".", "bogus"]]);
  });
});
