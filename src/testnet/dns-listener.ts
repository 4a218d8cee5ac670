// One DNS endpoint on loopback: a UDP socket and a TCP listener on the same ephemeral port
// (so one rewrite rule covers both transports). A listener without a responder is "silent":
// it reads every datagram and drops it, and accepts TCP connections but never writes.

import dgram from "node:dgram";
import net from "node:net";
import { FrameReader, frameMessage } from "../dns/tcp-framing.ts";
import type { Endpoint } from "../net/types.ts";
import type { Transport } from "./responder.ts";

export type Responder = (query: Uint8Array, transport: Transport) => Uint8Array | undefined;

export interface DnsListener {
  readonly endpoint: Endpoint;
  close(): Promise<void>;
}

export interface ListenerOptions {
  /** "127.0.0.1" or "::1". */
  address: string;
  /** Undefined: a silent server. */
  respond?: Responder;
  /** Called when answering throws (a bug): the query gets no reply. Default: print to stderr. */
  onError?: (err: unknown) => void;
}

/** Idle TCP connections are closed after this long, so a forgotten client cannot pin one. */
const TCP_IDLE_MS = 30_000;
/** Attempts at finding a port free for both UDP and TCP. */
const PORT_ATTEMPTS = 20;

function bindUdp(address: string): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const socket = dgram.createSocket({ type: address.includes(":") ? "udp6" : "udp4" });
    socket.once("error", reject);
    socket.bind({ address, port: 0, exclusive: true }, () => {
      socket.off("error", reject);
      resolve(socket);
    });
  });
}

function listenTcp(server: net.Server, address: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (err.code === "EADDRINUSE") resolve(false);
      else reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve(true);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen({ host: address, port, exclusive: true });
  });
}

export async function startDnsListener(opts: ListenerOptions): Promise<DnsListener> {
  const onError = opts.onError ?? ((err: unknown) => process.stderr.write(`testnet: error while answering: ${(err as Error).stack ?? String(err)}\n`));
  const answer = (query: Uint8Array, transport: Transport): Uint8Array | undefined => {
    if (!opts.respond) return undefined;
    try {
      return opts.respond(query, transport);
    } catch (err) {
      onError(err);
      return undefined;
    }
  };

  const connections = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections.add(socket);
    socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
    socket.on("error", () => socket.destroy());
    socket.on("close", () => connections.delete(socket));
    const frames = new FrameReader();
    socket.on("data", (chunk: Buffer) => {
      for (const frame of frames.push(chunk)) {
        const reply = answer(frame, "tcp");
        if (reply && !socket.destroyed) socket.write(frameMessage(reply));
      }
    });
  });

  for (let attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
    const udp = await bindUdp(opts.address);
    const port = udp.address().port;
    if (!(await listenTcp(server, opts.address, port))) {
      udp.close();
      continue;
    }
    udp.on("error", () => {});
    udp.on("message", (msg, rinfo) => {
      const reply = answer(msg, "udp");
      if (reply) udp.send(reply, rinfo.port, rinfo.address);
    });
    let closed: Promise<void> | undefined;
    return {
      endpoint: { address: opts.address, port },
      close() {
        closed ??= new Promise<void>((resolve) => {
          for (const c of connections) c.destroy();
          udp.close(() => server.close(() => resolve()));
        });
        return closed;
      },
    };
  }
  throw new Error(`no port on ${opts.address} was free for both UDP and TCP after ${PORT_ATTEMPTS} attempts`);
}

/** Whether this machine can listen on ::1 (some containers have no IPv6 loopback). */
export async function ipv6LoopbackWorks(): Promise<boolean> {
  try {
    const s = await bindUdp("::1");
    s.close();
    return true;
  } catch {
    return false;
  }
}
