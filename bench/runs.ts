// The measurement-run benchmark: end-to-end throughput of `meetlat run` (register, planning,
// scanning the simulated internet, storage) at 1,000 and 10,000 domains, on SQLite and (when
// MEETLAT_BENCH_DATABASE_URL or MEETLAT_TEST_DATABASE_URL is set) PostgreSQL, with the share
// of time spent in storage and the peak memory of the run process. Each configuration runs in
// a fresh process, the simulated internet in another, so the memory figures are meetlat's own;
// and in BENCH_RUN_ROUNDS rounds of first, repeat and unrecorded run, interleaved, since
// identical runs vary as much as the storage cost being measured (default: 21 rounds up to 2,000
// domains, whose runs last seconds and vary the most in proportion; 6 above). Figures to
// bench/results/runs.json.
//
//   node bench/runs.ts                 all configurations
//   node bench/runs.ts --memory        memory against register size: 5,000, 10,000 and 20,000
//                                      domains on SQLite (BENCH_MEMORY_SIZES=5000,...,40000),
//                                      40,000 domains scanned at each (BENCH_MEMORY_SCANS)
//   node bench/runs.ts --one N ENGINE [--no-replay [RUNS]]  one configuration (used by the above)
//   node bench/runs.ts --import STORE FILE   imports a register file (used by --one)
//
// MEETLAT_BENCH_HEAP_SNAPSHOT=DIR writes a heap snapshot of each run at 90 % (see snapshotHeap);
// MEETLAT_BENCH_CPU_PROFILE=DIR a CPU profile of the scanning thread during each run (see profileCpu);
// MEETLAT_BENCH_MEMORY_TRACE=FILE the process's memory every second (see traceMemory).
//
// The register is imported by a process of its own, as `meetlat register import` would: an
// import validates the whole file at once, so its memory is the file's, not the run's.

import { execFile } from "node:child_process";
import { appendFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Session } from "node:inspector/promises";
import { writeHeapSnapshot } from "node:v8";
import { importRegisterFile } from "../src/register/import-register.ts";
import type { RunHooks } from "../src/runs/run-service.ts";
import { openStore } from "../src/store/open-store.ts";
import type { Store } from "../src/store/store.ts";
import { MEETLAT_VERSION } from "../src/version.ts";
import { median, medianInterval } from "./median-interval.ts";
import { dropSchemas, schemaUrl } from "./pg-schemas.ts";
import { replayRun, scansOf } from "./replay-scans.ts";
import { importInOwnProcess, runAllDomains, startTestnetProcess } from "./run-fixture.ts";
import type { TestnetProcess } from "./run-fixture.ts";
import { withoutRecording } from "./without-storage.ts";

const SIZES = (process.env.BENCH_RUN_SIZES ?? "1000,10000").split(",").map(Number);
/** Register sizes of the memory benchmark: a run's memory must be the same at each. */
const MEMORY_SIZES = (process.env.BENCH_MEMORY_SIZES ?? "5000,10000,20000").split(",").map(Number);
/**
 * Domains the memory benchmark scans at each size, in as many runs as that takes (at least a
 * first and a repeat run). A process's peak RSS rises for minutes (V8 grows its heap and the
 * allocator keeps what it freed) and then levels off: with runs of equal total length, the sizes
 * compare registers, not process ages. (Two runs per size had 5,000 domains at 337 MiB and
 * 10,000 at 379, but 5,000 domains scanned 9 times over reached 413.)
 */
const MEMORY_SCANS = Number(process.env.BENCH_MEMORY_SCANS ?? 40_000);
const RESULTS_FILE = new URL("./results/runs.json", import.meta.url);
const PG_URL = process.env.MEETLAT_BENCH_DATABASE_URL ?? process.env.MEETLAT_TEST_DATABASE_URL;
/**
 * Rounds per configuration (see one()). Paired shares of single rounds ranged from −30 % to +24 %
 * on this machine, so eleven rounds (four at 10,000 domains) left the median a few points either
 * way; 21 and 6 took about 40 minutes in all.
 */
