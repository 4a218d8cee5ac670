// Opens a plain TCP connection, giving up when the operation's signal fires (deadline or
// caller abort). After the connection is up, reading and writing are the caller's business.

import net from "node:net";
import type { Socket } from "node:net";
import { toNetError } from "./net-errors.ts";
import type { Endpoint } from "./types.ts";

export function openTcpSocket(dial: Endpoint, family: 4 | 6, target: Endpoint, signal: AbortSignal): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    // An IP literal as host: no name lookup happens.
    const socket = net.connect({ host: dial.address, port: dial.port, family });
    const cleanup = () => {
      signal.removeEventListener("abort", onAbort);
      socket.removeListener("error", onError);
      socket.removeListener("connect", onConnect);
    };
    const onAbort = () => {
      cleanup();
      socket.destroy();
      reject(signal.reason);
    };
    const onError = (err: Error) => {
      cleanup();
      socket.destroy();
      reject(toNetError(err, target));
    };
    const onConnect = () => {
      cleanup();
      resolve(socket);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    socket.once("error", onError);
    socket.once("connect", onConnect);
  });
}
