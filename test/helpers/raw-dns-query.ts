// A tiny raw DNS client for the test harnesses: one question to one loopback server over UDP,
// TCP, or UDP then TCP when the answer is truncated, built and parsed with meetlat's wire-format
// code only, with full control over EDNS, DO, RD, CD and AD. It is independent of meetlat's DNS
// client, whose behaviour is what the tests check. Hard rule: only 127.0.0.0/8 and ::1 are
// ever dialled.

import { randomInt } from "node:crypto";
import { createSocket } from "node:dgram";
import { connect, isIPv4 } from "node:net";
import { parseMessage, writeMessage } from "../../src/dns/message.ts";
import type { DnsMessage } from "../../src/dns/message.ts";
import { typeNumber } from "../../src/dns/rr-types.ts";
import { FrameReader, frameMessage } from "../../src/dns/tcp-framing.ts";
import type { Endpoint } from "../../src/net/types.ts";

export interface RawQueryOptions {
  /**
   * "udp" (the default: a truncated answer is returned as it is), "tcp", or "auto": UDP, and
   * the same query again over TCP when the UDP answer has TC=1.
   */
  transport?: "udp" | "tcp" | "auto";
  /** Default true; false sends no OPT record at all (512-octet UDP limit). */
  edns?: boolean;
  /** The DO bit (with EDNS only); default true. */
  dnssecOk?: boolean;
  /** The EDNS UDP payload size offered; default 1232. */
  udpPayloadSize?: number;
  /** Default false. */
  rd?: boolean;
  /** Default false. */
  cd?: boolean;
  /** The AD bit in the query (RFC 6840 section 5.7: "I understand AD"); default false. */
  ad?: boolean;
  /** For each exchange (UDP and TCP each get this much under "auto"); default 2000 ms. */
  timeoutMs?: number;
}

export interface RawAnswer {
  message: DnsMessage;
  /** The transport the answer came over. */
  transport: "udp" | "tcp";
}

// Consecutive ids from a random start: distinct within a run, whatever the caller sends at once.
let nextId = randomInt(0, 0x10000);

/** Throws unless `address` is in 127.0.0.0/8 or is ::1. */
export function assertLoopback(address: string): void {
  if (address !== "::1" && !(isIPv4(address) && address.startsWith("127."))) {
    throw new Error(`refusing to query non-loopback address ${address}`);
  }
}

/** The wire form of a one-question query (class IN), and its id. */
export function buildRawQuery(name: string, type: string | number, opts: RawQueryOptions = {}): { id: number; wire: Uint8Array } {
  const id = nextId;
  nextId = (nextId + 1) % 0x10000;
  const wire = writeMessage({
    id,
    flags: { rd: opts.rd ?? false, cd: opts.cd ?? false, ad: opts.ad ?? false },
    questions: [{ name, type: typeof type === "number" ? type : typeNumber(type), class: 1 }],
    ...(opts.edns === false ? {} : { edns: { udpPayloadSize: opts.udpPayloadSize ?? 1232, version: 0, dnssecOk: opts.dnssecOk ?? true, options: [] } }),
  });
  return { id, wire };
}

/**
 * Sends raw bytes over UDP and resolves with the first datagram `accept` maps to a value, or
 * undefined after the timeout; `ignored` hears of every datagram `accept` turned down.
 */
function udpReceive<T>(server: Endpoint, wire: Uint8Array, timeoutMs: number, accept: (datagram: Uint8Array) => T | undefined, ignored?: () => void): Promise<T | undefined> {
  assertLoopback(server.address);
  return new Promise((resolve, reject) => {
    const sock = createSocket(server.address.includes(":") ? "udp6" : "udp4");
    const timer = setTimeout(() => {
      sock.close();
      resolve(undefined);
    }, timeoutMs);
    sock.on("error", (err) => {
      clearTimeout(timer);
      sock.close();
      reject(err);
    });
    sock.on("message", (datagram) => {
      const value = accept(datagram);
      if (value === undefined) {
        ignored?.();
        return;
      }
      clearTimeout(timer);
      sock.close();
      resolve(value);
    });
    sock.send(wire, server.port, server.address);
  });
}

/** Sends raw bytes over UDP; resolves with the first reply, or undefined after the timeout. */
export function udpExchange(server: Endpoint, wire: Uint8Array, timeoutMs: number): Promise<Uint8Array | undefined> {
  return udpReceive(server, wire, timeoutMs, (datagram) => datagram);
}

/** Sends one framed message over TCP; resolves with the reply, or undefined after the timeout. */
export function tcpExchange(server: Endpoint, wire: Uint8Array, timeoutMs: number): Promise<Uint8Array | undefined> {
  assertLoopback(server.address);
  return new Promise((resolve, reject) => {
    const sock = connect({ host: server.address, port: server.port });
    const frames = new FrameReader();
    const timer = setTimeout(() => {
      sock.destroy();
      resolve(undefined);
    }, timeoutMs);
    sock.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    sock.on("connect", () => sock.write(frameMessage(wire)));
    sock.on("data", (chunk: Buffer) => {
      const [reply] = frames.push(chunk);
      if (reply === undefined) return;
      clearTimeout(timer);
      sock.destroy();
      resolve(reply);
    });
  });
}

/**
 * One question to one loopback server. Rejects on timeout, on a network error and on a TCP
 * answer with another id; over UDP, datagrams that do not parse, are not responses or carry
 * another id are ignored (and counted in the timeout's message). To expect silence, use
 * udpExchange/tcpExchange.
 */
export async function rawDnsQuery(server: Endpoint, name: string, type: string | number, opts: RawQueryOptions = {}): Promise<RawAnswer> {
  assertLoopback(server.address);
  const { id, wire } = buildRawQuery(name, type, opts);
  const timeoutMs = opts.timeoutMs ?? 2000;
  const noReply = (over: string, note = "") =>
    new Error(`no reply from ${server.address}:${server.port} over ${over} for ${name} ${type} within ${timeoutMs} ms${note}`);

  if (opts.transport !== "tcp") {
    let strays = 0;
    const message = await udpReceive(server, wire, timeoutMs, (datagram) => {
      try {
        const msg = parseMessage(datagram);
        return msg.id === id && msg.flags.qr ? msg : undefined;
      } catch {
        return undefined;
      }
    }, () => strays++);
    if (!message) throw noReply("udp", strays > 0 ? ` (${strays} unparseable or unmatched datagram(s) ignored)` : "");
    if (opts.transport !== "auto" || !message.flags.tc) return { message, transport: "udp" };
  }

  const reply = await tcpExchange(server, wire, timeoutMs);
  if (!reply) throw noReply("tcp");
  const message = parseMessage(reply);
  if (message.id !== id) throw new Error(`TCP reply id ${message.id} does not match query id ${id} (${server.address}:${server.port}, ${name} ${type})`);
  return { message, transport: "tcp" };
}

/** The EDNS option code of an Extended DNS Error (RFC 8914). */
export const EDNS_OPTION_EDE = 15;

export interface ExtendedError {
  code: number;
  text: string;
}

/** The Extended DNS Errors (RFC 8914) an answer carries, in order. */
export function extendedErrors(msg: DnsMessage): ExtendedError[] {
  const out: ExtendedError[] = [];
  for (const opt of msg.edns?.options ?? []) {
    if (opt.code !== EDNS_OPTION_EDE || opt.data.length < 2) continue;
    out.push({ code: (opt.data[0]! << 8) | opt.data[1]!, text: Buffer.from(opt.data.subarray(2)).toString("utf8") });
  }
  return out;
}
