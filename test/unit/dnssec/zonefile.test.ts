import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { describe, it } from "node:test";
import type { ResourceRecord } from "../../../src/dns/message.ts";
import { decodeRRSIG } from "../../../src/dns/rdata-dnssec.ts";
import { decodeMX, decodeSOA, decodeTXT } from "../../../src/dns/rdata.ts";
import { typeNumber } from "../../../src/dns/rr-types.ts";
import { formatRecord, formatZone, parseZoneText, ZoneParseError } from "../../../src/dns/zonefile.ts";
import { loadVector } from "./helpers.ts";

function sameRecord(a: ResourceRecord, b: ResourceRecord): void {
  assert.equal(a.name, b.name);
  assert.equal(a.type, b.type);
  assert.equal(a.class, b.class);
  assert.equal(a.ttl, b.ttl);
  assert.deepEqual(Buffer.from(a.rdata), Buffer.from(b.rdata));
}

function errorLine(text: string, opts?: { origin?: string; defaultTtl?: number }): { line: number; message: string } {
  try {
    parseZoneText(text, opts);
  } catch (e) {
    assert.ok(e instanceof ZoneParseError, `expected a ZoneParseError, got ${String(e)}`);
    return { line: e.line, message: e.message };
  }
  assert.fail(`no error for: ${text}`);
}

const SAMPLE = `; a comment line
$ORIGIN example.nl.
$TTL 1h
@           IN SOA ns1 hostmaster.example.nl. ( 2024010101 ; serial
                        7200 3600 2w
                        300 )   ; minimum
            IN NS   ns1
            NS      ns2.elsewhere.
            MX      10 mail
mail   300  IN A    192.0.2.25
            AAAA    2001:db8::25
www    IN   600 CNAME @
txt         TXT     "v=spf1 -all; not a comment" "quote \\" and \\\\ and \\065"
_443._tcp.www  TLSA 3 1 1 ( AB12 cd34 )
_sip._tcp   SRV     10 60 5060 sip
caa         CAA     0 issue "letsencrypt.org"
weird       TYPE65000 \\# 3 010203
a-as-generic A \\# 4 C0000201
$ORIGIN sub
x           PTR     target.example.
`;

describe("parseZoneText", () => {
  const records = parseZoneText(SAMPLE);
  const find = (name: string, type: string) => records.filter((r) => r.name === name && r.type === typeNumber(type));

  it("reads every record, with $ORIGIN, $TTL, '@', relative names and omitted owners", () => {
    assert.equal(records.length, 14);
    const [soa] = find("example.nl", "SOA");
    assert.ok(soa);
    assert.equal(soa.ttl, 3600);
    assert.deepEqual(decodeSOA(soa.rdata), {
      mname: "ns1.example.nl", rname: "hostmaster.example.nl", serial: 2024010101, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300,
    });
    assert.equal(find("example.nl", "NS").length, 2);
    assert.deepEqual(decodeMX(find("example.nl", "MX")[0]!.rdata), { preference: 10, exchange: "mail.example.nl" });
  });

  it("takes TTL and class in either order and carries the owner to owner-less lines", () => {
    assert.equal(find("mail.example.nl", "A")[0]!.ttl, 300);
    assert.equal(find("mail.example.nl", "AAAA")[0]!.ttl, 3600, "$TTL applies to a line without TTL");
    assert.equal(find("www.example.nl", "CNAME")[0]!.ttl, 600);
  });

  it("keeps quoted strings whole, with their escapes decoded", () => {
    assert.deepEqual(decodeTXT(find("txt.example.nl", "TXT")[0]!.rdata), ["v=spf1 -all; not a comment", 'quote " and \\ and A']);
  });

  it("reads hex split over parentheses, the generic form and a relative $ORIGIN", () => {
    assert.deepEqual(Buffer.from(find("_443._tcp.www.example.nl", "TLSA")[0]!.rdata), Buffer.from("030101ab12cd34", "hex"));
    assert.deepEqual(Buffer.from(find("weird.example.nl", "TYPE65000")[0]!.rdata), Buffer.from([1, 2, 3]));
    assert.deepEqual(Buffer.from(find("a-as-generic.example.nl", "A")[0]!.rdata), Buffer.from([192, 0, 2, 1]));
    assert.equal(find("x.sub.example.nl", "PTR").length, 1);
  });

  it("uses the caller's origin and default TTL", () => {
    const [rr] = parseZoneText("www A 192.0.2.1", { origin: "example.org.", defaultTtl: 120 });
    assert.equal(rr!.name, "www.example.org");
    assert.equal(rr!.ttl, 120);
    const [root] = parseZoneText(". 518400 IN NS a.root-servers.net.");
    assert.equal(root!.name, ".");
  });

  it("reads RRSIG times as YYYYMMDDHHmmSS or as seconds, to the same value", () => {
    const [a, b] = parseZoneText(
      "x. 1 RRSIG A 13 1 1 20040509183619 20040409183619 1 x. AAAA\n" +
      "x. 1 RRSIG A 13 1 1 1084127779 1081535779 1 x. AAAA\n",
    );
    assert.deepEqual(Buffer.from(a!.rdata), Buffer.from(b!.rdata));
    assert.equal(decodeRRSIG(a!.rdata).expiration, 1084127779);
  });

  it("accepts algorithm mnemonics", () => {
    const [rr] = parseZoneText("x. 1 DNSKEY 257 3 ECDSAP256SHA256 AQID");
    assert.equal(rr!.rdata[3], 13);
  });
});

