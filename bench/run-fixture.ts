// What the run benchmarks share: the simulated internet in a process of its own, a store holding
// its register (imported by another process, as `meetlat register import` would), and the run
// every measurement makes (all domains, web + mail, 64 at a time, as `meetlat run` does, V8's
// helper threads in the background included).

import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { putV8HelpersInBackground } from "../src/runs/background-helpers.ts";
import { startRun } from "../src/runs/run-service.ts";
import type { RunHooks } from "../src/runs/run-service.ts";
import { parseSelection } from "../src/runs/selection.ts";
import { createScanSetup } from "../src/scan/setup.ts";
import type { Store } from "../src/store/store.ts";

export interface TestnetProcess {
  /** The testnet descriptor file a run's scan setup reads. */
  descriptor: string;
  process: ChildProcess;
  stop(): void;
}

/**
 * Starts N synthetic domains' simulated internet (testnet-process.ts) in `dir`; with
 * `registerCsv`, their register is written there (and the descriptor leaves the domain list out).
 */
export async function startTestnetProcess(n: number, dir: string, registerCsv?: string): Promise<TestnetProcess> {
  const args = [new URL("./testnet-process.ts", import.meta.url).pathname, String(n), dir, ...(registerCsv ? [registerCsv] : [])];
  const server = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  try {
    const descriptor = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout! }).once("line", resolve);
      server.once("exit", (code) => reject(new Error(`testnet process exited with ${code}`)));
    });
    return { descriptor, process: server, stop: () => server.kill("SIGTERM") };
  } catch (err) {
    server.kill("SIGTERM");
    throw err;
  }
}

/** Imports the register file into the store at `url` in a process of its own (runs.ts --import). */
export async function importInOwnProcess(url: string, registerCsv: string): Promise<void> {
  await promisify(execFile)(process.execPath, [new URL("./runs.ts", import.meta.url).pathname, "--import", url, registerCsv], { maxBuffer: 1 << 20 });
}

/**
 * The run every measurement makes: all domains, web + mail, 64 at a time, with V8's helper
 * threads in the background as `meetlat run` has them (the first call moves them).
 */
export async function runAllDomains(store: Store, descriptor: string, hooks: Omit<RunHooks, "openSetup">): ReturnType<typeof startRun> {
  await putV8HelpersInBackground();
  return startRun(store, parseSelection(undefined), {
    types: ["web", "mail"], setup: { resolvers: [], allowTargets: [], testnetFile: descriptor }, concurrency: 64, domainDeadlineSeconds: 120,
  }, { openSetup: createScanSetup, ...hooks });
}
