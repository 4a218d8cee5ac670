// The test zone tree: a root zone, three TLDs (test. signed with NSEC, example. with NSEC3,
// invalid. with NSEC3 opt-out) and the scenario zones below them, each signed by Debian's
// tools and then, where the scenario says so, broken on purpose. Three knotd instances serve
// it the way the real tree is served: the root, the TLDs and the leaves each on their own
// 127.x address (port 53, since glue has no port), so that unbound follows real referrals.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dsFromKey, fileLabel, generateKey, signZone, signZoneLdns } from "./signer.ts";
import type { Key, Nsec3Options, SignerTools } from "./signer.ts";
import { removeRecords, tamperSignature, zoneRecords } from "./records.ts";
import { nsec3HashLabel } from "../../../src/dnssec/nsec3-hash.ts";

/** Loopback addresses of the peers, all on port 53 (chosen per run: see peers/network.ts). */
export interface PeerAddresses {
  root: string;
  tld: string;
  leaf: string;
  resolver: string;
}

/** The peers' addresses within one 127.53.X.0/24. */
export function addressesIn(thirdOctet: number): PeerAddresses {
  const net = `127.53.${thirdOctet}`;
  return { root: `${net}.1`, tld: `${net}.2`, leaf: `${net}.3`, resolver: `${net}.53` };
}

export const ROOT_SERVER_NAME = "a.root-servers.test.";

export type ServerRole = "root" | "tld" | "leaf";

export type Tld = "test." | "example." | "invalid.";

/** How the DS record(s) in the parent are made. */
export type DsKind =
  | "sha256" // the usual: SHA-256 digest of the KSK
  | "sha1"
  | "sha384"
  | "none" // an insecure delegation
  | "corrupt-digest" // right key tag and algorithm, wrong digest
  | "unknown-algorithm" // the DS names an algorithm number nobody implements
  | "unknown-digest" // the DS uses a digest type nobody implements
  | "other-key" // the DS is of a KSK that the zone does not publish
  | "sha256-and-unknown-algorithm"; // a valid DS next to one with an unimplemented algorithm

export interface LeafSpec {
  origin: string;
  parent: Tld;
  /** DNSKEY algorithm; absent for unsigned zones. */
  algorithm?: number;
  /** One combined signing key instead of KSK + ZSK. */
  csk?: boolean;
  nsec3?: Nsec3Options;
  /** ldns-signzone instead of dnssec-signzone (NSEC3 beyond dnssec-signzone's 150 iterations). */
  signer?: "bind" | "ldns";
  inception?: string;
  expiration?: string;
  ds: DsKind;
  /** Keys are made and the DS published, but the zone is served without any DNSSEC records. */
  serveUnsigned?: boolean;
  /** Extra records: [owner relative to the origin ("@" for the apex), type, rdata]. */
  records?: readonly (readonly [string, string, string])[];
  /** Breaks the zone after signing. */
  breakAfterSigning?: (signed: string, origin: string) => string;
}

/** Names in badnsec3.example. that the deliberately incomplete NSEC3 chain must fail to cover. */
export const BADNSEC3_QUERY = "nx.badnsec3.example.";

const COMMON_RECORDS: readonly (readonly [string, string, string])[] = [
  ["www", "A", "127.0.2.1"],
  ["www", "AAAA", "::1"],
  ["txt", "TXT", '"meetlat interop test"'],
  // A few more names so that NSEC/NSEC3 chains have several links.
  ["a", "A", "127.0.2.2"],
  ["b", "A", "127.0.2.3"],
  ["c", "A", "127.0.2.4"],
  ["mail", "MX", "10 www"],
];

const ECDSA = 13;
const NSEC3_DEFAULT: Nsec3Options = { salt: "-", iterations: 0 };

