// Where a recorded run's extra time goes, for tuning the recorder (bench/runs.ts gives the figures
// the README quotes). Each round plays a run recording nothing, the variant's run and a run
// recording nothing again, and measures the variant against the mean of the two around it, which
// cancels the machine's drift over the round. For every run it reads the CPU of the scanning
// thread, of V8's helper threads (which compile and collect for every isolate of the process, in
// the background as `meetlat run` has them), of worker threads (the recorder's), of the database
// server and of the simulated internet's process, and how long the scanning thread and the
// simulated internet waited for a CPU while they could have run (the kernel's run-queue wait),
// from /proc: Linux only.
//
//   node bench/storage-cost-split.ts [N] [ENGINE] [ROUNDS]        defaults: 1000 sqlite 12
//
// BENCH_SPLIT_VARIANT chooses what the middle run does:
//   record                  a first run into the round's empty store, recorded as `meetlat run` does
//   handover                each batch handed to a thread that throws it away, as the recorder thread is
//                           handed it (hand-over.ts): the hand-over alone
//   burn:NICE:BUSY:GAP      recording nothing, while a thread at nice NICE burns the CPU for BUSY ms
//                           every GAP ms: what work on the second core costs the scanning
// PostgreSQL (ENGINE postgres) takes MEETLAT_BENCH_DATABASE_URL or MEETLAT_TEST_DATABASE_URL.

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { DomainScan } from "../src/scan/judge.ts";
import { handOverForm } from "../src/store/hand-over.ts";
import { openStore } from "../src/store/open-store.ts";
import type { Store } from "../src/store/store.ts";
import { median } from "./median-interval.ts";
import { dropSchemas, schemaUrl } from "./pg-schemas.ts";
import { cpuGained, namedProcessesCpuMs, processCpuMs, processRunQueueWaitMs, threadCpuMs, threadRunQueueWaitMs } from "./proc-cpu.ts";
import { importInOwnProcess, runAllDomains, startTestnetProcess } from "./run-fixture.ts";
import type { TestnetProcess } from "./run-fixture.ts";
import { withoutRecording } from "./without-storage.ts";

const WARM_UP_DOMAINS = 3000;
const PG_URL = process.env.MEETLAT_BENCH_DATABASE_URL ?? process.env.MEETLAT_TEST_DATABASE_URL;

/** Whose CPU a run's is counted as: the scanning thread, V8's helper threads, worker threads, the rest of this process, the database server, the simulated internet. */
const CPU_PARTS = ["scanning", "v8Helpers", "workers", "otherThreads", "database", "testnet"] as const;
type CpuPart = (typeof CPU_PARTS)[number];

/** Whose waits for a CPU are counted: the scanning thread's, and the simulated internet's (all its threads). */
const WAIT_PARTS = ["scanningWaited", "testnetWaited"] as const;
type WaitPart = (typeof WAIT_PARTS)[number];

/** Where one run's time and CPU went, and how long it waited for a CPU (milliseconds). */
type RunSplit = { ms: number } & Record<CpuPart | WaitPart, number>;

type Variant = { kind: "record" } | { kind: "handover" } | { kind: "burn"; nice: number; busyMs: number; gapMs: number };

function parseVariant(text: string): Variant {
  if (text === "record" || text === "handover") return { kind: text };
  const burn = /^burn:(-?\d+):(\d+):(\d+)$/.exec(text);
  if (burn) return { kind: "burn", nice: Number(burn[1]), busyMs: Number(burn[2]), gapMs: Number(burn[3]) };
  throw new Error(`BENCH_SPLIT_VARIANT: "${text}" is none of record, handover, burn:NICE:BUSY:GAP`);
}

/** Replies to each batch at once: the run pays for the hand-over (a structured clone) and nothing else. */
const SINK = `const { parentPort } = require("node:worker_threads"); parentPort.on("message", (m) => parentPort.postMessage(m.id));`;


/** A store whose recording hands each batch to a thread that throws it away. */
function handingOver(store: Store): { store: Store; stop(): Promise<void> } {
  const sink = new Worker(SINK, { eval: true });
  const waiting = new Map<number, () => void>();
  let next = 0;
  sink.on("message", (id: number) => { waiting.get(id)?.(); waiting.delete(id); });
  const record = (_runId: number, scans: readonly DomainScan[]) => new Promise<void>((resolve) => {
    const id = next++;
    waiting.set(id, resolve);
    sink.postMessage({ id, scans: scans.map(handOverForm) });
  });
  return { store: { ...store, runs: { ...store.runs, record, prepareRecording: () => {} } }, stop: async () => { await sink.terminate(); } };
}

