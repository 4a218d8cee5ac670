// DNS messages on the wire (RFC 1035 section 4, EDNS0 per RFC 6891). Parsing keeps each
// record's RDATA as uncompressed bytes: DNSSEC validation needs the exact RDATA, and a
// structured view can always be decoded from it (see rdata.ts). Every length and pointer is
// checked, so hostile packets end in MalformedMessageError, never in a crash or a loop.

import { labelsToName, nameToWire } from "./name.ts";
import { COMPRESSIBLE_RDATA_TYPES, typeNumber } from "./rr-types.ts";

export class MalformedMessageError extends Error {}

export interface ResourceRecord {
  /** Owner name in presentation format (see name.ts), case as received. */
  name: string;
  type: number;
  class: number;
  ttl: number;
  /** RDATA with every embedded name decompressed. */
  rdata: Uint8Array;
}

export interface Question {
  name: string;
  type: number;
  class: number;
}

export interface EdnsInfo {
  udpPayloadSize: number;
  version: number;
  dnssecOk: boolean;
  options: { code: number; data: Uint8Array }[];
}

export interface MessageFlags {
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  ad: boolean;
  cd: boolean;
}

export interface DnsMessage {
  id: number;
  flags: MessageFlags;
  /** Full response code, the OPT record's extended bits included. */
  rcode: number;
  questions: Question[];
  answers: ResourceRecord[];
  authorities: ResourceRecord[];
  /** Additional records, without the OPT pseudo-record (that is in `edns`). */
  additionals: ResourceRecord[];
  edns?: EdnsInfo;
}

const TYPE_OPT = 41;
const MAX_POINTER_JUMPS = 64;

/** Reads a possibly compressed name; returns it and the offset just after it in `buf`. */
export function readName(buf: Uint8Array, start: number): { name: string; end: number } {
  const labels: Uint8Array[] = [];
  let offset = start;
  let end = -1;
  let wireLength = 1;
  let jumps = 0;
  for (;;) {
    if (offset >= buf.length) throw new MalformedMessageError(`name at ${start} runs past the end`);
    const len = buf[offset]!;
    if (len === 0) {
      if (end < 0) end = offset + 1;
      break;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (offset + 1 >= buf.length) throw new MalformedMessageError(`truncated pointer at ${offset}`);
      const target = ((len & 0x3f) << 8) | buf[offset + 1]!;
      // Only pointers to earlier data are legal (RFC 1035 4.1.4); this also rules out loops.
      if (target >= offset) throw new MalformedMessageError(`forward or looping compression pointer at ${offset}`);
      if (++jumps > MAX_POINTER_JUMPS) throw new MalformedMessageError(`too many compression pointers in name at ${start}`);
      if (end < 0) end = offset + 2;
      offset = target;
      continue;
    }
    if (kind !== 0) throw new MalformedMessageError(`unsupported label type 0x${len.toString(16)} at ${offset}`);
    if (offset + 1 + len > buf.length) throw new MalformedMessageError(`label at ${offset} runs past the end`);
    wireLength += len + 1;
    if (wireLength > 255) throw new MalformedMessageError(`name at ${start} is longer than 255 octets`);
    labels.push(buf.subarray(offset + 1, offset + 1 + len));
    offset += 1 + len;
  }
  return { name: labelsToName(labels), end };
}

function u16(buf: Uint8Array, offset: number): number {
  if (offset + 2 > buf.length) throw new MalformedMessageError(`message truncated at ${offset}`);
  return (buf[offset]! << 8) | buf[offset + 1]!;
}

function u32(buf: Uint8Array, offset: number): number {
  return u16(buf, offset) * 0x10000 + u16(buf, offset + 2);
}

