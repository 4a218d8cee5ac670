import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { judgeNsAddress, judgeNsReach, judgeWsAddress, nsIpv6Points } from "../../../src/checks/ipv6.ts";
import type { DomainEvidence, NameServerInfo } from "../../../src/probes/evidence.ts";

function ns(name: string, ipv6: string[], unreachable: string[] = []): NameServerInfo {
  return {
    name, ipv4: ["192.0.2.1"], ipv6, ignoredMappedIpv6: [],
    ipv6Reach: ipv6.map((address) => unreachable.includes(address)
      ? { address, reachable: false, error: "timeout" }
      : { address, reachable: true, transport: "udp" as const, rcode: "NOERROR", authoritative: true }),
  };
}

const withServers = (servers: NameServerInfo[]): DomainEvidence => ({ domain: "example.nl", nameServers: { zone: "example.nl", servers } });

describe("name-server IPv6 checks", () => {
  it("two name servers with reachable IPv6: both pass, full points", () => {
    const e = withServers([ns("ns1.example.nl", ["2001:db8::1"]), ns("ns2.example.nl", ["2001:db8::2"])]);
    assert.equal(judgeNsAddress(e).status, "passed");
    const r = judgeNsReach(e);
    assert.deepEqual([r.status, r.points], ["passed", 10]);
  });

  it("only one name server with IPv6: address failed, score capped at 5", () => {
    const e = withServers([ns("ns1.example.nl", ["2001:db8::1"]), ns("ns2.example.nl", [])]);
    const a = judgeNsAddress(e);
    assert.deepEqual([a.status, a.verdict], ["failed", "only_one_ns_ipv6"]);
    assert.equal(judgeNsReach(e).points, 5);
  });

  it("an IPv6 address that does not answer: reach failed with partial credit, naming the server", () => {
    const e = withServers([ns("ns1.example.nl", ["2001:db8::1"]), ns("ns2.example.nl", ["2001:db8::2"], ["2001:db8::2"])]);
    const r = judgeNsReach(e);
    assert.deepEqual([r.status, r.verdict, r.points], ["failed", "unreachable", 2]);
    assert.match(r.reason, /ns2\.example\.nl \[2001:db8::2\]/);
  });

  it("no IPv6 at all: address failed, reach not_tested with 0 points", () => {
    const e = withServers([ns("ns1.example.nl", []), ns("ns2.example.nl", [])]);
    assert.equal(judgeNsAddress(e).verdict, "no_ns_ipv6");
    const r = judgeNsReach(e);
    assert.deepEqual([r.status, r.points], ["not_tested", 0]);
    assert.equal(nsIpv6Points([]), 0);
  });

  it("a failed NS lookup is an error", () => {
    const e: DomainEvidence = { domain: "example.nl", nameServers: { servers: [], error: "timeout" } };
    assert.equal(judgeNsAddress(e).status, "error");
    assert.equal(judgeNsReach(e).status, "error");
  });

  it("no name servers (the domain does not exist): failed", () => {
    assert.equal(judgeNsAddress(withServers([])).verdict, "no_name_servers");
  });
});

describe("web server IPv6 address", () => {
  const host = { host: "example.nl", ipv4: ["192.0.2.80"], ipv6: [] as string[], ignoredMappedIpv6: [], cnameChain: [] };
  it("AAAA present: passed", () => {
    assert.equal(judgeWsAddress({ domain: "example.nl", webHost: { ...host, ipv6: ["2001:db8::80"] } }).status, "passed");
  });
  it("IPv4 only: failed, listing the IPv4 address", () => {
    const r = judgeWsAddress({ domain: "example.nl", webHost: host });
    assert.deepEqual([r.status, r.verdict], ["failed", "no_ipv6"]);
    assert.match(r.reason, /192\.0\.2\.80/);
  });
  it("NXDOMAIN: failed as host_not_found; lookup error: error", () => {
    assert.equal(judgeWsAddress({ domain: "x.nl", webHost: { ...host, ipv4: [], rcode: "NXDOMAIN" } }).verdict, "host_not_found");
    assert.equal(judgeWsAddress({ domain: "x.nl", webHost: { ...host, error: "timeout" } }).status, "error");
    assert.equal(judgeWsAddress({ domain: "x.nl", webHost: { ...host, ipv4: [], rcode: "SERVFAIL" } }).status, "error");
  });
});