async function measure(testnet: TestnetProcess, engine: string, run: () => Promise<unknown>): Promise<RunSplit> {
  const threads = threadCpuMs();
  const database = engine === "postgres" ? namedProcessesCpuMs("postgres") : 0;
  const net = processCpuMs(testnet.process.pid!);
  const waited = { scanning: threadRunQueueWaitMs(), testnet: processRunQueueWaitMs(testnet.process.pid!) };
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  const gained = cpuGained(threads, threadCpuMs());
  const sum = (test: (key: string) => boolean) => [...gained].filter(([key]) => test(key)).reduce((a, [, v]) => a + v, 0);
  const isScanning = (k: string) => k.startsWith("MainThread/");
  const isHelper = (k: string) => k.startsWith("V8Worker/");
  const isWorker = (k: string) => k.startsWith("WorkerThread/");
  return {
    ms, scanning: sum(isScanning), v8Helpers: sum(isHelper), workers: sum(isWorker),
    otherThreads: sum((k) => !isScanning(k) && !isHelper(k) && !isWorker(k)),
    database: engine === "postgres" ? namedProcessesCpuMs("postgres") - database : 0,
    testnet: processCpuMs(testnet.process.pid!) - net,
    scanningWaited: threadRunQueueWaitMs() - waited.scanning,
    testnetWaited: processRunQueueWaitMs(testnet.process.pid!) - waited.testnet,
  };
}

function describeRun(label: string, r: RunSplit): string {
  return `${label.padEnd(10)} ${Math.round(r.ms).toString().padStart(5)} ms   CPU: ${describeParts(CPU_PARTS, r)}; waited for a CPU: ${describeParts(WAIT_PARTS, r)}`;
}

function describeParts(parts: readonly (CpuPart | WaitPart)[], ms: Record<CpuPart | WaitPart, number>): string {
  return parts.map((p) => `${p} ${Math.round(ms[p])}`).join(", ");
}

async function main(): Promise<void> {
  const [nArg, engineArg, roundsArg] = process.argv.slice(2);
  const n = Number(nArg ?? 1000);
  const engine = engineArg ?? "sqlite";
  const rounds = Number(roundsArg ?? 12);
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(rounds) || rounds < 1) throw new Error("usage: node bench/storage-cost-split.ts [N] [sqlite|postgres] [ROUNDS]");
  if (engine !== "sqlite" && engine !== "postgres") throw new Error(`engine "${engine}": sqlite or postgres`);
  const variantText = process.env.BENCH_SPLIT_VARIANT ?? "record";
  const variant = parseVariant(variantText);
  if (engine === "postgres" && !PG_URL) throw new Error("PostgreSQL needs MEETLAT_BENCH_DATABASE_URL or MEETLAT_TEST_DATABASE_URL");
  const dir = await mkdtemp(join(tmpdir(), "meetlat-cost-split-"));
  const csv = join(dir, "register.csv");
  const schemas: string[] = [];
  let testnet: TestnetProcess | undefined;
  try {
    testnet = await startTestnetProcess(n, join(dir, "testnet"), csv);
    const net = testnet;
    const freshStore = async (name: string) => {
      let url = join(dir, `${name}.sqlite`);
      if (engine === "postgres") {
        const location = schemaUrl(PG_URL!, name);
        schemas.push(location.schema);
        url = location.url;
      }
      await importInOwnProcess(url, csv);
      return url;
    };
    /** A run on the store at `url`, opened and closed around it as `meetlat run` does: the variant's, or one recording nothing. */
    const runOn = async (url: string, isVariant: boolean) => {
      const store = await openStore(url, { recordOnOwnThread: true });
      const handover = isVariant && variant.kind === "handover" ? handingOver(store) : undefined;
      const burner = isVariant && variant.kind === "burn" ? new Worker(new URL("./cpu-burner.ts", import.meta.url), { workerData: variant }) : undefined;
      const target = handover?.store ?? (isVariant && variant.kind === "record" ? store : withoutRecording(store));
      try {
        return await measure(net, engine, () => runAllDomains(target, net.descriptor, { requestedBy: "bench (cost split)" }));
      } finally {
        await burner?.terminate();
        await handover?.stop();
        await store.close();
      }
    };
    process.stdout.write(`${n} domains, ${engine}, variant ${variantText}, ${rounds} rounds\n`);
    const shares: number[] = [];
    const parts = [...CPU_PARTS, ...WAIT_PARTS];
    const extra = Object.fromEntries(parts.map((p) => [p, [] as number[]])) as Record<CpuPart | WaitPart, number[]>;
    for (let round = 0; round < rounds; round++) {
      const url = await freshStore(`split${round}`);
      if (round === 0) for (let i = 0; i < Math.max(1, Math.round(WARM_UP_DOMAINS / n)); i++) await runOn(url, false);
      const before = await runOn(url, false);
      const middle = await runOn(url, true);
      const after = await runOn(url, false);
      const mean = (part: keyof RunSplit) => (before[part] + after[part]) / 2;
      const share = (middle.ms - mean("ms")) / middle.ms;
      shares.push(share);
      for (const p of parts) extra[p].push(middle[p] - mean(p));
      process.stdout.write(`round ${round + 1}: costs ${(share * 100).toFixed(1)} %\n  ${describeRun("before", before)}\n  ${describeRun("variant", middle)}\n  ${describeRun("after", after)}\n`);
    }
    const medians = Object.fromEntries(parts.map((p) => [p, median(extra[p])])) as Record<CpuPart | WaitPart, number>;
    process.stdout.write(`median over ${rounds} rounds: the variant's run costs ${(median(shares) * 100).toFixed(1)} % of its time; extra CPU (ms): ${describeParts(CPU_PARTS, medians)}; extra waits for a CPU (ms): ${describeParts(WAIT_PARTS, medians)}\n`);
  } finally {
    testnet?.stop();
    if (engine === "postgres") await dropSchemas(PG_URL!, schemas);
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
