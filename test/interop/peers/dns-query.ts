// A tiny, independent DNS query for the test harness: asks one server one question over UDP
// (falling back to TCP when the answer is truncated) using meetlat's wire format code only.
// It is used to read the real validator's verdict and to poll peers for readiness, so it does
// not depend on meetlat's DNS client (whose behaviour is what the suite is checking).

import { createSocket } from "node:dgram";
import { connect } from "node:net";
import { randomInt } from "node:crypto";
import { parseMessage, writeMessage } from "../../../src/dns/message.ts";
import type { DnsMessage } from "../../../src/dns/message.ts";

export interface QueryOptions {
  rd?: boolean;
  cd?: boolean;
  dnssecOk?: boolean;
  timeoutMs?: number;
  tcp?: boolean;
}

const EDNS_OPTION_EDE = 15;

function assertLoopback(address: string): void {
  // Hard network rule of this suite: only 127.0.0.0/8 is ever queried.
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address)) throw new Error(`refusing to query non-loopback address ${address}`);
}

function buildQuery(id: number, name: string, type: number, opts: QueryOptions): Uint8Array {
  return writeMessage({
    id,
    flags: { rd: opts.rd ?? true, cd: opts.cd ?? false, ad: true },
    questions: [{ name, type, class: 1 }],
    edns: { udpPayloadSize: 1232, version: 0, dnssecOk: opts.dnssecOk ?? true, options: [] },
  });
}

function queryUdp(address: string, port: number, query: Uint8Array, id: number, timeoutMs: number): Promise<DnsMessage> {
  return new Promise((resolve, reject) => {
    const sock = createSocket("udp4");
    const timer = setTimeout(() => {
      sock.close();
      reject(new Error(`timeout after ${timeoutMs} ms (udp ${address}:${port})`));
    }, timeoutMs);
    sock.on("error", (err) => {
      clearTimeout(timer);
      sock.close();
      reject(err);
    });
    sock.on("message", (buf) => {
      let msg: DnsMessage;
      try {
        msg = parseMessage(buf);
      } catch {
        return; // garbage: keep waiting
      }
      if (msg.id !== id || !msg.flags.qr) return;
      clearTimeout(timer);
      sock.close();
      resolve(msg);
    });
    sock.send(query, port, address);
  });
}

function queryTcp(address: string, port: number, query: Uint8Array, id: number, timeoutMs: number): Promise<DnsMessage> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host: address, port });
    let buf = Buffer.alloc(0);
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`timeout after ${timeoutMs} ms (tcp ${address}:${port})`));
    }, timeoutMs);
    sock.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    sock.on("connect", () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(query.length);
      sock.write(Buffer.concat([len, query]));
    });
    sock.on("data", (d) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 2 || buf.length < 2 + buf.readUInt16BE(0)) return;
      clearTimeout(timer);
      sock.destroy();
      try {
        const msg = parseMessage(buf.subarray(2, 2 + buf.readUInt16BE(0)));
        if (msg.id !== id) reject(new Error("TCP answer with the wrong id"));
        else resolve(msg);
      } catch (err) {
        reject(err as Error);
      }
    });
  });
}

/** One question to one server on 127.0.0.0/8; rejects on timeout or network error. */
export async function dnsQuery(address: string, port: number, name: string, type: number, opts: QueryOptions = {}): Promise<DnsMessage> {
  assertLoopback(address);
  const timeoutMs = opts.timeoutMs ?? 5000;
  const id = randomInt(0, 0x10000);
  const query = buildQuery(id, name, type, opts);
  if (opts.tcp) return queryTcp(address, port, query, id, timeoutMs);
  const answer = await queryUdp(address, port, query, id, timeoutMs);
  return answer.flags.tc ? queryTcp(address, port, query, id, timeoutMs) : answer;
}

export interface ExtendedError {
  code: number;
  text: string;
}

/** The Extended DNS Errors (RFC 8914) an answer carries. */
export function extendedErrors(msg: DnsMessage): ExtendedError[] {
  const out: ExtendedError[] = [];
  for (const opt of msg.edns?.options ?? []) {
    if (opt.code !== EDNS_OPTION_EDE || opt.data.length < 2) continue;
    out.push({ code: (opt.data[0]! << 8) | opt.data[1]!, text: Buffer.from(opt.data.subarray(2)).toString("utf8") });
  }
  return out;
}

/**
 * Polls a DNS server until it answers `name`/`type` with NOERROR (any answer at all when
 * `anyRcode`), with a bounded number of attempts; throws with the last error otherwise.
 */
export async function waitForDns(
  address: string,
  port: number,
  name: string,
  type: number,
  opts: { attempts?: number; intervalMs?: number; anyRcode?: boolean; isAlive?: () => boolean } = {},
): Promise<void> {
  const attempts = opts.attempts ?? 50;
  let last = "no attempt made";
  for (let i = 0; i < attempts; i++) {
    if (opts.isAlive && !opts.isAlive()) throw new Error(`server on ${address}:${port} exited before it was ready`);
    try {
      const msg = await dnsQuery(address, port, name, type, { rd: false, timeoutMs: 300, dnssecOk: false });
      if (opts.anyRcode || msg.rcode === 0) return;
      last = `rcode ${msg.rcode}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
  throw new Error(`server on ${address}:${port} not ready after ${attempts} attempts (${name} ${type}): ${last}`);
}
