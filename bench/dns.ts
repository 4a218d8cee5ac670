// The DNS benchmark: validated lookups and DNS tests per second against the simulated internet
// on this machine; figures to bench/results/dns.json. Everything runs on loopback; the request
// loops are bounded by the number of domains.
//
//   BENCH_DOMAINS=2000 node bench/dns.ts

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { TYPE } from "../src/dns/rdata.ts";
import { scanDomain } from "../src/scan/engine.ts";
import { createScanSetup } from "../src/scan/setup.ts";
import { MEETLAT_VERSION } from "../src/version.ts";

const DOMAINS = Number(process.env.BENCH_DOMAINS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
  return (performance.now() - started) / 1000;
}

export async function benchDns(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "meetlat-bench-"));
  const worker = new Worker(new URL("./testnet-worker.ts", import.meta.url), { workerData: { domains: DOMAINS, dir } });
  const ready = await new Promise<{ descriptor: string; buildMs: number; domains: string[] }>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const domains = ready.domains;
  try {
    // 0. Warm-up: the testnet signs zones lazily and V8 compiles the hot paths; neither is
    //    meetlat's steady-state cost, so one untimed pass goes first.
    const warm = await createScanSetup({ resolvers: [], allowTargets: [], testnetFile: ready.descriptor });
    await inParallel(domains, CONCURRENCY, async (d) => { await scanDomain(warm.ctx, d, ["web", "mail"]); });

    // 1. Validated lookups: each domain's SOA validated from the trust anchor, cold cache.
    const v = await createScanSetup({ resolvers: [], allowTargets: [], testnetFile: ready.descriptor });
    const security: Record<string, number> = {};
    const validateSecs = await inParallel(domains, CONCURRENCY, async (d) => {
      const r = await v.ctx.validator.validate(d, TYPE.SOA);
      security[r.security] = (security[r.security] ?? 0) + 1;
    });

    // 2. DNS tests: the full web + mail scan of every domain, cold cache.
    const s = await createScanSetup({ resolvers: [], allowTargets: [], testnetFile: ready.descriptor });
    let tests = 0;
    let errors = 0;
    const scanSecs = await inParallel(domains, CONCURRENCY, async (d) => {
      const scan = await scanDomain(s.ctx, d, ["web", "mail"]);
      for (const r of scan.results) for (const t of Object.values(r.tests)) { tests++; if (t.status === "error") errors++; }
    });

    const figures = {
      meetlat: MEETLAT_VERSION,
      date: new Date().toISOString(),
      machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      domains: domains.length,
      concurrency: CONCURRENCY,
      testnetBuildSeconds: +(ready.buildMs / 1000).toFixed(2),
      validatedLookups: { perSecond: Math.round(domains.length / validateSecs), seconds: +validateSecs.toFixed(2), security },
      dnsTests: { perSecond: Math.round(tests / scanSecs), domainsPerMinute: Math.round((domains.length / scanSecs) * 60), tests, errors, seconds: +scanSecs.toFixed(2) },
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    await writeFile(new URL("./results/dns.json", import.meta.url), JSON.stringify(figures, null, 2) + "\n");
    process.stdout.write(
      `meetlat ${MEETLAT_VERSION} on ${figures.machine.cpu} (${figures.machine.cores} cores), ${figures.machine.node}\n` +
      `  simulated domains:           ${domains.length} (testnet built in ${figures.testnetBuildSeconds} s)\n` +
      `  validated lookups (SOA):     ${figures.validatedLookups.perSecond}/s  ${JSON.stringify(security)}\n` +
      `  DNS tests (web + mail):      ${figures.dnsTests.perSecond}/s, ${figures.dnsTests.domainsPerMinute} domains/min, ${errors} errors\n` +
      `  peak memory (scanner side):  ${figures.peakRssMiB} MiB\n` +
      `  written to bench/results/dns.json\n`,
    );
  } finally {
    worker.postMessage("stop");
    await new Promise((r) => worker.once("exit", r));
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await benchDns();
