// The storage work of a run, replayed: a run's results recorded into a store as `meetlat run`
// records them, with the domains in the register and the run planned first (its pending rows
// then become results), in the run's batch size, serially and with nothing to overlap with. Used
// by the runs benchmark ("storage alone") and by storage-replay.ts for tuning.

import type { DomainScan } from "../src/scan/engine.ts";
import type { Store } from "../src/store/store.ts";
import { judgeScan } from "../src/scan/judge.ts";
import { runWideValuesShared } from "./run-wide-values.ts";

export interface ReplayTiming {
  seconds: number;
  /** CPU time of this process (user + system): the recorder's own work, apart from the database server's. */
  cpuSeconds: number;
}

/**
 * A run's results judged again from their evidence, so that details share objects with it (and
 * the domains the RPKI data description) as in the run itself.
 */
export async function scansOf(source: Store, runId: number): Promise<DomainScan[]> {
  const scans: DomainScan[] = [];
  const shared = runWideValuesShared();
  for await (const r of source.runs.results(runId)) scans.push(judgeScan(r.domain, shared(r.evidence!), r.results.map((x) => x.type)));
  return scans;
}

/** One run's planning and recording of `scans` into `target`, whose register holds their domains. */
export async function replayRun(target: Store, scans: readonly DomainScan[], batch: number): Promise<ReplayTiming> {
  const run = await target.runs.create({ requestedBy: "bench", testTypes: ["web", "mail"] });
  const started = performance.now();
  const cpu = process.cpuUsage();
  await target.runs.plan(run.id, scans.map((s) => s.domain), ["web", "mail"]);
  for (let i = 0; i < scans.length; i += batch) await target.runs.record(run.id, scans.slice(i, i + batch));
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}
