import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { binaryArray, copyBinary, pgMicroseconds } from "../../../src/store/postgres/binary-format.ts";

const HEADER = "5047434f50590aff0d0a00" + "00000000" + "00000000";
const TRAILER = "ffff";
const int32 = (n: number) => { const b = Buffer.alloc(4); b.writeInt32BE(n); return b.toString("hex"); };
const int64 = (n: bigint) => { const b = Buffer.alloc(8); b.writeBigInt64BE(n); return b.toString("hex"); };
const field = (hex: string) => int32(hex.length / 2) + hex;

describe("PostgreSQL binary COPY rows", () => {
  it("writes the signature, each row's field count and fields, and the trailer", () => {
    const rows = [{ id: 7, note: "é\tx\n\\N", score: null, at: "2000-01-01T00:00:01.000Z" }];
    const out = copyBinary(rows, [["id", "bigint"], ["note", "text"], ["score", "integer"], ["at", "timestamptz"]]);
    assert.equal(out.toString("hex"), HEADER
      + "0004" + field(int64(7n)) + field(Buffer.from("é\tx\n\\N", "utf8").toString("hex")) + int32(-1) + field(int64(1_000_000n))
      + TRAILER);
  });

  it("writes each row's own moment when rows alternate between moments (the last one is remembered)", () => {
    const moments = ["2000-01-01T00:00:01.000Z", "2000-01-01T00:00:02.5+00:00", "2000-01-01T00:00:01.000Z", "2000-01-01T00:00:01.000001Z"];
    const out = copyBinary(moments.map((at) => ({ at })), [["at", "timestamptz"]]);
    assert.equal(out.toString("hex"), HEADER + [1_000_000n, 2_500_000n, 1_000_000n, 1_000_001n].map((us) => "0001" + field(int64(us))).join("") + TRAILER);
    assert.throws(() => copyBinary([{ at: moments[0] }, { at: "yesterday" }], [["at", "timestamptz"]]), /not an ISO 8601 moment/);
  });

  it("writes no rows as the header and trailer alone", () => {
    assert.equal(copyBinary([], [["id", "bigint"]]).toString("hex"), HEADER + TRAILER);
  });

  it("takes whole numbers as numbers, bigints or digits, and refuses anything else", () => {
    const out = copyBinary([{ a: "9007199254740993", b: 2n ** 40n, c: -3 }], [["a", "bigint"], ["b", "bigint"], ["c", "integer"]]);
    assert.equal(out.toString("hex"), HEADER + "0003" + field(int64(9007199254740993n)) + field(int64(2n ** 40n)) + field(int32(-3)) + TRAILER);
    assert.throws(() => copyBinary([{ a: 1.5 }], [["a", "bigint"]]), /not a whole number: 1.5/);
    assert.throws(() => copyBinary([{ a: 2 ** 31 }], [["a", "integer"]]), /not a 32-bit whole number/);
    assert.throws(() => copyBinary([{ a: 5 }], [["a", "text"]]), /column a: expected a text, got number/);
  });

  it("writes doubles in IEEE 754 order", () => {
    const b = Buffer.alloc(8);
    b.writeDoubleBE(0.25);
    assert.equal(copyBinary([{ x: 0.25 }], [["x", "double precision"]]).toString("hex"), HEADER + "0001" + field(b.toString("hex")) + TRAILER);
  });
});

describe("moments in PostgreSQL's binary form", () => {
  it("counts microseconds from 2000-01-01 UTC", () => {
    assert.equal(pgMicroseconds("2000-01-01T00:00:00Z"), 0n);
    assert.equal(pgMicroseconds("1999-12-31T23:59:59.999Z"), -1000n);
    assert.equal(pgMicroseconds(new Date("2000-01-02T00:00:00.000Z")), 86_400_000_000n);
  });

  it("keeps the zone and microseconds of the text", () => {
    assert.equal(pgMicroseconds("2000-01-01T01:00:00.000001+01:00"), 1n);
    assert.equal(pgMicroseconds("2024-03-01T12:00:00.5Z"), pgMicroseconds("2024-03-01T12:00:00.500000Z"));
  });

  it("refuses what is not an ISO 8601 moment with its zone", () => {
    for (const bad of ["2024-03-01 12:00:00", "2024-03-01T12:00:00", "2024-13-01T00:00:00Z", "yesterday", 17, new Date(NaN)]) {
      assert.throws(() => pgMicroseconds(bad), TypeError, String(bad));
    }
  });
});

describe("PostgreSQL binary arrays", () => {
  it("writes one dimension, the element type and each element", () => {
    const out = binaryArray(["a", "bc"], "text");
    assert.equal(out.toString("hex"), int32(1) + int32(0) + int32(25) + int32(2) + int32(1) + field("61") + field("6263"));
  });

  it("flags nulls and writes them as length -1", () => {
    const out = binaryArray([5, null], "bigint");
    assert.equal(out.toString("hex"), int32(1) + int32(1) + int32(20) + int32(2) + int32(1) + field(int64(5n)) + int32(-1));
  });

  it("writes an empty array without dimensions, as PostgreSQL does", () => {
    assert.equal(binaryArray([], "timestamptz").toString("hex"), int32(0) + int32(0) + int32(1184));
  });
});
