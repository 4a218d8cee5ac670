// `meetlat diff [RUN_A] [RUN_B] [--json]`: what improved, regressed, appeared and disappeared
// between two runs (default: the last two finished runs), per organisation and domain.

import { diffRuns } from "../../runs/diff.ts";
import type { TestChange } from "../../runs/diff.ts";
import type { Store } from "../../store/store.ts";
import { DATABASE_HELP, DATABASE_OPTION_SPEC, withStore } from "../store-access.ts";
import { parseCommand, wantsHelp } from "../parse-command.ts";
import { EXIT, UsageError } from "../usage-error.ts";

const HELP = `usage: meetlat diff [RUN_A] [RUN_B] [--json]

Compares two runs test by test (default: the last two finished runs; one RUN: it against the
finished run before it) and lists, per organisation and domain, what improved, regressed,
appeared, disappeared or otherwise changed.

${DATABASE_HELP}
`;

async function chooseRuns(store: Store, ids: number[]): Promise<[number, number]> {
  if (ids.length === 2) return [ids[0]!, ids[1]!];
  const finished = (await store.runs.list({ limit: 500 })).filter((r) => r.status === "finished");
  if (ids.length === 1) {
    const before = finished.find((r) => r.id < ids[0]!);
    if (!before) throw new UsageError(`there is no finished run before run ${ids[0]} to compare with`);
    return [before.id, ids[0]!];
  }
  if (finished.length < 2) throw new UsageError("there are fewer than two finished runs to compare");
  return [finished[1]!.id, finished[0]!.id];
}

export async function diffCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parseCommand(argv, { ...DATABASE_OPTION_SPEC, json: { type: "boolean" } });
  if (wantsHelp(v, HELP)) return EXIT.ok;
  if (positionals.length > 2) throw new UsageError("give at most two run ids");
  const ids = positionals.map((p) => Number(p));
  if (ids.some((n) => !Number.isInteger(n) || n < 1)) throw new UsageError("run ids are positive integers");
  return withStore(v.database, true, async (store) => {
    const [a, b] = await chooseRuns(store, ids);
    for (const id of [a, b]) if (!(await store.runs.get(id))) throw new UsageError(`there is no run ${id}`);
    const changes: TestChange[] = [];
    for await (const c of diffRuns(store.runs.results(a, { evidence: false }), store.runs.results(b, { evidence: false }))) changes.push(c);
    const owners = new Map((await store.register.existingOwners([...new Set(changes.map((c) => c.domain))])).map((o) => [o.domain, o.organisationKey]));
    const organisationOf = (d: string) => owners.get(d) ?? "(no organisation)";
    if (v.json) {
      process.stdout.write(JSON.stringify({ from: a, to: b, changes: changes.map((c) => ({ organisation: organisationOf(c.domain), ...c })) }) + "\n");
      return EXIT.ok;
    }
    const counts = new Map<string, number>();
    for (const c of changes) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
    process.stdout.write(`run ${a} → run ${b}: ${changes.length === 0 ? "no changes" : [...counts].map(([k, n]) => `${n} ${k}`).join(", ")}\n`);
    const byOrg = new Map<string, TestChange[]>();
    for (const c of changes) byOrg.set(organisationOf(c.domain), [...(byOrg.get(organisationOf(c.domain)) ?? []), c]);
    for (const [org, list] of [...byOrg].sort(([x], [y]) => x.localeCompare(y))) {
      process.stdout.write(`\n${org}\n`);
      for (const c of list) {
        const from = c.before ? `${c.before.status}` : "—";
        const to = c.after ? `${c.after.status}` : "—";
        process.stdout.write(`  ${c.kind.padEnd(11)} ${c.domain.padEnd(32)} ${`${c.type}/${c.test}`.padEnd(34)} ${from} → ${to}${c.after ? `  ${c.after.reason}` : ""}\n`);
      }
    }
    return EXIT.ok;
  });
}
