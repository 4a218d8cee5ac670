// The RPKI benchmark: tables the size of today's global ones (600,000 VRPs, 1,200,000 routes),
// generated here, written as the files a run would get (rpki-client JSON, prefix-origin
// routes), loaded the way `meetlat scan` loads them, then asked for many addresses. Figures
// to bench/results/rpki.json. The load and the lookups run in a child process of their own, so
// that its memory figures are meetlat's, not the generator's. No network; every loop is
// bounded by the counts below.
//
//   BENCH_RPKI_VRPS=600000 BENCH_RPKI_ROUTES=1200000 BENCH_RPKI_LOOKUPS=200000 node bench/rpki.ts

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { formatIp } from "../src/net/ip.ts";
import { loadRpkiData } from "../src/rpki/load-rpki-data.ts";
import type { DnsLookup } from "../src/dns/client-types.ts";
import type { Dialer } from "../src/net/types.ts";
import { MEETLAT_VERSION } from "../src/version.ts";

const VRPS = Number(process.env.BENCH_RPKI_VRPS ?? 600_000);
const ROUTES = Number(process.env.BENCH_RPKI_ROUTES ?? 1_200_000);
const LOOKUPS = Number(process.env.BENCH_RPKI_LOOKUPS ?? 200_000);

/** A small deterministic generator (LCG), so every run sees the same tables. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
}

interface Prefix { family: 4 | 6; value: bigint; length: number; origin: number }

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Routes shaped like the global table: ~85 % IPv4 (mostly /24), the rest IPv6 (/32 to /48). */
function generateRoutes(count: number, next: () => number): Prefix[] {
  const out: Prefix[] = [];
  for (let i = 0; i < count; i++) {
    const origin = 1 + (next() % 400_000);
    if (i % 100 < 85) {
      const r = next() % 100;
      const length = r < 60 ? 24 : r < 80 ? 22 + (next() % 2) : 16 + (next() % 6);
      const high = 1 + (next() % 222); // 1.0.0.0 to 222.255.255.255
      const value = (BigInt(high) << 24n) | BigInt(next() & 0xffffff);
      out.push({ family: 4, value: (value >> BigInt(32 - length)) << BigInt(32 - length), length, origin });
    } else {
      const length = next() % 2 === 0 ? 48 : 32 + (next() % 16);
      const value = (0x2000n << 112n) | (BigInt(next() & 0x0fff) << 112n) | (BigInt(next()) << 80n) | (BigInt(next() & 0xffff) << 64n);
      out.push({ family: 6, value: (value >> BigInt(128 - length)) << BigInt(128 - length), length, origin });
    }
  }
  return out;
}

const text = (p: Prefix) => `${formatIp({ family: p.family, value: p.value })}/${p.length}`;

/** Writes the generated VRP and route files into `dir`, and the addresses to look up. */
async function generateFiles(dir: string): Promise<void> {
  const next = random(20240501);
  const routes = generateRoutes(ROUTES, next);
  // VRPs: most for announced prefixes (their origin, some with a longer maxLength, some for
  // another AS or AS0), so that lookups meet every state; some prefixes get several VRPs.
  const vrps = Array.from({ length: VRPS }, (_, i) => {
    const r = routes[next() % routes.length]!;
    const bits = r.family === 4 ? 32 : 128;
    const kind = i % 10;
    const asn = kind === 9 ? 1 + (next() % 400_000) : kind === 8 ? 0 : r.origin;
    const maxLength = Math.min(bits, r.length + (kind < 2 ? next() % 4 : 0));
    return { asn, prefix: text(r), maxLength, ta: ["ripe", "arin", "apnic", "lacnic", "afrinic"][next() % 5]! };
  });
  const generated = Math.floor(Date.now() / 1000);
  await writeFile(join(dir, "vrps.json"), `{\n\t"metadata": { "buildmachine": "bench", "generated": ${generated} },\n\t"roas": [\n${vrps.map((v) => `\t\t${JSON.stringify(v)}`).join(",\n")}\n\t]\n}\n`);
  await writeFile(join(dir, "routes.txt"), routes.map((r) => `${text(r)} ${r.origin}`).join("\n") + "\n");
  const addresses = Array.from({ length: Math.min(LOOKUPS, 100_000) }, (_, i) => {
    // Half inside announced prefixes, half anywhere.
    if (i % 2 === 0) {
      const r = routes[next() % routes.length]!;
      const host = r.family === 4 ? BigInt(next() & 0xff) : BigInt(next());
      return formatIp({ family: r.family, value: r.value | (host & ((1n << BigInt((r.family === 4 ? 32 : 128) - r.length)) - 1n)) });
    }
    return i % 4 === 1 ? formatIp({ family: 4, value: BigInt(next()) }) : formatIp({ family: 6, value: (0x2000n << 112n) | (BigInt(next()) << 80n) | BigInt(next()) });
  });
  await writeFile(join(dir, "addresses.txt"), addresses.join("\n"));
}