function roundsFor(domains: number): number {
  return Number(process.env.BENCH_RUN_ROUNDS ?? (domains <= 2000 ? 21 : 6));
}
/** Domains the warm-up runs scan before the measured runs (see one()). */
const WARM_UP_DOMAINS = 3000;
/** How often sampleLiveHeap collects and reads the heap. */
const LIVE_SAMPLE_MS = 5000;

interface RunFigures {
  /** The fastest of the rounds' runs (see `fastest`); `samples` each. */
  seconds: number;
  samples: number[];
  domainsPerMinute: number;
  /** Storage alone: the run's results replayed serially into an empty store (an upper bound). */
  storageSeconds: number;
  storageShare: number;
  /** What storage costs the run: this run's time less that of the same run recording nothing (fastest against fastest). */
  storageCostSeconds: number;
  storageCostShare: number;
  /** The same from the rounds' medians: less sensitive to one lucky run on either side. */
  storageCostMedianShare: number;
  /**
   * The same per round (this run against the same round's run recording nothing, minutes apart
   * at most), median of the rounds: what the machine's drifting speed moves least.
   */
  storageCostPairedShare: number;
  /**
   * Where that median lies with 95 % confidence (a bootstrap over the rounds, median-interval.ts):
   * how far apart two benchmarks of the same code may come out.
   */
  storageCostPairedInterval: [low: number, high: number];
  /** CPU of the scanning thread, and of the whole process (the recorder thread's included). */
  mainCpuSeconds: number;
  processCpuSeconds: number;
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
  /** The (last) warm-up run (recording nothing) before the measured ones, and the same run after them. */
  warmUpSeconds: number;
  withoutStorageSeconds: number;
  withoutStorageSamples: number[];
  withoutStorageMainCpuSeconds: number;
  /** Rounds of first, repeat and unrecorded run (each round in a fresh store). */
  rounds: number;
}

/**
 * Storage alone, measured apart from the scanning it interleaves with: the run's results are
 * replayed (replay-scans.ts) into a new store holding the register, in the run's average batch
 * size, as a first run and then as a repeat run (unchanged results). Returns the seconds of each.
 * The replay holds the run's results in memory, so it comes after the peak memory was read.
 */
