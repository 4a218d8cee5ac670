// The measurement-run benchmark: end-to-end throughput of `meetlat run` (register, planning,
// scanning the simulated internet, storage) at 1,000 and 10,000 domains, on SQLite and (when
// MEETLAT_BENCH_DATABASE_URL or MEETLAT_TEST_DATABASE_URL is set) PostgreSQL, with the share
// of time spent in storage and the peak memory of the run process. Each configuration runs in
// a fresh process, the simulated internet in another, so the memory figures are meetlat's own.
// Figures to bench/results/runs.json.
//
//   node bench/runs.ts                 all configurations
//   node bench/runs.ts --one N ENGINE  one configuration (used by the above)
//   node bench/runs.ts --import STORE FILE   imports a register file (used by --one)
//
// The register is imported by a process of its own, as `meetlat register import` would: an
// import validates the whole file at once, so its memory is the file's, not the run's.

import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import { importRegisterFile } from "../src/register/import-register.ts";
import { startRun } from "../src/runs/run-service.ts";
import { parseSelection } from "../src/runs/selection.ts";
import { createScanSetup } from "../src/scan/setup.ts";
import { openStore } from "../src/store/open-store.ts";
import type { DomainScan } from "../src/scan/engine.ts";
import type { Store } from "../src/store/store.ts";
import { MEETLAT_VERSION } from "../src/version.ts";
import { rejudge } from "./rejudge.ts";

const SIZES = (process.env.BENCH_RUN_SIZES ?? "1000,10000").split(",").map(Number);
const PG_URL = process.env.MEETLAT_BENCH_DATABASE_URL ?? process.env.MEETLAT_TEST_DATABASE_URL;
/** How often sampleLiveHeap collects and reads the heap. */
const LIVE_SAMPLE_MS = 5000;

interface RunFigures {
  seconds: number;
  domainsPerMinute: number;
  storageSeconds: number;
  storageShare: number;
  errors: number;
}

interface Figures {
  domains: number;
  engine: string;
  /** The first run into an empty store: every result is new. */
  first: RunFigures;
  /** A second run of the same register: results mostly unchanged, stored as last-seen updates. */
  repeat: RunFigures;
  peakRssMiB: number;
  /** The most heap in use right after a full collection, sampled every few seconds during the runs: what the run really holds. */
  liveHeapMiB: number;
  /** Domains per transaction in the first run (group commit); the storage replay uses it. */
  averageBatch: number;
}

/**
 * The storage cost of a run, measured apart from the scanning it interleaves with: the run's
 * results are replayed into an empty store in the run's average batch size, as a first run and then
 * as a repeat run (unchanged results). Returns the seconds of each. The replay holds the run's
 * results in memory, so it comes after the peak memory was read.
 */
async function replayStorage(source: Store, runId: number, url: string, batch: number): Promise<{ first: number; repeat: number }> {
  const scans: DomainScan[] = [];
  // Judged again from the evidence, so that details share objects with it as in the run itself.
  for await (const r of source.runs.results(runId)) scans.push(rejudge(r.domain, r.evidence!, r.results.map((x) => x.type)));
  const target = await openStore(url);
  try {
    const once = async () => {
      const run = await target.runs.create({ requestedBy: "bench", testTypes: ["web", "mail"] });
      const started = performance.now();
      for (let i = 0; i < scans.length; i += batch) await target.runs.record(run.id, scans.slice(i, i + batch));
      return (performance.now() - started) / 1000;
    };
    return { first: await once(), repeat: await once() };
  } finally {
    await target.close();
  }
}

async function importRegister(url: string, file: string): Promise<void> {
  const store = await openStore(url);
  try {
    if (!(await importRegisterFile(store.register, file)).ok) throw new Error("register import failed");
  } finally {
    await store.close();
  }
}

