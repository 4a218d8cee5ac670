import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RewriteError, RewriteTable } from "../../../src/net/rewrite-table.ts";

describe("RewriteTable", () => {
  it("leaves targets without a rule alone", () => {
    const t = new RewriteTable();
    assert.deepEqual(t.resolve({ address: "192.0.2.53", port: 53 }), { address: "192.0.2.53", port: 53 });
  });

  it("rewrites an exact endpoint and prefers it over an address-wide rule", () => {
    const t = new RewriteTable()
      .add({ address: "192.0.2.53", port: "*" }, { address: "127.0.0.1", port: 5300 })
      .add({ address: "192.0.2.53", port: 443 }, { address: "127.0.0.1", port: 8443 });
    assert.deepEqual(t.resolve({ address: "192.0.2.53", port: 53 }), { address: "127.0.0.1", port: 5300 });
    assert.deepEqual(t.resolve({ address: "192.0.2.53", port: 25 }), { address: "127.0.0.1", port: 5300 });
    assert.deepEqual(t.resolve({ address: "192.0.2.53", port: 443 }), { address: "127.0.0.1", port: 8443 });
    assert.deepEqual(t.resolve({ address: "192.0.2.54", port: 53 }), { address: "192.0.2.54", port: 53 });
  });

  it("keeps the original port when the destination has none", () => {
    const t = new RewriteTable().add({ address: "2001:db8::53" }, { address: "::1" });
    assert.deepEqual(t.resolve({ address: "2001:db8::53", port: 853 }), { address: "::1", port: 853 });
  });

  it("matches IPv6 sources whatever their notation", () => {
    const t = new RewriteTable().add("[2001:DB8:0:0::53]:53", "[::1]:5353");
    assert.deepEqual(t.resolve({ address: "2001:db8::53", port: 53 }), { address: "::1", port: 5353 });
    assert.deepEqual(t.resolve({ address: "2001:0db8::0053", port: 53 }), { address: "::1", port: 5353 });
    assert.deepEqual(t.resolve({ address: "2001:db8::53", port: 54 }), { address: "2001:db8::53", port: 54 });
  });

  it("reads text rules", () => {
    const t = new RewriteTable().add("192.0.2.53:*", "127.0.0.1:5300").add("198.51.100.1", "127.0.0.2").add("[2001:db8::1]:*", "[::1]:5301");
    assert.deepEqual(t.resolve({ address: "192.0.2.53", port: 53 }), { address: "127.0.0.1", port: 5300 });
    assert.deepEqual(t.resolve({ address: "198.51.100.1", port: 80 }), { address: "127.0.0.2", port: 80 });
    assert.deepEqual(t.resolve({ address: "2001:db8::1", port: 53 }), { address: "::1", port: 5301 });
    assert.equal(t.size, 3);
  });

  it("lets a later rule replace an earlier one", () => {
    const t = new RewriteTable().add("192.0.2.1:53", "127.0.0.1:1000").add("192.0.2.1:53", "127.0.0.1:2000");
    assert.deepEqual(t.resolve({ address: "192.0.2.1", port: 53 }), { address: "127.0.0.1", port: 2000 });
  });

  it("refuses bad rules", () => {
    const t = new RewriteTable();
    assert.throws(() => t.add("example.nl:53", "127.0.0.1:53"), RewriteError);
    assert.throws(() => t.add("192.0.2.1:53", "127.0.0.1:*"), RewriteError);
    assert.throws(() => t.add("192.0.2.1:70000", "127.0.0.1:53"), RewriteError);
    assert.throws(() => t.add({ address: "192.0.2.1", port: 0 }, { address: "127.0.0.1" }), RewriteError);
    assert.throws(() => t.add({ address: "192.0.2.1" }, { address: "localhost" }), RewriteError);
  });
});
