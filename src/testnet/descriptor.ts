// The testnet descriptor: what `meetlat testnet up` writes so that another process (`meetlat
// scan --testnet FILE`) can use the running testnet: the resolver, the trust anchor file, the
// address ranges to allow, the rewrites from simulated addresses to loopback listeners, and
// the domains with their expected outcomes; and the simulated internet's VRP and route files
// for the RPKI tests.

import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import type { ResourceRecord } from "../dns/message.ts";
import { formatZone } from "../dns/zonefile.ts";
import { parseCidr } from "../net/cidr.ts";
import { formatEndpoint, parseEndpoint, splitEndpointText } from "../net/endpoint-text.ts";
import type { Endpoint } from "../net/types.ts";
import { RPKI_ROUTES_FILE, RPKI_VRPS_FILE } from "./rpki-data.ts";
import type { TestnetRpkiFiles } from "./rpki-data.ts";
import type { DomainExpectation } from "./world.ts";

export const DESCRIPTOR_FILE = "testnet.json";
export const TRUST_ANCHOR_FILE = "trust-anchor.ds";
const FORMAT_VERSION = 1;

export class TestnetDescriptorError extends Error {}

export interface Rewrite {
  from: Endpoint;
  to: Endpoint;
}

export interface TestnetDescriptor {
  /** "127.0.0.1:PORT". */
  resolver: string;
  /** Absolute path of the trust anchor file (DS records in zone-file format). */
  trustAnchorFile: string;
  allowTargets: string[];
  rewrites: Rewrite[];
  domains: DomainExpectation[];
  /** Absolute paths of the VRP and route files (descriptors written before RPKI have none). */
  rpkiVrpsFile?: string;
  rpkiRoutesFile?: string;
}

export interface DescriptorContent {
  resolver: Endpoint;
  trustAnchors: readonly ResourceRecord[];
  allowTargets: readonly string[];
  rewrites: readonly Rewrite[];
  domains: readonly DomainExpectation[];
  rpki?: TestnetRpkiFiles;
}

/** Writes trust-anchor.ds, the RPKI files and testnet.json into `dir` (created if missing); returns the JSON's path. */
export async function writeTestnetDescriptor(dir: string, c: DescriptorContent): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, TRUST_ANCHOR_FILE), `; trust anchor of the meetlat testnet's simulated root\n${formatZone(c.trustAnchors)}`);
  if (c.rpki) {
    await writeFile(join(dir, RPKI_VRPS_FILE), c.rpki.vrps);
    await writeFile(join(dir, RPKI_ROUTES_FILE), c.rpki.routes);
  }
  const json = {
    version: FORMAT_VERSION,
    resolver: formatEndpoint(c.resolver),
    // Relative to this file, so the directory can be moved or mounted elsewhere.
    trustAnchorFile: TRUST_ANCHOR_FILE,
    allowTargets: c.allowTargets,
    rewrites: c.rewrites.map((r) => ({ from: formatEndpoint(r.from), to: formatEndpoint(r.to) })),
    domains: c.domains,
    ...(c.rpki ? { rpkiVrpsFile: RPKI_VRPS_FILE, rpkiRoutesFile: RPKI_ROUTES_FILE } : {}),
  };
  const path = resolve(dir, DESCRIPTOR_FILE);
  await writeFile(path, JSON.stringify(json, null, 2) + "\n");
  return path;
}

function bad(path: string, why: string): never {
  throw new TestnetDescriptorError(`${path}: ${why}`);
}

function endpointField(path: string, where: string, value: unknown): Endpoint {
  if (typeof value !== "string") bad(path, `${where} must be "ADDRESS:PORT" text`);
  try {
    const parsed = splitEndpointText(value);
    if (typeof parsed.port !== "number") bad(path, `${where} ${JSON.stringify(value)} has no port`);
    return parseEndpoint(value, parsed.port);
  } catch (e) {
    if (e instanceof TestnetDescriptorError) throw e;
    return bad(path, `${where}: ${(e as Error).message}`);
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** Reads and checks a descriptor written by writeTestnetDescriptor. Errors name the file and field. */
export async function loadTestnetDescriptor(path: string): Promise<TestnetDescriptor> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    return bad(path, `cannot read the testnet descriptor (${(e as Error).message}); start one with \`meetlat testnet up\``);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return bad(path, `not JSON: ${(e as Error).message}`);
  }
  if (!isRecord(data)) bad(path, "expected a JSON object");
  if (data.version !== FORMAT_VERSION) bad(path, `unsupported descriptor version ${JSON.stringify(data.version)} (expected ${FORMAT_VERSION})`);

  const resolverEndpoint = endpointField(path, "resolver", data.resolver);

  if (typeof data.trustAnchorFile !== "string" || data.trustAnchorFile === "") bad(path, "trustAnchorFile must be a file name");
  const trustAnchorFile = isAbsolute(data.trustAnchorFile) ? data.trustAnchorFile : resolve(dirname(path), data.trustAnchorFile);

  if (!Array.isArray(data.allowTargets)) bad(path, "allowTargets must be a list of CIDRs");
  const allowTargets = data.allowTargets.map((c, i) => {
    if (typeof c !== "string") bad(path, `allowTargets[${i}] must be CIDR text`);
    try {
      parseCidr(c);
    } catch (e) {
      bad(path, `allowTargets[${i}]: ${(e as Error).message}`);
    }
    return c;
  });

  if (!Array.isArray(data.rewrites)) bad(path, "rewrites must be a list of {from, to}");
  const rewrites = data.rewrites.map((r, i): Rewrite => {
    if (!isRecord(r)) bad(path, `rewrites[${i}] must be an object {from, to}`);
    return { from: endpointField(path, `rewrites[${i}].from`, r.from), to: endpointField(path, `rewrites[${i}].to`, r.to) };
  });

  const domains = data.domains ?? [];
  if (!Array.isArray(domains) || !domains.every((d) => isRecord(d) && typeof d.domain === "string")) {
    bad(path, "domains must be a list of objects with a domain name");
  }
  const rpkiFile = (field: "rpkiVrpsFile" | "rpkiRoutesFile"): { [k: string]: string } => {
    const v = data[field];
    if (v === undefined) return {};
    if (typeof v !== "string" || v === "") bad(path, `${field} must be a file name`);
    return { [field]: isAbsolute(v as string) ? (v as string) : resolve(dirname(path), v as string) };
  };
  return {
    resolver: formatEndpoint(resolverEndpoint), trustAnchorFile, allowTargets, rewrites, domains: domains as DomainExpectation[],
    ...rpkiFile("rpkiVrpsFile"), ...rpkiFile("rpkiRoutesFile"),
  };
}
