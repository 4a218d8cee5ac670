// The network gate: the only place meetlat opens sockets. See gate.ts for the checks every
// operation passes; this file wires them to the transports (UDP, TCP; TLS comes later the
// same way: admit(), then open the transport with the admission's dial endpoint and signal).

import type { AddressPolicy } from "./address-policy.ts";
import { admit } from "./gate.ts";
import type { Gate } from "./gate.ts";
import type { RewriteTable } from "./rewrite-table.ts";
import { openTcpSocket } from "./tcp-connect.ts";
import { DEFAULT_MAX_PER_TARGET, TargetLimiter } from "./target-limiter.ts";
import type { Dialer, Endpoint, TcpConnectOptions, TcpConnection, UdpRequest } from "./types.ts";
import { exchangeDatagram } from "./udp-exchange.ts";

export interface DialerOptions {
  policy: AddressPolicy;
  /** Test and simulation only: where traffic for a target really goes. */
  rewrites?: RewriteTable;
  /** Concurrent operations per target address (default 8). */
  maxPerTarget?: number;
}

export interface GateDialer extends Dialer {
  /** The limiter, exposed for diagnostics and tests. */
  readonly limiter: TargetLimiter;
}

export function createDialer(opts: DialerOptions): GateDialer {
  const limiter = new TargetLimiter(opts.maxPerTarget ?? DEFAULT_MAX_PER_TARGET);
  const gate: Gate = opts.rewrites ? { policy: opts.policy, limiter, rewrites: opts.rewrites } : { policy: opts.policy, limiter };

  async function udpRequest(req: UdpRequest): Promise<Uint8Array> {
    const { dial, family, scope, releaseSlot } = await admit(gate, req.target, req.timeoutMs, req.signal);
    try {
      return await exchangeDatagram({ dial, family, target: req.target, payload: req.payload, accept: req.accept, signal: scope.signal });
    } finally {
      scope.dispose();
      releaseSlot();
    }
  }

  async function connectTcp(target: Endpoint, options: TcpConnectOptions): Promise<TcpConnection> {
    const { dial, family, scope, releaseSlot } = await admit(gate, target, options.timeoutMs, options.signal);
    let socket;
    try {
      socket = await openTcpSocket(dial, family, target, scope.signal);
    } catch (err) {
      releaseSlot();
      throw err;
    } finally {
      scope.dispose();
    }
    // A late socket error must not crash the process when the user has no listener yet; the
    // socket still closes, and users who care attach their own "error" listener.
    socket.on("error", () => {});
    // The slot is held until the connection ends, whether the user closes it or the peer does.
    socket.once("close", releaseSlot);
    return {
      socket,
      target,
      close() {
        socket.destroy();
        releaseSlot();
      },
    };
  }

  return { udpRequest, connectTcp, limiter };
}
