// Unbound as the real validating resolver: it iterates from our own root server only (its root
// hints name nothing else), validates from the test root's DS and reports Extended DNS Errors.
// Its verdict is the reference meetlat's own validator is compared with.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startPeer } from "./process.ts";
import type { Peer } from "./process.ts";
import { waitForDns } from "./wait-for-dns.ts";
import { extendedErrors, rawDnsQuery } from "../../helpers/raw-dns-query.ts";
import type { ExtendedError } from "../../helpers/raw-dns-query.ts";

export interface UnboundConfig {
  dir: string;
  /** A 127.x address for unbound to listen on (and to send its own queries from). */
  address: string;
  port?: number;
  /** The root servers: names and 127.x addresses (written as the only root hints). */
  rootServers: readonly { name: string; address: string }[];
  /** The test root's DS records in presentation format, one per line. */
  rootDs: readonly string[];
  /** TLDs of ours that unbound has built-in local zones for (RFC 6761 names); served normally instead. */
  nodefaultZones: readonly string[];
}

function quote(s: string): string {
  if (/["\\\n]/.test(s)) throw new Error(`unsupported character in unbound.conf value: ${s}`);
  return `"${s}"`;
}

/** Writes unbound.conf, the trust anchor file and the root hints; returns the config's path. */
export function writeUnboundConf(cfg: UnboundConfig): string {
  for (const rs of cfg.rootServers) {
    if (!/^127\./.test(rs.address)) throw new Error(`root server ${rs.name} must be on 127.0.0.0/8, not ${rs.address}`);
  }
  const anchorFile = join(cfg.dir, "root-anchor.ds");
  writeFileSync(anchorFile, cfg.rootDs.join("\n") + "\n");
  const hintsFile = join(cfg.dir, "root.hints");
  const hints = [
    ".  3600000  IN  NS  " + cfg.rootServers.map((r) => r.name).join("\n.  3600000  IN  NS  "),
    ...cfg.rootServers.map((r) => `${r.name}  3600000  IN  A  ${r.address}`),
  ];
  writeFileSync(hintsFile, hints.join("\n") + "\n");
  const lines = [
    "server:",
    `    interface: ${cfg.address}@${cfg.port ?? 53}`,
    // Its own queries leave from a loopback address too, so nothing can go anywhere else.
    `    outgoing-interface: ${cfg.address}`,
    "    do-ip4: yes",
    "    do-ip6: no",
    "    do-udp: yes",
    "    do-tcp: yes",
    "    num-threads: 1",
    "    so-reuseport: no",
    `    directory: ${quote(cfg.dir)}`,
    '    chroot: ""',
    '    username: ""',
    `    pidfile: ${quote(join(cfg.dir, "unbound.pid"))}`,
    '    logfile: ""',
    "    use-syslog: no",
    "    log-servfail: yes",
    "    verbosity: 1",
    "    val-log-level: 2",
    "    ede: yes",
    '    module-config: "validator iterator"',
    `    trust-anchor-file: ${quote(anchorFile)}`,
    `    root-hints: ${quote(hintsFile)}`,
    "    do-not-query-localhost: no",
    "    access-control: 127.0.0.0/8 allow",
    ...cfg.nodefaultZones.map((z) => `    local-zone: ${quote(z)} nodefault`),
    "",
    "remote-control:",
    "    control-enable: no",
  ];
  const path = join(cfg.dir, "unbound.conf");
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

/** Starts unbound in the foreground (-d) and waits until it resolves the root's SOA. */
export async function startUnbound(unbound: string, cfg: UnboundConfig): Promise<Peer> {
  const conf = writeUnboundConf(cfg);
  const peer = startPeer("unbound", unbound, ["-d", "-c", conf], { cwd: cfg.dir, logFile: join(cfg.dir, "unbound.log") });
  try {
    await waitForDns(cfg.address, cfg.port ?? 53, ".", 6, { attempts: 60, anyRcode: true, isAlive: () => !peer.hasExited() });
  } catch (err) {
    await peer.stop();
    throw new Error(`unbound: ${(err as Error).message} (see ${peer.logFile})`, { cause: err });
  }
  return peer;
}

export type Verdict = "secure" | "insecure" | "bogus";

export interface ResolverVerdict {
  verdict: Verdict;
  rcode: number;
  ede: ExtendedError[];
  answerTypes: number[];
}

/**
 * The validating resolver's verdict on one question: AD=1 means secure, SERVFAIL bogus, any
 * other answer insecure. Asked with RD=1, DO=1 and CD=0 (validation on).
 */
export async function resolverVerdict(address: string, port: number, name: string, type: number): Promise<ResolverVerdict> {
  const { message: msg } = await rawDnsQuery({ address, port }, name, type, { transport: "auto", rd: true, cd: false, ad: true, dnssecOk: true, timeoutMs: 8000 });
  const verdict: Verdict = msg.rcode === 2 ? "bogus" : msg.flags.ad ? "secure" : "insecure";
  return { verdict, rcode: msg.rcode, ede: extendedErrors(msg), answerTypes: msg.answers.map((r) => r.type) };
}
