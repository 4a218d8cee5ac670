// Turns a World (plain data) into what the servers answer from: the zone tree, each zone's
// records with everything the world implies (delegations, glue, DS, host addresses), signed
// as its spec says, and the list of DNS listeners to start. The world is checked up front so
// that a mistake in a scenario fails with a clear message; zones are assembled and signed
// lazily, on first use, so a world of 10,000 zones starts in moments.

import type { ResourceRecord } from "../dns/message.ts";
import { labelsToName, nameToLabels, normaliseName } from "../dns/name.ts";
import { parseIp } from "../net/ip.ts";
import type { ZoneCatalogue } from "./authority.ts";
import { addressKey, isDocumentationAddress } from "./documentation-ranges.ts";
import { buildZoneIndex } from "./zone-index.ts";
import type { ZoneIndex } from "./zone-index.ts";
import { ZoneKeyPool } from "./zone-keys.ts";
import type { ZoneKeys } from "./zone-keys.ts";
import { assembleZoneRecords, parseOwnRecords, WorldError } from "./zone-records.ts";
import { algorithmOf, parentDsRecords, signWorldZone } from "./zone-signing.ts";
import type { DnsBehaviour, HostSpec, SigningSpec, World, ZoneSpec } from "./world.ts";
import { SIGNING_ALGORITHMS } from "./world.ts";

export { WorldError } from "./zone-records.ts";

export interface CompiledZone {
  readonly origin: string;
  readonly spec: ZoneSpec;
  /** Normalised host names. */
  readonly nameServers: readonly string[];
  readonly parent: string | undefined;
  readonly children: readonly string[];
  /** Some address of some name server answers queries. */
  readonly reachable: boolean;
}

/** One DNS listener to start: an address of a host, how it behaves, which zones it serves. */
export interface SimulatedServer {
  /** Canonical address text. */
  readonly address: string;
  readonly host: string;
  readonly behaviour: DnsBehaviour;
  readonly zones: ReadonlySet<string>;
}

export interface CompiledWorld {
  readonly world: World;
  /** The clock the signatures were made against (Unix seconds). */
  readonly now: number;
  readonly zones: ReadonlyMap<string, CompiledZone>;
  readonly hosts: ReadonlyMap<string, HostSpec>;
  readonly servers: readonly SimulatedServer[];
  /** Every zone of the world (for the resolver). */
  readonly catalogue: ZoneCatalogue;
  /** The zones one server answers for. */
  catalogueOf(server: SimulatedServer): ZoneCatalogue;
  /** The zone's final records (signed, broken as asked). */
  zoneRecords(origin: string): ResourceRecord[];
  zoneIndex(origin: string): ZoneIndex;
  /** DS records for the root: what a validator must be given as trust anchor. */
  trustAnchors(): ResourceRecord[];
  /** Whether a resolver can get answers from every zone on the way down to `origin`. */
  resolvable(origin: string): boolean;
}

export interface CompileOptions {
  /** Unix seconds; default now. */
  now?: number;
}

function fail(message: string): never {
  throw new WorldError(message);
}

function checkSigning(origin: string, s: SigningSpec): void {
  if (!SIGNING_ALGORITHMS.includes(algorithmOf(s))) fail(`zone ${origin}: cannot sign with algorithm ${s.algorithm}; use one of ${SIGNING_ALGORITHMS.join(", ")}`);
  const d = s.denial;
  if (d?.kind === "nsec3") {
    if (!Number.isInteger(d.iterations) || d.iterations < 0 || d.iterations > 0xffff) fail(`zone ${origin}: NSEC3 iterations ${d.iterations} outside 0..65535`);
    if (!/^([0-9a-fA-F]{2}){0,255}$/.test(d.salt)) fail(`zone ${origin}: NSEC3 salt ${JSON.stringify(d.salt)} is not hex ("" for none)`);
  }
  if (s.breakage === "bogus-nsec3" && d?.kind !== "nsec3") fail(`zone ${origin}: the bogus-nsec3 breakage needs NSEC3 denial`);
}

/** The deepest origin in `origins` at or above `name` (strictly above when `strict`). */
function deepestZone(origins: ReadonlySet<string>, name: string, strict: boolean): string | undefined {
  const labels = nameToLabels(name);
  for (let i = strict ? 1 : 0; i <= labels.length; i++) {
    const candidate = labelsToName(labels.slice(i));
    if (origins.has(candidate)) return candidate;
  }
  return undefined;
}

function checkHosts(world: World): Map<string, HostSpec> {
  const hosts = new Map<string, HostSpec>();
  for (const h of world.hosts) {
    const name = normaliseName(h.name);
    if (hosts.has(name)) fail(`host ${name} is defined twice`);
    if (h.addresses.length === 0) fail(`host ${name} has no addresses`);
    for (const a of h.addresses) {
      if (!parseIp(a.address)) fail(`host ${name}: ${JSON.stringify(a.address)} is not an IP address`);
      if (!isDocumentationAddress(a.address)) {
        fail(`host ${name}: ${a.address} is outside the documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32)`);
      }
    }
    hosts.set(name, h);
  }
  return hosts;
}

