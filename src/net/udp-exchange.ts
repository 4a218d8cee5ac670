// One UDP request/reply over a fresh ephemeral socket. The socket is connect()ed to the
// destination: the kernel then drops datagrams from other sources and reports ICMP port
// unreachable as ECONNREFUSED, so a dead server fails fast instead of timing out. We still
// check the source of each datagram ourselves, and hand it to `accept` before taking it.

import dgram from "node:dgram";
import { sameIp } from "./ip.ts";
import { toNetError } from "./net-errors.ts";
import type { Endpoint } from "./types.ts";

export interface DatagramExchange {
  dial: Endpoint;
  family: 4 | 6;
  /** The target as the caller named it, for error reports. */
  target: Endpoint;
  payload: Uint8Array;
  accept(reply: Uint8Array): boolean;
  /** Fires on deadline or caller abort, with the NetError as reason. */
  signal: AbortSignal;
}

export function exchangeDatagram(ex: DatagramExchange): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    const socket = dgram.createSocket({ type: ex.family === 4 ? "udp4" : "udp6" });
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      ex.signal.removeEventListener("abort", onAbort);
      try {
        socket.close();
      } catch {
        // already closed
      }
      outcome();
    };
    const onAbort = () => finish(() => reject(ex.signal.reason));
    socket.on("error", (err) => finish(() => reject(toNetError(err, ex.target))));
    socket.on("message", (msg, rinfo) => {
      if (settled) return;
      if (rinfo.port !== ex.dial.port || !sameIp(rinfo.address, ex.dial.address)) return;
      let taken = false;
      try {
        taken = ex.accept(msg);
      } catch {
        taken = false; // a throwing filter must not take down the socket: treat as "not ours"
      }
      if (taken) finish(() => resolve(msg));
    });
    if (ex.signal.aborted) return onAbort();
    ex.signal.addEventListener("abort", onAbort, { once: true });
    socket.connect(ex.dial.port, ex.dial.address, (err?: Error) => {
      if (err) return finish(() => reject(toNetError(err, ex.target)));
      if (settled) return;
      socket.send(ex.payload, (sendErr) => {
        if (sendErr) finish(() => reject(toNetError(sendErr, ex.target)));
      });
    });
  });
}