/** In the child process: load the files as `meetlat scan` would, then look addresses up. */
async function measure(dir: string): Promise<Record<string, unknown>> {
  const addresses = (await readFile(join(dir, "addresses.txt"), "utf8")).split("\n");
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  const data = await loadRpkiData({ vrps: { file: join(dir, "vrps.json") }, routes: { file: join(dir, "routes.txt") }, maxAgeHours: 24 }, {
    dns: {} as DnsLookup, dialer: {} as Dialer, allowTarget: () => {},
  });
  const loadSeconds = (performance.now() - started) / 1000;
  if (data.description.problem) throw new Error(data.description.problem);
  const peakAfterLoad = process.resourceUsage().maxRSS;
  gc?.();
  const after = process.memoryUsage();

  // Every covering route of an address, validated, with its evidence: what a probe asks.
  const states: Record<string, number> = {};
  const lookupStarted = performance.now();
  for (let i = 0; i < LOOKUPS; i++) {
    const r = await data.routing(addresses[i % addresses.length]!);
    const state = r.routes.find((x) => x.longestMatch)?.state ?? "not-routed";
    states[state] = (states[state] ?? 0) + 1;
  }
  const lookupSeconds = (performance.now() - lookupStarted) / 1000;
  const [vrps, routes] = data.description.sources;
  return {
    input: { vrps: vrps?.counts, routes: routes?.counts, vrpFileMiB: mib(vrps?.bytes ?? 0), routeFileMiB: mib(routes?.bytes ?? 0) },
    loadSeconds: +loadSeconds.toFixed(2),
    lookups: { count: LOOKUPS, perSecond: Math.round(LOOKUPS / lookupSeconds), seconds: +lookupSeconds.toFixed(2), deciding: states },
    memoryMiB: {
      heapUsedAfterLoad: mib(after.heapUsed),
      tablesInTypedArrays: mib(after.arrayBuffers - before.arrayBuffers),
      rssAfterLoad: mib(after.rss),
      peakRssDuringLoad: Math.round(peakAfterLoad / 1024),
    },
  };
}

export async function benchRpki(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "meetlat-bench-rpki-"));
  try {
    await generateFiles(dir);
    const self = new URL(import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", self, "--measure", dir], { maxBuffer: 1 << 20, timeout: 600_000 });
    const m = JSON.parse(stdout) as { input: { vrps: { vrps: number }; routes: { routes: number }; vrpFileMiB: number; routeFileMiB: number }; loadSeconds: number; lookups: { perSecond: number; deciding: unknown }; memoryMiB: Record<string, number> };
    const figures = {
      meetlat: MEETLAT_VERSION,
      date: new Date().toISOString(),
      machine: { cpu: cpus()[0]?.model ?? "unknown", cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
      ...m,
    };
    await writeFile(new URL("./results/rpki.json", import.meta.url), JSON.stringify(figures, null, 2) + "\n");
    const mem = m.memoryMiB;
    process.stdout.write(
      `meetlat ${MEETLAT_VERSION} on ${figures.machine.cpu} (${figures.machine.cores} cores), ${figures.machine.node}\n` +
      `  input:                           ${m.input.vrps.vrps} VRPs (${m.input.vrpFileMiB} MiB JSON), ${m.input.routes.routes} routes (${m.input.routeFileMiB} MiB)\n` +
      `  load (read, hash, parse, index): ${m.loadSeconds} s\n` +
      `  lookups (routes + RFC 6811):     ${m.lookups.perSecond}/s  ${JSON.stringify(m.lookups.deciding)}\n` +
      `  memory after load:               tables ${mem.tablesInTypedArrays} MiB, heap ${mem.heapUsedAfterLoad} MiB, RSS ${mem.rssAfterLoad} MiB (peak while loading ${mem.peakRssDuringLoad} MiB)\n` +
      `  written to bench/results/rpki.json\n`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const at = process.argv.indexOf("--measure");
  if (at >= 0) process.stdout.write(JSON.stringify(await measure(process.argv[at + 1]!)));
  else await benchRpki();
}
