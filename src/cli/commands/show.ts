// `meetlat show DOMAIN [--run R] [--json]`: one domain's results in a run (default: the newest
// run that measured it), every test with status and reason, and the evidence behind them.

import { normaliseDomainInput, DomainInputError } from "../../scan/domain-input.ts";
import type { RunDomainResult, Store } from "../../store/store.ts";
import { formatTypeResult } from "../output/terminal.ts";
import { DATABASE_HELP, DATABASE_OPTION_SPEC, withStore } from "../store-access.ts";
import { parseCommand, wantsHelp } from "../parse-command.ts";
import { EXIT, UsageError } from "../usage-error.ts";

const HELP = `usage: meetlat show DOMAIN [--run R] [--json]

Prints what run R (default: the newest run that measured DOMAIN) found for the domain: each
test's status and reason, then the evidence (with --json: one document with both).

${DATABASE_HELP}
`;

async function findResult(store: Store, domain: string, runId: number | undefined): Promise<{ runId: number; result: RunDomainResult } | undefined> {
  const candidates = runId === undefined ? (await store.runs.list({ limit: 100 })).map((r) => r.id) : [runId];
  for (const id of candidates) {
    for await (const result of store.runs.results(id, { domain })) return { runId: id, result };
  }
  return undefined;
}

export async function showCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parseCommand(argv, { ...DATABASE_OPTION_SPEC, run: { type: "string" }, json: { type: "boolean" } });
  if (wantsHelp(v, HELP)) return EXIT.ok;
  if (positionals.length !== 1) throw new UsageError("give one DOMAIN (meetlat show --help)");
  let domain: string;
  try {
    domain = normaliseDomainInput(positionals[0]!);
  } catch (err) {
    if (err instanceof DomainInputError) throw new UsageError(err.message);
    throw err;
  }
  const runId = v.run === undefined ? undefined : Number(v.run);
  if (runId !== undefined && (!Number.isInteger(runId) || runId < 1)) throw new UsageError(`"${v.run}" is not a run id`);
  return withStore(v.database, true, async (store) => {
    const found = await findResult(store, domain, runId);
    if (!found) throw new UsageError(runId === undefined ? `no run has measured ${domain}` : `run ${runId} has no results for ${domain}`);
    if (v.json) {
      process.stdout.write(JSON.stringify({ run: found.runId, ...found.result }) + "\n");
      return EXIT.ok;
    }
    process.stdout.write(`run ${found.runId}, recorded ${found.result.recordedAt}\n\n`);
    process.stdout.write(found.result.results.map((r) => formatTypeResult(r, process.stdout.isTTY === true)).join("\n\n") + "\n\n");
    process.stdout.write(`evidence:\n${JSON.stringify(found.result.evidence, null, 2)}\n`);
    return EXIT.ok;
  });
}
