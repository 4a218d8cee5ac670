// `meetlat runs [--limit N] [--json]`: the runs in the store, newest first, with their state.

import { DATABASE_HELP, DATABASE_OPTION_SPEC, withStore } from "../store-access.ts";
import { parseCommand, wantsHelp } from "../parse-command.ts";
import { EXIT, UsageError } from "../usage-error.ts";

const HELP = `usage: meetlat runs [--limit N] [--json]

Lists measurement runs, newest first: id, state, when, test types, progress and selection.

${DATABASE_HELP}
`;

export async function runsCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parseCommand(argv, { ...DATABASE_OPTION_SPEC, limit: { type: "string" }, json: { type: "boolean" } });
  if (wantsHelp(v, HELP)) return EXIT.ok;
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const limit = v.limit === undefined ? 20 : Number(v.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError("--limit must be a positive integer");
  return withStore(v.database, true, async (store) => {
    const runs = await store.runs.list({ limit });
    const rows = await Promise.all(runs.map(async (r) => ({ ...r, progress: await store.runs.progress(r.id) })));
    if (v.json) {
      process.stdout.write(JSON.stringify(rows.map((r) => ({ id: r.id, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt, testTypes: r.testTypes, requestedBy: r.requestedBy, select: r.options.select, progress: r.progress }))) + "\n");
      return EXIT.ok;
    }
    if (rows.length === 0) {
      process.stdout.write("no runs yet: start one with meetlat run\n");
      return EXIT.ok;
    }
    process.stdout.write(`${"run".padStart(5)}  ${"state".padEnd(9)} ${"started (UTC)".padEnd(20)} ${"types".padEnd(9)} ${"done/planned".padEnd(13)} select\n`);
    for (const r of rows) {
      const when = r.startedAt.slice(0, 19).replace("T", " ");
      process.stdout.write(`${String(r.id).padStart(5)}  ${r.status.padEnd(9)} ${when.padEnd(20)} ${r.testTypes.join("+").padEnd(9)} ${`${r.progress.done}/${r.progress.planned}`.padEnd(13)} ${String(r.options.select ?? "")}\n`);
    }
    return EXIT.ok;
  });
}
