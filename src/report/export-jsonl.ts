// The open-data export of a whole run as JSON Lines (docs/open-data.schema.json describes a
// line): first a header line with the run's metadata, then one line per domain in name order
// with its purpose, its organisations (as linked when it was measured), its results per test
// type and the evidence behind them. Streamed a page of domains at a time, waiting for the
// output to drain, so memory does not grow with the run. Who started the run is left out.

import { once } from "node:events";
import type { Writable } from "node:stream";
import type { RunDomainResult, Store } from "../store/store.ts";
import { MEETLAT_VERSION } from "../version.ts";

export const OPEN_DATA_SCHEMA_VERSION = 1;

const PAGE_SIZE = 100;

export async function exportRun(store: Store, runId: number, out: Writable, now: () => Date = () => new Date()): Promise<{ domains: number }> {
  const run = await store.runs.get(runId);
  if (!run) throw new Error(`there is no run ${runId}`);
  await writeLine(out, {
    kind: "run",
    schemaVersion: OPEN_DATA_SCHEMA_VERSION,
    meetlatVersion: MEETLAT_VERSION,
    exportedAt: now().toISOString(),
    run: {
      id: run.id, startedAt: run.startedAt, finishedAt: run.finishedAt, status: run.status, testTypes: run.testTypes,
      options: run.options, versions: run.versions, trustAnchor: run.trustAnchor, dataSources: run.dataSources,
    },
  });
  let domains = 0;
  let page: RunDomainResult[] = [];
  const flush = async () => {
    const register = await store.register.domainsAsOf(page.map((r) => ({ domain: r.domain, at: r.recordedAt })));
    for (const r of page) {
      const known = register.get(r.domain);
      await writeLine(out, {
        kind: "domain",
        domain: r.domain,
        recordedAt: r.recordedAt,
        purpose: known?.purpose ?? null,
        organisations: known?.organisations ?? [],
        results: r.results.map((t) => ({ type: t.type, score: t.score, tests: t.tests })),
        evidence: r.evidence ?? null,
      });
      domains += 1;
    }
    page = [];
  };
  for await (const r of store.runs.results(runId, { evidence: true, pageSize: PAGE_SIZE })) {
    page.push(r);
    if (page.length >= PAGE_SIZE) await flush();
  }
  if (page.length > 0) await flush();
  return { domains };
}

async function writeLine(out: Writable, value: unknown): Promise<void> {
  if (!out.write(JSON.stringify(value) + "\n")) await once(out, "drain");
}
