import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { CidrError, cidrContains, longestMatch, parseCidr } from "../../../src/net/cidr.ts";
import { parseIp } from "../../../src/net/ip.ts";

const contains = (cidr: string, address: string) => cidrContains(parseCidr(cidr), parseIp(address)!);

describe("parseCidr", () => {
  it("reads prefixes and single addresses", () => {
    assert.deepEqual(parseCidr("10.0.0.0/8"), { family: 4, base: 0x0a000000n, prefixLength: 8, text: "10.0.0.0/8" });
    assert.equal(parseCidr("192.0.2.7").prefixLength, 32);
    assert.equal(parseCidr("::1").prefixLength, 128);
    assert.equal(parseCidr("2001:DB8::/32").text, "2001:db8::/32");
    assert.equal(parseCidr("0.0.0.0/0").prefixLength, 0);
    assert.equal(parseCidr("::/0").prefixLength, 0);
    assert.equal(parseCidr("fe80::1%eth0").text, "fe80::1/128");
  });

  it("refuses host bits, bad lengths and non-addresses with clear messages", () => {
    assert.throws(() => parseCidr("10.1.2.3/8"), { name: "Error", message: /host bits set; did you mean 10\.0\.0\.0\/8\?/ });
    assert.throws(() => parseCidr("2001:db8::1/32"), /did you mean 2001:db8::\/32/);
    for (const bad of ["10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/08", "10.0.0.0/-1", "example.nl/8", "10.0.0.0/8/8", "fe80::%eth0/64"]) {
      assert.throws(() => parseCidr(bad), CidrError, bad);
    }
  });
});

describe("cidrContains", () => {
  it("matches IPv4 prefixes at their edges", () => {
    assert.ok(contains("172.16.0.0/12", "172.16.0.0"));
    assert.ok(contains("172.16.0.0/12", "172.31.255.255"));
    assert.ok(!contains("172.16.0.0/12", "172.32.0.0"));
    assert.ok(!contains("172.16.0.0/12", "172.15.255.255"));
    assert.ok(contains("0.0.0.0/0", "203.0.113.1"));
    assert.ok(contains("192.0.2.7/32", "192.0.2.7"));
    assert.ok(!contains("192.0.2.7/32", "192.0.2.8"));
  });

  it("matches IPv6 prefixes at their edges, including odd lengths", () => {
    assert.ok(contains("fe80::/10", "febf:ffff::1"));
    assert.ok(!contains("fe80::/10", "fec0::1"));
    assert.ok(contains("fc00::/7", "fdff::1"));
    assert.ok(!contains("fc00::/7", "fe00::1"));
    assert.ok(contains("3fff::/20", "3fff:0fff:ffff::1"));
    assert.ok(!contains("3fff::/20", "3fff:1000::1"));
    assert.ok(contains("::/0", "2a00::1"));
  });

  it("never matches across families", () => {
    assert.ok(!contains("0.0.0.0/0", "::1"));
    assert.ok(!contains("::/0", "127.0.0.1"));
  });

  it("prefers the longest matching prefix", () => {
    const items = ["2001::/23", "2001::/32", "2001:db8::/32"].map((c) => ({ cidr: parseCidr(c) }));
    assert.equal(longestMatch(items, parseIp("2001:0:1::1")!)?.cidr.text, "2001::/32");
    assert.equal(longestMatch(items, parseIp("2001:2::1")!)?.cidr.text, "2001::/23");
    assert.equal(longestMatch(items, parseIp("2a00::1")!), undefined);
  });
});