/** Decompresses the names inside RDATA of the types that may carry compressed names. */
function uncompressedRdata(buf: Uint8Array, type: number, start: number, length: number): Uint8Array {
  const raw = buf.subarray(start, start + length);
  if (!COMPRESSIBLE_RDATA_TYPES.has(type)) return Uint8Array.from(raw);
  const parts: Uint8Array[] = [];
  const end = start + length;
  let offset = start;
  const takeName = () => {
    const { name, end: after } = readName(buf, offset);
    if (after > end) throw new MalformedMessageError(`name in RDATA at ${offset} runs past RDLENGTH`);
    parts.push(nameToWire(name));
    offset = after;
  };
  const takeBytes = (n: number) => {
    if (offset + n > end) throw new MalformedMessageError(`RDATA at ${start} shorter than its fields`);
    parts.push(buf.subarray(offset, offset + n));
    offset += n;
  };
  switch (type) {
    case typeNumber("SOA"): takeName(); takeName(); takeBytes(20); break;
    case typeNumber("MX"): case typeNumber("AFSDB"): case typeNumber("RT"): takeBytes(2); takeName(); break;
    case typeNumber("MINFO"): case typeNumber("RP"): takeName(); takeName(); break;
    case typeNumber("PX"): takeBytes(2); takeName(); takeName(); break;
    case typeNumber("SRV"): takeBytes(6); takeName(); break;
    case typeNumber("SIG"): takeBytes(18); takeName(); takeBytes(end - offset); break;
    case typeNumber("NXT"): takeName(); takeBytes(end - offset); break;
    case typeNumber("NAPTR"): {
      takeBytes(4);
      for (let i = 0; i < 3; i++) takeBytes(1 + (buf[offset] ?? 0));
      takeName();
      break;
    }
    default: takeName(); // NS, MD, MF, CNAME, MB, MG, MR, PTR
  }
  if (offset !== end) throw new MalformedMessageError(`RDATA at ${start} longer than its fields`);
  return Buffer.concat(parts);
}

function readRecord(buf: Uint8Array, offset: number): { rr: ResourceRecord; end: number } {
  const { name, end: afterName } = readName(buf, offset);
  const type = u16(buf, afterName);
  const klass = u16(buf, afterName + 2);
  const ttl = u32(buf, afterName + 4);
  const rdlength = u16(buf, afterName + 8);
  const rdStart = afterName + 10;
  if (rdStart + rdlength > buf.length) throw new MalformedMessageError(`RDATA at ${rdStart} runs past the end`);
  const rdata = uncompressedRdata(buf, type, rdStart, rdlength);
  return { rr: { name, type, class: klass, ttl, rdata }, end: rdStart + rdlength };
}

export function parseMessage(buf: Uint8Array): DnsMessage {
  if (buf.length < 12) throw new MalformedMessageError(`message of ${buf.length} octets is shorter than a header`);
  const id = u16(buf, 0);
  const f = u16(buf, 2);
  const counts = [u16(buf, 4), u16(buf, 6), u16(buf, 8), u16(buf, 10)] as const;
  // Each record takes at least 11 octets; refuse counts that cannot fit instead of looping on them.
  if (counts[0] * 5 + (counts[1] + counts[2] + counts[3]) * 11 > buf.length - 12) {
    throw new MalformedMessageError("record counts exceed the message size");
  }
  let offset = 12;
  const questions: Question[] = [];
  for (let i = 0; i < counts[0]; i++) {
    const { name, end } = readName(buf, offset);
    questions.push({ name, type: u16(buf, end), class: u16(buf, end + 2) });
    offset = end + 4;
  }
  const sections: ResourceRecord[][] = [[], [], []];
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s + 1]!; i++) {
      const { rr, end } = readRecord(buf, offset);
      sections[s]!.push(rr);
      offset = end;
    }
  }
  let rcode = f & 0x0f;
  let edns: EdnsInfo | undefined;
  const additionals: ResourceRecord[] = [];
  for (const rr of sections[2]!) {
    if (rr.type !== TYPE_OPT) {
      additionals.push(rr);
      continue;
    }
    if (edns) throw new MalformedMessageError("more than one OPT record");
    rcode |= (rr.ttl >>> 24) << 4;
    edns = {
      udpPayloadSize: rr.class,
      version: (rr.ttl >>> 16) & 0xff,
      dnssecOk: (rr.ttl & 0x8000) !== 0,
      options: parseEdnsOptions(rr.rdata),
    };
  }
  return {
    id,
    flags: {
      qr: (f & 0x8000) !== 0,
      opcode: (f >> 11) & 0x0f,
      aa: (f & 0x0400) !== 0,
      tc: (f & 0x0200) !== 0,
      rd: (f & 0x0100) !== 0,
      ra: (f & 0x0080) !== 0,
      ad: (f & 0x0020) !== 0,
      cd: (f & 0x0010) !== 0,
    },
    rcode,
    questions,
    answers: sections[0]!,
    authorities: sections[1]!,
    additionals,
    ...(edns ? { edns } : {}),
  };
}

