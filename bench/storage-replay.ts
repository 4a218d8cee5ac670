// Storage alone, for tuning: records a run's results (captured once from a real run over the
// simulated internet, kept in a SQLite file) into a store holding only the register, as a first
// run and a repeat run (each planned first, as a run is), in the run's batch size, and prints the
// seconds of each. The capture is reused between invocations, so storage changes can be compared
// on exactly the same results.
//
//   node bench/storage-replay.ts N ENGINE [CAPTURE_DIR] [--as-read]     ENGINE: sqlite | postgres
//   BENCH_REPLAY_BATCH=N   domains per transaction (default 64)
//
// The results are judged again from the stored evidence (src/scan/judge.ts), as a live run builds them
// (with one RPKI data description shared by all domains, as in a run);
// --as-read replays them as read back from the store instead.

import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { importRegisterFile } from "../src/register/import-register.ts";
import type { DomainScan } from "../src/scan/engine.ts";
import { openStore } from "../src/store/open-store.ts";
import { loadTestnetDescriptor } from "../src/testnet/descriptor.ts";
import { dropSchemas, schemaUrl } from "./pg-schemas.ts";
import { replayRun, scansOf } from "./replay-scans.ts";
import type { ReplayTiming } from "./replay-scans.ts";
import { runAllDomains, startTestnetProcess } from "./run-fixture.ts";

/** Domains per transaction (BENCH_REPLAY_BATCH): a run averages 70–110 (its group commit). */
const BATCH = Number(process.env.BENCH_REPLAY_BATCH ?? 64);

async function capture(n: number, file: string, dir: string): Promise<void> {
  const server = await startTestnetProcess(n, join(dir, "testnet"));
  try {
    const { descriptor } = server;
    const domains = (await loadTestnetDescriptor(descriptor)).domains.map((d) => d.domain);
    const csv = join(dir, `register-${n}.csv`);
    await writeFile(csv, ["domain,purpose,organisation,organisation_type", ...domains.map((d, i) => `${d},both,Gemeente ${i % 342},gemeente`)].join("\n") + "\n");
    const store = await openStore(file);
    try {
      if (!(await importRegisterFile(store.register, csv)).ok) throw new Error("register import failed");
      await runAllDomains(store, descriptor, { requestedBy: "capture" });
    } finally {
      await store.close();
    }
  } finally {
    server.stop();
  }
}

async function replay(file: string, url: string, register: string, asRead: boolean): Promise<{ first: ReplayTiming; repeat: ReplayTiming; domains: number }> {
  const source = await openStore(file);
  let scans: DomainScan[] = [];
  try {
    const [run] = await source.runs.list({ limit: 1 });
    if (asRead) for await (const r of source.runs.results(run!.id)) scans.push({ domain: r.domain, evidence: r.evidence!, results: r.results });
    else scans = await scansOf(source, run!.id);
  } finally {
    await source.close();
  }
  const target = await openStore(url);
  try {
    if (!(await importRegisterFile(target.register, register)).ok) throw new Error("register import failed");
    return { first: await replayRun(target, scans, BATCH), repeat: await replayRun(target, scans, BATCH), domains: scans.length };
  } finally {
    await target.close();
  }
}

const args = process.argv.slice(2).filter((a) => a !== "--as-read");
const asRead = process.argv.includes("--as-read");
const [count, engine, dirArg] = args;
const n = Number(count);
const dir = dirArg ?? "/tmp/meetlat-storage-replay";
await mkdir(dir, { recursive: true });
const file = join(dir, `capture-${n}.sqlite`);
if (!existsSync(file)) await capture(n, file, dir);
const pg = process.env.MEETLAT_BENCH_DATABASE_URL ?? process.env.MEETLAT_TEST_DATABASE_URL;
const targetFile = join(dir, `replay-${process.pid}.sqlite`);
const target = engine === "postgres" ? schemaUrl(pg!, "replay") : { url: targetFile, schema: "" };
const url = target.url;
try {
  const r = await replay(file, url, join(dir, `register-${n}.csv`), asRead);
  const round = (t: ReplayTiming) => ({ seconds: +t.seconds.toFixed(2), cpuSeconds: +t.cpuSeconds.toFixed(2) });
  process.stdout.write(`${JSON.stringify({ engine, domains: r.domains, first: round(r.first), repeat: round(r.repeat) })}\n`);
} finally {
  // Schemas left behind would pile up in the test database (and its caches) run after run.
  if (engine === "postgres") await dropSchemas(pg!, [target.schema]);
  await rm(targetFile, { force: true });
  await rm(`${targetFile}-wal`, { force: true });
  await rm(`${targetFile}-shm`, { force: true });
}
