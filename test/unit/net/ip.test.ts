import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { canonicalIp, formatIp, mappedIpv4, parseIp, sameIp } from "../../../src/net/ip.ts";

describe("parseIp", () => {
  it("reads IPv4 dotted quads", () => {
    assert.deepEqual(parseIp("192.0.2.1"), { family: 4, value: 0xc0000201n });
    assert.deepEqual(parseIp("0.0.0.0"), { family: 4, value: 0n });
    assert.deepEqual(parseIp("255.255.255.255"), { family: 4, value: 0xffffffffn });
  });

  it("refuses ambiguous or broken IPv4 forms", () => {
    for (const bad of ["010.0.0.1", "127.1", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-4", " 1.2.3.4", "1.2.3.4 ", "0x7f.0.0.1", "1..2.3", ""]) {
      assert.equal(parseIp(bad), undefined, bad);
    }
  });

  it("reads IPv6 in all its shapes", () => {
    assert.equal(parseIp("::")?.value, 0n);
    assert.equal(parseIp("::1")?.value, 1n);
    assert.equal(parseIp("2001:db8::1")?.value, 0x20010db8000000000000000000000001n);
    assert.equal(parseIp("2001:DB8:0:0:0:0:0:1")?.value, 0x20010db8000000000000000000000001n);
    assert.equal(parseIp("1::")?.value, 1n << 112n);
    assert.equal(parseIp("::ffff:192.0.2.1")?.value, 0xffffc0000201n);
    assert.equal(parseIp("1:2:3:4:5:6:1.2.3.4")?.value, 0x00010002000300040005000601020304n);
    assert.deepEqual(parseIp("fe80::1%eth0"), { family: 6, value: 0xfe800000000000000000000000000001n, zone: "eth0" });
  });

  it("refuses broken IPv6 forms", () => {
    for (const bad of [":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::1", "::1%", "::1%a b", "1.2.3.4::", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:6:7::8", "[::1]", "fe80::1%eth0%1"]) {
      assert.equal(parseIp(bad), undefined, bad);
    }
  });

  it("refuses host names and non-strings", () => {
    assert.equal(parseIp("localhost"), undefined);
    assert.equal(parseIp("example.nl"), undefined);
    assert.equal(parseIp(undefined as unknown as string), undefined);
  });
});

describe("formatIp", () => {
  it("writes RFC 5952 canonical IPv6", () => {
    const cases: [string, string][] = [
      ["2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1"],
      ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"], // a single zero group is not compressed
      ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"], // the longest run wins
      ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"], // the first of equal runs wins
      ["0:0:0:0:0:0:0:0", "::"],
      ["::ffff:c000:0201", "::ffff:192.0.2.1"],
      ["fe80::1%eth0", "fe80::1%eth0"],
    ];
    for (const [input, expected] of cases) assert.equal(canonicalIp(input), expected, input);
  });

  it("round-trips IPv4", () => {
    assert.equal(formatIp(parseIp("203.0.113.9")!), "203.0.113.9");
  });
});

describe("mapped and equal addresses", () => {
  it("finds the IPv4 address in ::ffff:a.b.c.d", () => {
    assert.deepEqual(mappedIpv4(parseIp("::ffff:10.1.2.3")!), { family: 4, value: 0x0a010203n });
    assert.equal(mappedIpv4(parseIp("::10.1.2.3")!), undefined);
    assert.equal(mappedIpv4(parseIp("10.1.2.3")!), undefined);
  });

  it("compares across notations and the mapped form", () => {
    assert.ok(sameIp("2001:db8::1", "2001:0db8:0:0::0001"));
    assert.ok(sameIp("127.0.0.1", "::ffff:127.0.0.1"));
    assert.ok(sameIp("::ffff:127.0.0.1", "127.0.0.1"));
    assert.ok(!sameIp("127.0.0.1", "127.0.0.2"));
    assert.ok(!sameIp("::1", "127.0.0.1"));
    assert.ok(!sameIp("nonsense", "nonsense"));
  });
});
