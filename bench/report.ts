// The report benchmark: the time to build a report of a run of 10,000 domains and to render it
// in every format (table, CSV, JSON, XLSX, HTML, and the JSON Lines open-data export), and the
// peak memory meanwhile. The store is fabricated — a register of 477 organisations of six types
// (the 342 municipalities with CBS codes among them) and two runs recorded straight through
// store.runs.record, no scanning — then measured in a fresh process, so the memory figure is the
// reporting's own. Figures to bench/results/report.json.
//
//   node bench/report.ts                  build the store and measure (BENCH_REPORT_DOMAINS, default 10000)
//   node bench/report.ts --measure DB DIR  measure an existing store (used by the above)

import { execFile } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { promisify } from "node:util";
import type { TestResult, TestStatus, TestType } from "../src/checks/result.ts";
import type { DomainEvidence } from "../src/probes/evidence.ts";
import { findProfile } from "../src/profiles/load-profiles.ts";
import type { OrganisationInput, DomainInput, LinkInput, Purpose } from "../src/register/model.ts";
import { buildReport } from "../src/report/build-report.ts";
import { exportRun } from "../src/report/export-jsonl.ts";
import { renderCsv } from "../src/report/formats/csv.ts";
import { renderJson } from "../src/report/formats/json.ts";
import { renderTable } from "../src/report/formats/table.ts";
import { writeXlsx } from "../src/report/formats/xlsx.ts";
import { renderHtmlReport } from "../src/report/html/render-html.ts";
import type { DomainScan, TypeScanResult } from "../src/scan/engine.ts";
import { scoreResults } from "../src/scan/score.ts";
import { openStore } from "../src/store/open-store.ts";
import type { Store } from "../src/store/store.ts";
import { MEETLAT_VERSION } from "../src/version.ts";
import { seededRandom } from "../test/helpers/seeded-random.ts";

const DOMAINS = Number(process.env.BENCH_REPORT_DOMAINS ?? 10_000);

/** Organisation types with how many organisations and domains each (per organisation) they get. */
const ORGANISATIONS: readonly { type: string; prefix: string; count: number; domainsEach: number }[] = [
  { type: "ministerie", prefix: "mn", count: 12, domainsEach: 150 },
  { type: "gemeente", prefix: "gm", count: 342, domainsEach: 15 },
  { type: "provincie", prefix: "pv", count: 12, domainsEach: 40 },
  { type: "waterschap", prefix: "ws", count: 21, domainsEach: 20 },
  { type: "uitvoeringsorganisatie", prefix: "uo", count: 60, domainsEach: 25 },
  { type: "gemeenschappelijke regeling", prefix: "gr", count: 30, domainsEach: 15 },
];


interface Planned {
  name: string;
  purpose: Purpose;
}

function register(n: number): { organisations: OrganisationInput[]; domains: DomainInput[]; links: LinkInput[]; planned: Planned[] } {
  const rnd = seededRandom(7);
  const organisations: OrganisationInput[] = [];
  const domains: DomainInput[] = [];
  const links: LinkInput[] = [];
  const planned: Planned[] = [];
  const purposeOf = (): Purpose => { const x = rnd(); return x < 0.5 ? "both" : x < 0.85 ? "web" : "mail"; };
  const addDomain = (name: string) => {
    const purpose = purposeOf();
    domains.push({ name, purpose, tags: [] });
    planned.push({ name, purpose });
  };
  const scale = n / 10_000;
  for (const t of ORGANISATIONS) {
    for (let i = 1; i <= t.count; i++) {
      const key = `${t.prefix}${String(i).padStart(4, "0")}`;
      organisations.push({ key, name: `${t.type} ${i}`, type: t.type, ...(t.type === "gemeente" ? { codes: { cbs: `GM${String(i).padStart(4, "0")}` } } : {}) });
      const each = Math.max(1, Math.round(t.domainsEach * scale));
      for (let j = 0; j < each && planned.length < n; j++) {
        const name = `${j === 0 ? "" : `d${j}.`}${key}.example.nl`;
        addDomain(name);
        links.push({ organisationKey: key, domain: name, role: "owner" });
      }
    }
  }
  // Shared services: some ministry domains are also related to an executive agency.
  for (let i = 0; i < 300 && i < planned.length; i += 1) {
    const ministry = `mn${String((i % 12) + 1).padStart(4, "0")}`;
    links.push({ organisationKey: `uo${String((i % 60) + 1).padStart(4, "0")}`, domain: `d${(i % 140) + 1}.${ministry}.example.nl`, role: "related" });
  }
  for (let i = 0; planned.length < n; i++) addDomain(`loose${i}.example.nl`);
  const names = new Set(planned.map((p) => p.name));
  return { organisations, domains, links: links.filter((l) => names.has(l.domain)), planned };
}

