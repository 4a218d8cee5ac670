// Knot DNS (knotd) as the authoritative peer: serves zone files that Debian's signers have
// already signed (and that the scenarios may have broken on purpose), exactly as they are:
// knot's own signing, journal and semantic checks are off so that it never "repairs" a zone.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startPeer } from "./process.ts";
import type { Peer } from "./process.ts";
import { waitForDns } from "./wait-for-dns.ts";

export interface KnotZone {
  /** Zone origin with trailing dot ("." for the root). */
  origin: string;
  /** Absolute path of the zone file. */
  file: string;
}

export interface KnotConfig {
  /** Working directory for this instance (config, rundir, storage, log). */
  dir: string;
  /** A 127.x address; port 53 so that glue (which has no port) reaches it. */
  address: string;
  port?: number;
  zones: readonly KnotZone[];
}

function quote(s: string): string {
  if (/["\\\n]/.test(s)) throw new Error(`unsupported character in knot.conf value: ${s}`);
  return `"${s}"`;
}

/** Writes knot.conf for one instance and returns its path. */
export function writeKnotConf(cfg: KnotConfig): string {
  mkdirSync(join(cfg.dir, "run"), { recursive: true });
  mkdirSync(join(cfg.dir, "storage"), { recursive: true });
  const lines = [
    "server:",
    `    rundir: ${quote(join(cfg.dir, "run"))}`,
    `    listen: ${cfg.address}@${cfg.port ?? 53}`,
    "    udp-workers: 1",
    "    tcp-workers: 1",
    "    background-workers: 1",
    "",
    "log:",
    "  - target: stderr",
    "    any: info",
    "",
    "database:",
    `    storage: ${quote(join(cfg.dir, "storage"))}`,
    "",
    "template:",
    "  - id: default",
    `    storage: ${quote(join(cfg.dir, "storage"))}`,
    "    zonefile-load: whole",
    "    zonefile-sync: -1",
    "    journal-content: none",
    "    semantic-checks: off",
    "    dnssec-signing: off",
    "",
    "zone:",
  ];
  for (const z of cfg.zones) {
    lines.push(`  - domain: ${quote(z.origin)}`, `    file: ${quote(z.file)}`);
  }
  const path = join(cfg.dir, "knot.conf");
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

/**
 * Starts knotd in the foreground on the given config and waits (a bounded number of SOA
 * queries per zone) until it serves every zone.
 */
export async function startKnot(knotd: string, cfg: KnotConfig, name: string): Promise<Peer> {
  const conf = writeKnotConf(cfg);
  const peer = startPeer(name, knotd, ["-c", conf], { cwd: cfg.dir, logFile: join(cfg.dir, "knotd.log") });
  try {
    // knotd loads zones in the background: wait until every one of them answers its SOA.
    for (const zone of cfg.zones) {
      await waitForDns(cfg.address, cfg.port ?? 53, zone.origin, 6, { attempts: 60, isAlive: () => !peer.hasExited() });
    }
  } catch (err) {
    await peer.stop();
    throw new Error(`${name}: ${(err as Error).message} (see ${peer.logFile})`, { cause: err });
  }
  return peer;
}
