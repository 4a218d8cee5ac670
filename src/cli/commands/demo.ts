// `meetlat demo [--database D] [--out-dir DIR] [--lang nl|en] [--json]`: the first command a
// newcomer runs. Measures a synthetic government (the Dutch register on the simulated
// internet, offline), prints the report by organisation type and writes the HTML report and
// the spreadsheet next to the database.

import { userInfo } from "node:os";
import { dirname, resolve } from "node:path";
import { DemoError, runDemo } from "../../demo/run-demo.ts";
import type { DemoRunOutcome } from "../../demo/run-demo.ts";
import { writeDemoReports } from "../../demo/demo-report.ts";
import type { DemoReports } from "../../demo/demo-report.ts";
import type { ReportLanguage } from "../../report/model.ts";
import { resolveDatabaseLocation } from "../../store/database-location.ts";
import { parseCommand, wantsHelp } from "../parse-command.ts";
import { abortOnInterrupt, progressWriter, putHelpersInBackgroundForRun } from "../run-ui.ts";
import { openScanSetup } from "../scan-options.ts";
import { DATABASE_HELP, DATABASE_OPTION_SPEC, withStore } from "../store-access.ts";
import { EXIT, UsageError } from "../usage-error.ts";

const HELP = `usage: meetlat demo [--database D] [--out-dir DIR] [--lang nl|en] [--json]

Runs meetlat end to end without the internet: imports the Dutch government register (342
municipalities, provinces, water boards, ministries and their domains), plants a synthetic
government for its domains on the simulated internet (signed and unsigned zones, a few broken
ones, name servers and web servers with and without IPv6, routes with and without ROAs),
measures every domain (website and mail tests) into the store, and prints the report by
organisation type (profile forum-standaardisatie). It writes meetlat-report.html (with the
municipality map) and meetlat-report.xlsx next to the database. Running it again measures again
and compares with the previous run. Real domain names are used only inside the simulation:
nothing is sent to any address outside this machine.

options:
  --out-dir DIR            where the reports go (default: the database's directory)
  --lang nl|en             language of the reports (default nl)
  --json                   one JSON document on stdout: the run, the self-check, the report
                           by organisation type and the files written
  --no-progress            no progress display
${DATABASE_HELP}
`;

const LANGUAGES: readonly ReportLanguage[] = ["nl", "en"];

function nextSteps(outcome: DemoRunOutcome, reports: DemoReports, database: string | undefined): string {
  const db = database === undefined ? "" : ` --database ${database}`;
  const example = outcome.planted.find((p) => p.zone.dnssec === "bogus" && p.apex)?.domain ?? outcome.planted[0]?.domain ?? "DOMAIN";
  return [
    "reports:",
    `  ${reports.htmlPath}`,
    `  ${reports.xlsxPath}`,
    "",
    "try next:",
    "  # every organisation: its standards, and the failing tests of each domain",
    `  npx meetlat report --by org${db}`,
    `  # one domain (${example} has broken DNSSEC): every test, its reason and the evidence`,
    `  npx meetlat show ${example}${db}`,
    "  # comply or explain: the finding then counts as explained until the date",
    `  npx meetlat explain ${example} web_dnssec_valid --reason "moving to a new DNS host" --until 2030-12-31${db}`,
    "  # after a second meetlat demo: what changed between the runs",
    `  npx meetlat diff${db}`,
  ].join("\n");
}

function checkLine(o: DemoRunOutcome): string {
  const c = o.check;
  const head = `self-check: ${c.agreeing} of ${c.domains} domains measured exactly as planted (${c.tests} test results compared)`;
  if (c.totalMismatches === 0 && c.missing === 0) return head;
  return [head + `; ${c.totalMismatches} results differ, ${c.missing} domains without results:`, ...c.mismatches.map((m) => `  ${m}`)].join("\n");
}

/** A demo that does not measure what it planted has found a bug in meetlat: say so in the exit code. */
function selfCheckExit(o: DemoRunOutcome): number {
  if (o.check.totalMismatches === 0 && o.check.missing === 0) return EXIT.ok;
  process.stderr.write("meetlat demo: the measurement differs from the planted configurations (see the self-check above); please report this\n");
  return EXIT.internal;
}

export async function demoCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parseCommand(argv, {
    ...DATABASE_OPTION_SPEC, "out-dir": { type: "string" }, lang: { type: "string" }, json: { type: "boolean" }, "no-progress": { type: "boolean" },
  });
  if (wantsHelp(v, HELP)) return EXIT.ok;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const lang = (v.lang ?? "nl") as ReportLanguage;
  if (!LANGUAGES.includes(lang)) throw new UsageError(`--lang must be one of ${LANGUAGES.join(", ")}`);
  const json = v.json === true;
  const location = resolveDatabaseLocation(v.database);
  const outDir = resolve(v["out-dir"] ?? (location.engine === "sqlite" && location.path !== ":memory:" ? dirname(location.path) : "."));

  const started = Date.now();
  const progress = progressWriter({ json: false, progress: !v["no-progress"] });
  const abort = new AbortController();
  const stopHandling = abortOnInterrupt(abort, "meetlat demo: stopping after the domains in flight");
  try {
    await putHelpersInBackgroundForRun();
    return await withStore(v.database, false, async (store) => {
      let outcome: DemoRunOutcome;
      try {
        outcome = await runDemo(store, {
          openSetup: (o) => openScanSetup(o, "demo"),
          requestedBy: `demo (${userInfo().username})`,
          onStep: (m) => { if (!json) process.stderr.write(`meetlat demo: ${m}\n`); },
          onPlanned: (run, items) => {
            progress.planned(Math.ceil(items / 2));
            if (!json) process.stderr.write(`meetlat demo: run ${run.id}, ${items} (domain, test type) items planned\n`);
          },
          onProgress: progress.progress,
          signal: abort.signal,
        });
      } catch (err) {
        if (err instanceof DemoError) throw new UsageError(err.message);
        throw err;
      } finally {
        progress.end();
      }
      if (outcome.run.run.status !== "finished") {
        process.stderr.write(`meetlat demo: run ${outcome.run.run.id} ${outcome.run.run.status}; no report written\n`);
        return EXIT.internal;
      }
      const s = outcome.run.summary;
      const reports = await writeDemoReports(store, { runId: outcome.run.run.id, compareRunId: outcome.previousRunId, outDir, lang });
      if (json) {
        process.stdout.write(JSON.stringify({
          run: outcome.run.run.id, compareRun: outcome.previousRunId, status: outcome.run.run.status, summary: s,
          check: outcome.check, files: { html: reports.htmlPath, xlsx: reports.xlsxPath },
          profile: reports.report.meta.profile.id, standards: reports.report.standards, byType: reports.report.byType,
        }) + "\n");
        return selfCheckExit(outcome);
      }
      process.stdout.write([
        `run ${outcome.run.run.id}: ${s.domains} domains measured in ${s.seconds.toFixed(1)} s` +
          (outcome.previousRunId === null ? "" : `, compared with run ${outcome.previousRunId}`),
        checkLine(outcome),
        "",
        reports.table,
        "",
        nextSteps(outcome, reports, v.database),
      ].join("\n") + "\n");
      process.stderr.write(`meetlat demo: done in ${Math.round((Date.now() - started) / 1000)} s\n`);
      return selfCheckExit(outcome);
    });
  } finally {
    stopHandling();
  }
}