describe("parseZoneText errors name the line", () => {
  const cases: [string, number, RegExp][] = [
    ["x. 1 A 192.0.2.1\nx. 1 FOO bar", 2, /unknown record type/],
    ["x. 1 A 192.0.2.1\n\ny. 1 A 192.0.2.300", 3, /not an IPv4 address/],
    ["x. 1 A 192.0.2.1\nx. 1 TXT ( \"a\"\n\"b\"\n", 2, /never closed/],
    ["x. 1 TXT \"open", 1, /unterminated/],
    ["x. 1 A 1.2.3.4 )", 1, /without matching/],
    ["www 1 A 192.0.2.1", 1, /no origin/],
    ["x. A 192.0.2.1", 1, /no TTL/],
    ["x. 1 A \\# 5 c0000201", 1, /length field says 5/],
    ["x. 1 DNSKEY 257 3 13 ***", 1, /base64/],
    ["x. 1 MX 10 mail.x. extra", 1, /unexpected "extra"/],
    ["x. 1 A 192.0.2.1\n$INCLUDE other.zone", 2, /unsupported directive/],
    ["x. 1 RRSIG A 13 1 1 20040231000000 20040209183619 1 x. AAAA", 1, /signature expiration/],
    ["x. 1 TXT \"" + "a".repeat(256) + "\"", 1, /longer than 255/],
    ["x. 1 SSHFP 1 1", 1, /fingerprint/],
    ["x. 1 TYPE999 01 02", 1, /use the RFC 3597 form/],
    [" 1 A 192.0.2.1", 1, /no previous owner/],
    ["x. 1 NSEC3 1 0 0 - 0p9m!! A", 1, /base32hex/],
  ];
  for (const [text, line, message] of cases) {
    it(`${JSON.stringify(text.slice(0, 40))} → line ${line}`, () => {
      const error = errorLine(text);
      assert.equal(error.line, line);
      assert.match(error.message, message);
      assert.match(error.message, new RegExp(`^line ${line}: `));
    });
  }
});

describe("formatRecord", () => {
  it("writes one line that parses back to the same record, for every record in the sample", () => {
    for (const rr of parseZoneText(SAMPLE)) {
      const line = formatRecord(rr);
      assert.ok(!line.includes("\n"));
      const back = parseZoneText(line);
      assert.equal(back.length, 1, line);
      sameRecord(back[0]!, rr);
    }
  });

  it("round-trips every record of every RFC vector file", () => {
    const files = readdirSync(new URL("./vectors/", import.meta.url)).filter((f) => /\.(zone|txt)$/.test(f));
    assert.ok(files.length >= 6);
    for (const file of files) {
      const records = loadVector(file);
      const back = parseZoneText(formatZone(records));
      assert.equal(back.length, records.length, file);
      records.forEach((rr, i) => sameRecord(back[i]!, rr));
    }
  });

  it("keeps names with escapes, case and odd bytes intact", () => {
    const rr: ResourceRecord = { name: "We\\.ird\\032name.Example", type: typeNumber("TXT"), class: 1, ttl: 5, rdata: Uint8Array.of(3, 0, 0x22, 0xff) };
    const line = formatRecord(rr);
    assert.equal(line, 'We\\.ird\\032name.Example. 5 IN TXT "\\000\\"\\255"');
    sameRecord(parseZoneText(line)[0]!, rr);
  });

  it("falls back to the generic form for RDATA it cannot show, and for unknown classes", () => {
    const shortA: ResourceRecord = { name: "x", type: 1, class: 1, ttl: 1, rdata: Uint8Array.of(1, 2, 3) };
    assert.equal(formatRecord(shortA), "x. 1 IN A \\# 3 010203");
    sameRecord(parseZoneText(formatRecord(shortA))[0]!, shortA);
    const chaos: ResourceRecord = { name: "version.bind", type: 16, class: 3, ttl: 0, rdata: Uint8Array.of(1, 0x39) };
    assert.equal(formatRecord(chaos), 'version.bind. 0 CH TXT "9"');
    const odd: ResourceRecord = { name: "x", type: 65280, class: 42, ttl: 1, rdata: new Uint8Array(0) };
    assert.equal(formatRecord(odd), "x. 1 CLASS42 TYPE65280 \\# 0");
    sameRecord(parseZoneText(formatRecord(odd))[0]!, odd);
  });
});
