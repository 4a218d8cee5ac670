// parseMessage faces hostile input: whatever arrives, it must return a message or throw
// MalformedMessageError, never anything else, never hang.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MalformedMessageError, parseMessage, writeMessage } from "../../../src/dns/message.ts";
import { encodeA, encodeMX, encodeSOA, encodeTXT } from "../../../src/dns/rdata.ts";
import { nameToWire } from "../../../src/dns/name.ts";
import { CLASS_IN, typeNumber } from "../../../src/dns/rr-types.ts";
import { seededRandom } from "../../helpers/seeded-random.ts";


function parseOrMalformed(buf: Uint8Array, label: string): "ok" | "malformed" {
  try {
    parseMessage(buf);
    return "ok";
  } catch (err) {
    if (err instanceof MalformedMessageError) return "malformed";
    assert.fail(`${label}: parseMessage threw ${String(err)} for ${Buffer.from(buf).toString("hex")}`);
  }
}

function header(id: number, flags: number, qd: number, an: number, ns: number, ar: number): number[] {
  return [id >> 8, id & 0xff, flags >> 8, flags & 0xff, 0, qd, 0, an, 0, ns, 0, ar];
}

const rr = (name: string, type: string, rdata: Uint8Array, ttl = 300) => ({ name, type: typeNumber(type), class: CLASS_IN, ttl, rdata });

/** Valid messages with compression pointers and every compressible type we decode. */
function seedMessages(): Uint8Array[] {
  const plain = writeMessage({
    id: 0x1234,
    flags: { qr: true, rd: true, ra: true },
    questions: [{ name: "www.example.nl", type: 1, class: CLASS_IN }],
    answers: [rr("www.example.nl", "CNAME", nameToWire("example.nl")), rr("example.nl", "A", encodeA("192.0.2.1"))],
    authorities: [rr("example.nl", "SOA", encodeSOA({ mname: "ns1.example.nl", rname: "hostmaster.example.nl", serial: 1, refresh: 2, retry: 3, expire: 4, minimum: 5 }))],
    additionals: [rr("example.nl", "MX", encodeMX(10, "mail.example.nl")), rr("example.nl", "TXT", encodeTXT(["v=spf1 -all"]))],
    edns: { udpPayloadSize: 1232, version: 0, dnssecOk: true, options: [{ code: 10, data: new Uint8Array(8) }] },
  });
  // Hand-compressed: question example.nl, answer owner = pointer to 12, NS rdata = "ns" + pointer.
  const q = [...nameToWire("example.nl"), 0, 2, 0, 1];
  const compressed = Uint8Array.from([
    ...header(0x4321, 0x8180, 1, 1, 0, 0), ...q,
    0xc0, 12, 0, 2, 0, 1, 0, 0, 0x0e, 0x10, 0, 5, 2, 0x6e, 0x73, 0xc0, 12,
  ]);
  return [plain, compressed];
}

