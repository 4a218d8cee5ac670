// Building a query and recognising its reply. A reply is ours only if it comes back with the
// query's random id, the QR bit, and our question echoed (name compared case-insensitively);
// everything else is ignored, which is the classic defence against spoofed and stray
// datagrams (with the source address and port check in the dialer).

import { randomInt } from "node:crypto";
import { MalformedMessageError, parseMessage, readName, writeMessage } from "./message.ts";
import type { DnsMessage } from "./message.ts";
import { namesEqual } from "./name.ts";
import { CLASS_IN, RCODE } from "./rr-types.ts";

export interface QuerySpec {
  name: string;
  type: number;
  recursionDesired: boolean;
  checkingDisabled: boolean;
  /** Absent: a plain RFC 1035 query without an OPT record. */
  edns?: { udpPayloadSize: number; dnssecOk: boolean };
}

export interface BuiltQuery {
  id: number;
  spec: QuerySpec;
  wire: Uint8Array;
}

export function randomQueryId(): number {
  return randomInt(0, 0x10000);
}

/** Serialises a query with a fresh random id. Throws NameError for a name that cannot be a DNS name. */
export function buildQuery(spec: QuerySpec, id: number = randomQueryId()): BuiltQuery {
  const wire = writeMessage({
    id,
    flags: { rd: spec.recursionDesired, cd: spec.checkingDisabled },
    questions: [{ name: spec.name, type: spec.type, class: CLASS_IN }],
    ...(spec.edns ? { edns: { udpPayloadSize: spec.edns.udpPayloadSize, version: 0, dnssecOk: spec.edns.dnssecOk, options: [] } } : {}),
  });
  return { id, spec, wire };
}

export type ReplyVerdict =
  | { kind: "answer"; message: DnsMessage }
  /** Our id and question, but the rest does not parse: the server sent a broken message. */
  | { kind: "malformed"; error: string }
  /** Not a reply to this query (wrong id, not a response, other question, or unreadable). */
  | { kind: "foreign"; why: string };

export function classifyReply(reply: Uint8Array, query: BuiltQuery): ReplyVerdict {
  if (reply.length < 12) return { kind: "foreign", why: `${reply.length}-octet datagram is shorter than a DNS header` };
  const id = (reply[0]! << 8) | reply[1]!;
  if (id !== query.id) return { kind: "foreign", why: `reply id ${id} is not the query id ${query.id}` };
  if ((reply[2]! & 0x80) === 0) return { kind: "foreign", why: "QR bit not set" };
  let message: DnsMessage;
  try {
    message = parseMessage(reply);
  } catch (err) {
    if (!(err instanceof MalformedMessageError)) throw err;
    return questionEchoed(reply, query)
      ? { kind: "malformed", error: `malformed reply: ${err.message}` }
      : { kind: "foreign", why: `unparseable reply: ${err.message}` };
  }
  const q = message.questions;
  if (q.length === 1 && namesEqual(q[0]!.name, query.spec.name) && q[0]!.type === query.spec.type && q[0]!.class === CLASS_IN) {
    return { kind: "answer", message };
  }
  // Servers that do not understand a query (e.g. EDNS) may answer FORMERR without a question.
  if (q.length === 0 && message.rcode === RCODE.FORMERR) return { kind: "answer", message };
  return { kind: "foreign", why: "reply does not echo the question" };
}

/** Checks the question section alone, for replies whose later sections are broken. */
function questionEchoed(reply: Uint8Array, query: BuiltQuery): boolean {
  if (((reply[4]! << 8) | reply[5]!) !== 1) return false;
  try {
    const { name, end } = readName(reply, 12);
    if (end + 4 > reply.length) return false;
    const type = (reply[end]! << 8) | reply[end + 1]!;
    const klass = (reply[end + 2]! << 8) | reply[end + 3]!;
    return namesEqual(name, query.spec.name) && type === query.spec.type && klass === CLASS_IN;
  } catch {
    return false;
  }
}
