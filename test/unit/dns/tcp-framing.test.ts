import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { FrameReader, frameMessage } from "../../../src/dns/tcp-framing.ts";

describe("TCP framing", () => {
  it("prefixes the length", () => {
    assert.deepEqual(Array.from(frameMessage(Uint8Array.of(1, 2, 3))), [0, 3, 1, 2, 3]);
    assert.throws(() => frameMessage(new Uint8Array(65536)), RangeError);
  });

  it("reassembles frames from any split, byte by byte included", () => {
    const a = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    const b = Uint8Array.of(9, 8, 7);
    const stream = Uint8Array.from([...frameMessage(a), ...frameMessage(b), ...frameMessage(new Uint8Array(0))]);
    for (const chunkSize of [1, 2, 3, 7, 100, stream.length]) {
      const reader = new FrameReader();
      const frames: Uint8Array[] = [];
      for (let i = 0; i < stream.length; i += chunkSize) frames.push(...reader.push(stream.subarray(i, i + chunkSize)));
      assert.equal(frames.length, 3, `chunk ${chunkSize}`);
      assert.deepEqual(frames[0], a);
      assert.deepEqual(frames[1], b);
      assert.equal(frames[2]!.length, 0);
      assert.deepEqual(reader.pending, { received: 0, expected: undefined });
    }
  });

  it("reports a partial frame", () => {
    const reader = new FrameReader();
    assert.deepEqual(reader.push(Uint8Array.of(0xff)), []);
    assert.deepEqual(reader.pending, { received: 1, expected: undefined });
    reader.push(Uint8Array.of(0xff, 1, 2));
    assert.deepEqual(reader.pending, { received: 4, expected: 65537 });
  });

  it("handles the largest frame", () => {
    const big = new Uint8Array(65535).fill(7);
    const reader = new FrameReader();
    const framed = frameMessage(big);
    const frames = [...reader.push(framed.subarray(0, 40000)), ...reader.push(framed.subarray(40000))];
    assert.equal(frames.length, 1);
    assert.equal(frames[0]!.length, 65535);
  });
});