async function replayStorage(source: Store, runId: number, url: string, batch: number): Promise<{ first: number; repeat: number }> {
  const scans = await scansOf(source, runId);
  const target = await openStore(url);
  try {
    return { first: (await replayRun(target, scans, batch)).seconds, repeat: (await replayRun(target, scans, batch)).seconds };
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

/** Seconds and CPU of one run: its wall time, the scanning (main) thread's CPU and the whole process's. */
interface Timed {
  seconds: number;
  mainCpuSeconds: number;
  processCpuSeconds: number;
}

function timer(): () => Timed {
  const started = performance.now();
  const main = process.threadCpuUsage();
  const all = process.cpuUsage();
  return () => {
    const m = process.threadCpuUsage(main);
    const a = process.cpuUsage(all);
    return { seconds: (performance.now() - started) / 1000, mainCpuSeconds: (m.user + m.system) / 1e6, processCpuSeconds: (a.user + a.system) / 1e6 };
  };
}

/**
 * The fastest of a configuration's rounds. Noise here only ever adds time (an unrecorded 10,000
 * domain run once took 41 s against 33 s before it), so the fastest round is the closest to what
 * the run itself costs; every round's figure is in `samples`.
 */
function fastest<T extends { seconds: number }>(runs: readonly T[]): T {
  return runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
}

/**
 * One configuration; without `replay` there is one round of `runs` runs (a first run, then
 * repeat runs) and the storage figures are 0 (the memory benchmark needs none). Identical runs
 * here vary by several percent, as much as the storage cost being measured, so a configuration
 * runs ROUNDS rounds, each a first run into an empty store, a repeat run and a run recording
 * nothing, interleaved, and reports the fastest.
 */
async function one(n: number, engine: string, replay = true, runs = 2): Promise<Figures> {
  const dir = await mkdtemp(join(tmpdir(), "meetlat-bench-runs-"));
  // The testnet process writes the register file and leaves the domain list out of the
  // descriptor, so this process never holds a list as long as the register (see there).
  const csv = join(dir, "register.csv");
  let server: TestnetProcess | undefined;
  const opened: Store[] = [];
  const schemas: string[] = [];
  const urls: string[] = [];
  try {
    server = await startTestnetProcess(n, join(dir, "testnet"), csv);
    const { descriptor } = server;
    const urlFor = (name: string) => {
      if (engine === "sqlite") return join(dir, `${name}.sqlite`);
      const { url, schema } = schemaUrl(PG_URL!, name);
      schemas.push(schema);
      return url;
    };
    /** A new store holding the register (imported by another process, as `meetlat register import` would). */
    const freshStore = async (name: string) => {
      const url = urlFor(name);
      await importInOwnProcess(url, csv);
      urls.push(url);
      return url;
    };
    /**
     * One run on the store at `url`, opened for it as `meetlat run` opens it (results recorded on
     * a thread of their own) and closed after it: each run pays alike for its connections and its
     * recorder thread. (Runs on one open store favoured the later ones: the first run opened the
     * PostgreSQL pool's connections and started the recorder thread for the others.)
     */
    const onStore = async <T>(url: string, run: (store: Store) => Promise<T>): Promise<T> => {
      const store = await openStore(url, { recordOnOwnThread: true });
      opened.push(store);
      try {
        return await run(store);
      } finally {
        opened.splice(opened.indexOf(store), 1);
        await store.close();
      }
    };
    // The group commit's batches, counted: the replay writes batches of their average size.
    const batches = { calls: 0, domains: 0 };
    const counted = (raw: Store): Store => ({ ...raw, runs: { ...raw.runs, record: (id, scans, at) => { batches.calls++; batches.domains += scans.length; return raw.runs.record(id, scans, at); } } });
    /** The run every measurement makes: all domains, web + mail, 64 at a time. */
    const runAll = (store: Store, hooks: Omit<RunHooks, "openSetup">) => runAllDomains(store, descriptor, hooks);
    const measure = async (store: Store, label: string) => {
      const profiling = await profileCpu(n, label);
      const stop = timer();
      const snapshotAt = Math.floor(n * 0.9);
      const outcome = await runAll(counted(store), { requestedBy: "bench", onProgress: (p) => { if (p.done === snapshotAt && !p.retrying) snapshotHeap(n, label); } });
      const timed = stop();
      await profiling.stop();
      return { outcome, ...timed };
    };
    // The same run recording nothing: before the measured ones, to warm up (the first run of a
    // process over the simulated internet took 9 s longer at 10,000 domains, recording or not;
    // at 1,000 domains the first rounds after a single warm-up run were still the slowest, so
    // WARM_UP_DOMAINS are scanned in all), and once per round, as the run without storage.
    const unrecorded = async (store: Store, label: string) => {
      const profiling = await profileCpu(n, label);
      const stop = timer();
      await runAll(withoutRecording(store), { requestedBy: "bench (recording nothing)" });
      const timed = stop();
      await profiling.stop();
      return timed;
    };
    const live = sampleLiveHeap();
    const trace = traceMemory();
    const rounds = replay ? roundsFor(n) : 1;
    const firsts: Awaited<ReturnType<typeof measure>>[] = [];
    const repeats: Awaited<ReturnType<typeof measure>>[] = [];
    const withouts: Timed[] = [];
    let warmUp: Timed | undefined;
    let averageBatch = 1;
    for (let round = 0; round < rounds; round++) {
      const url = await freshStore(`bench${round}`);
      if (replay && round === 0) {
        for (let i = 0; i < Math.max(1, Math.round(WARM_UP_DOMAINS / n)); i++) warmUp = await onStore(url, (store) => unrecorded(store, `warm-up-${i}`));
      }
      // The run recording nothing takes each place in turn: before the first run, between it and
      // the repeat, after the repeat. The machine's speed drifts over minutes (unrecorded
      // 10,000-domain runs once took 56, 56, 49 and 46 s in successive rounds), and always
      // running it last had it gain from every speed-up and lose from every slow-down.
      const withoutAt = round % 3;
      const without = async () => { if (replay) withouts.push(await onStore(url, (store) => unrecorded(store, `unrecorded-${round}`))); };
      if (withoutAt === 0) await without();
      firsts.push(await onStore(url, (store) => measure(store, `first-${round}`)));
      if (round === 0) averageBatch = Math.max(1, Math.round(batches.domains / Math.max(1, batches.calls)));
      if (withoutAt === 1) await without();
      repeats.push(await onStore(url, (store) => measure(store, `repeat-${round}`)));
      for (let more = 2; !replay && more < runs; more++) repeats.push(await onStore(url, (store) => measure(store, `repeat-${round}-${more}`)));
      if (withoutAt === 2) await without();
    }
    const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
    const liveHeapMiB = live.stop();
    trace.stop();
    let storage = { first: 0, repeat: 0 };
    if (replay) {
      const source = await openStore(urls[0]!);
      opened.push(source);
      storage = await replayStorage(source, firsts[0]!.outcome.run.id, await freshStore("replay"), averageBatch);
    }
    const without = withouts.length > 0 ? fastest(withouts) : { seconds: 0, mainCpuSeconds: 0 };
    const figures = (ms: typeof firsts, storageSeconds: number): RunFigures => {
      const best = fastest(ms);
      const seconds = best.seconds;
      const cost = seconds - without.seconds;
      const medianSeconds = median(ms.map((m) => m.seconds));
      const medianCost = replay ? medianSeconds - median(withouts.map((w) => w.seconds)) : 0;
      const pairedShares = ms.map((m, round) => (m.seconds - (withouts[round]?.seconds ?? m.seconds)) / m.seconds);
      return {
        seconds: +seconds.toFixed(1), samples: ms.map((m) => +m.seconds.toFixed(2)), domainsPerMinute: Math.round((ms[0]!.outcome.summary.domains / seconds) * 60),
        storageSeconds: +storageSeconds.toFixed(2), storageShare: +(storageSeconds / seconds).toFixed(3),
        storageCostSeconds: replay ? +cost.toFixed(2) : 0, storageCostShare: replay ? +(cost / seconds).toFixed(3) : 0,
        storageCostMedianShare: replay ? +(medianCost / medianSeconds).toFixed(3) : 0,
        storageCostPairedShare: replay ? +median(pairedShares).toFixed(3) : 0,
        storageCostPairedInterval: replay ? medianInterval(pairedShares).map((x) => +x.toFixed(3)) as [number, number] : [0, 0],
        mainCpuSeconds: +best.mainCpuSeconds.toFixed(1), processCpuSeconds: +best.processCpuSeconds.toFixed(1),
        errors: Math.max(...ms.map((m) => m.outcome.summary.errorDomains)),
      };
    };
    return {
      domains: firsts[0]!.outcome.summary.domains, engine, rounds, first: figures(firsts, storage.first), repeat: figures(repeats, storage.repeat),
      warmUpSeconds: +(warmUp?.seconds ?? 0).toFixed(1), withoutStorageSeconds: +without.seconds.toFixed(1), withoutStorageSamples: withouts.map((w) => +w.seconds.toFixed(2)),
      withoutStorageMainCpuSeconds: +without.mainCpuSeconds.toFixed(1), peakRssMiB, liveHeapMiB, averageBatch,
    };
  } finally {
    for (const store of opened) await store.close();
    if (engine === "postgres") await dropSchemas(PG_URL!, schemas);
    server?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function machine() {
  return { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
}

/** The figures file as it is, so that each mode replaces only its own part. */
async function readResults(): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(RESULTS_FILE, "utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

async function runOne(n: number, engine: string, ...extra: string[]): Promise<Figures> {
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", new URL(import.meta.url).pathname, "--one", String(n), engine, ...extra], { maxBuffer: 1 << 20, timeout: 30 * 60_000 });
  return JSON.parse(stdout) as Figures;
}

export async function benchRuns(): Promise<void> {
  const engines = ["sqlite", ...(PG_URL ? ["postgres"] : [])];
  const results: Figures[] = [];
  for (const n of SIZES) {
    for (const engine of engines) {
      const f = await runOne(n, engine);
      results.push(f);
      const line = (label: string, r: RunFigures) => `  ${String(f.domains).padStart(6)} domains, ${f.engine.padEnd(8)} ${label}: ${r.domainsPerMinute} domains/min (${r.samples.join(" / ")} s), storage costs the run ${(r.storageCostShare * 100).toFixed(1)} % (${r.storageCostSeconds} s; medians ${(r.storageCostMedianShare * 100).toFixed(1)} %, paired ${(r.storageCostPairedShare * 100).toFixed(1)} %, 95 % ${r.storageCostPairedInterval.map((x) => (x * 100).toFixed(1)).join("…")} %), alone ${(r.storageShare * 100).toFixed(1)} % (${r.storageSeconds} s); CPU ${r.mainCpuSeconds} s scanning thread, ${r.processCpuSeconds} s process; ${r.errors} in error\n`;
      process.stdout.write(line("first run ", f.first) + line("repeat run", f.repeat) + `  ${" ".repeat(6)}         without storage ${f.withoutStorageSamples.join(" / ")} s (CPU ${f.withoutStorageMainCpuSeconds} s scanning thread; warm-up ${f.warmUpSeconds} s), peak memory ${f.peakRssMiB} MiB (live heap at most ${f.liveHeapMiB} MiB), ${f.averageBatch} domains per transaction\n`);
    }
  }
  if (!PG_URL) process.stdout.write("  (PostgreSQL skipped: set MEETLAT_BENCH_DATABASE_URL or MEETLAT_TEST_DATABASE_URL)\n");
  const { memory } = await readResults();
  const figures = {
    meetlat: MEETLAT_VERSION, date: new Date().toISOString(),
    machine: machine(),
    note: "web + mail tests, concurrency 64; results recorded on a thread of their own, as meetlat run does; each configuration warms up with runs recording nothing (3,000 domains in all, at least one run), then plays `rounds` rounds of a first run into an empty store, a repeat run and the same run recording nothing (before the first run, between the two or after the repeat, in turn), each run opening the store and closing it after, as meetlat run does; seconds are the rounds' fastest (noise only adds); storage cost = the run's time less that of the run recording nothing (fastest against fastest; storageCostMedianShare: median against median; storageCostPairedShare: the median of the rounds' own shares, each run against the unrecorded run of its round; storageCostPairedInterval: where that median lies with 95 % confidence, a percentile bootstrap over the rounds with a fixed seed); CPU of the scanning thread and of the whole process; storage alone = the run's results (judged again from their evidence, as a run builds them, one RPKI data description shared by all) replayed serially into a new store holding the register, each replay planning its run first as a run does, in the first run's average batch size (first) and again (repeat); peak memory of the run process (register imported by another process) before the replay; live heap = the most heap in use right after a full collection, sampled every 5 s",
    results,
    // The memory benchmark's figures (--memory) are kept as they were.
    ...(memory === undefined ? {} : { memory }),
  };
  await writeFile(RESULTS_FILE, JSON.stringify(figures, null, 2) + "\n");
  process.stdout.write("  written to bench/results/runs.json\n");
}

interface MemoryRow {
  domains: number;
  engine: string;
  peakRssMiB: number;
  liveHeapMiB: number;
  firstDomainsPerMinute: number;
  repeatDomainsPerMinute: number;
  errors: number;
}

/**
 * Memory against register size: a first run and repeat runs at each of MEMORY_SIZES on SQLite,
 * MEMORY_SCANS domains in all at each, each size in a fresh process, without the storage replay.
 * A run must hold the same at every size (streamed work list, bounded caches); the figures go to
 * the `memory` part of runs.json.
 */
export async function benchMemory(): Promise<void> {
  const rows: MemoryRow[] = [];
  process.stdout.write("  domains   live heap   peak RSS   first run      repeat run   (SQLite, web + mail, 64 at a time)\n");
  for (const n of MEMORY_SIZES) {
    const f = await runOne(n, "sqlite", "--no-replay", String(Math.max(2, Math.round(MEMORY_SCANS / n))));
    const row: MemoryRow = {
      domains: f.domains, engine: f.engine, peakRssMiB: f.peakRssMiB, liveHeapMiB: f.liveHeapMiB,
      firstDomainsPerMinute: f.first.domainsPerMinute, repeatDomainsPerMinute: f.repeat.domainsPerMinute, errors: f.first.errors + f.repeat.errors,
    };
    rows.push(row);
    process.stdout.write(`  ${String(row.domains).padStart(7)} ${String(row.liveHeapMiB).padStart(7)} MiB ${String(row.peakRssMiB).padStart(6)} MiB ${String(row.firstDomainsPerMinute).padStart(7)} / min ${String(row.repeatDomainsPerMinute).padStart(7)} / min${row.errors ? `   ${row.errors} in error` : ""}\n`);
  }
  const [smallest, largest] = [rows[0]!, rows[rows.length - 1]!];
  const growth = { liveHeapMiB: largest.liveHeapMiB - smallest.liveHeapMiB, peakRssMiB: largest.peakRssMiB - smallest.peakRssMiB };
  process.stdout.write(`  from ${smallest.domains} to ${largest.domains} domains: live heap ${growth.liveHeapMiB >= 0 ? "+" : ""}${growth.liveHeapMiB} MiB, peak RSS ${growth.peakRssMiB >= 0 ? "+" : ""}${growth.peakRssMiB} MiB\n`);
  const memory = {
    meetlat: MEETLAT_VERSION, date: new Date().toISOString(), machine: machine(),
    note: `memory against register size: a first run and repeat runs (web + mail, concurrency 64) on SQLite, ${MEMORY_SCANS} domains scanned at each size (so that the process lives about as long at each: its peak RSS rises for minutes, then levels off), each size in a fresh process; live heap = the most heap in use right after a full collection, sampled every 5 s; peak RSS of the run process`,
    results: rows, growth,
  };
  await writeFile(RESULTS_FILE, JSON.stringify({ ...(await readResults()), memory }, null, 2) + "\n");
  process.stdout.write("  written to bench/results/runs.json (memory)\n");
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  if (args[0] === "--one") process.stdout.write(JSON.stringify(await one(Number(args[1]), args[2]!, args[3] !== "--no-replay", Number(args[4] ?? 2))) + "\n");
  else if (args[0] === "--memory") await benchMemory();
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

/**
 * With MEETLAT_BENCH_HEAP_SNAPSHOT=DIR, writes a heap snapshot after a full collection once a run
 * is 90 % done (DIR/runs-N-first.heapsnapshot, ...-repeat...), to find what a run keeps per domain.
 */
function snapshotHeap(n: number, label: string): void {
  const dir = process.env.MEETLAT_BENCH_HEAP_SNAPSHOT;
  if (!dir) return;
  (globalThis as { gc?: () => void }).gc?.();
  writeHeapSnapshot(join(dir, `runs-${n}-${label}.heapsnapshot`));
}

/**
 * With MEETLAT_BENCH_CPU_PROFILE=DIR, profiles the scanning thread during one run and writes
 * DIR/runs-N-label.cpuprofile (for Chrome's DevTools): to see what recording adds to that
 * thread's work, against the same run recording nothing. The recorder thread is not profiled.
 */
async function profileCpu(n: number, label: string): Promise<{ stop(): Promise<void> }> {
  const dir = process.env.MEETLAT_BENCH_CPU_PROFILE;
  if (!dir) return { stop: async () => {} };
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop() {
      const { profile } = await session.post("Profiler.stop");
      await writeFile(join(dir, `runs-${n}-${label}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/**
 * With MEETLAT_BENCH_MEMORY_TRACE=FILE, appends the process's memory every second: seconds, RSS,
 * V8 heap committed and used, and memory outside the V8 heap (RSS less the heap committed: native
 * allocations, the recorder thread's heap, code), all in MiB. It showed a run's RSS growing
 * outside the heap, which /proc/PID/smaps then placed in one thread's malloc arena.
 */
function traceMemory(): { stop(): void } {
  const file = process.env.MEETLAT_BENCH_MEMORY_TRACE;
  if (!file) return { stop() {} };
  const started = performance.now();
  const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    appendFileSync(file, `${Math.round((performance.now() - started) / 1000)},${mib(m.rss)},${mib(m.heapTotal)},${mib(m.heapUsed)},${mib(m.rss - m.heapTotal)}\n`);
  }, 1000);
  appendFileSync(file, "seconds,rss,heap_committed,heap_used,outside_heap\n");
  return { stop: () => clearInterval(timer) };
}
