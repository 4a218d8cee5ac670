// The dialer against real sockets on loopback only.

import assert from "node:assert/strict";
import dgram from "node:dgram";
import net from "node:net";
import { after, before, describe, it } from "node:test";
import { createAddressPolicy } from "../../../src/net/address-policy.ts";
import { createDialer } from "../../../src/net/dialer.ts";
import { RewriteTable } from "../../../src/net/rewrite-table.ts";
import { NetError } from "../../../src/net/types.ts";
import type { NetErrorCode } from "../../../src/net/types.ts";

const LOOPBACK_ONLY = ["127.0.0.0/8", "::1"];

function isNetError(code: NetErrorCode) {
  return (err: unknown) => {
    assert.ok(err instanceof NetError, `expected a NetError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return true;
  };
}

interface UdpServer { socket: dgram.Socket; port: number; received: Buffer[] }

/** Replies to each datagram with what `reply` returns (any number of datagrams, possibly from another socket). */
async function udpServer(host: string, reply: (msg: Buffer, send: (data: Uint8Array, from?: dgram.Socket) => void) => void): Promise<UdpServer> {
  const socket = dgram.createSocket(host.includes(":") ? "udp6" : "udp4");
  const received: Buffer[] = [];
  await new Promise<void>((resolve) => socket.bind(0, host, resolve));
  socket.on("message", (msg, rinfo) => {
    received.push(msg);
    reply(msg, (data, from = socket) => from.send(data, rinfo.port, rinfo.address));
  });
  return { socket, port: socket.address().port, received };
}

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => s.bind(0, "127.0.0.1", resolve));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

describe("dialer: UDP", () => {
  const servers: UdpServer[] = [];
  let echo: UdpServer;
  let noisy: UdpServer;
  let silent: UdpServer;
  let stranger: dgram.Socket;

  before(async () => {
    echo = await udpServer("127.0.0.1", (msg, send) => send(msg));
    stranger = dgram.createSocket("udp4");
    await new Promise<void>((resolve) => stranger.bind(0, "127.0.0.1", resolve));
    // Sends a reply from another port first (must be ignored), then junk, then the real reply.
    noisy = await udpServer("127.0.0.1", (msg, send) => {
      send(Buffer.from("from-elsewhere"), stranger);
      send(Buffer.from("junk"));
      send(msg);
    });
    silent = await udpServer("127.0.0.1", () => {});
    servers.push(echo, noisy, silent);
  });
  after(async () => {
    for (const s of servers) s.socket.close();
    stranger.close();
  });

  it("sends a datagram and returns the accepted reply", async () => {
    const dialer = createDialer({ policy: createAddressPolicy(LOOPBACK_ONLY) });
    const reply = await dialer.udpRequest({ target: { address: "127.0.0.1", port: echo.port }, payload: Buffer.from("ping"), timeoutMs: 5000, accept: () => true });
    assert.equal(Buffer.from(reply).toString(), "ping");
    assert.deepEqual(dialer.limiter.usage("127.0.0.1"), { active: 0, waiting: 0 });
  });

  it("ignores datagrams from other ports and those accept() rejects", async () => {
    const dialer = createDialer({ policy: createAddressPolicy(LOOPBACK_ONLY) });
    const seen: string[] = [];
    const reply = await dialer.udpRequest({
      target: { address: "127.0.0.1", port: noisy.port }, payload: Buffer.from("real"), timeoutMs: 5000,
      accept: (r) => { seen.push(Buffer.from(r).toString()); return Buffer.from(r).toString() === "real"; },
    });
    assert.equal(Buffer.from(reply).toString(), "real");
    assert.ok(!seen.includes("from-elsewhere"), "a datagram from another port reached accept()");
    assert.ok(seen.includes("junk"));
  });

  it("survives an accept() that throws", async () => {
    const dialer = createDialer({ policy: createAddressPolicy(LOOPBACK_ONLY) });
    let calls = 0;
    await assert.rejects(dialer.udpRequest({
      target: { address: "127.0.0.1", port: echo.port }, payload: Buffer.from("x"), timeoutMs: 200,
      accept: () => { calls++; throw new Error("filter bug"); },
    }), isNetError("timeout"));
    assert.equal(calls, 1);
  });

  it("times out with code timeout when nothing acceptable arrives", async () => {
    const dialer = createDialer({ policy: createAddressPolicy(LOOPBACK_ONLY) });
    await assert.rejects(dialer.udpRequest({ target: { address: "127.0.0.1", port: silent.port }, payload: Buffer.from("x"), timeoutMs: 150, accept: () => true }), isNetError("timeout"));
    await assert.rejects(dialer.udpRequest({ target: { address: "127.0.0.1", port: echo.port }, payload: Buffer.from("x"), timeoutMs: 150, accept: () => false }), isNetError("timeout"));
    assert.deepEqual(dialer.limiter.usage("127.0.0.1"), { active: 0, waiting: 0 });
  });

  it("stops when the caller aborts", async () => {
    const dialer = createDialer({ policy: createAddressPolicy(LOOPBACK_ONLY) });
    const controller = new AbortController();
    const p = dialer.udpRequest({ target: { address: "127.0.0.1", port: silent.port }, payload: Buffer.from("x"), timeoutMs: 10_000, accept: () => true, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(p, isNetError("aborted"));
    await assert.rejects(dialer.udpRequest({ target: { address: "127.0.0.1", port: silent.port }, payload: Buffer.from("x"), timeoutMs: 10_000, accept: () => true, signal: AbortSignal.abort() }), isNetError("aborted"));
  });

  it("reports a closed port as connection_refused", async () => {
    const dialer = createDialer({ policy: createAddressPolicy(LOOPBACK_ONLY) });
    const port = await freeUdpPort();
    await assert.rejects(dialer.udpRequest({ target: { address: "127.0.0.1", port }, payload: Buffer.from("x"), timeoutMs: 5000, accept: () => true }), isNetError("connection_refused"));
  });

  it("works over IPv6 loopback", async () => {
    const v6 = await udpServer("::1", (msg, send) => send(msg));
    servers.push(v6);
    const dialer = createDialer({ policy: createAddressPolicy(LOOPBACK_ONLY) });
    const reply = await dialer.udpRequest({ target: { address: "::1", port: v6.port }, payload: Buffer.from("six"), timeoutMs: 5000, accept: () => true });
    assert.equal(Buffer.from(reply).toString(), "six");
  });
});

describe("dialer: policy and rewrites", () => {
  let recorder: UdpServer;
  before(async () => { recorder = await udpServer("127.0.0.1", (msg, send) => send(msg)); });
  after(() => { recorder.socket.close(); });

  it("refuses targets outside the policy without sending anything", async () => {
    const rewrites = new RewriteTable().add("192.0.2.53:*", `127.0.0.1:${recorder.port}`);
    const dialer = createDialer({ policy: createAddressPolicy(LOOPBACK_ONLY), rewrites });
    const before = recorder.received.length;
    await assert.rejects(
      dialer.udpRequest({ target: { address: "192.0.2.53", port: 53 }, payload: Buffer.from("x"), timeoutMs: 1000, accept: () => true }),
      (err: unknown) => isNetError("refused_by_policy")(err) && /192\.0\.2\.53 is in 192\.0\.2\.0\/24 \(documentation/.test((err as Error).message),
    );
    await assert.rejects(dialer.connectTcp({ address: "10.0.0.1", port: 443 }, { timeoutMs: 1000 }), isNetError("refused_by_policy"));
    await assert.rejects(dialer.connectTcp({ address: "not-an-ip", port: 443 }, { timeoutMs: 1000 }), isNetError("refused_by_policy"));
    await assert.rejects(dialer.udpRequest({ target: { address: "127.0.0.1", port: 0 }, payload: Buffer.from("x"), timeoutMs: 1000, accept: () => true }), isNetError("refused_by_policy"));
    assert.equal(recorder.received.length, before);
  });

  it("checks the policy on the original target and dials the rewritten one", async () => {
    const rewrites = new RewriteTable().add("192.0.2.53:*", `127.0.0.1:${recorder.port}`);
    const dialer = createDialer({ policy: createAddressPolicy(["192.0.2.53"]), rewrites });
    const reply = await dialer.udpRequest({ target: { address: "192.0.2.53", port: 53 }, payload: Buffer.from("sim"), timeoutMs: 5000, accept: () => true });
    assert.equal(Buffer.from(reply).toString(), "sim");
  });
});

describe("dialer: TCP", () => {
  let server: net.Server;
  let port: number;
  const open = new Set<net.Socket>();
  before(async () => {
    server = net.createServer((s) => { open.add(s); s.on("close", () => open.delete(s)); s.on("error", () => {}); });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  after(async () => {
    for (const s of open) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("connects, holds the target's slot until close, and frees it once", async () => {
    const dialer = createDialer({ policy: createAddressPolicy(LOOPBACK_ONLY), maxPerTarget: 2 });
    const c1 = await dialer.connectTcp({ address: "127.0.0.1", port }, { timeoutMs: 5000 });
    const c2 = await dialer.connectTcp({ address: "127.0.0.1", port }, { timeoutMs: 5000 });
    assert.deepEqual(c1.target, { address: "127.0.0.1", port });
    assert.deepEqual(dialer.limiter.usage("127.0.0.1"), { active: 2, waiting: 0 });
    // A third connection waits for a slot; its deadline passes first.
    await assert.rejects(dialer.connectTcp({ address: "127.0.0.1", port }, { timeoutMs: 100 }), isNetError("timeout"));
    c1.close();
    c1.close();
    assert.deepEqual(dialer.limiter.usage("127.0.0.1"), { active: 1, waiting: 0 });
    const c3 = await dialer.connectTcp({ address: "127.0.0.1", port }, { timeoutMs: 5000 });
    c2.close();
    c3.close();
    assert.deepEqual(dialer.limiter.usage("127.0.0.1"), { active: 0, waiting: 0 });
  });

  it("frees the slot when the peer closes the connection", async () => {
    const dialer = createDialer({ policy: createAddressPolicy(LOOPBACK_ONLY), maxPerTarget: 1 });
    const c = await dialer.connectTcp({ address: "127.0.0.1", port }, { timeoutMs: 5000 });
    const closed = new Promise((resolve) => c.socket.once("close", resolve));
    for (const s of open) s.destroy();
    await closed;
    assert.deepEqual(dialer.limiter.usage("127.0.0.1"), { active: 0, waiting: 0 });
  });

  it("reports a closed port as connection_refused and frees the slot", async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const closedPort = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const dialer = createDialer({ policy: createAddressPolicy(LOOPBACK_ONLY) });
    await assert.rejects(dialer.connectTcp({ address: "127.0.0.1", port: closedPort }, { timeoutMs: 5000 }), isNetError("connection_refused"));
    assert.deepEqual(dialer.limiter.usage("127.0.0.1"), { active: 0, waiting: 0 });
  });

  it("stops waiting when the caller aborts", async () => {
    const dialer = createDialer({ policy: createAddressPolicy(LOOPBACK_ONLY), maxPerTarget: 1 });
    const held = await dialer.connectTcp({ address: "127.0.0.1", port }, { timeoutMs: 5000 });
    const controller = new AbortController();
    const p = dialer.connectTcp({ address: "127.0.0.1", port }, { timeoutMs: 10_000, signal: controller.signal });
    controller.abort();
    await assert.rejects(p, isNetError("aborted"));
    held.close();
    assert.deepEqual(dialer.limiter.usage("127.0.0.1"), { active: 0, waiting: 0 });
  });
});
