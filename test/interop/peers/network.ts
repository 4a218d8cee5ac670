// The whole interop network in one call: finds Debian's binaries, builds and signs the zone
// tree in a temporary directory, starts three knotd instances (root, TLDs, leaves) and unbound,
// and hands back a stop() that takes everything down again (also after a failed start).

import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { createSocket } from "node:dgram";
import { createServer } from "node:net";
import { randomInt } from "node:crypto";
import { join } from "node:path";
import { findBinary, stopAllPeers } from "./process.ts";
import type { Peer } from "./process.ts";
import { startKnot } from "./knot.ts";
import { startUnbound } from "./unbound.ts";
import { writeDelvAnchors } from "./delv.ts";
import { ROOT_SERVER_NAME, TLD_NAMES, addressesIn, buildTree, zonesFor } from "../zones/tree.ts";
import type { BuiltTree, PeerAddresses, ServerRole } from "../zones/tree.ts";
import type { SignerTools } from "../zones/signer.ts";

export interface PeerBinaries extends SignerTools {
  knotd: string;
  unbound: string;
  /** Optional second opinion. */
  delv?: string;
}

/** Debian packages that provide each binary (see test/interop/setup/install-peers.sh). */
export const BINARY_PACKAGES: Readonly<Record<string, string>> = {
  knotd: "knot",
  unbound: "unbound",
  "dnssec-keygen": "bind9-utils",
  "dnssec-signzone": "bind9-utils",
  "dnssec-dsfromkey": "bind9-utils",
  "ldns-signzone": "ldnsutils",
  delv: "bind9-dnsutils",
};

export function locatePeerBinaries(): { binaries?: PeerBinaries; missing: string[] } {
  const get = (name: string) => findBinary(name);
  const required = ["knotd", "unbound", "dnssec-keygen", "dnssec-signzone", "dnssec-dsfromkey", "ldns-signzone"];
  const missing = required.filter((n) => !get(n)).map((n) => `${n} (Debian package ${BINARY_PACKAGES[n]})`);
  if (missing.length > 0) return { missing };
  const delv = get("delv");
  return {
    missing,
    binaries: {
      knotd: get("knotd")!,
      unbound: get("unbound")!,
      keygen: get("dnssec-keygen")!,
      signzone: get("dnssec-signzone")!,
      dsfromkey: get("dnssec-dsfromkey")!,
      ldnsSignzone: get("ldns-signzone")!,
      ...(delv ? { delv } : {}),
    },
  };
}

export interface InteropNetwork {
  dir: string;
  addresses: PeerAddresses;
  tree: BuiltTree;
  resolver: { address: string; port: number };
  delvAnchorFile: string;
  peers: Peer[];
  timings: { buildMs: number; startMs: number };
  stop(): Promise<void>;
}

/** Why a bind failed, or undefined if it succeeded. */
function bindError(bind: (done: (err?: NodeJS.ErrnoException) => void) => void): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => bind(resolve));
}

/**
 * True if nothing holds port 53 (UDP or TCP) on `address`: a plain bind succeeds. Throws when
 * port 53 cannot be bound at all (not root, no CAP_NET_BIND_SERVICE).
 */
async function port53Free(address: string): Promise<boolean> {
  const errors = [
    await bindError((done) => {
      const sock = createSocket({ type: "udp4", reuseAddr: false });
      sock.once("error", (err) => done(err));
      sock.bind(53, address, () => sock.close(() => done()));
    }),
    await bindError((done) => {
      const srv = createServer();
      srv.once("error", (err) => done(err));
      srv.listen({ port: 53, host: address, exclusive: true }, () => srv.close(() => done()));
    }),
  ];
  const denied = errors.find((e) => e?.code === "EACCES" || e?.code === "EPERM");
  if (denied) throw new Error(`cannot bind port 53 on ${address} (${denied.code}): the interop peers must listen on port 53 (glue has no port), so run as root or with CAP_NET_BIND_SERVICE`);
  return errors.every((e) => e === undefined);
}

/**
 * Picks a 127.53.X.0/24 whose peer addresses are all free, so that two runs at once (or a
 * peer left over from a killed run) never share a server: knotd binds with SO_REUSEPORT and
 * would otherwise quietly split the queries with a stranger.
 */
async function chooseAddresses(): Promise<PeerAddresses> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const addrs = addressesIn(randomInt(100, 250));
    const free = await Promise.all(Object.values(addrs).map(port53Free));
    if (free.every(Boolean)) return addrs;
  }
  throw new Error("no free 127.53.X.0/24 for the interop peers after 20 tries");
}

/** The last lines of every peer log under `dir`, for error messages. */
function logTails(dir: string): string {
  let out = "";
  for (const sub of readdirSync(dir)) {
    for (const name of ["knotd.log", "unbound.log"]) {
      const file = join(dir, sub, name);
      if (!existsSync(file)) continue;
      const tail = readFileSync(file, "utf8").trimEnd().split("\n").slice(-15).join("\n    ");
      out += `\n  ${sub}/${name}:\n    ${tail}`;
    }
  }
  return out;
}

/** Builds the signed tree and starts all peers; on any failure, stops what was started. */
export async function startInteropNetwork(bin: PeerBinaries): Promise<InteropNetwork> {
  const dir = mkdtempSync(join(tmpdir(), "meetlat-interop-"));
  const peers: Peer[] = [];
  const stop = async () => {
    await Promise.all(peers.map((p) => p.stop()));
    await stopAllPeers();
    if (!process.env.MEETLAT_INTEROP_KEEP) rmSync(dir, { recursive: true, force: true });
  };
  try {
    const t0 = performance.now();
    const addresses = await chooseAddresses();
    const tree = await buildTree(bin, join(dir, "zones"), addresses);
    const t1 = performance.now();
    const roles: ServerRole[] = ["root", "tld", "leaf"];
    for (const role of roles) {
      const pdir = join(dir, `knot-${role}`);
      mkdirSync(pdir, { recursive: true });
      const zones = zonesFor(tree, role).map((z) => ({ origin: z.origin, file: z.file }));
      peers.push(await startKnot(bin.knotd, { dir: pdir, address: addresses[role], zones }, `knotd-${role}`));
    }
    const udir = join(dir, "unbound");
    mkdirSync(udir, { recursive: true });
    peers.push(
      await startUnbound(bin.unbound, {
        dir: udir,
        address: addresses.resolver,
        rootServers: [{ name: ROOT_SERVER_NAME, address: addresses.root }],
        rootDs: tree.rootDs,
        nodefaultZones: TLD_NAMES,
      }),
    );
    const delvAnchorFile = writeDelvAnchors(dir, tree.rootDs);
    return {
      dir,
      addresses,
      tree,
      resolver: { address: addresses.resolver, port: 53 },
      delvAnchorFile,
      peers,
      timings: { buildMs: t1 - t0, startMs: performance.now() - t1 },
      stop,
    };
  } catch (err) {
    // Keep the directory: its configs and logs are what tells why the start failed.
    await Promise.all(peers.map((p) => p.stop()));
    await stopAllPeers();
    const logs = logTails(dir);
    throw new Error(`interop network failed to start (files kept in ${dir}): ${(err as Error).message}${logs}`, { cause: err });
  }
}