/** Every scenario zone. */
export const LEAVES: readonly LeafSpec[] = [
  // --- secure, NSEC and NSEC3 -----------------------------------------------------------
  { origin: "secure-nsec.test.", parent: "test.", algorithm: ECDSA, ds: "sha256" },
  { origin: "secure-nsec3.example.", parent: "example.", algorithm: ECDSA, nsec3: NSEC3_DEFAULT, ds: "sha256" },
  // --- one zone per algorithm Debian 12's dnssec-keygen offers ---------------------------
  { origin: "alg5.test.", parent: "test.", algorithm: 5, csk: true, ds: "sha256" },
  { origin: "alg7.example.", parent: "example.", algorithm: 7, csk: true, nsec3: { salt: "c0ffee", iterations: 5 }, ds: "sha256" },
  { origin: "alg8.test.", parent: "test.", algorithm: 8, ds: "sha256" },
  { origin: "alg10.test.", parent: "test.", algorithm: 10, csk: true, ds: "sha256" },
  { origin: "alg13.test.", parent: "test.", algorithm: 13, csk: true, ds: "sha256" },
  { origin: "alg14.test.", parent: "test.", algorithm: 14, ds: "sha256" },
  { origin: "alg15.test.", parent: "test.", algorithm: 15, ds: "sha256" },
  { origin: "alg16.test.", parent: "test.", algorithm: 16, csk: true, ds: "sha256" },
  // --- DS digest types ----------------------------------------------------------------------
  { origin: "ds-sha1.test.", parent: "test.", algorithm: ECDSA, csk: true, ds: "sha1" },
  { origin: "ds-sha384.test.", parent: "test.", algorithm: ECDSA, csk: true, ds: "sha384" },
  // --- insecure delegations ---------------------------------------------------------------
  { origin: "insecure.test.", parent: "test.", ds: "none" },
  { origin: "insecure.example.", parent: "example.", ds: "none" },
  { origin: "insecure.invalid.", parent: "invalid.", ds: "none" },
  { origin: "secure.invalid.", parent: "invalid.", algorithm: ECDSA, ds: "sha256" },
  { origin: "unknownalg.test.", parent: "test.", algorithm: ECDSA, ds: "unknown-algorithm" },
  { origin: "unknowndigest.test.", parent: "test.", algorithm: ECDSA, ds: "unknown-digest" },
  { origin: "mixedds.test.", parent: "test.", algorithm: ECDSA, ds: "sha256-and-unknown-algorithm" },
  // --- bogus ------------------------------------------------------------------------------
  { origin: "expired.test.", parent: "test.", algorithm: ECDSA, inception: "now-40d", expiration: "now-10d", ds: "sha256" },
  { origin: "notyet.test.", parent: "test.", algorithm: ECDSA, inception: "now+10d", expiration: "now+40d", ds: "sha256" },
  { origin: "wrongds.test.", parent: "test.", algorithm: ECDSA, ds: "corrupt-digest" },
  { origin: "newkey.test.", parent: "test.", algorithm: ECDSA, ds: "other-key" },
  {
    origin: "nosig.test.", parent: "test.", algorithm: ECDSA, ds: "sha256",
    breakAfterSigning: (text) => strip(text, (rr) => rr.type === "RRSIG", "RRSIG"),
  },
  { origin: "unsigned-ds.test.", parent: "test.", algorithm: ECDSA, ds: "sha256", serveUnsigned: true },
  {
    origin: "nodnskey.test.", parent: "test.", algorithm: ECDSA, ds: "sha256",
    breakAfterSigning: (text) => strip(text, (rr) => rr.type === "DNSKEY" || (rr.type === "RRSIG" && rr.rdata[0] === "DNSKEY"), "DNSKEY"),
  },
  {
    origin: "badsig.test.", parent: "test.", algorithm: ECDSA, ds: "sha256",
    breakAfterSigning: (text, origin) => tamperSignature(text, origin, "SOA"),
  },
  {
    origin: "nonsec.test.", parent: "test.", algorithm: ECDSA, ds: "sha256",
    breakAfterSigning: (text) => strip(text, (rr) => rr.type === "NSEC" || (rr.type === "RRSIG" && rr.rdata[0] === "NSEC"), "NSEC"),
  },
  {
    origin: "badnsec3.example.", parent: "example.", algorithm: ECDSA, nsec3: { salt: "5a17", iterations: 1 }, ds: "sha256",
    records: [["d", "A", "127.0.2.5"], ["e", "A", "127.0.2.6"], ["f", "A", "127.0.2.7"], ["g", "A", "127.0.2.8"]],
    breakAfterSigning: (text, origin) => dropCoveringNsec3(text, origin, BADNSEC3_QUERY, { salt: "5a17", iterations: 1 }),
  },
  // --- NSEC3 iterations above RFC 9276's limit (signed by ldns-signzone) ---------------------
  { origin: "iter200.example.", parent: "example.", algorithm: ECDSA, nsec3: { salt: "abcd", iterations: 200 }, signer: "ldns", ds: "sha256" },
  // --- CNAME across zones, wildcards --------------------------------------------------------
  {
    origin: "cname.test.", parent: "test.", algorithm: ECDSA, ds: "sha256",
    records: [
      ["to-secure", "CNAME", "www.secure-nsec3.example."],
      ["to-insecure", "CNAME", "www.insecure.test."],
      ["to-bogus", "CNAME", "www.expired.test."],
      ["in-zone", "CNAME", "www"],
    ],
  },
  { origin: "wildcard.test.", parent: "test.", algorithm: ECDSA, ds: "sha256", records: [["*", "A", "127.0.2.9"], ["*", "TXT", '"wildcard"']] },
  {
    origin: "wildcard.example.", parent: "example.", algorithm: ECDSA, nsec3: NSEC3_DEFAULT, ds: "sha256",
    records: [["*", "A", "127.0.2.9"], ["*", "TXT", '"wildcard"']],
  },
];

