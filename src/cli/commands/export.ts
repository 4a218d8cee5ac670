// `meetlat export [RUN] [--out FILE.jsonl]`: a whole run as open data — JSON Lines, a header line
// with the run's metadata and one line per domain with its organisations, results and evidence
// (docs/open-data.schema.json describes a line; docs/reports.md the rest).

import { chooseRun, ReportError } from "../../report/build-report.ts";
import { exportRun } from "../../report/export-jsonl.ts";
import { streamToFileAtomically } from "../output/write-atomically.ts";
import { parseCommand, wantsHelp } from "../parse-command.ts";
import { DATABASE_HELP, DATABASE_OPTION_SPEC, withStore } from "../store-access.ts";
import { EXIT, UsageError } from "../usage-error.ts";
import { writingTo } from "./report.ts";

const HELP = `usage: meetlat export [RUN] [--out FILE.jsonl]

Writes run RUN (default: the latest finished run) as JSON Lines: a first line with the run's
metadata, then one line per domain with its organisations, its results per test type and the
evidence behind them. docs/open-data.schema.json is the JSON Schema of a line.

  --out FILE   write to FILE (created only when the export is complete); default: standard output

${DATABASE_HELP}
`;

export async function exportCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parseCommand(argv, { ...DATABASE_OPTION_SPEC, out: { type: "string" } });
  if (wantsHelp(v, HELP)) return EXIT.ok;
  if (positionals.length > 1) throw new UsageError(`give at most one RUN (unexpected "${positionals[1]}")`);
  const text = positionals[0];
  if (text !== undefined && (!/^\d+$/.test(text) || Number(text) < 1)) throw new UsageError(`RUN "${text}" is not a run id`);
  if (v.out === "") throw new UsageError("--out needs a file name");
  return withStore(v.database, true, async (store) => {
    let runId: number;
    try {
      runId = (await chooseRun(store, text === undefined ? undefined : Number(text))).id;
    } catch (err) {
      if (err instanceof ReportError) throw new UsageError(err.message);
      throw err;
    }
    if (v.out === undefined) {
      await exportRun(store, runId, process.stdout);
      return EXIT.ok;
    }
    const out = v.out;
    let domains = 0;
    await writingTo(out, async () => { domains = (await streamToFileAtomically(out, (stream) => exportRun(store, runId, stream))).domains; });
    process.stdout.write(`wrote ${out}: run ${runId}, ${domains} domains\n`);
    return EXIT.ok;
  });
}
