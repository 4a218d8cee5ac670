import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseMessage, writeMessage } from "../../../src/dns/message.ts";
import { buildQuery, classifyReply } from "../../../src/dns/query-message.ts";
import type { QuerySpec } from "../../../src/dns/query-message.ts";
import { CLASS_IN, RCODE } from "../../../src/dns/rr-types.ts";

const spec: QuerySpec = { name: "www.Example.nl", type: 1, recursionDesired: true, checkingDisabled: true, edns: { udpPayloadSize: 1232, dnssecOk: true } };

describe("buildQuery", () => {
  it("sets the flags, the question and EDNS as asked", () => {
    const q = buildQuery(spec, 0xbeef);
    const m = parseMessage(q.wire);
    assert.equal(m.id, 0xbeef);
    assert.equal(m.flags.qr, false);
    assert.equal(m.flags.rd, true);
    assert.equal(m.flags.cd, true);
    assert.deepEqual(m.questions, [{ name: "www.Example.nl", type: 1, class: CLASS_IN }]);
    assert.deepEqual(m.edns && { size: m.edns.udpPayloadSize, do: m.edns.dnssecOk, version: m.edns.version }, { size: 1232, do: true, version: 0 });
    const plain = parseMessage(buildQuery({ ...spec, recursionDesired: false, checkingDisabled: false, edns: undefined }).wire);
    assert.equal(plain.edns, undefined);
    assert.equal(plain.flags.rd, false);
    assert.equal(plain.flags.cd, false);
  });

  it("draws random ids", () => {
    const ids = new Set(Array.from({ length: 50 }, () => buildQuery(spec).id));
    assert.ok(ids.size > 40);
    for (const id of ids) assert.ok(id >= 0 && id <= 0xffff);
  });

  it("refuses names that cannot be sent", () => {
    assert.throws(() => buildQuery({ ...spec, name: "a..b" }));
    assert.throws(() => buildQuery({ ...spec, name: `${"x".repeat(64)}.nl` }));
  });
});

describe("classifyReply", () => {
  const q = buildQuery(spec, 0x1234);
  const reply = (over: Parameters<typeof writeMessage>[0]) => writeMessage(over);
  const good = { id: 0x1234, flags: { qr: true }, questions: [{ name: "WWW.example.NL", type: 1, class: CLASS_IN }] };

  it("takes a reply with our id and question, whatever the case of the name", () => {
    const v = classifyReply(reply(good), q);
    assert.equal(v.kind, "answer");
  });

  it("ignores wrong ids, queries, other questions and short datagrams", () => {
    assert.equal(classifyReply(reply({ ...good, id: 0x1235 }), q).kind, "foreign");
    assert.equal(classifyReply(reply({ ...good, flags: { qr: false } }), q).kind, "foreign");
    assert.equal(classifyReply(reply({ ...good, questions: [{ name: "other.nl", type: 1, class: CLASS_IN }] }), q).kind, "foreign");
    assert.equal(classifyReply(reply({ ...good, questions: [{ name: "www.example.nl", type: 28, class: CLASS_IN }] }), q).kind, "foreign");
    assert.equal(classifyReply(reply({ ...good, questions: [{ name: "www.example.nl", type: 1, class: 3 }] }), q).kind, "foreign");
    assert.equal(classifyReply(reply({ ...good, questions: [] }), q).kind, "foreign");
    assert.equal(classifyReply(Uint8Array.of(0x12, 0x34, 0x80), q).kind, "foreign");
  });

  it("takes a FORMERR without a question (servers that choke on EDNS send those)", () => {
    assert.equal(classifyReply(reply({ ...good, questions: [], rcode: RCODE.FORMERR }), q).kind, "answer");
  });

  it("calls a reply with our question but broken records malformed", () => {
    const broken = Uint8Array.from([...reply(good), 0xc0, 0xff]);
    broken[7] = 1; // one answer record that is just a forward pointer
    const v = classifyReply(broken, q);
    assert.equal(v.kind, "malformed");
  });

  it("calls garbage with our id but no readable question foreign", () => {
    const junk = Uint8Array.from([0x12, 0x34, 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12]);
    assert.equal(classifyReply(junk, q).kind, "foreign");
  });
});
