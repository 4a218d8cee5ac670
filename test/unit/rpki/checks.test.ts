// The RPKI tests as pure judgements of recorded evidence (src/checks/rpki.ts).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { judgeNsRpkiExists, judgeNsRpkiValid, judgeWebRpkiExists, judgeWebRpkiValid, RPKI_SCORING } from "../../../src/checks/rpki.ts";
import type { DomainEvidence, RpkiEvidence } from "../../../src/probes/evidence.ts";
import { probeRpki, webHostTargets } from "../../../src/probes/rpki.ts";
import type { RpkiData } from "../../../src/rpki/rpki-data.ts";
import type { AddressRouting, RpkiDataDescription, SourceProvenance } from "../../../src/rpki/types.ts";
import { rpkiData } from "./helpers.ts";

const NOW = "2024-05-01T12:00:00.000Z";
const source = (over: Partial<SourceProvenance> = {}): SourceProvenance => ({
  role: "vrps", kind: "file", location: "/data/vrps.json", format: "rpki-client JSON", sha256: "ab".repeat(32), generatedAt: "2024-05-01T11:00:00.000Z", loadedAt: NOW, ...over,
});
const DATA: RpkiDataDescription = { configured: true, maxAgeHours: 24, sources: [source(), source({ role: "routes", format: "prefix-origin", generatedAt: undefined, modifiedAt: "2024-05-01T10:00:00.000Z" })] };

function route(state: "valid" | "invalid" | "not-found", longestMatch = true, reason?: "origin" | "length" | "as0") {
  return { prefix: "192.0.2.0/24", origin: 64496, longestMatch, state, ...(reason ? { reason } : {}), matched: [], unmatchedAs: [{ prefix: "192.0.2.0/24", maxLength: 24, asn: 64497 }], unmatchedLength: [] };
}
const addr = (address: string, routes: AddressRouting["routes"], extra: Partial<AddressRouting> = {}): AddressRouting => ({ address, routes, ...extra });
const ev = (addresses: AddressRouting[], over: Partial<RpkiEvidence> = {}): RpkiEvidence => ({ data: DATA, observedAt: NOW, hosts: [{ host: "example.nl", addresses }], ...over });
const web = (e: RpkiEvidence): DomainEvidence => ({ domain: "example.nl", rpkiWebHost: e });

describe("web_rpki_valid / _exists", () => {
  it("all deciding routes valid: both pass with full points, and the data provenance is in the details", () => {
    const e = web(ev([addr("192.0.2.80", [route("valid")]), addr("2001:db8::80", [route("valid")])]));
    const v = judgeWebRpkiValid(e);
    assert.deepEqual([v.status, v.verdict, v.points], ["passed", "valid", RPKI_SCORING.valid.full]);
    assert.deepEqual((v.details.data as RpkiDataDescription).sources[0]?.sha256, "ab".repeat(32));
    const x = judgeWebRpkiExists(e);
    assert.deepEqual([x.status, x.verdict, x.points], ["passed", "covered", 5]);
  });

  it("one invalid address fails valid (worst address), naming it; exists still passes", () => {
    const e = web(ev([addr("192.0.2.80", [route("valid")]), addr("203.0.113.9", [route("invalid", true, "origin")])]));
    const v = judgeWebRpkiValid(e);
    assert.deepEqual([v.status, v.verdict, v.points], ["failed", "invalid", 0]);
    assert.match(v.reason, /203\.0\.113\.9 \(example\.nl\): 192\.0\.2\.0\/24 from AS64496 is invalid: its ROAs name AS64497, not AS64496/);
    assert.equal(judgeWebRpkiExists(e).status, "passed");
  });

  it("not-found: valid failed, exists warning with 0 of 5", () => {
    const e = web(ev([addr("192.0.2.80", [route("not-found")])]));
    assert.deepEqual([judgeWebRpkiValid(e).status, judgeWebRpkiValid(e).verdict], ["failed", "not_found"]);
    const x = judgeWebRpkiExists(e);
    assert.deepEqual([x.status, x.verdict, x.points], ["warning", "not_covered", 0]);
  });

  it("less specific routes do not decide", () => {
    const e = web(ev([addr("192.0.2.80", [route("valid"), route("not-found", false), route("invalid", false)])]));
    assert.equal(judgeWebRpkiValid(e).status, "passed");
    assert.equal(judgeWebRpkiExists(e).status, "passed");
  });

  it("no route: not_tested with full points; exists by the ROAs covering the address", () => {
    const covered = web(ev([addr("2001:db8::80", [], { addressVrps: [{ prefix: "2001:db8::/32", maxLength: 48, asn: 64499 }] })]));
    const v = judgeWebRpkiValid(covered);
    assert.deepEqual([v.status, v.verdict, v.points], ["not_tested", "not_routed", 10]);
    assert.equal(judgeWebRpkiExists(covered).status, "passed");
    const bare = web(ev([addr("2001:db8::80", [], { addressVrps: [] })]));
    assert.equal(judgeWebRpkiExists(bare).status, "warning");
    // Routed and unrouted addresses together: judged by the routed ones.
    const mixed = web(ev([addr("2001:db8::80", [], { addressVrps: [] }), addr("192.0.2.80", [route("valid")])]));
    assert.equal(judgeWebRpkiValid(mixed).status, "passed");
    assert.match(judgeWebRpkiValid(mixed).reason, /not in any announced route: 2001:db8::80/);
  });

  it("no addresses: not_tested", () => {
    const e = web(ev([], { hosts: [] }));
    assert.deepEqual([judgeWebRpkiValid(e).status, judgeWebRpkiExists(e).status], ["not_tested", "not_tested"]);
  });

  it("a failed route lookup is an error unless another address already fails", () => {
    const failing = web(ev([addr("192.0.2.80", [], { error: "IP-to-ASN lookup timed out" })]));
    assert.deepEqual([judgeWebRpkiValid(failing).status, judgeWebRpkiExists(failing).status], ["error", "error"]);
    const withInvalid = web(ev([addr("192.0.2.80", [], { error: "timeout" }), addr("192.0.2.81", [route("invalid")])]));
    assert.equal(judgeWebRpkiValid(withInvalid).status, "failed");
  });
});

