import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { AddressPolicy, createAddressPolicy, reservedRangeOf } from "../../../src/net/address-policy.ts";
import { cidrContains, parseCidr } from "../../../src/net/cidr.ts";
import { formatIp, parseIp } from "../../../src/net/ip.ts";
import { RESERVED_IPV4, RESERVED_IPV6 } from "../../../src/net/reserved-ranges.ts";

function refusal(policy: AddressPolicy, address: string): string {
  const d = policy.check(address);
  assert.equal(d.allowed, false, `${address} should be refused`);
  return d.allowed ? "" : d.reason;
}

/** An address inside `cidr` that no more specific rule of the table covers. */
function addressOnlyIn(cidr: string, table: readonly { cidr: string }[]): string {
  const c = parseCidr(cidr);
  const bits = c.family === 4 ? 32 : 128;
  const size = 1n << BigInt(bits - c.prefixLength);
  const more = table.map((r) => parseCidr(r.cidr)).filter((o) => o.prefixLength > c.prefixLength && o.family === c.family);
  // 0x01010101 first: in a NAT64 prefix it is 1.1.1.1, a public IPv4 destination.
  const candidates = [0x01010101n, size - 1n, 0n, size / 2n, size / 2n - 1n, size / 4n, 3n * size / 4n, 1n, 2n];
  for (const offset of candidates) {
    if (offset < 0n || offset >= size) continue;
    const ip = { family: c.family, value: c.base + offset } as const;
    if (!more.some((o) => cidrContains(o, ip))) return formatIp(ip);
  }
  throw new Error(`no address only in ${cidr}`);
}

describe("AddressPolicy with the reserved ranges", () => {
  const policy = new AddressPolicy();

  it("allows ordinary public addresses", () => {
    for (const a of ["1.1.1.1", "9.9.9.9", "145.220.0.1", "2a00:1450:4001::1", "2001:610:0:800d::10", "2620:fe::fe", "64:ff9b::808:808", "::ffff:8.8.8.8"]) {
      assert.deepEqual(policy.check(a), { allowed: true }, a);
    }
  });

  it("refuses the ranges the brief names, each with its reason", () => {
    const cases: [string, string, RegExp][] = [
      ["10.20.30.40", "10.0.0.0/8", /private use, RFC 1918/],
      ["172.20.1.1", "172.16.0.0/12", /private use/],
      ["192.168.1.1", "192.168.0.0/16", /private use/],
      ["127.0.0.53", "127.0.0.0/8", /loopback/],
      ["::1", "::1/128", /loopback/],
      ["169.254.169.254", "169.254.0.0/16", /link-local/],
      ["fe80::1", "fe80::/10", /link-local/],
      ["fe80::1%eth0", "fe80::/10", /link-local/],
      ["100.64.0.1", "100.64.0.0/10", /CGNAT/],
      ["100.127.255.255", "100.64.0.0/10", /shared address space/],
      ["192.0.2.53", "192.0.2.0/24", /documentation, RFC 5737/],
      ["198.51.100.7", "198.51.100.0/24", /documentation, RFC 5737/],
      ["203.0.113.200", "203.0.113.0/24", /documentation/],
      ["2001:db8::53", "2001:db8::/32", /documentation, RFC 3849/],
      ["3fff:abc::1", "3fff::/20", /documentation, RFC 9637/],
      ["0.0.0.0", "0.0.0.0/32", /unspecified/],
      ["::", "::/128", /unspecified/],
      ["224.0.0.251", "224.0.0.0/4", /multicast/],
      ["239.255.255.250", "224.0.0.0/4", /multicast/],
      ["ff02::fb", "ff00::/8", /multicast/],
      ["255.255.255.255", "255.255.255.255/32", /broadcast/],
      ["0.1.2.3", "0.0.0.0/8", /this network/],
      ["198.18.0.1", "198.18.0.0/15", /benchmarking/],
      ["198.19.255.255", "198.18.0.0/15", /benchmarking/],
      ["240.0.0.1", "240.0.0.0/4", /reserved/],
      ["254.1.1.1", "240.0.0.0/4", /reserved/],
      ["fd12:3456::1", "fc00::/7", /unique local/],
      ["fc00::1", "fc00::/7", /unique local/],
      ["64:ff9b:1::a00:1", "64:ff9b:1::/48", /local-use IPv4\/IPv6 translation/],
      ["100::1", "100::/64", /discard-only/],
      ["2001:2::1", "2001:2::/48", /benchmarking/],
      ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001::/32", /Teredo/],
      ["2001:5::1", "2001::/23", /IETF protocol assignments/],
      ["2002:c000:201::1", "2002::/16", /6to4/],
      ["192.0.0.1", "192.0.0.0/29", /service continuity/],
      ["192.0.0.100", "192.0.0.0/24", /IETF protocol assignments/],
      ["fec0::1", "fec0::/10", /site-local/],
      ["::1.2.3.4", "::/96", /IPv4-compatible/],
      ["4000::1", "4000::/2", /reserved by the IETF/],
      ["5f00::1", "5f00::/16", /SRv6/],
    ];
    for (const [address, cidr, why] of cases) {
      const reason = refusal(policy, address);
      assert.ok(reason.includes(` is in ${cidr} (`), `${address}: ${reason}`);
      assert.match(reason, why, address);
      assert.match(reason, /allow it with --allow-target$/, address);
    }
  });

  it("formats the reason as documented", () => {
    assert.equal(refusal(policy, "198.51.100.7"), "198.51.100.7 is in 198.51.100.0/24 (documentation, RFC 5737); allow it with --allow-target");
  });

  it("lets globally reachable exceptions inside reserved blocks through", () => {
    for (const a of ["192.0.0.9", "192.0.0.10", "2001:1::1", "2001:1::2", "2001:1::3", "2001:3::1", "2001:4:112::1", "2001:20::1", "2001:30::1"]) {
      assert.deepEqual(policy.check(a), { allowed: true }, a);
    }
    // ... but not their neighbours.
    refusal(policy, "192.0.0.11");
    refusal(policy, "2001:1::4");
  });

  for (const [label, table] of [["IPv4", RESERVED_IPV4], ["IPv6", RESERVED_IPV6]] as const) {
    it(`judges every ${label} table entry by that entry`, () => {
      for (const rule of table) {
        const address = addressOnlyIn(rule.cidr, table);
        const d = policy.check(address);
        if (rule.reachable) {
          assert.deepEqual(d, { allowed: true }, `${address} (${rule.cidr})`);
        } else {
          assert.equal(d.allowed, false, `${address} (${rule.cidr})`);
          const canonical = parseCidr(rule.cidr).text;
          assert.ok(!d.allowed && d.reason.includes(`is in ${canonical} (${rule.name}, ${rule.source})`), `${address}: ${!d.allowed && d.reason}`);
        }
      }
    });
  }

  it("keeps the data tables well formed: canonical prefixes, no duplicates", () => {
    for (const table of [RESERVED_IPV4, RESERVED_IPV6]) {
      const seen = new Set<string>();
      for (const rule of table) {
        assert.equal(parseCidr(rule.cidr).text, rule.cidr, "write prefixes canonically");
        assert.ok(!seen.has(rule.cidr), `duplicate ${rule.cidr}`);
        seen.add(rule.cidr);
        assert.match(rule.source, /^RFC \d+$/);
      }
    }
  });

  it("covers all IPv6 space outside 2000::/3 except listed exceptions", () => {
    for (const a of ["1::1", "200::1", "400::1", "800::1", "1000::1", "6000::1", "8000::1", "c000::1", "e000::1", "f000::1", "fe00::1"]) {
      refusal(policy, a);
    }
    assert.equal(reservedRangeOf(parseIp("2a02::1")!), undefined);
    assert.equal(reservedRangeOf(parseIp("3ffe::1")!), undefined);
  });
});