describe("parseMessage robustness", () => {
  it("parses the seed messages", () => {
    for (const m of seedMessages()) assert.equal(parseOrMalformed(m, "seed"), "ok");
  });

  it("survives 20,000 random and mutated packets (seeded)", () => {
    const random = seededRandom(20240601);
    const int = (n: number) => Math.floor(random() * n);
    const seeds = seedMessages();
    const counts = { ok: 0, malformed: 0 };
    for (let i = 0; i < 20_000; i++) {
      let buf: Uint8Array;
      const mode = i % 4;
      if (mode === 0) {
        buf = Uint8Array.from({ length: int(600) }, () => int(256));
      } else if (mode === 1) {
        // A plausible header with random counts, then random bytes.
        const body = Array.from({ length: int(200) }, () => int(256));
        buf = Uint8Array.from([...header(int(65536), 0x8180, int(4), int(8), int(4), int(4)), ...body]);
      } else {
        buf = Uint8Array.from(seeds[int(seeds.length)]!);
        const mutations = 1 + int(mode === 2 ? 3 : 12);
        for (let m = 0; m < mutations; m++) {
          const what = int(6);
          const at = int(Math.max(1, buf.length));
          if (what === 0) buf[at] = int(256);
          else if (what === 1) buf[at] = buf[at]! ^ (1 << int(8));
          else if (what === 2) buf = buf.slice(0, at);
          else if (what === 3) buf = Uint8Array.from([...buf.slice(0, at), ...Array.from({ length: 1 + int(8) }, () => int(256)), ...buf.slice(at)]);
          else if (what === 4 && at + 1 < buf.length) { buf[at] = 0xc0 | int(0x40); buf[at + 1] = int(256); } // random pointer
          else if (what === 5 && buf.length >= 12) buf[4 + 2 * int(4) + 1] = int(256); // random count
        }
      }
      counts[parseOrMalformed(buf, `packet ${i}`)]++;
    }
    assert.equal(counts.ok + counts.malformed, 20_000);
    assert.ok(counts.malformed > 0 && counts.ok > 0, JSON.stringify(counts));
  });

  it("rejects a compression pointer to itself", () => {
    const buf = Uint8Array.from([...header(1, 0x8180, 1, 0, 0, 0), 0xc0, 12, 0, 1, 0, 1]);
    assert.throws(() => parseMessage(buf), MalformedMessageError);
  });

  it("rejects two pointers pointing at each other", () => {
    // Offset 12: pointer to 14; offset 14: pointer to 12.
    const buf = Uint8Array.from([...header(1, 0x8180, 1, 0, 0, 0), 0xc0, 14, 0xc0, 12, 0, 1, 0, 1]);
    assert.throws(() => parseMessage(buf), MalformedMessageError);
    // The same loop reached from an answer record's owner name.
    const q = [...nameToWire("a.nl"), 0, 1, 0, 1];
    const loopAt = 12 + q.length;
    const viaAnswer = Uint8Array.from([
      ...header(1, 0x8180, 1, 1, 0, 0), ...q,
      0xc0, loopAt + 2, 0xc0, loopAt, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1,
    ]);
    assert.throws(() => parseMessage(viaAnswer), MalformedMessageError);
  });

  it("rejects a pointer chain that revisits labels to build an endless name", () => {
    // "a" then pointer back to the "a": each jump goes backwards, but the name never ends.
    const buf = Uint8Array.from([...header(1, 0x8180, 1, 0, 0, 0), 1, 0x61, 0xc0, 12, 0, 1, 0, 1]);
    assert.throws(() => parseMessage(buf), MalformedMessageError);
  });

  it("rejects names longer than 255 octets, also when built from pointers", () => {
    const labels: number[] = [];
    for (let i = 0; i < 5; i++) labels.push(63, ...new Array<number>(63).fill(0x61));
    const buf = Uint8Array.from([...header(1, 0x8180, 1, 0, 0, 0), ...labels, 0, 0, 1, 0, 1]);
    assert.throws(() => parseMessage(buf), { name: "Error", message: /longer than 255/ });
    // Built from pointers: each part is short, the name they make is 4 × 64 + 1 = 257 octets.
    // The parts sit in a NULL record's RDATA (kept raw), and the next record's owner points there.
    const part = [63, ...new Array<number>(63).fill(0x62)];
    const question = [1, 0x78, 0, 0, 1, 0, 1]; // "x" A IN, at offset 12
    const rdataAt = 12 + question.length + 2 + 10; // after the first record's owner pointer and fixed fields
    const rdata = [
      ...part, 0, // rdataAt: b63 + root
      ...part, 0xc0, rdataAt, // rdataAt + 65
      ...part, 0xc0, rdataAt + 65, // rdataAt + 131
      ...part, 0xc0, rdataAt + 131, // rdataAt + 197
    ];
    const withOwner = (ownerOffset: number) => Uint8Array.from([
      ...header(1, 0x8180, 1, 2, 0, 0), ...question,
      0xc0, 12, 0, 10, 0, 1, 0, 0, 0, 60, rdata.length >> 8, rdata.length & 0xff, ...rdata,
      0xc0 | (ownerOffset >> 8), ownerOffset & 0xff, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1,
    ]);
    assert.equal(parseMessage(withOwner(rdataAt + 131)).answers[1]!.name.length, 3 * 64 - 1);
    assert.throws(() => parseMessage(withOwner(rdataAt + 197)), { message: /longer than 255/ });
  });

  it("rejects counts larger than the packet", () => {
    for (const counts of [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 1], [65535, 65535, 65535, 65535], [0, 200, 0, 0]]) {
      const buf = Uint8Array.from([...header(1, 0x8180, 0, 0, 0, 0), 0]);
      for (let i = 0; i < 4; i++) { buf[4 + 2 * i] = counts[i]! >> 8; buf[5 + 2 * i] = counts[i]! & 0xff; }
      assert.throws(() => parseMessage(buf), MalformedMessageError, JSON.stringify(counts));
    }
    // A count that fits the minimum record size but not the real records.
    const real = seedMessages()[0]!;
    const more = Uint8Array.from(real);
    more[7] = more[7]! + 1;
    assert.throws(() => parseMessage(more), MalformedMessageError);
  });

  it("rejects messages shorter than a header and RDATA past the end", () => {
    for (let n = 0; n < 12; n++) assert.throws(() => parseMessage(new Uint8Array(n)), MalformedMessageError);
    const real = seedMessages()[0]!;
    for (let cut = 12; cut < real.length; cut++) parseOrMalformed(real.subarray(0, cut), `cut at ${cut}`);
  });
});
