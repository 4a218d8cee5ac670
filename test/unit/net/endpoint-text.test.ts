import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EndpointSyntaxError, endpointKey, formatEndpoint, parseEndpoint, splitEndpointText } from "../../../src/net/endpoint-text.ts";

describe("endpoint text", () => {
  it("splits addresses and ports", () => {
    assert.deepEqual(splitEndpointText("192.0.2.1"), { address: "192.0.2.1", port: undefined });
    assert.deepEqual(splitEndpointText("192.0.2.1:5353"), { address: "192.0.2.1", port: 5353 });
    assert.deepEqual(splitEndpointText("::1"), { address: "::1", port: undefined });
    assert.deepEqual(splitEndpointText("[::1]"), { address: "::1", port: undefined });
    assert.deepEqual(splitEndpointText("[::1]:53"), { address: "::1", port: 53 });
    assert.deepEqual(splitEndpointText("[fe80::1%eth0]:53"), { address: "fe80::1%eth0", port: 53 });
    assert.deepEqual(splitEndpointText("192.0.2.1:*", { allowWildcardPort: true }), { address: "192.0.2.1", port: "*" });
  });

  it("explains its errors", () => {
    assert.throws(() => splitEndpointText("example.nl"), { message: /is not an IP address.*host names are not accepted/ });
    assert.throws(() => splitEndpointText("192.0.2.1:0"), /bad port "0"/);
    assert.throws(() => splitEndpointText("192.0.2.1:65536"), /bad port/);
    assert.throws(() => splitEndpointText("192.0.2.1:*"), /bad port/);
    assert.throws(() => splitEndpointText("[::1"), /missing "\]"/);
    assert.throws(() => splitEndpointText("[192.0.2.1]:53"), /not an IPv6 address/);
    assert.throws(() => splitEndpointText("[::1]53"), /unexpected/);
    assert.throws(() => splitEndpointText("2001:db8::1:53x"), EndpointSyntaxError);
  });

  it("formats and keys endpoints", () => {
    assert.equal(formatEndpoint({ address: "192.0.2.1", port: 53 }), "192.0.2.1:53");
    assert.equal(formatEndpoint({ address: "2001:db8::1", port: 53 }), "[2001:db8::1]:53");
    assert.equal(endpointKey({ address: "2001:DB8:0::1", port: 53 }), "[2001:db8::1]:53");
    assert.deepEqual(parseEndpoint("[::1]", 853), { address: "::1", port: 853 });
  });
});