describe("IPv4 inside IPv6", () => {
  const policy = new AddressPolicy();

  it("judges IPv4-mapped addresses by the embedded IPv4 address", () => {
    assert.match(refusal(policy, "::ffff:10.0.0.1"), /^::ffff:10\.0\.0\.1 \(IPv4-mapped 10\.0\.0\.1\) is in 10\.0\.0\.0\/8 \(private use/);
    assert.match(refusal(policy, "::ffff:127.0.0.1"), /loopback/);
    assert.match(refusal(policy, "::ffff:c000:0201"), /192\.0\.2\.0\/24 \(documentation/);
    assert.deepEqual(policy.check("::ffff:1.1.1.1"), { allowed: true });
  });

  it("judges NAT64 well-known-prefix addresses by their IPv4 destination too", () => {
    assert.match(refusal(policy, "64:ff9b::10.1.1.1"), /NAT64|IPv4\/IPv6 translation 10\.1\.1\.1\) is in 10\.0\.0\.0\/8/);
    assert.deepEqual(policy.check("64:ff9b::9.9.9.9"), { allowed: true });
  });

  it("lets an allowed IPv4 prefix cover the mapped form", () => {
    const p = createAddressPolicy(["127.0.0.0/8"]);
    assert.deepEqual(p.check("::ffff:127.0.0.1"), { allowed: true });
    assert.equal(p.check("::1").allowed, false);
  });
});

describe("allow overrides", () => {
  it("allows exactly the given prefixes", () => {
    const p = new AddressPolicy().allow("127.0.0.0/8").allow("::1").allow("2001:db8:53::/48");
    assert.deepEqual(p.check("127.0.0.1"), { allowed: true });
    assert.deepEqual(p.check("127.255.0.9"), { allowed: true });
    assert.deepEqual(p.check("::1"), { allowed: true });
    assert.deepEqual(p.check("2001:db8:53::1"), { allowed: true });
    assert.equal(p.check("2001:db8:54::1").allowed, false);
    assert.equal(p.check("10.0.0.1").allowed, false);
    assert.deepEqual(p.allowedPrefixes(), ["127.0.0.0/8", "::1/128", "2001:db8:53::/48"]);
  });

  it("accepts a zone on a single allowed address", () => {
    const p = createAddressPolicy(["fe80::1%eth0"]);
    assert.deepEqual(p.check("fe80::1%eth1"), { allowed: true });
    assert.equal(p.check("fe80::2").allowed, false);
  });

  it("rejects a bad --allow-target value when it is added", () => {
    assert.throws(() => createAddressPolicy(["10.1.2.3/8"]), /did you mean 10\.0\.0\.0\/8/);
    assert.throws(() => createAddressPolicy(["localhost"]), /not an IP address/);
  });
});

describe("invalid literals", () => {
  it("refuses anything that is not an IP address literal, even when everything is allowed", () => {
    const p = createAddressPolicy(["0.0.0.0/0", "::/0"]);
    for (const bad of ["localhost", "example.nl", "127.1", "0177.0.0.1", "", "[::1]", "1.2.3.4:53", "::1::"]) {
      const d = p.check(bad);
      assert.equal(d.allowed, false, bad);
      assert.ok(!d.allowed && d.reason.endsWith("is not a valid IP address literal"), bad);
    }
  });

  it("allows everything public-or-reserved once 0/0 and ::/0 are allowed", () => {
    const p = createAddressPolicy(["0.0.0.0/0", "::/0"]);
    assert.deepEqual(p.check("10.0.0.1"), { allowed: true });
    assert.deepEqual(p.check("fe80::1"), { allowed: true });
  });
});
