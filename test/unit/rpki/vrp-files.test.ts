// VRP files as rpki-client and Routinator write them, and clear errors for malformed ones.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RpkiDataError } from "../../../src/rpki/data-error.ts";
import { lineOfArrayElement } from "../../../src/rpki/json-locate.ts";
import { inlineVrps } from "../../../src/rpki/vrp-source.ts";

const RPKI_CLIENT = `{
\t"metadata": {
\t\t"buildmachine": "rpki.example",
\t\t"buildtime": "2024-05-01T10:00:00Z",
\t\t"generated": 1714557600,
\t\t"roas": 2
\t},
\t"roas": [
\t\t{ "asn": 64496, "prefix": "192.0.2.0/24", "maxLength": 24, "ta": "ripe", "expires": 1714600000 },
\t\t{ "asn": 64497, "prefix": "2001:db8::/32", "maxLength": 48, "ta": "arin", "expires": 1714600000 }
\t]
}
`;

const ROUTINATOR = `{
  "metadata": { "generated": 1714557700, "generatedTime": "2024-05-01T10:01:40Z" },
  "roas": [
    { "asn": "AS64496", "prefix": "192.0.2.0/24", "maxLength": 24, "ta": "ripe" },
    { "asn": "AS64496", "prefix": "192.0.2.0/24", "maxLength": 24, "ta": "apnic" }
  ]
}
`;

function errorOf(text: string): RpkiDataError {
  try {
    inlineVrps("vrps.json", text);
  } catch (err) {
    assert.ok(err instanceof RpkiDataError, String(err));
    return err;
  }
  assert.fail("expected an error");
}

describe("VRP JSON", () => {
  it("rpki-client's: VRPs, producer and generation time", () => {
    const v = inlineVrps("vrps.json", RPKI_CLIENT);
    assert.equal(v.provenance.format, "rpki-client JSON");
    assert.equal(v.provenance.generatedAt, "2024-05-01T10:00:00.000Z");
    assert.deepEqual(v.provenance.counts, { vrps: 2, ipv4: 1, ipv6: 1, prefixes: 2 });
    assert.match(v.provenance.sha256 ?? "", /^[0-9a-f]{64}$/);
    const w = new Uint32Array([0x20010db8, 0x00010000, 0, 0]);
    assert.deepEqual(v.table.covering(6, w, 48), [{ prefix: "2001:db8::/32", maxLength: 48, asn: 64497, ta: "arin" }]);
  });

  it("Routinator's: \"AS\" numbers; the same VRP from two trust anchors appears once", () => {
    const v = inlineVrps("routinator.json", ROUTINATOR);
    assert.equal(v.provenance.format, "Routinator JSON");
    assert.equal(v.provenance.generatedAt, "2024-05-01T10:01:40.000Z");
    assert.equal(v.table.covering(4, Uint32Array.of(0xc0000200), 24).length, 1);
  });

  it("maxLength absent means the prefix length (RFC 6482 3.3)", () => {
    const v = inlineVrps("x", '{"roas":[{"asn":1,"prefix":"192.0.2.0/24"}]}');
    assert.equal(v.table.covering(4, Uint32Array.of(0xc0000200), 24)[0]?.maxLength, 24);
  });

  it("malformed entries name the line and the entry", () => {
    const broken = RPKI_CLIENT.replace('"prefix": "2001:db8::/32"', '"prefix": "2001:db8::1/32"');
    const e = errorOf(broken);
    assert.equal(e.line, 10);
    assert.match(e.message, /vrps\.json, line 10: roas\[1\]: 2001:db8::1\/32 has host bits set; did you mean 2001:db8::\/32\?/);
    assert.match(errorOf(RPKI_CLIENT.replace('"maxLength": 24', '"maxLength": 23')).message, /line 9: roas\[0\]: "maxLength" must be an integer from 24 to 32/);
    assert.match(errorOf(RPKI_CLIENT.replace('"asn": 64496', '"asn": "sixty"')).message, /line 9: roas\[0\]: "asn" must be an AS number/);
    assert.match(errorOf(RPKI_CLIENT.replace('"asn": 64496', '"asn": 4294967296')).message, /"asn" must be an AS number/);
  });

  it("broken JSON names the line; a JSON without roas says what is expected", () => {
    const e = errorOf(RPKI_CLIENT.replace('"ta": "arin",', '"ta": "arin"'));
    assert.equal(e.line, 10);
    assert.match(e.message, /not valid JSON/);
    assert.match(errorOf('{"vrps": []}').message, /expected a JSON object with a "roas" array/);
  });

  it("lineOfArrayElement finds elements whatever the layout", () => {
    const text = '{"a": ["x", "y"],\n "roas": [\n {"k": "[,]"},\n\n {"k": 2}, {"k": 3}]}';
    assert.deepEqual([0, 1, 2, 3].map((i) => lineOfArrayElement(text, "roas", i)), [3, 5, 5, undefined]);
  });
});

describe("VRP CSV", () => {
  it("Routinator's csv and csvcompat, rpki-client's csv", () => {
    const csv = inlineVrps("vrps.csv", "ASN,IP Prefix,Max Length,Trust Anchor\nAS64496,192.0.2.0/24,24,ripe\nAS64497,2001:db8::/32,48,arin\n");
    assert.equal(csv.provenance.format, "CSV");
    assert.equal(csv.table.counts.vrps, 2);
    const compat = inlineVrps("compat.csv", '"ASN","IP Prefix","Max Length","Trust Anchor"\n"64496","192.0.2.0/24","24","ripe"\n');
    assert.deepEqual(compat.table.covering(4, Uint32Array.of(0xc0000200), 24), [{ prefix: "192.0.2.0/24", maxLength: 24, asn: 64496, ta: "ripe" }]);
    const rpkiClient = inlineVrps("rc.csv", "ASN,IP Prefix,Max Length,Trust Anchor,Expires\r\nAS64496,192.0.2.0/24,24,ripe,1714600000\r\n");
    assert.equal(rpkiClient.table.counts.vrps, 1);
    const ext = inlineVrps("ext.csv", "URI,ASN,IP Prefix,Max Length,Not Before,Not After\nrsync://x/y.roa,AS64496,192.0.2.0/24,24,2021-05-03 14:51:30,2022-07-01 00:00:00\n");
    assert.equal(ext.table.counts.vrps, 1);
  });

  it("malformed lines are named", () => {
    const bad = (text: string, pattern: RegExp) => assert.throws(() => inlineVrps("v.csv", text), pattern);
    bad("AS64496,192.0.2.0/24,24\n", /v\.csv, line 1: expected a header naming the columns "ASN", "IP Prefix" and "Max Length"/);
    bad("ASN,IP Prefix,Max Length\nAS1,192.0.2.0/24,24\nAS1,192.0.2.0/24\n", /line 3: expected at least 3 comma-separated fields/);
    bad("ASN,IP Prefix,Max Length\nAS1,192.0.2.0/24,40\n", /line 2: max length must be from 24 to 32/);
    bad("ASN,IP Prefix,Max Length\nASX,192.0.2.0/24,24\n", /line 2: not an AS number/);
    bad("ASN,IP Prefix,Max Length\nAS1,192.0.2.300/24,24\n", /line 2: "192\.0\.2\.300" is not an IP address/);
    bad("", /empty/);
  });
});
