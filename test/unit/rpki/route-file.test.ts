// Route files in the common formats, and clear errors naming the line.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseIp } from "../../../src/net/ip.ts";
import { inlineRoutes } from "../../../src/rpki/route-source.ts";

async function origins(text: string, address: string): Promise<[string, (number | null)[]][]> {
  const source = inlineRoutes("routes", text);
  const r = await source.covering(parseIp(address)!);
  assert.ok(r.ok);
  return r.prefixes.map((p) => [p.prefix, p.origins]);
}

describe("route files", () => {
  it("prefix-origin: blanks or commas, AS prefixes, several origins, AS sets, a header and comments", async () => {
    const text = "# made by hand\nprefix,origin\n192.0.2.0/24 64496\n192.0.2.0/25,AS64497\n192.0.2.0/26\t64498 64499\n192.0.2.0/27 64500_64501\n192.0.2.0/28 {64502,64503}\n2001:db8::/32, 64504\n";
    assert.deepEqual(await origins(text, "192.0.2.1"), [
      ["192.0.2.0/28", [null]],
      ["192.0.2.0/27", [64500, 64501]],
      ["192.0.2.0/26", [64498, 64499]],
      ["192.0.2.0/25", [64497]],
      ["192.0.2.0/24", [64496]],
    ]);
    assert.deepEqual(await origins(text, "2001:db8::1"), [["2001:db8::/32", [64504]]]);
    assert.equal(inlineRoutes("r", text).provenance.format, "prefix-origin");
  });

  it("CAIDA pfx2as: underscore for several origins, comma for an AS set", async () => {
    const text = "192.0.2.0\t24\t64496\n198.51.100.0\t24\t64497_64498\n203.0.113.0\t24\t64499,64500\n2001:db8::\t32\t64501\n";
    assert.deepEqual(await origins(text, "198.51.100.1"), [["198.51.100.0/24", [64497, 64498]]]);
    assert.deepEqual(await origins(text, "203.0.113.1"), [["203.0.113.0/24", [null]]]);
    assert.equal(inlineRoutes("r", text).provenance.format, "pfx2as");
  });

  it("bgpdump -m: origin is the last AS of the path; AS_SET is NONE; peers' duplicates are stored once; dump time is kept", async () => {
    const text = [
      "TABLE_DUMP2|1714557600|B|198.51.100.1|64510|192.0.2.0/24|64510 64496|IGP|198.51.100.1|0|0||NAG||",
      "TABLE_DUMP2|1714557600|B|198.51.100.2|64511|192.0.2.0/24|64511 64496|IGP|198.51.100.2|0|0||NAG||",
      "TABLE_DUMP2|1714557660|B|198.51.100.2|64511|192.0.2.0/24|64511 64497|IGP|198.51.100.2|0|0||NAG||",
      "TABLE_DUMP2|1714557600|B|198.51.100.2|64511|198.51.100.0/24|64511 {64498,64499}|IGP|198.51.100.2|0|0||NAG||",
      "TABLE_DUMP|1714557600|B|198.51.100.2|64511|203.0.113.0/24||IGP|198.51.100.2|0|0||NAG||",
    ].join("\n");
    const source = inlineRoutes("rib.txt", text);
    assert.equal(source.provenance.format, "bgpdump -m");
    assert.equal(source.provenance.generatedAt, "2024-05-01T10:01:00.000Z");
    assert.deepEqual([source.provenance.counts?.lines, source.provenance.counts?.rows], [5, 4]);
    assert.deepEqual(await origins(text, "192.0.2.1"), [["192.0.2.0/24", [64496, 64497]]]);
    assert.deepEqual(await origins(text, "198.51.100.1"), [["198.51.100.0/24", [null]]]);
    // An empty AS path: the route is the peer's own (RFC 6811 2).
    assert.deepEqual(await origins(text, "203.0.113.1"), [["203.0.113.0/24", [64511]]]);
  });

  it("malformed lines are named with the expected format", () => {
    const bad = (text: string, pattern: RegExp) => assert.throws(() => inlineRoutes("routes.txt", text), pattern);
    bad("192.0.2.0/24 64496\n192.0.2.1/24 64496\n", /routes\.txt, line 2: 192\.0\.2\.1\/24 has host bits set.*expected PREFIX ORIGIN/);
    bad("192.0.2.0/24 64496\n198.51.100.0/24\n", /line 2: expected a prefix and at least one origin AS/);
    bad("192.0.2.0/24 64496\n198.51.100.0/24 AS-FOO\n", /line 2: not an origin AS: "AS-FOO"/);
    bad("192.0.2.0\t24\t64496\n192.0.2.0\t24\n", /line 2: expected 3 fields, got 2; expected ADDRESS LENGTH ORIGINS/);
    bad("BGP4MP|1714557600|A|198.51.100.1|64510|192.0.2.0/24|64510 64496|IGP\n", /line 1: "BGP4MP" is not a table dump line/);
    bad("TABLE_DUMP2|1|B|198.51.100.1|64510|192.0.2.0/24|64510 x|IGP\n", /line 1: cannot read the origin AS/);
    bad("# nothing\n\n", /no routes found/);
  });
});
