import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseIp } from "../../../src/net/ip.ts";
import { addressWords, formatWordPrefix, parseIpv4Into, parseIpv6Into, parsePrefixInto, prefixError, wordsToBigint } from "../../../src/rpki/prefix-words.ts";

/** The bulk parsers must accept exactly what src/net/ip.ts accepts, with the same value. */
function agrees(text: string): void {
  const ref = parseIp(text);
  const out = new Uint32Array(4);
  const v4 = parseIpv4Into(text, 0, text.length, out);
  if (ref?.family === 4) {
    assert.ok(v4, `${text} should parse as IPv4`);
    assert.equal(BigInt(out[0]!), ref.value, text);
    return;
  }
  assert.equal(v4, false, `${text} is not IPv4`);
  const v6 = parseIpv6Into(text, 0, text.length, out);
  if (ref?.family === 6 && ref.zone === undefined) {
    assert.ok(v6, `${text} should parse as IPv6`);
    assert.equal(wordsToBigint(out, 6), ref.value, text);
  } else {
    assert.equal(v6, false, `${text} should not parse`);
  }
}

describe("bulk address parsing agrees with src/net/ip.ts", () => {
  it("on good and bad literals of both families", () => {
    for (const t of [
      "0.0.0.0", "192.0.2.1", "255.255.255.255", "256.0.0.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4 ", "",
      "::", "::1", "1::", "2001:db8::", "2001:DB8:0:0:1:0:0:1", "2001:db8::1:0:0:1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::",
      "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:::2", "12345::", "g::", "::ffff:192.0.2.1", "::ffff:192.0.2.256",
      "fe80::1%eth0", "2001:db8:0:0:0:0:0:0:", "1:2:3:4:5:6:7",
    ]) agrees(t);
  });

  it("on random addresses in their canonical and uncompressed forms", () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0);
    for (let i = 0; i < 300; i++) {
      agrees([rnd() & 255, rnd() & 255, rnd() & 255, rnd() & 255].join("."));
      const groups = Array.from({ length: 8 }, () => ((rnd() >>> 8) & 0xffff) * (rnd() % 3 === 0 ? 0 : 1));
      agrees(groups.map((g) => g.toString(16)).join(":"));
      const ip = parseIp(groups.map((g) => g.toString(16)).join(":"))!;
      agrees(formatWordPrefix({ family: 6, words: addressWords(ip), length: 128 }).replace("/128", ""));
    }
  });
});

describe("prefixes", () => {
  const words = new Uint32Array(4);
  it("parse with their length and zero host bits", () => {
    assert.deepEqual(parsePrefixInto("192.0.2.0/24", words), { family: 4, length: 24 });
    assert.equal(words[0], 0xc0000200);
    assert.deepEqual(parsePrefixInto("2001:db8::/32", words), { family: 6, length: 32 });
    assert.deepEqual([...words], [0x20010db8, 0, 0, 0]);
    assert.deepEqual(parsePrefixInto("0.0.0.0/0", words), { family: 4, length: 0 });
  });

  it("refuse host bits, bad lengths and missing lengths, and say why", () => {
    for (const t of ["192.0.2.1/24", "192.0.2.0/33", "192.0.2.0/024", "192.0.2.0", "192.0.2.0/", "2001:db8::/129", "x/8"]) {
      assert.equal(parsePrefixInto(t, words), undefined, t);
    }
    assert.match(prefixError("192.0.2.1/24"), /host bits set; did you mean 192\.0\.2\.0\/24\?/);
    assert.match(prefixError("2001:db8::/129"), /expected 0 to 128/);
    assert.match(prefixError("192.0.2.0"), /ADDRESS\/LENGTH/);
  });

  it("format canonically", () => {
    parsePrefixInto("2001:DB8:0:0::/48", words);
    assert.equal(formatWordPrefix({ family: 6, words, length: 48 }), "2001:db8::/48");
  });
});
