// The contract of the network gate. Every socket meetlat opens comes from a Dialer, which
// applies the address policy, the per-target concurrency limit, the test rewrite table and a
// deadline to each operation. Failures are NetError values with a stable code, never crashes.

import type { Socket } from "node:net";

export interface Endpoint {
  /** An IPv4 or IPv6 address literal (no brackets). */
  address: string;
  port: number;
}

export type NetErrorCode =
  | "refused_by_policy" // the address policy forbids this target
  | "timeout" // the operation's deadline passed
  | "connection_refused"
  | "unreachable"
  | "reset"
  | "aborted" // the caller's AbortSignal fired
  | "io"; // any other socket error

export class NetError extends Error {
  readonly code: NetErrorCode;
  readonly target: Endpoint;
  constructor(code: NetErrorCode, target: Endpoint, message: string) {
    super(message);
    this.code = code;
    this.target = target;
  }
}

export interface UdpRequest {
  target: Endpoint;
  payload: Uint8Array;
  timeoutMs: number;
  /** Datagrams for which this returns false (wrong id, garbage) are ignored until the deadline. */
  accept(reply: Uint8Array): boolean;
  signal?: AbortSignal;
}

export interface TcpConnectOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface TcpConnection {
  socket: Socket;
  /** The target as the caller asked for it (before any test rewrite). */
  target: Endpoint;
  /** Closes the socket and frees the per-target slot; safe to call more than once. */
  close(): void;
}

export interface Dialer {
  /** Sends one datagram and resolves with the first reply that `accept` takes. */
  udpRequest(req: UdpRequest): Promise<Uint8Array>;
  /** Opens a TCP connection; the per-target slot is held until close(). */
  connectTcp(target: Endpoint, opts: TcpConnectOptions): Promise<TcpConnection>;
}