function result(status: TestStatus, verdict: string, points?: number, details: Record<string, unknown> = {}): TestResult {
  return { status, verdict, reason: `${verdict.replace(/_/g, " ")}: found while testing`, details: { verdict, ...details }, ...(points !== undefined ? { points } : {}) };
}

/** One domain's fabricated scan; `drift` changes a few outcomes between the runs. */
function scanOf(d: Planned, rnd: () => number): DomainScan {
  const signed = rnd() < 0.6;
  const bogus = signed && rnd() < 0.08;
  const failedLookup = rnd() < 0.01;
  const nsIpv6 = rnd() < 0.7;
  const wsIpv6 = rnd() < 0.5;
  const roa = rnd() < 0.8;
  const addresses = { ipv4: ["192.0.2.10", "192.0.2.11"], ipv6: wsIpv6 ? ["2001:db8::10"] : [] };
  const dnssec = (prefix: string): Record<string, TestResult> => ({
    [`${prefix}_exist`]: signed ? result("passed", "signed") : result("failed", "unsigned"),
    [`${prefix}_valid`]: failedLookup ? result("error", "lookup_error") : !signed ? result("not_tested", "unsigned", 2) : bogus ? result("failed", "bogus", 0) : result("passed", "secure", 10),
  });
  const common = (t: TestType): Record<string, TestResult> => ({
    [`${t}_ipv6_ns_address`]: nsIpv6 ? result("passed", "good", undefined, { servers: 2 }) : result("failed", "ns_no_ipv6", undefined, { servers: 2 }),
    [`${t}_ipv6_ns_reach`]: nsIpv6 ? result("passed", "good", 10) : result("not_tested", "no_ipv6_ns"),
    [`${t}_ns_rpki_exists`]: roa ? result("passed", "good", 5) : result("warning", "no_roa", 0),
    [`${t}_ns_rpki_valid`]: roa ? result("passed", "valid", 10) : result("not_tested", "no_roa"),
  });
  const types: TestType[] = d.purpose === "both" ? ["web", "mail"] : [d.purpose];
  const results: TypeScanResult[] = types.map((type) => {
    const tests: Record<string, TestResult> = type === "web"
      ? { ...common("web"), web_ipv6_ws_address: wsIpv6 ? result("passed", "good", undefined, addresses) : result("failed", "no_ipv6", undefined, addresses), ...dnssec("web_dnssec"),
        web_rpki_exists: roa ? result("passed", "good", 5, addresses) : result("warning", "no_roa", 0, addresses), web_rpki_valid: roa ? result("passed", "valid", 10) : result("not_tested", "no_roa") }
      : { ...common("mail"), ...dnssec("mail_dnssec_mailto") };
    return { domain: d.name, type, score: scoreResults(tests).score, tests };
  });
  const server = (i: number) => ({ name: `ns${i}.${d.name}`, ipv4: [`192.0.2.${50 + i}`], ipv6: nsIpv6 ? [`2001:db8::5${i}`] : [], ignoredMappedIpv6: [], ipv6Reach: nsIpv6 ? [{ address: `2001:db8::5${i}`, reachable: true, transport: "udp" as const, rcode: "NOERROR", authoritative: true }] : [] });
  const evidence: DomainEvidence = {
    domain: d.name,
    webHost: { host: d.name, ...addresses, ignoredMappedIpv6: [], cnameChain: [] },
    nameServers: { zone: d.name, servers: [server(1), server(2)] },
    dnssec: {
      query: { name: d.name, type: "SOA" }, security: !signed ? "insecure" : bogus ? "bogus" : "secure", reason: signed ? "chain of trust from the root" : "no DS at the parent",
      rcode: "NOERROR", unsupportedAlgorithm: false, deprecatedAlgorithms: [], cnameChain: [],
      chain: [".", "nl.", d.name].map((zone) => ({ zone, ds: [{ keyTag: 12345, algorithm: 13, digestType: 2 }], dnskeys: [{ keyTag: 12345, flags: 257, algorithm: 13 }, { keyTag: 23456, flags: 256, algorithm: 13 }] })),
    },
  };
  return { domain: d.name, evidence, results };
}

