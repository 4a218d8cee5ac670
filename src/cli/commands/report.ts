// `meetlat report [RUN] [--profile P] [--profile-file FILE] [--by type|org|domain]
// [--format table|csv|json|xlsx|html] [--out FILE] [--compare RUN|none] [--lang nl|en]`:
// a stored run judged by a profile, as the table a measurement report opens with, per
// organisation or per domain, in the format its readers use (docs/reports.md).

import { findProfile, loadProfileFile } from "../../profiles/load-profiles.ts";
import type { ProfileDefinition } from "../../profiles/types.ts";
import { buildReport, ReportError } from "../../report/build-report.ts";
import { renderCsv } from "../../report/formats/csv.ts";
import { renderJson } from "../../report/formats/json.ts";
import { renderTable } from "../../report/formats/table.ts";
import { writeXlsx } from "../../report/formats/xlsx.ts";
import type { renderHtmlReport } from "../../report/html/render-html.ts";
import type { Report, ReportLanguage, ReportLevel } from "../../report/model.ts";
import { writeFileAtomically } from "../output/write-atomically.ts";
import { parseCommand, wantsHelp } from "../parse-command.ts";
import { DATABASE_HELP, DATABASE_OPTION_SPEC, withStore } from "../store-access.ts";
import { EXIT, UsageError } from "../usage-error.ts";

const DEFAULT_PROFILE = "forum-standaardisatie";
const LEVELS: readonly ReportLevel[] = ["type", "org", "domain"];
const FORMATS = ["table", "csv", "json", "xlsx", "html"] as const;
type Format = (typeof FORMATS)[number];
const LANGUAGES: readonly ReportLanguage[] = ["nl", "en"];

const HELP = `usage: meetlat report [RUN] [--profile P] [--profile-file FILE] [--by type|org|domain]
                      [--format table|csv|json|xlsx|html] [--out FILE] [--compare RUN|none] [--lang nl|en]

Judges run RUN (default: the latest finished run) by a profile and reports, per organisation
type and standard, the share of domains and of organisations that comply with the change since
the compared run (--by type, the default); per organisation each standard, the failing tests
and the explanations (--by org); or every test of every domain (--by domain).

  --profile P          forum-standaardisatie (default), internetnl-score, wdo, bod-18-01, severity
  --profile-file FILE  a profile from a JSON file (used as it is, or found by --profile among the built-in ones)
  --by LEVEL           type (default), org or domain: for table, csv and json
  --format F           table (default), csv (RFC 4180, UTF-8 with BOM), json, xlsx (every level,
                       needs --out) or html (one self-contained file)
  --out FILE           write to FILE instead of standard output
  --compare RUN|none   the run to compare with (default: the finished run before RUN)
  --lang nl|en         language of table, xlsx and html (default nl); csv and json are not localised

${DATABASE_HELP}
`;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, option: string): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(", ")} (not "${value}")`);
  return value as T;
}

function runId(text: string, what: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${what} "${text}" is not a run id`);
  return n;
}

async function chooseProfile(id: string | undefined, file: string | undefined): Promise<ProfileDefinition> {
  try {
    if (file === undefined) return findProfile(id ?? DEFAULT_PROFILE);
    const loaded = await loadProfileFile(file);
    return id === undefined ? loaded : findProfile(id, [loaded]);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function render(report: Report, format: Exclude<Format, "xlsx">, level: ReportLevel, lang: ReportLanguage, html: typeof renderHtmlReport | null): string {
  switch (format) {
    case "table": return renderTable(report, level, lang);
    case "csv": return renderCsv(report, level);
    case "json": return renderJson(report, level);
    case "html": return html!(report, { lang });
  }
}

/** A file that cannot be written (no such directory, no permission) is the caller's to fix: a usage error. */
export async function writingTo(path: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (typeof (err as NodeJS.ErrnoException).code === "string") throw new UsageError(`cannot write ${path}: ${(err as Error).message}`);
    throw err;
  }
}

export async function reportCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parseCommand(argv, {
    ...DATABASE_OPTION_SPEC,
    profile: { type: "string" }, "profile-file": { type: "string" }, by: { type: "string" }, format: { type: "string" },
    out: { type: "string" }, compare: { type: "string" }, lang: { type: "string" },
  });
  if (wantsHelp(v, HELP)) return EXIT.ok;
  if (positionals.length > 1) throw new UsageError(`give at most one RUN (unexpected "${positionals[1]}")`);
  const run = positionals[0] === undefined ? undefined : runId(positionals[0], "RUN");
  const level = oneOf(v.by, LEVELS, "type", "--by");
  const format = oneOf(v.format, FORMATS, "table", "--format");
  const lang = oneOf(v.lang, LANGUAGES, "nl", "--lang");
  if (format === "xlsx" && !v.out) throw new UsageError("--format xlsx writes a file: give --out FILE.xlsx");
  if (v.out === "") throw new UsageError("--out needs a file name");
  const compareRunId = v.compare === undefined ? undefined : v.compare === "none" ? null : runId(v.compare, "--compare");
  const profile = await chooseProfile(v.profile, v["profile-file"]);
  // The HTML renderer (geometry, charts) is loaded only when asked for.
  const html = format === "html" ? (await import("../../report/html/render-html.ts")).renderHtmlReport : null;

  return withStore(v.database, true, async (store) => {
    let report: Report;
    try {
      report = await buildReport(store, {
        ...(run !== undefined ? { runId: run } : {}), profile, compareRunId,
        includeDomains: format === "xlsx" || level === "domain",
      });
    } catch (err) {
      if (err instanceof ReportError) throw new UsageError(err.message);
      throw err;
    }
    if (format !== "xlsx" && v.out === undefined) {
      process.stdout.write(render(report, format, level, lang, html));
      return EXIT.ok;
    }
    const out = v.out!;
    await writingTo(out, () => (format === "xlsx" ? writeXlsx(report, out, lang) : writeFileAtomically(out, render(report, format, level, lang, html))));
    process.stdout.write(`wrote ${v.out} (run ${report.meta.run.id}, profile ${profile.id})\n`);
    return EXIT.ok;
  });
}
