import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PrefixRowsBuilder } from "../../../src/rpki/prefix-rows.ts";
import { PrefixTable } from "../../../src/rpki/prefix-table.ts";
import { addressWords, parsePrefixInto, wordMask } from "../../../src/rpki/prefix-words.ts";
import type { Family } from "../../../src/rpki/prefix-words.ts";
import { radixSortIndexes } from "../../../src/rpki/radix-sort.ts";
import { parseIp } from "../../../src/net/ip.ts";

function table(prefixes: string[]): { t: PrefixTable; family: Family } {
  const family: Family = prefixes[0]!.includes(":") ? 6 : 4;
  const rows = new PrefixRowsBuilder(family);
  const w = new Uint32Array(4);
  for (const p of prefixes) {
    const parsed = parsePrefixInto(p, w);
    assert.ok(parsed && parsed.family === family, p);
    rows.push(w, parsed.length);
  }
  return { t: PrefixTable.build(rows.rows()), family };
}

function coveringAddress(t: PrefixTable, address: string): string[] {
  const ip = parseIp(address)!;
  return t.covering(addressWords(ip), ip.family === 4 ? 32 : 128).map((p) => t.textOf(p));
}

describe("the prefix table", () => {
  it("finds every covering prefix of nested and overlapping prefixes, most specific first", () => {
    const { t } = table(["10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.3.0/24", "10.2.0.0/16", "11.0.0.0/8", "10.1.2.0/24", "0.0.0.0/0"]);
    assert.equal(t.size, 7, "a repeated prefix is one entry");
    assert.deepEqual(coveringAddress(t, "10.1.2.3"), ["10.1.2.0/24", "10.1.0.0/16", "10.0.0.0/8", "0.0.0.0/0"]);
    assert.deepEqual(coveringAddress(t, "10.1.4.1"), ["10.1.0.0/16", "10.0.0.0/8", "0.0.0.0/0"]);
    // After a sibling subtree: the search lands in 10.1.3.0/24 and climbs out of it.
    assert.deepEqual(coveringAddress(t, "10.1.200.1"), ["10.1.0.0/16", "10.0.0.0/8", "0.0.0.0/0"]);
    assert.deepEqual(coveringAddress(t, "12.0.0.1"), ["0.0.0.0/0"]);
  });

  it("answers prefix queries: equal and less specific prefixes cover, more specific do not", () => {
    const { t } = table(["192.0.2.0/24", "192.0.2.0/25", "192.0.0.0/16"]);
    const w = new Uint32Array(4);
    parsePrefixInto("192.0.2.0/24", w);
    assert.deepEqual(t.covering(w, 24).map((p) => t.textOf(p)), ["192.0.2.0/24", "192.0.0.0/16"]);
    parsePrefixInto("192.0.2.128/25", w);
    assert.deepEqual(t.covering(w, 25).map((p) => t.textOf(p)), ["192.0.2.0/24", "192.0.0.0/16"]);
  });

  it("works for IPv6 across word boundaries", () => {
    const { t } = table(["2001:db8::/32", "2001:db8:0:1::/64", "2001:db8:0:1:8000::/65", "2001:db8::/31", "2001:db8:1::/48"]);
    assert.deepEqual(coveringAddress(t, "2001:db8:0:1:8000::1"), ["2001:db8:0:1:8000::/65", "2001:db8:0:1::/64", "2001:db8::/32", "2001:db8::/31"]);
    assert.deepEqual(coveringAddress(t, "2001:db8:0:1::1"), ["2001:db8:0:1::/64", "2001:db8::/32", "2001:db8::/31"]);
    assert.deepEqual(coveringAddress(t, "2001:db9::1"), ["2001:db8::/31"]);
    assert.deepEqual(coveringAddress(t, "2001:dba::1"), []);
  });

  it("an empty table covers nothing", () => {
    const rows = new PrefixRowsBuilder(4);
    const t = PrefixTable.build(rows.rows());
    assert.deepEqual(t.covering(new Uint32Array(4), 32), []);
  });

  it("agrees with a brute-force scan on random nested prefixes", () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0);
    const prefixes: { base: number; length: number }[] = [];
    for (let i = 0; i < 2000; i++) {
      // Few distinct high bits so that prefixes nest often.
      const length = 8 + (rnd() % 25);
      const base = (((rnd() & 0x030f0f0f) | 0x0a000000) & wordMask(length)) >>> 0;
      prefixes.push({ base, length });
    }
    const rows = new PrefixRowsBuilder(4);
    for (const p of prefixes) rows.push(Uint32Array.of(p.base, 0, 0, 0), p.length);
    const t = PrefixTable.build(rows.rows());
    for (let i = 0; i < 2000; i++) {
      const address = ((rnd() & 0x030f0f0f) | 0x0a000000) >>> 0;
      const expected = [...new Set(prefixes.filter((p) => ((address & wordMask(p.length)) >>> 0) === p.base).map((p) => `${p.base}/${p.length}`))]
        .sort((a, b) => Number(b.split("/")[1]) - Number(a.split("/")[1]));
      const got = t.covering(Uint32Array.of(address, 0, 0, 0), 32).map((p) => `${t.wordsOf(p)[0]}/${t.lengthOf(p)}`);
      assert.deepEqual(got, expected, `address ${address}`);
    }
  });
});

describe("the radix sort", () => {
  it("orders rows by several columns, stably", () => {
    const a = Uint32Array.of(3, 1, 2, 1, 0xffffffff, 0);
    const b = Uint8Array.of(0, 9, 0, 2, 0, 5);
    const order = radixSortIndexes(6, [{ values: a, bits: 32 }, { values: b, bits: 8 }]);
    assert.deepEqual([...order], [5, 3, 1, 2, 0, 4]);
  });
});