export async function buildStore(path: string, n: number): Promise<{ organisations: number; seconds: number }> {
  const started = performance.now();
  const store = await openStore(path);
  try {
    const reg = register(n);
    await store.register.apply({ organisations: reg.organisations, domains: reg.domains, links: reg.links }, { source: "bench", fileName: null, fileSha256: null, format: "json", rowCount: reg.domains.length });
    for (const seed of [1, 2]) {
      // The second run: the same generator with a few domains drawn again (improvements and regressions).
      const rnd = seededRandom(100);
      const drift = seededRandom(seed);
      const run = await store.runs.create({ requestedBy: "bench", testTypes: ["web", "mail"] });
      for (let i = 0; i < reg.planned.length; i += 200) {
        const scans = reg.planned.slice(i, i + 200).map((d) => { const s = scanOf(d, rnd); return seed === 2 && drift() < 0.05 ? scanOf(d, drift) : s; });
        await store.runs.record(run.id, scans);
      }
      await store.runs.finish(run.id, "finished");
    }
    await explainSome(store, reg.planned);
    return { organisations: reg.organisations.length, seconds: (performance.now() - started) / 1000 };
  } finally {
    await store.close();
  }
}

/** A hundred explained findings (bogus DNSSEC being fixed), so reports carry explanations. */
async function explainSome(store: Store, planned: readonly Planned[]): Promise<void> {
  const latest = (await store.runs.list({ limit: 1 }))[0]!.id;
  let added = 0;
  for (let i = 0; i < planned.length && added < 100; i += 1) {
    const d = planned[i]!;
    if (d.purpose === "mail") continue;
    for await (const r of store.runs.results(latest, { domain: d.name, evidence: false })) {
      const valid = r.results.find((t) => t.type === "web")?.tests.web_dnssec_valid;
      if (valid?.status !== "failed") continue;
      await store.explanations.add({ domain: d.name, testId: "web_dnssec_valid", reason: "key rollover in progress", until: "2099-12-31", by: "bench" });
      added += 1;
    }
  }
}

interface Measured {
  seconds: Record<string, number>;
  bytes: Record<string, number>;
  peakRssMiB: number;
  peakRssAfterSummaryMiB: number;
  /** Heap still held after the summary report was built (after a full GC): the report itself. */
  retainedHeapAfterSummaryMiB: number | null;
}

const MIB = 1024; // maxRSS is in KiB

