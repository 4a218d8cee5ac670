// A tiny DNS client for the testnet tests: one question to one loopback endpoint over UDP or
// TCP, built and parsed with meetlat's wire-format code, with full control over EDNS, DO, RD
// and CD. Independent of meetlat's DNS client, whose behaviour other tests check.

import { createSocket } from "node:dgram";
import { connect } from "node:net";
import { parseMessage, writeMessage } from "../../../src/dns/message.ts";
import type { DnsMessage } from "../../../src/dns/message.ts";
import { typeNumber } from "../../../src/dns/rr-types.ts";
import type { Endpoint } from "../../../src/net/types.ts";

export interface AskOptions {
  transport?: "udp" | "tcp";
  /** Default true; false sends no OPT record at all (512-octet UDP limit). */
  edns?: boolean;
  dnssecOk?: boolean;
  udpPayloadSize?: number;
  rd?: boolean;
  cd?: boolean;
  timeoutMs?: number;
}

let nextId = 1;

function assertLoopback(address: string): void {
  // Hard rule of these tests: only loopback is ever dialled.
  if (address !== "::1" && !/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address)) throw new Error(`refusing to query ${address}`);
}

export function buildQuery(name: string, type: string, opts: AskOptions): { id: number; wire: Uint8Array } {
  const id = (nextId++ % 0xffff) + 1;
  const wire = writeMessage({
    id,
    flags: { rd: opts.rd ?? false, cd: opts.cd ?? false },
    questions: [{ name, type: typeNumber(type), class: 1 }],
    ...(opts.edns === false ? {} : { edns: { udpPayloadSize: opts.udpPayloadSize ?? 1232, version: 0, dnssecOk: opts.dnssecOk ?? true, options: [] } }),
  });
  return { id, wire };
}

/** Sends raw bytes over UDP; resolves with the first reply, or undefined after the timeout. */
export function udpExchange(server: Endpoint, wire: Uint8Array, timeoutMs: number): Promise<Uint8Array | undefined> {
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
    sock.on("message", (buf) => {
      clearTimeout(timer);
      sock.close();
      resolve(buf);
    });
    sock.send(wire, server.port, server.address);
  });
}

/** Sends one framed message over TCP; resolves with the reply, or undefined after the timeout. */
export function tcpExchange(server: Endpoint, wire: Uint8Array, timeoutMs: number): Promise<Uint8Array | undefined> {
  assertLoopback(server.address);
  return new Promise((resolve, reject) => {
    const sock = connect({ host: server.address, port: server.port });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      sock.destroy();
      resolve(undefined);
    }, timeoutMs);
    sock.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    sock.on("connect", () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(wire.length);
      sock.write(Buffer.concat([len, wire]));
    });
    sock.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        clearTimeout(timer);
        sock.destroy();
        resolve(buf.subarray(2, 2 + buf.readUInt16BE(0)));
      }
    });
  });
}

/** One question; rejects on timeout (use udpExchange/tcpExchange to expect silence). */
export async function ask(server: Endpoint, name: string, type: string, opts: AskOptions = {}): Promise<DnsMessage> {
  const { id, wire } = buildQuery(name, type, opts);
  const timeoutMs = opts.timeoutMs ?? 2000;
  const reply = opts.transport === "tcp" ? await tcpExchange(server, wire, timeoutMs) : await udpExchange(server, wire, timeoutMs);
  if (!reply) throw new Error(`no reply from ${server.address}:${server.port} for ${name} ${type} within ${timeoutMs} ms`);
  const msg = parseMessage(reply);
  if (msg.id !== id) throw new Error(`reply id ${msg.id} does not match query id ${id}`);
  return msg;
}
