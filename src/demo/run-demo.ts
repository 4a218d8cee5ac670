// `meetlat demo`, the part that does the work: imports the Dutch register into the store, plants
// a synthetic government for its domains on the simulated internet (government-world.ts),
// starts that internet in this process, runs a measurement of every domain (web and mail)
// through the ordinary run machinery, stops the internet, and checks the stored statuses
// against what was planted. The reports are built from the run afterwards (demo-report.ts).
//
// Network safety: the run's resolver is the testnet's loopback listener, and the address policy
// allows exactly the simulated name servers' addresses (not the documentation ranges as a
// whole), each of which the dialer rewrites to a loopback listener for port 53, the only port any
// probe dials today. Every other address, real or simulated, is refused before a socket opens.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestType } from "../checks/result.ts";
import { formatProblem } from "../register/import-problem.ts";
import { builtinRegisterPath } from "../register/builtin-registers.ts";
import { importRegisterFile } from "../register/import-register.ts";
import type { ImportSummary } from "../store/store.ts";
import type { RunProgress } from "../runs/executor.ts";
import { startRun } from "../runs/run-service.ts";
import type { RunOutcome } from "../runs/run-service.ts";
import { parseSelection } from "../runs/selection.ts";
import type { ScanSetup, ScanSetupOptions } from "../scan/setup.ts";
import type { RunRecord, Store } from "../store/store.ts";
import { writeTestnetDescriptor } from "../testnet/descriptor.ts";
import { startTestnet } from "../testnet/servers.ts";
import type { Testnet } from "../testnet/servers.ts";
import { comparePlanted } from "./compare-planted.ts";
import type { PlantedComparison } from "./compare-planted.ts";
import { governmentWorld } from "./government-world.ts";
import type { PlantedConfiguration } from "./government-world.ts";

export const DEMO_REGISTER = "nl";
const DEMO_TYPES: TestType[] = ["web", "mail"];
/** Domains measured at once (as in the run benchmarks). */
export const DEMO_CONCURRENCY = 64;
/** Nothing in the simulated internet is slow; a domain taking longer than this is a bug. */
const DOMAIN_DEADLINE_SECONDS = 60;

export class DemoError extends Error {}

export interface DemoHooks {
  /** Builds the scan machinery (the CLI's version turns setup problems into usage errors). */
  openSetup(opts: ScanSetupOptions): Promise<ScanSetup>;
  onStep?(message: string): void;
  onPlanned?(run: RunRecord, items: number): void;
  onProgress?(p: RunProgress): void;
  signal?: AbortSignal;
  requestedBy: string;
}

export interface DemoRunOutcome {
  imported: ImportSummary;
  planted: PlantedConfiguration[];
  run: RunOutcome;
  /** The newest run that had finished before this one (what the report compares with). */
  previousRunId: number | null;
  check: PlantedComparison;
}

async function importDemoRegister(store: Store): Promise<ImportSummary> {
  const outcome = await importRegisterFile(store.register, builtinRegisterPath(DEMO_REGISTER), {
    source: `builtin ${DEMO_REGISTER}`,
    displayName: `data/registers/${DEMO_REGISTER}/register.csv`,
  });
  if (!outcome.ok || !outcome.summary) {
    throw new DemoError(`the built-in register could not be imported:\n${outcome.problems.map(formatProblem).join("\n")}`);
  }
  return outcome.summary;
}

async function registerDomains(store: Store): Promise<string[]> {
  const names: string[] = [];
  for await (const d of store.register.domains()) names.push(d.name);
  return names;
}

/** Writes the descriptor the run's setup reads, allowing only the rewritten name-server addresses. */
async function writeDemoDescriptor(net: Testnet, dir: string): Promise<string> {
  const allowTargets = [...new Set(net.rewrites.map((r) => r.from.address))].map((a) => (a.includes(":") ? `${a}/128` : `${a}/32`));
  return writeTestnetDescriptor(dir, {
    resolver: net.resolver, trustAnchors: net.trustAnchors, allowTargets, rewrites: net.rewrites, domains: [], rpki: net.rpkiFiles(),
  });
}

async function previousFinishedRun(store: Store): Promise<number | null> {
  return (await store.runs.list({ limit: 100 })).find((r) => r.status === "finished")?.id ?? null;
}

/** Imports the register, plants the world, measures it and compares; the store stays open. */
export async function runDemo(store: Store, hooks: DemoHooks): Promise<DemoRunOutcome> {
  hooks.onStep?.(`importing the built-in register (${DEMO_REGISTER}) into ${store.location}`);
  const imported = await importDemoRegister(store);
  const names = await registerDomains(store);
  const { world, planted } = governmentWorld(names);
  hooks.onStep?.(`starting the simulated internet: ${world.zones.length} zones for ${planted.length} domains, on loopback`);
  const previousRunId = await previousFinishedRun(store);
  const net = await startTestnet(world);
  const dir = await mkdtemp(join(tmpdir(), "meetlat-demo-"));
  let run: RunOutcome;
  try {
    const testnetFile = await writeDemoDescriptor(net, dir);
    run = await startRun(store, parseSelection(undefined), {
      types: DEMO_TYPES,
      setup: { resolvers: [], allowTargets: [], testnetFile },
      concurrency: DEMO_CONCURRENCY,
      domainDeadlineSeconds: DOMAIN_DEADLINE_SECONDS,
    }, {
      openSetup: hooks.openSetup,
      requestedBy: hooks.requestedBy,
      ...(hooks.onPlanned ? { onPlanned: hooks.onPlanned } : {}),
      ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
      ...(hooks.signal ? { signal: hooks.signal } : {}),
    });
  } finally {
    await net.stop();
    await rm(dir, { recursive: true, force: true });
  }
  // The simulated internet is gone, so an interrupted demo run cannot be resumed: close it.
  if (hooks.signal?.aborted && run.run.status === "running") {
    await store.runs.finish(run.run.id, "cancelled");
    run = { ...run, run: (await store.runs.get(run.run.id))! };
  }
  const check = await comparePlanted(store, run.run.id, planted);
  return { imported, planted, run, previousRunId, check };
}
