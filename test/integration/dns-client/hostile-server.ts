// A small DNS server for tests, on 127.0.0.1 (or ::1) with UDP and TCP on one ephemeral port.
// A behaviour function decides, per query, what to send back: proper replies, several
// datagrams, raw bytes, nothing at all, or (TCP) a half-written message before hanging up.
// It only ever answers whoever asked, on loopback.

import dgram from "node:dgram";
import net from "node:net";
import { parseMessage, writeMessage } from "../../../src/dns/message.ts";
import type { DnsMessage, MessageToWrite, ResourceRecord } from "../../../src/dns/message.ts";
import { encodeA, encodeAAAA, encodeSOA } from "../../../src/dns/rdata.ts";
import { nameToWire } from "../../../src/dns/name.ts";
import { CLASS_IN, typeNumber } from "../../../src/dns/rr-types.ts";
import type { Endpoint } from "../../../src/net/types.ts";

export interface ReceivedQuery {
  transport: "udp" | "tcp";
  wire: Uint8Array;
  message: DnsMessage;
  id: number;
  name: string;
  type: number;
  hasEdns: boolean;
}

export type Action =
  /** Each message goes out as one datagram, or as one framed TCP message. */
  | { send: Uint8Array[] }
  /** Says nothing (UDP), or keeps the TCP connection open without writing. */
  | { silent: true }
  /** TCP only: writes these octets as they are, then closes the connection. */
  | { rawTcp: Uint8Array };

export type Behaviour = (q: ReceivedQuery) => Action;

export interface TestServer {
  endpoint: Endpoint;
  queries: ReceivedQuery[];
  close(): Promise<void>;
}

const MAX_BIND_TRIES = 20;

export async function startTestServer(behaviour: Behaviour, host = "127.0.0.1"): Promise<TestServer> {
  const queries: ReceivedQuery[] = [];
  const sockets = new Set<net.Socket>();
  const handle = (wire: Uint8Array, transport: "udp" | "tcp"): Action | undefined => {
    let message: DnsMessage;
    try {
      message = parseMessage(wire);
    } catch {
      return undefined;
    }
    const q = message.questions[0];
    if (!q) return undefined;
    const received: ReceivedQuery = { transport, wire, message, id: message.id, name: q.name, type: q.type, hasEdns: message.edns !== undefined };
    queries.push(received);
    return behaviour(received);
  };

  // UDP and TCP on the same port number: bind UDP on an ephemeral port, then try TCP there.
  for (let attempt = 0; attempt < MAX_BIND_TRIES; attempt++) {
    const udp = dgram.createSocket(host.includes(":") ? "udp6" : "udp4");
    await new Promise<void>((resolve, reject) => {
      udp.once("error", reject);
      udp.bind(0, host, () => resolve());
    });
    const port = udp.address().port;
    const tcp = net.createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => {});
      let buffer = Buffer.alloc(0);
      socket.on("data", (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        while (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) {
          const wire = buffer.subarray(2, 2 + buffer.readUInt16BE(0));
          buffer = buffer.subarray(2 + wire.length);
          const action = handle(wire, "tcp");
          if (!action || "silent" in action) continue;
          if ("rawTcp" in action) {
            socket.end(action.rawTcp);
            return;
          }
          for (const m of action.send) {
            const head = Buffer.alloc(2);
            head.writeUInt16BE(m.length);
            socket.write(Buffer.concat([head, m]));
          }
        }
      });
    });
    const tcpOk = await new Promise<boolean>((resolve) => {
      tcp.once("error", () => resolve(false));
      tcp.listen(port, host, () => resolve(true));
    });
    if (!tcpOk) {
      udp.close();
      continue;
    }
    udp.on("message", (msg, rinfo) => {
      const action = handle(msg, "udp");
      if (!action || !("send" in action)) return;
      for (const m of action.send) udp.send(m, rinfo.port, rinfo.address);
    });
    return {
      endpoint: { address: host, port },
      queries,
      async close() {
        for (const s of sockets) s.destroy();
        await new Promise<void>((resolve) => tcp.close(() => resolve()));
        await new Promise<void>((resolve) => udp.close(() => resolve()));
      },
    };
  }
  throw new Error(`could not bind UDP and TCP on one port after ${MAX_BIND_TRIES} tries`);
}

// ---- building replies ----------------------------------------------------------------

export function rr(name: string, type: string, rdata: Uint8Array, ttl = 300): ResourceRecord {
  return { name, type: typeNumber(type), class: CLASS_IN, ttl, rdata };
}
export const aRecord = (name: string, address: string, ttl = 300) => rr(name, "A", encodeA(address), ttl);
export const aaaaRecord = (name: string, address: string, ttl = 300) => rr(name, "AAAA", encodeAAAA(address), ttl);
export const cnameRecord = (name: string, target: string, ttl = 300) => rr(name, "CNAME", nameToWire(target), ttl);
export const soaRecord = (zone: string, minimum = 60, ttl = 300) =>
  rr(zone, "SOA", encodeSOA({ mname: `ns.${zone}`, rname: `hostmaster.${zone}`, serial: 1, refresh: 3600, retry: 600, expire: 86400, minimum }), ttl);

/** A reply echoing the query's id and question, with EDNS if the query had it. */
export function reply(q: ReceivedQuery, parts: Omit<MessageToWrite, "id" | "questions"> = {}): Uint8Array {
  return writeMessage({
    id: q.id,
    questions: q.message.questions,
    ...(q.hasEdns ? { edns: { udpPayloadSize: 1232, version: 0, dnssecOk: q.message.edns!.dnssecOk, options: [] } } : {}),
    ...parts,
    flags: { qr: true, rd: q.message.flags.rd, ra: true, ...parts.flags },
  });
}

export function replyWith(q: ReceivedQuery, parts: Omit<MessageToWrite, "id" | "questions"> = {}): Action {
  return { send: [reply(q, parts)] };
}
