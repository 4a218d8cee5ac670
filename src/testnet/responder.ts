// Turns one DNS query (wire bytes) into the reply of a simulated server, whichever role it
// plays: the recursive resolver, an authoritative server, or a server that refuses. Handles
// the message-level rules shared by all: FORMERR for garbage, NOTIMP for other opcodes, EDNS
// echo (RFC 6891), and truncation (TC=1) when a UDP reply exceeds what the client can take.

import { MalformedMessageError, parseMessage, writeMessage } from "../dns/message.ts";
import type { DnsMessage, EdnsInfo, MessageToWrite } from "../dns/message.ts";
import { CLASS_IN, RCODE } from "../dns/rr-types.ts";
import { answerFromZone, findAnsweringZone } from "./authority.ts";
import type { ZoneCatalogue } from "./authority.ts";
import type { CompiledWorld } from "./compile-world.ts";
import { resolveQuestion } from "./resolver-logic.ts";

export type Transport = "udp" | "tcp";

/** Answers to a parsed, well-formed query with exactly one question. */
export type QuestionHandler = (query: DnsMessage, dnssecOk: boolean) => Omit<MessageToWrite, "id" | "questions" | "edns">;

/** The UDP payload size the simulated servers announce (the DNS Flag Day 2020 value). */
export const SERVER_UDP_PAYLOAD = 1232;
const PLAIN_UDP_LIMIT = 512;

function replyEdns(query: DnsMessage): EdnsInfo | undefined {
  return query.edns ? { udpPayloadSize: SERVER_UDP_PAYLOAD, version: 0, dnssecOk: query.edns.dnssecOk, options: [] } : undefined;
}

function errorReply(query: DnsMessage, rcode: number): Uint8Array {
  const edns = replyEdns(query);
  return writeMessage({
    id: query.id,
    flags: { qr: true, opcode: query.flags.opcode, rd: query.flags.rd, cd: query.flags.cd },
    rcode,
    questions: query.questions.slice(0, 1),
    ...(edns ? { edns } : {}),
  });
}

/**
 * The reply bytes for a query, or undefined when nothing should be sent (a reply, or too
 * short to carry an id).
 */
export function respond(queryWire: Uint8Array, transport: Transport, handle: QuestionHandler): Uint8Array | undefined {
  let query: DnsMessage;
  try {
    query = parseMessage(queryWire);
  } catch (e) {
    if (!(e instanceof MalformedMessageError) || queryWire.length < 12) return undefined;
    // Echo the id and opcode so the client can match the error to its query.
    const id = (queryWire[0]! << 8) | queryWire[1]!;
    const opcode = (queryWire[2]! >> 3) & 0x0f;
    if (queryWire[2]! & 0x80) return undefined;
    return writeMessage({ id, flags: { qr: true, opcode }, rcode: RCODE.FORMERR });
  }
  if (query.flags.qr) return undefined;
  if (query.flags.opcode !== 0) return errorReply(query, RCODE.NOTIMP);
  if (query.questions.length !== 1) return errorReply(query, RCODE.FORMERR);
  if (query.questions[0]!.class !== CLASS_IN) return errorReply(query, RCODE.REFUSED);

  const dnssecOk = query.edns?.dnssecOk === true;
  const body = handle(query, dnssecOk);
  const edns = replyEdns(query);
  const reply: MessageToWrite = {
    ...body,
    id: query.id,
    flags: { ...body.flags, qr: true, opcode: 0, rd: query.flags.rd, cd: query.flags.cd },
    questions: query.questions,
    ...(edns ? { edns } : {}),
  };
  const wire = writeMessage(reply);
  if (transport === "tcp") return wire;
  const limit = query.edns ? Math.max(PLAIN_UDP_LIMIT, query.edns.udpPayloadSize) : PLAIN_UDP_LIMIT;
  if (wire.length <= limit) return wire;
  // Too big for UDP: say so with TC=1 and no records, and let the client retry over TCP.
  return writeMessage({
    id: query.id, flags: { ...reply.flags, tc: true }, rcode: reply.rcode ?? 0, questions: query.questions, ...(edns ? { edns } : {}),
  });
}

/** The simulated recursive resolver: RA=1, never AA, answers for the whole world. */
export function resolverHandler(world: CompiledWorld): QuestionHandler {
  return (query, dnssecOk) => {
    const q = query.questions[0]!;
    const a = resolveQuestion(world, q.name, q.type, dnssecOk);
    return { flags: { ra: true }, rcode: a.rcode, answers: a.answers, authorities: a.authorities };
  };
}

/** An authoritative server for the zones in `zones`: AA=1, REFUSED for names it does not serve. */
export function authoritativeHandler(zones: ZoneCatalogue): QuestionHandler {
  return (query, dnssecOk) => {
    const q = query.questions[0]!;
    const origin = findAnsweringZone(zones, q.name, q.type);
    if (origin === undefined) return { rcode: RCODE.REFUSED };
    const a = answerFromZone(zones.get(origin), q.name, q.type, dnssecOk);
    return { flags: { aa: a.authoritative }, rcode: a.rcode, answers: a.answers, authorities: a.authorities, additionals: a.additionals };
  };
}

/** A server that refuses every question. */
export const refusingHandler: QuestionHandler = () => ({ rcode: RCODE.REFUSED });
