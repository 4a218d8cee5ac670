// `npm run bench`: runs every benchmark in turn (or those named: `npm run bench -- dns`) and
// writes their figures to bench/results/. Each benchmark is a module with one exported function.

const BENCHMARKS: Record<string, () => Promise<void>> = {
  dns: async () => (await import("./dns.ts")).benchDns(),
  rpki: async () => (await import("./rpki.ts")).benchRpki(),
  runs: async () => (await import("./runs.ts")).benchRuns(),
  report: async () => (await import("./report.ts")).benchReport(),
};

const chosen = process.argv.slice(2);
for (const name of chosen.length ? chosen : Object.keys(BENCHMARKS)) {
  const run = BENCHMARKS[name];
  if (!run) {
    process.stderr.write(`unknown benchmark "${name}"; known: ${Object.keys(BENCHMARKS).join(", ")}\n`);
    process.exit(2);
  }
  process.stdout.write(`== ${name}\n`);
  await run();
}