function strip(text: string, drop: Parameters<typeof removeRecords>[1], what: string): string {
  const res = removeRecords(text, drop);
  if (res.removed === 0) throw new Error(`nothing to strip (${what})`);
  return res.text;
}

/**
 * Removes the NSEC3 record that covers the next closer name of `qname` (whose closest
 * encloser is the apex), leaving every remaining signature valid: the NXDOMAIN proof then
 * carries the previous NSEC3 in hash order, which does not cover the name.
 */
function dropCoveringNsec3(text: string, origin: string, qname: string, params: Nsec3Options): string {
  const owners = zoneRecords(text)
    .filter((rr) => rr.type === "NSEC3")
    .map((rr) => rr.owner.split(".")[0]!.toLowerCase())
    .sort();
  const covering = (hash: string) => [...owners].reverse().find((o) => o < hash) ?? owners[owners.length - 1]!;
  const salt = params.salt === "-" ? new Uint8Array(0) : Buffer.from(params.salt, "hex");
  const hashOf = (name: string) => nsec3HashLabel(name, salt, params.iterations);
  const target = covering(hashOf(qname));
  const apex = hashOf(origin);
  const wildcard = covering(hashOf(`*.${origin}`));
  // The names are fixed, so this holds or fails the same way on every run.
  if (target === apex || target === wildcard || owners.includes(hashOf(qname))) {
    throw new Error(`pick another query name than ${qname}: its covering NSEC3 is also needed for other parts of the proof`);
  }
  const res = removeRecords(text, (rr) =>
    (rr.type === "NSEC3" || (rr.type === "RRSIG" && rr.rdata[0] === "NSEC3")) && rr.owner.split(".")[0]!.toLowerCase() === target);
  if (res.removed !== 2) throw new Error(`expected to drop an NSEC3 and its RRSIG, dropped ${res.removed} records`);
  return res.text;
}

export interface BuiltZone {
  origin: string;
  role: ServerRole;
  file: string;
}

export interface BuiltTree {
  zones: BuiltZone[];
  /** The root's DS records, the trust anchor (presentation format). */
  rootDs: string[];
  /** The root's KSK DNSKEY records (presentation format). */
  rootDnskeys: string[];
}

interface ZoneOutput {
  text: string;
  ds: string[];
}

function soaAndNs(origin: string, address: string, nsName = `ns1.${origin === "." ? "" : origin}`): string[] {
  const o = origin;
  const lines = [
    `${o} 300 IN SOA ${nsName} hostmaster.${o === "." ? "" : o} 2026010101 3600 600 86400 300`,
    `${o} 300 IN NS ${nsName}`,
  ];
  if (nsName !== ROOT_SERVER_NAME) lines.push(`${nsName} 300 IN A ${address}`);
  return lines;
}

function absolute(owner: string, origin: string): string {
  if (owner === "@") return origin;
  return owner.endsWith(".") ? owner : `${owner}.${origin}`;
}

function recordLines(origin: string, records: readonly (readonly [string, string, string])[]): string[] {
  return records.map(([owner, type, rdata]) => {
    let data = rdata;
    if ((type === "CNAME" || type === "MX") && !rdata.endsWith(".")) {
      const parts = rdata.split(" ");
      parts[parts.length - 1] = absolute(parts[parts.length - 1]!, origin);
      data = parts.join(" ");
    }
    return `${absolute(owner, origin)} 300 IN ${type} ${data}`;
  });
}