export function compileWorld(world: World, opts: CompileOptions = {}): CompiledWorld {
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  const hosts = checkHosts(world);

  const specs = new Map<string, ZoneSpec>();
  // Parsed up front (cheap) so that a typo in a scenario fails at once, naming zone and line.
  const ownRecords = new Map<string, ResourceRecord[]>();
  for (const z of world.zones) {
    const origin = normaliseName(z.origin);
    if (specs.has(origin)) fail(`zone ${origin} is defined twice`);
    if (z.nameServers.length === 0) fail(`zone ${origin} has no name servers`);
    for (const ns of z.nameServers) if (!hosts.has(normaliseName(ns))) fail(`zone ${origin}: name server ${ns} is not a host of the world`);
    if (z.signing !== "none") checkSigning(origin, z.signing);
    specs.set(origin, z);
    ownRecords.set(origin, parseOwnRecords(z, origin));
  }
  if (!specs.has(".")) fail("the world has no root zone \".\"");
  const origins = new Set(specs.keys());

  // Which hosts answer DNS: the name servers of some zone, and hosts that say how they behave.
  const servedBy = new Map<string, Set<string>>();
  for (const [origin, z] of specs) {
    for (const ns of z.nameServers) {
      const name = normaliseName(ns);
      let set = servedBy.get(name);
      if (!set) servedBy.set(name, (set = new Set()));
      set.add(origin);
    }
  }
  const servers: SimulatedServer[] = [];
  const serverAddresses = new Map<string, string>();
  for (const [name, h] of hosts) {
    const zonesServed = servedBy.get(name);
    if (!zonesServed && !h.addresses.some((a) => a.dns !== undefined)) continue;
    for (const a of h.addresses) {
      const address = addressKey(a.address);
      const other = serverAddresses.get(address);
      if (other) fail(`address ${address} is a DNS server of both ${other} and ${name}`);
      serverAddresses.set(address, name);
      servers.push({ address, host: name, behaviour: a.dns ?? "answers", zones: zonesServed ?? new Set() });
    }
  }

  const children = new Map<string, string[]>();
  const zones = new Map<string, CompiledZone>();
  for (const [origin, spec] of specs) {
    const parent = origin === "." ? undefined : deepestZone(origins, origin, true);
    if (parent !== undefined) {
      let list = children.get(parent);
      if (!list) children.set(parent, (list = []));
      list.push(origin);
    }
    const nameServers = spec.nameServers.map(normaliseName);
    const reachable = nameServers.some((ns) => hosts.get(ns)!.addresses.some((a) => (a.dns ?? "answers") === "answers"));
    zones.set(origin, { origin, spec, nameServers, parent, children: children.get(origin) ?? [], reachable });
  }
  for (const [origin, z] of zones) zones.set(origin, { ...z, children: children.get(origin) ?? [] });

  const hostsByZone = new Map<string, HostSpec[]>();
  for (const [name, h] of hosts) {
    const zone = deepestZone(origins, name, false)!;
    let list = hostsByZone.get(zone);
    if (!list) hostsByZone.set(zone, (list = []));
    list.push(h);
  }

  const keyPool = new ZoneKeyPool();
  const keysOf = (origin: string): ZoneKeys | undefined => {
    const s = specs.get(origin)!.signing;
    return s === "none" ? undefined : keyPool.keysFor(origin, algorithmOf(s), s.ownKeys === true);
  };
  const dsFor = (origin: string): ResourceRecord[] => {
    const s = specs.get(origin)!.signing;
    const keys = keysOf(origin);
    return s === "none" || !keys ? [] : parentDsRecords(origin, s, keys);
  };

  const recordCache = new Map<string, { records: ResourceRecord[]; index: ZoneIndex }>();
  const built = (origin: string) => {
    let entry = recordCache.get(origin);
    if (entry) return entry;
    const z = zones.get(origin);
    if (!z) fail(`no zone ${origin} in the world`);
    const unsigned = assembleZoneRecords({
      origin,
      spec: z.spec,
      own: ownRecords.get(origin) ?? [],
      hosts: hostsByZone.get(origin) ?? [],
      children: z.children.map((c) => ({ origin: c, nameServers: zones.get(c)!.nameServers, ds: dsFor(c) })),
      hostByName: (n) => hosts.get(normaliseName(n)),
    });
    const keys = keysOf(origin);
    const signing = z.spec.signing;
    if (signing === "none" || !keys) {
      entry = { records: unsigned, index: buildZoneIndex(origin, unsigned) };
    } else {
      const signed = signWorldZone(origin, unsigned, signing, keys, now);
      entry = { records: signed.records, index: buildZoneIndex(origin, signed.records, signed.nsec3) };
    }
    recordCache.set(origin, entry);
    return entry;
  };

  const resolvableCache = new Map<string, boolean>();
  const resolvable = (origin: string): boolean => {
    const known = resolvableCache.get(origin);
    if (known !== undefined) return known;
    const z = zones.get(origin);
    const ok = z !== undefined && z.reachable && (z.parent === undefined || resolvable(z.parent));
    resolvableCache.set(origin, ok);
    return ok;
  };

  const catalogue: ZoneCatalogue = { has: (o) => zones.has(o), get: (o) => built(o).index };

  return {
    world,
    now,
    zones,
    hosts,
    servers,
    catalogue,
    catalogueOf: (server) => ({ has: (o) => server.zones.has(o), get: (o) => built(o).index }),
    zoneRecords: (origin) => built(normaliseName(origin)).records,
    zoneIndex: (origin) => built(normaliseName(origin)).index,
    trustAnchors: () => dsFor("."),
    resolvable: (origin) => resolvable(normaliseName(origin)),
  };
}