describe("data problems: error with the reason, never passed", () => {
  const good = [addr("192.0.2.80", [route("valid")])];
  it("no data given", () => {
    const e = web(ev(good, { data: { configured: false, problem: "no RPKI data: give --rpki-vrps and --rpki-routes", maxAgeHours: 24, sources: [] } }));
    const v = judgeWebRpkiValid(e);
    assert.deepEqual([v.status, v.verdict], ["error", "no_rpki_data"]);
    assert.match(v.reason, /give --rpki-vrps and --rpki-routes/);
    assert.equal(judgeWebRpkiExists(e).status, "error");
  });

  it("unusable data", () => {
    const e = web(ev(good, { data: { ...DATA, problem: "the VRPs cannot be used: vrps.json, line 9: ..." } }));
    assert.deepEqual([judgeWebRpkiValid(e).status, judgeWebRpkiValid(e).verdict], ["error", "rpki_data_error"]);
  });

  it("stale data, by the data's own generation time before the file time; no limit: judged", () => {
    const stale: RpkiDataDescription = { ...DATA, sources: [source({ generatedAt: "2024-04-29T11:00:00.000Z", modifiedAt: "2024-05-01T11:59:00.000Z" })] };
    const v = judgeWebRpkiValid(web(ev(good, { data: stale })));
    assert.deepEqual([v.status, v.verdict], ["error", "stale_rpki_data"]);
    assert.match(v.reason, /VRP data \/data\/vrps\.json is from 2024-04-29T11:00:00\.000Z, 49 hours before the test; the limit is 24 hours/);
    assert.equal(judgeWebRpkiValid(web(ev(good, { data: { ...stale, maxAgeHours: null } }))).status, "passed");
    const liveDns: RpkiDataDescription = { ...DATA, sources: [source(), source({ role: "routes", kind: "dns", generatedAt: undefined })] };
    assert.equal(judgeWebRpkiValid(web(ev(good, { data: liveDns }))).status, "passed");
  });

  it("missing evidence or failed address lookups", () => {
    assert.equal(judgeWebRpkiValid({ domain: "x.nl" }).status, "error");
    assert.equal(judgeNsRpkiValid(web(ev(good))).status, "error");
    const e = { domain: "x.nl", rpkiNameServers: ev(good, { error: "the name servers could not be looked up: timeout" }) };
    assert.deepEqual([judgeNsRpkiExists(e).status, judgeNsRpkiExists(e).verdict], ["error", "lookup_error"]);
  });
});

describe("the RPKI probe", () => {
  const data = rpkiData([{ prefix: "192.0.2.0/24", asn: 64496 }], ["192.0.2.0/24 64496"]);
  const host = { host: "example.nl", ipv4: ["192.0.2.80"], ipv6: [], ignoredMappedIpv6: [], cnameChain: [] };

  it("validates every address of the host", async () => {
    const e = await probeRpki(data, webHostTargets(host));
    assert.equal(e.hosts[0]?.addresses[0]?.routes[0]?.state, "valid");
  });

  it("without data: evidence that says so, and no lookups", async () => {
    const e = await probeRpki(undefined, webHostTargets(host));
    assert.equal(e.data.configured, false);
    assert.equal(judgeWebRpkiValid({ domain: "example.nl", rpkiWebHost: e }).verdict, "no_rpki_data");
    const unusable: RpkiData = { description: { configured: true, problem: "broken", maxAgeHours: 24, sources: [] }, routing: () => assert.fail("no lookups on unusable data") };
    assert.equal((await probeRpki(unusable, webHostTargets(host))).hosts[0]?.addresses.length, 0);
  });

  it("a failed address lookup (SERVFAIL, error) is not 'no addresses'", async () => {
    const servfail = await probeRpki(data, webHostTargets({ ...host, ipv4: [], rcode: "SERVFAIL" }));
    assert.equal(judgeWebRpkiValid({ domain: "example.nl", rpkiWebHost: servfail }).status, "error");
    const nx = await probeRpki(data, webHostTargets({ ...host, ipv4: [], rcode: "NXDOMAIN" }));
    assert.equal(judgeWebRpkiValid({ domain: "example.nl", rpkiWebHost: nx }).status, "not_tested");
  });
});