async function makeKeys(tools: SignerTools, dir: string, origin: string, algorithm: number, csk: boolean): Promise<{ ksks: Key[]; zsks: Key[] }> {
  const [ksk, zsk] = await Promise.all([
    generateKey(tools, dir, origin, algorithm, true),
    csk ? Promise.resolve(undefined) : generateKey(tools, dir, origin, algorithm, false),
  ]);
  return { ksks: [ksk], zsks: zsk ? [zsk] : [] };
}

function makeDs(tools: SignerTools, kind: DsKind, ksk: Key, otherKsk?: Key): string[] {
  const sha256 = () => dsFromKey(tools, ksk, 2);
  const fields = (line: string) => {
    const m = /^(\S+)\s+(?:\d+\s+)?IN\s+DS\s+(\d+)\s+(\d+)\s+(\d+)\s+(.+)$/.exec(line);
    if (!m) throw new Error(`unexpected dnssec-dsfromkey output: ${line}`);
    return { owner: m[1]!, tag: m[2]!, alg: m[3]!, digestType: m[4]!, digest: m[5]!.replace(/\s+/g, "") };
  };
  switch (kind) {
    case "none":
      return [];
    case "sha256":
      return [sha256()];
    case "sha1":
      return [dsFromKey(tools, ksk, 1)];
    case "sha384":
      return [dsFromKey(tools, ksk, 4)];
    case "corrupt-digest": {
      const f = fields(sha256());
      const flipped = (f.digest[0] === "0" ? "1" : "0") + f.digest.slice(1);
      return [`${f.owner} IN DS ${f.tag} ${f.alg} ${f.digestType} ${flipped}`];
    }
    case "unknown-algorithm": {
      // Algorithm 100 is unassigned (IANA range 17-122): no validator implements it.
      const f = fields(sha256());
      return [`${f.owner} IN DS ${f.tag} 100 ${f.digestType} ${f.digest}`];
    }
    case "unknown-digest": {
      // Digest type 200 is unassigned: no validator can check it.
      const f = fields(sha256());
      return [`${f.owner} IN DS ${f.tag} ${f.alg} 200 ${f.digest}`];
    }
    case "sha256-and-unknown-algorithm": {
      const f = fields(sha256());
      return [sha256(), `${f.owner} IN DS ${f.tag} 100 ${f.digestType} ${f.digest}`];
    }
    case "other-key":
      if (!otherKsk) throw new Error("other-key DS needs a second KSK");
      return [dsFromKey(tools, otherKsk, 2)];
  }
}

async function buildLeaf(tools: SignerTools, base: string, spec: LeafSpec, addrs: PeerAddresses): Promise<ZoneOutput> {
  const dir = join(base, fileLabel(spec.origin));
  mkdirSync(dir, { recursive: true });
  const text = [...soaAndNs(spec.origin, addrs.leaf), ...recordLines(spec.origin, [...COMMON_RECORDS, ...(spec.records ?? [])])].join("\n") + "\n";
  if (spec.algorithm === undefined) {
    if (spec.ds !== "none") throw new Error(`${spec.origin}: an unsigned zone cannot have a DS`);
    return { text, ds: [] };
  }
  const keys = await makeKeys(tools, dir, spec.origin, spec.algorithm, spec.csk ?? false);
  // The "other-key" scenario: the parent's DS is of a KSK the zone no longer publishes (a
  // key rollover gone wrong: the zone was re-keyed, the parent never updated).
  const otherKsk = spec.ds === "other-key" ? await generateKey(tools, dir, spec.origin, spec.algorithm, true) : undefined;
  const ds = makeDs(tools, spec.ds, keys.ksks[0]!, otherKsk);
  if (spec.serveUnsigned) return { text, ds };
  const signOpts = {
    origin: spec.origin, text, dir, ...keys,
    ...(spec.nsec3 ? { nsec3: spec.nsec3 } : {}),
    ...(spec.inception ? { inception: spec.inception } : {}),
    ...(spec.expiration ? { expiration: spec.expiration } : {}),
  };
  let signed: string;
  if (spec.signer === "ldns") {
    if (!spec.nsec3) throw new Error(`${spec.origin}: ldns-signzone is only used for NSEC3`);
    signed = signZoneLdns(tools, { ...signOpts, nsec3: spec.nsec3 });
  } else {
    signed = signZone(tools, signOpts);
  }
  if (spec.breakAfterSigning) signed = spec.breakAfterSigning(signed, spec.origin);
  return { text: signed, ds };
}

