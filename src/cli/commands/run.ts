// `meetlat run [--select EXPR] [--web] [--mail] [--concurrency N] [--resume [RUN]] [--json] ...`:
// a measurement run over the register, stored as it goes; `--resume` finishes a killed run.

import { userInfo } from "node:os";
import { executeRunCommand } from "../run-ui.ts";
import { concurrencyFrom, SCAN_OPTION_SPECS, SCAN_OPTIONS_HELP, setupOptionsFrom, testTypesFrom } from "../scan-options.ts";
import { DATABASE_HELP, DATABASE_OPTION_SPEC } from "../store-access.ts";
import { parseCommand, wantsHelp } from "../parse-command.ts";
import { EXIT, UsageError } from "../usage-error.ts";
import { parseSelection, SelectionError } from "../../runs/selection.ts";

const HELP = `usage: meetlat run [options]
       meetlat run --resume [RUN] [--concurrency N]

Measures the register's domains (all, or those --select names) and stores every result with its
evidence as each domain completes. A run that was killed is finished with --resume: nothing is
lost, nothing already stored is scanned again. Domains that end in error are retried once at
the end of the run.

options:
  --select EXPR            which domains: KEY=VALUE terms joined by commas, all of which must
                           hold: type=gemeente, org=gm0014, tag=TAG, purpose=web|mail|both,
                           domain=NAME (repeatable)
  --resume [RUN]           resume run RUN (default: the newest unfinished run)
  --domain-deadline SECS   a domain still running after this is recorded as error (default 120)
  --json                   progress and the summary as JSON lines on stdout
  --no-progress            no progress display
${DATABASE_HELP}
${SCAN_OPTIONS_HELP}
environment:
  MEETLAT_BACKGROUND_THREADS  idle (default): the recorder thread and V8's compiler and garbage
                           collector threads run only on CPU the scanning leaves idle (Linux
                           SCHED_IDLE, set with util-linux's chrt; a recorder that gets none for
                           5 s hands over to one at nice 10); niced: at nice 10, for a machine
                           shared with CPU-bound work, where idle threads get next to nothing;
                           normal: not lowered`;

export async function runCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parseCommand(argv, {
        ...SCAN_OPTION_SPECS, ...DATABASE_OPTION_SPEC,
        select: { type: "string" }, resume: { type: "boolean" }, "domain-deadline": { type: "string" },
        json: { type: "boolean" }, "no-progress": { type: "boolean" },
      });
  if (wantsHelp(v, HELP)) return EXIT.ok;
  const display = { json: v.json === true, progress: !v["no-progress"] };
  if (v.resume) {
    if (positionals.length > 1) throw new UsageError("--resume takes at most one RUN id");
    const runId = positionals[0] === undefined ? undefined : Number(positionals[0]);
    if (runId !== undefined && (!Number.isInteger(runId) || runId < 1)) throw new UsageError(`"${positionals[0]}" is not a run id`);
    return executeRunCommand({ kind: "resume", ...(runId === undefined ? {} : { runId }), ...(v.concurrency ? { concurrency: concurrencyFrom(v, 32) } : {}) }, v.database, display);
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (select domains with --select)`);
  const deadline = v["domain-deadline"] === undefined ? 120 : Number(v["domain-deadline"]);
  if (!Number.isFinite(deadline) || deadline <= 0) throw new UsageError("--domain-deadline must be a positive number of seconds");
  let selection;
  try {
    selection = parseSelection(v.select);
  } catch (err) {
    if (err instanceof SelectionError) throw new UsageError(err.message);
    throw err;
  }
  return executeRunCommand({
    kind: "start",
    selection,
    options: { types: testTypesFrom(v), setup: setupOptionsFrom(v), concurrency: concurrencyFrom(v, 32), domainDeadlineSeconds: deadline },
    requestedBy: userInfo().username,
  }, v.database, display);
}