async function measure(db: string, dir: string): Promise<Measured> {
  const store = await openStore(db);
  const seconds: Record<string, number> = {};
  const bytes: Record<string, number> = {};
  const time = async <T>(label: string, body: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const out = await body();
    seconds[label] = Math.round((performance.now() - started) / 10) / 100;
    if (typeof out === "string") bytes[label] = Buffer.byteLength(out);
    return out;
  };
  try {
    const profile = findProfile("forum-standaardisatie");
    // With --expose-gc (benchReport starts this process so): what the summary holds once garbage is gone.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const summary = await time("buildReport (type and organisation levels)", () => buildReport(store, { profile }));
    const peakRssAfterSummaryMiB = Math.round(process.resourceUsage().maxRSS / MIB);
    gc?.();
    const retainedHeapAfterSummaryMiB = gc ? Math.round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20 * 10) / 10 : null;
    await time("table by type", () => renderTable(summary, "type", "nl"));
    await time("table by organisation", () => renderTable(summary, "org", "nl"));
    await time("csv by type", () => renderCsv(summary, "type"));
    await time("csv by organisation", () => renderCsv(summary, "org"));
    await time("json by type", () => renderJson(summary, "type"));
    await time("json by organisation", () => renderJson(summary, "org"));
    await time("html", () => renderHtmlReport(summary, { lang: "nl" }));
    const full = await time("buildReport (with the domain level)", () => buildReport(store, { profile, includeDomains: true }));
    await time("table by domain", () => renderTable(full, "domain", "nl"));
    await time("csv by domain", () => renderCsv(full, "domain"));
    await time("json by domain", () => renderJson(full, "domain"));
    const xlsx = join(dir, "report.xlsx");
    await time("xlsx (every level)", () => writeXlsx(full, xlsx, "nl"));
    bytes["xlsx (every level)"] = (await stat(xlsx)).size;
    const jsonl = join(dir, "run.jsonl");
    await time("export jsonl (results and evidence)", async () => {
      const out = createWriteStream(jsonl);
      await exportRun(store, summary.meta.run.id, out);
      out.end();
      await finished(out);
    });
    bytes["export jsonl (results and evidence)"] = (await stat(jsonl)).size;
    return { seconds, bytes, peakRssMiB: Math.round(process.resourceUsage().maxRSS / MIB), peakRssAfterSummaryMiB, retainedHeapAfterSummaryMiB };
  } finally {
    await store.close();
  }
}

export async function benchReport(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "meetlat-bench-report-"));
  try {
    const db = join(dir, "report.sqlite");
    process.stdout.write(`  building a store: ${DOMAINS} domains, two runs (recorded directly) ...\n`);
    const setup = await buildStore(db, DOMAINS);
    process.stdout.write(`  store built in ${setup.seconds.toFixed(1)} s; measuring in a fresh process ...\n`);
    const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", new URL(import.meta.url).pathname, "--measure", db, dir], { maxBuffer: 16 << 20, timeout: 30 * 60_000 });
    const m = JSON.parse(stdout) as Measured;
    for (const [label, s] of Object.entries(m.seconds)) {
      const size = m.bytes[label];
      process.stdout.write(`  ${label.padEnd(44)} ${s.toFixed(2).padStart(7)} s${size !== undefined ? `  ${(size / 2 ** 20).toFixed(1).padStart(7)} MiB` : ""}\n`);
    }
    process.stdout.write(`  peak memory ${m.peakRssMiB} MiB (${m.peakRssAfterSummaryMiB} MiB after the summary levels, which hold ${m.retainedHeapAfterSummaryMiB} MiB of heap)\n`);
    const figures = {
      meetlat: MEETLAT_VERSION, date: new Date().toISOString(),
      machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      note: "SQLite store with two fabricated runs (web + mail, the implemented tests) and 100 explanations; profile forum-standaardisatie; compared with the previous run; measured in a fresh process; peak memory = maxRSS of that process; retained heap = heap held by the summary report after a full GC",
      domains: DOMAINS, organisations: setup.organisations, setupSeconds: Math.round(setup.seconds * 10) / 10,
      ...m,
    };
    await writeFile(new URL("./results/report.json", import.meta.url), JSON.stringify(figures, null, 2) + "\n");
    process.stdout.write("  written to bench/results/report.json\n");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  if (args[0] === "--measure") process.stdout.write(JSON.stringify(await measure(args[1]!, args[2]!)) + "\n");
  else await benchReport();
}