function parseEdnsOptions(rdata: Uint8Array): { code: number; data: Uint8Array }[] {
  const options: { code: number; data: Uint8Array }[] = [];
  let offset = 0;
  while (offset < rdata.length) {
    const code = u16(rdata, offset);
    const len = u16(rdata, offset + 2);
    if (offset + 4 + len > rdata.length) throw new MalformedMessageError("EDNS option runs past the OPT record");
    options.push({ code, data: rdata.subarray(offset + 4, offset + 4 + len) });
    offset += 4 + len;
  }
  return options;
}

// ---- writing -------------------------------------------------------------------------------

export interface MessageToWrite {
  id: number;
  flags?: Partial<MessageFlags>;
  rcode?: number;
  questions?: Question[];
  answers?: ResourceRecord[];
  authorities?: ResourceRecord[];
  additionals?: ResourceRecord[];
  edns?: EdnsInfo;
}

function writeRecord(rr: ResourceRecord): Uint8Array {
  const owner = nameToWire(rr.name);
  const out = Buffer.alloc(owner.length + 10 + rr.rdata.length);
  out.set(owner, 0);
  let o = owner.length;
  o = out.writeUInt16BE(rr.type, o);
  o = out.writeUInt16BE(rr.class, o);
  o = out.writeUInt32BE(rr.ttl >>> 0, o);
  o = out.writeUInt16BE(rr.rdata.length, o);
  out.set(rr.rdata, o);
  return out;
}

/** Serialises a message without name compression (simple, and always within the size rules). */
export function writeMessage(m: MessageToWrite): Uint8Array {
  const fl = m.flags ?? {};
  const rcode = m.rcode ?? 0;
  const additionals = [...(m.additionals ?? [])];
  if (m.edns) {
    const opts = Buffer.concat(m.edns.options.map((o) => {
      const head = Buffer.alloc(4);
      head.writeUInt16BE(o.code, 0);
      head.writeUInt16BE(o.data.length, 2);
      return Buffer.concat([head, o.data]);
    }));
    additionals.push({
      name: ".",
      type: TYPE_OPT,
      class: m.edns.udpPayloadSize,
      ttl: (((rcode >> 4) & 0xff) << 24 | (m.edns.version & 0xff) << 16 | (m.edns.dnssecOk ? 0x8000 : 0)) >>> 0,
      rdata: opts,
    });
  }
  const header = Buffer.alloc(12);
  header.writeUInt16BE(m.id & 0xffff, 0);
  header.writeUInt16BE(
    (fl.qr ? 0x8000 : 0) | ((fl.opcode ?? 0) & 0x0f) << 11 | (fl.aa ? 0x0400 : 0) | (fl.tc ? 0x0200 : 0) |
      (fl.rd ? 0x0100 : 0) | (fl.ra ? 0x0080 : 0) | (fl.ad ? 0x0020 : 0) | (fl.cd ? 0x0010 : 0) | (rcode & 0x0f),
    2,
  );
  const questions = m.questions ?? [];
  header.writeUInt16BE(questions.length, 4);
  header.writeUInt16BE(m.answers?.length ?? 0, 6);
  header.writeUInt16BE(m.authorities?.length ?? 0, 8);
  header.writeUInt16BE(additionals.length, 10);
  const parts: Uint8Array[] = [header];
  for (const q of questions) {
    const tail = Buffer.alloc(4);
    tail.writeUInt16BE(q.type, 0);
    tail.writeUInt16BE(q.class, 2);
    parts.push(nameToWire(q.name), tail);
  }
  for (const rr of [...(m.answers ?? []), ...(m.authorities ?? []), ...additionals]) parts.push(writeRecord(rr));
  return Buffer.concat(parts);
}