interface TldSpec {
  origin: Tld;
  algorithm: number;
  nsec3?: Nsec3Options;
}

const TLDS: readonly TldSpec[] = [
  { origin: "test.", algorithm: ECDSA },
  { origin: "example.", algorithm: ECDSA, nsec3: { salt: "-", iterations: 0 } },
  { origin: "invalid.", algorithm: 15, nsec3: { salt: "1234", iterations: 0, optOut: true } },
];

/** The TLDs, for resolvers that have built-in local zones for these special-use names. */
export const TLD_NAMES: readonly string[] = TLDS.map((t) => t.origin);

function delegation(child: string, ds: readonly string[], addrs: PeerAddresses): string[] {
  return [`${child} 300 IN NS ns1.${child}`, `ns1.${child} 300 IN A ${addrs.leaf}`, ...ds];
}

/** Generates keys, signs every zone and writes the zone files under `dir`. */
export async function buildTree(tools: SignerTools, dir: string, addrs: PeerAddresses): Promise<BuiltTree> {
  mkdirSync(dir, { recursive: true });
  const zones: BuiltZone[] = [];
  const write = (origin: string, role: ServerRole, text: string) => {
    const file = join(dir, `${fileLabel(origin)}.zone`);
    writeFileSync(file, text);
    zones.push({ origin, role, file });
  };

  // Leaves: key generation runs concurrently (RSA keys take a moment); a few at a time.
  const leafOut = new Map<string, ZoneOutput>();
  const queue = [...LEAVES];
  await Promise.all(
    [0, 1, 2, 3].map(async () => {
      for (let spec = queue.shift(); spec; spec = queue.shift()) leafOut.set(spec.origin, await buildLeaf(tools, dir, spec, addrs));
    }),
  );
  for (const spec of LEAVES) write(spec.origin, "leaf", leafOut.get(spec.origin)!.text);

  // TLDs, with delegations (NS, glue, DS) to their leaves.
  const tldDs = new Map<string, string[]>();
  await Promise.all(
    TLDS.map(async (tld) => {
      const tdir = join(dir, fileLabel(tld.origin));
      mkdirSync(tdir, { recursive: true });
      const lines = soaAndNs(tld.origin, addrs.tld);
      if (tld.origin === "test.") lines.push(`${ROOT_SERVER_NAME} 300 IN A ${addrs.root}`);
      for (const spec of LEAVES.filter((l) => l.parent === tld.origin)) lines.push(...delegation(spec.origin, leafOut.get(spec.origin)!.ds, addrs));
      const keys = await makeKeys(tools, tdir, tld.origin, tld.algorithm, false);
      const signed = signZone(tools, { origin: tld.origin, text: lines.join("\n"), dir: tdir, ...keys, ...(tld.nsec3 ? { nsec3: tld.nsec3 } : {}) });
      write(tld.origin, "tld", signed);
      tldDs.set(tld.origin, [dsFromKey(tools, keys.ksks[0]!, 2)]);
    }),
  );

  // The root, RSASHA256 like the real one.
  const rdir = join(dir, "root");
  mkdirSync(rdir, { recursive: true });
  const rootLines = [
    ...soaAndNs(".", addrs.root, ROOT_SERVER_NAME),
    `${ROOT_SERVER_NAME} 300 IN A ${addrs.root}`,
  ];
  for (const tld of TLDS) {
    rootLines.push(`${tld.origin} 300 IN NS ns1.${tld.origin}`, `ns1.${tld.origin} 300 IN A ${addrs.tld}`, ...tldDs.get(tld.origin)!);
  }
  const rootKeys = await makeKeys(tools, rdir, ".", 8, false);
  write(".", "root", signZone(tools, { origin: ".", text: rootLines.join("\n"), dir: rdir, ...rootKeys }));
  const rootDs = [dsFromKey(tools, rootKeys.ksks[0]!, 2)];
  return { zones, rootDs, rootDnskeys: rootKeys.ksks.map((k) => k.dnskey) };
}

/** Zones served by each knotd instance. */
export function zonesFor(tree: BuiltTree, role: ServerRole): BuiltZone[] {
  return tree.zones.filter((z) => z.role === role);
}