async function one(n: number, engine: string): Promise<Figures> {
  const dir = await mkdtemp(join(tmpdir(), "meetlat-bench-runs-"));
  const server = spawn(process.execPath, [new URL("./testnet-process.ts", import.meta.url).pathname, String(n), join(dir, "testnet")], { stdio: ["ignore", "pipe", "inherit", "ipc"] });
  try {
    const descriptor = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout! }).once("line", resolve);
      server.once("exit", (code) => reject(new Error(`testnet process exited with ${code}`)));
    });
    const urlFor = (name: string) => engine === "sqlite" ? join(dir, `${name}.sqlite`) : `${PG_URL}${PG_URL!.includes("?") ? "&" : "?"}schema=${name}_${randomBytes(4).toString("hex")}`;
    const url = urlFor("bench");
    const { loadTestnetDescriptor } = await import("../src/testnet/descriptor.ts");
    const domains = (await loadTestnetDescriptor(descriptor)).domains.map((d) => d.domain);
    const csv = join(dir, "register.csv");
    await writeFile(csv, ["domain,purpose,organisation,organisation_type", ...domains.map((d, i) => `${d},both,Gemeente ${i % 342},gemeente`)].join("\n") + "\n");
    await promisify(execFile)(process.execPath, [new URL(import.meta.url).pathname, "--import", url, csv], { maxBuffer: 1 << 20 });
    const raw = await openStore(url);
    try {
      // The group commit's batches, counted: the replay writes batches of their average size.
      const batches = { calls: 0, domains: 0 };
      const counted: Store = { ...raw, runs: { ...raw.runs, record: (id, scans, at) => { batches.calls++; batches.domains += scans.length; return raw.runs.record(id, scans, at); } } };
      const measure = async () => {
        const started = performance.now();
        const outcome = await startRun(counted, parseSelection(undefined), {
          types: ["web", "mail"], setup: { resolvers: [], allowTargets: [], testnetFile: descriptor }, concurrency: 64, domainDeadlineSeconds: 120,
        }, { openSetup: createScanSetup, requestedBy: "bench" });
        return { outcome, seconds: (performance.now() - started) / 1000 };
      };
      const live = sampleLiveHeap();
      const first = await measure();
      const averageBatch = Math.max(1, Math.round(batches.domains / Math.max(1, batches.calls)));
      const repeat = await measure();
      const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
      const liveHeapMiB = live.stop();
      const storage = await replayStorage(raw, first.outcome.run.id, urlFor("replay"), averageBatch);
      const figures = (m: typeof first, storageSeconds: number): RunFigures => ({
        seconds: +m.seconds.toFixed(1), domainsPerMinute: Math.round((m.outcome.summary.domains / m.seconds) * 60),
        storageSeconds: +storageSeconds.toFixed(2), storageShare: +(storageSeconds / m.seconds).toFixed(3), errors: m.outcome.summary.errorDomains,
      });
      return { domains: domains.length, engine, first: figures(first, storage.first), repeat: figures(repeat, storage.repeat), peakRssMiB, liveHeapMiB, averageBatch };
    } finally {
      await raw.close();
    }
  } finally {
    server.kill("SIGTERM");
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchRuns(): Promise<void> {
  const engines = ["sqlite", ...(PG_URL ? ["postgres"] : [])];
  const results: Figures[] = [];
  for (const n of SIZES) {
    for (const engine of engines) {
      const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", new URL(import.meta.url).pathname, "--one", String(n), engine], { maxBuffer: 1 << 20, timeout: 30 * 60_000 });
      const f = JSON.parse(stdout) as Figures;
      results.push(f);
      const line = (label: string, r: RunFigures) => `  ${String(f.domains).padStart(6)} domains, ${f.engine.padEnd(8)} ${label}: ${r.domainsPerMinute} domains/min (${r.seconds} s), storage ${(r.storageShare * 100).toFixed(1)} % (${r.storageSeconds} s), ${r.errors} in error\n`;
      process.stdout.write(line("first run ", f.first) + line("repeat run", f.repeat) + `  ${" ".repeat(6)}         peak memory ${f.peakRssMiB} MiB (live heap at most ${f.liveHeapMiB} MiB), ${f.averageBatch} domains per transaction\n`);
    }
  }
  if (!PG_URL) process.stdout.write("  (PostgreSQL skipped: set MEETLAT_BENCH_DATABASE_URL or MEETLAT_TEST_DATABASE_URL)\n");
  const figures = {
    meetlat: MEETLAT_VERSION, date: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    note: "web + mail tests, concurrency 64; storage = the run's results (judged again from their evidence, as a run builds them) replayed alone into an empty store in the first run's average batch size (first) and again (repeat); peak memory of the run process (register imported by another process) before the replay; live heap = the most heap in use right after a full collection, sampled every 5 s",
    results,
  };
  await writeFile(new URL("./results/runs.json", import.meta.url), JSON.stringify(figures, null, 2) + "\n");
  process.stdout.write("  written to bench/results/runs.json\n");
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  if (args[0] === "--one") process.stdout.write(JSON.stringify(await one(Number(args[1]), args[2]!)) + "\n");
  else if (args[0] === "--import") await importRegister(args[1]!, args[2]!);
  else await benchRuns();
}

/**
 * Peak RSS includes garbage V8 has not collected yet, so it says little about whether a run holds
 * more as the register grows. This samples the heap in use right after a full collection every
 * LIVE_SAMPLE_MS (the process runs with --expose-gc; a collection of ~50 MiB costs a few tens of
 * milliseconds, under 1 % of the run).
 */
function sampleLiveHeap(): { stop(): number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  let most = 0;
  const sample = () => {
    gc?.();
    most = Math.max(most, process.memoryUsage().heapUsed);
  };
  const timer = setInterval(sample, LIVE_SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return Math.round(most / 2 ** 20);
    },
  };
}
