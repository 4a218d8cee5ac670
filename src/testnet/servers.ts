// Plays a world on loopback: one resolver endpoint, and one listener per address of every
// simulated DNS host, each behaving as its host spec says. Everything binds 127.0.0.1 or ::1
// on ephemeral ports; the simulated (documentation-range) addresses are only ever reached
// through the rewrite table that this returns for meetlat's dialer.

import type { ResourceRecord } from "../dns/message.ts";
import type { Endpoint } from "../net/types.ts";
import { compileWorld } from "./compile-world.ts";
import type { CompiledWorld, SimulatedServer } from "./compile-world.ts";
import { writeTestnetDescriptor } from "./descriptor.ts";
import type { Rewrite } from "./descriptor.ts";
import { DOCUMENTATION_RANGES } from "./documentation-ranges.ts";
import { ipv6LoopbackWorks, startDnsListener } from "./dns-listener.ts";
import type { DnsListener } from "./dns-listener.ts";
import { authoritativeHandler, refusingHandler, resolverHandler, respond } from "./responder.ts";
import type { QuestionHandler } from "./responder.ts";
import { testnetRpkiFiles } from "./rpki-data.ts";
import type { TestnetRpkiFiles } from "./rpki-data.ts";
import { buildWorld } from "./scenarios/index.ts";
import type { DnsBehaviour, DomainExpectation, World } from "./world.ts";

const DNS_PORT = 53;

export interface TestnetOptions {
  /** The clock the zones are signed against (Unix seconds); default now. */
  now?: number;
  /** Called when a server fails to answer because of a bug (default: print to stderr). */
  onError?: (err: unknown) => void;
}

export interface RunningServer {
  host: string;
  /** The simulated address (documentation range). */
  address: string;
  behaviour: DnsBehaviour;
  /** Where it really listens. */
  listener: Endpoint;
}

export interface Testnet {
  /** The recursive resolver (answers like a resolver asked with CD=1). */
  readonly resolver: Endpoint;
  /** The simulated root's DS: the trust anchor for validating anything in the testnet. */
  readonly trustAnchors: ResourceRecord[];
  /** Simulated address:53 -> loopback listener, for meetlat's dialer. */
  readonly rewrites: Rewrite[];
  /** The address ranges meetlat must be allowed to dial (the simulated addresses). */
  readonly allowTargets: string[];
  readonly domains: readonly DomainExpectation[];
  readonly servers: readonly RunningServer[];
  readonly world: CompiledWorld;
  /** The simulated BGP table and VRPs as file contents, generated now (so never stale). */
  rpkiFiles(): TestnetRpkiFiles;
  /** Writes trust-anchor.ds, the RPKI files and testnet.json into `dir`; returns the path of testnet.json. */
  writeDescriptor(dir: string): Promise<string>;
  /** Closes every socket; safe to call twice. */
  stop(): Promise<void>;
}

function handlerFor(world: CompiledWorld, server: SimulatedServer): QuestionHandler | undefined {
  if (server.behaviour === "silent") return undefined;
  if (server.behaviour === "refuses") return refusingHandler;
  return authoritativeHandler(world.catalogueOf(server));
}

/** Starts the world (or the world of the named scenarios; all when the list is empty). */
export async function startTestnet(worldOrScenarios: World | readonly string[], opts: TestnetOptions = {}): Promise<Testnet> {
  const spec = Array.isArray(worldOrScenarios) ? buildWorld(worldOrScenarios as readonly string[]) : (worldOrScenarios as World);
  const world = compileWorld(spec, opts.now === undefined ? {} : { now: opts.now });
  testnetRpkiFiles(spec); // refuses bad routes or ROAs now rather than when the files are written
  const trustAnchors = world.trustAnchors();
  const v6Loopback = (await ipv6LoopbackWorks()) ? "::1" : "127.0.0.1";
  const listenerOpts = opts.onError ? { onError: opts.onError } : {};

  const listeners: DnsListener[] = [];
  const stop = async () => {
    await Promise.all(listeners.map((l) => l.close()));
  };
  try {
    const resolverHandle = resolverHandler(world);
    const resolver = await startDnsListener({ address: "127.0.0.1", respond: (q, t) => respond(q, t, resolverHandle), ...listenerOpts });
    listeners.push(resolver);

    const servers: RunningServer[] = [];
    for (const s of world.servers) {
      const handle = handlerFor(world, s);
      const listener = await startDnsListener({
        address: s.address.includes(":") ? v6Loopback : "127.0.0.1",
        ...(handle ? { respond: (q, t) => respond(q, t, handle) } : {}),
        ...listenerOpts,
      });
      listeners.push(listener);
      servers.push({ host: s.host, address: s.address, behaviour: s.behaviour, listener: listener.endpoint });
    }

    const rewrites: Rewrite[] = servers.map((s) => ({ from: { address: s.address, port: DNS_PORT }, to: s.listener }));
    const allowTargets = [...DOCUMENTATION_RANGES];
    return {
      resolver: resolver.endpoint,
      trustAnchors,
      rewrites,
      allowTargets,
      domains: spec.domains,
      servers,
      world,
      rpkiFiles: () => testnetRpkiFiles(spec),
      writeDescriptor: (dir) => writeTestnetDescriptor(dir, { resolver: resolver.endpoint, trustAnchors, allowTargets, rewrites, domains: spec.domains, rpki: testnetRpkiFiles(spec) }),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
