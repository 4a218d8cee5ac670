// `meetlat explain DOMAIN TEST --reason TEXT --until DATE`, `explain list` and `explain revoke`:
// comply-or-explain. An explanation covers a domain's current finding for one test until a date;
// the profiles then count it as "explained" instead of against the domain (docs/explanations.md).

import type { ParseArgsConfig } from "node:util";
import type { Explanation } from "../../profiles/explanation.ts";
import { DomainInputError, normaliseDomainInput } from "../../scan/domain-input.ts";
import { ExplanationError } from "../../store/explanations.ts";
import { DATABASE_HELP, DATABASE_OPTION_SPEC, withStore } from "../store-access.ts";
import { parseCommand, wantsHelp } from "../parse-command.ts";
import { EXIT, UsageError } from "../usage-error.ts";

const HELP = `usage: meetlat explain DOMAIN TEST --reason TEXT --until DATE [--by NAME]
       meetlat explain list [DOMAIN] [--all] [--json]
       meetlat explain revoke ID [--by NAME]

Comply or explain: attaches an explanation to a domain's current finding for one test (its
latest stored result, which must not be "passed"). Until DATE (inclusive), unless revoked or
the finding changes, the profiles count the finding as "explained" rather than against the
domain, and every report shows the reason. Explanations are never deleted: revoking keeps them
as history. See docs/explanations.md.

options:
  --reason TEXT            why the finding is acceptable for now (required)
  --until DATE             the last day it counts, YYYY-MM-DD, today or later (required)
  --by NAME                who explains (default: $USER, else "unknown")
${DATABASE_HELP}
`;

const LIST_HELP = `usage: meetlat explain list [DOMAIN] [--all] [--json]

Lists the explanations in force today (of DOMAIN, or all domains), newest first: id, domain,
test, the finding explained (status/verdict), until, who, and the reason.

options:
  --all                    include revoked and expired explanations, marked as such
  --json                   one JSON document (an array), with each explanation's state
${DATABASE_HELP}
`;

const REVOKE_HELP = `usage: meetlat explain revoke ID [--by NAME]

Revokes explanation ID (see meetlat explain list): from now on the finding counts again. The
explanation stays in the store as history, marked with when and by whom it was revoked.

options:
  --by NAME                who revokes (default: $USER, else "unknown")
${DATABASE_HELP}
`;

function parse<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T) {
  return parseCommand(argv, { ...DATABASE_OPTION_SPEC, ...options });
}

function defaultBy(option: string | undefined): string {
  return option ?? (process.env.USER || "unknown");
}

function domainArgument(input: string): string {
  try {
    return normaliseDomainInput(input);
  } catch (err) {
    if (err instanceof DomainInputError) throw new UsageError(err.message);
    throw err;
  }
}

/** The store's refusals (unknown domain, passed result, date in the past …) are usage errors. */
async function asUsageError<T>(body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof ExplanationError) throw new UsageError(err.message);
    throw err;
  }
}

type State = "active" | "expired" | "revoked";

function stateOf(e: Explanation, today: string): State {
  if (e.revokedAt !== null) return "revoked";
  return e.until < today ? "expired" : "active";
}

/** A reason typed over several lines stays on its row of the table. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, " ");
}

function formatExplanation(e: Explanation): string {
  return [
    `explanation ${e.id}: ${e.domain} ${e.testId} (${e.finding.status}, ${e.finding.verdict})`,
    `  reason: ${e.reason}`,
    `  until ${e.until} (inclusive), by ${e.by ?? "unknown"}, created ${e.createdAt}`,
    ...(e.revokedAt !== null ? [`  revoked ${e.revokedAt} by ${e.revokedBy ?? "unknown"}`] : []),
  ].join("\n") + "\n";
}

async function addCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parse(argv, { reason: { type: "string" }, until: { type: "string" }, by: { type: "string" } });
  if (wantsHelp(v, HELP)) return EXIT.ok;
  if (positionals.length !== 2) throw new UsageError("give DOMAIN and TEST (meetlat explain --help)");
  if (v.reason === undefined) throw new UsageError("--reason TEXT is required: say why the finding is acceptable");
  if (v.until === undefined) throw new UsageError("--until DATE is required (YYYY-MM-DD, the last day it counts)");
  const domain = domainArgument(positionals[0]!);
  const testId = positionals[1]!;
  return withStore(v.database, true, async (store) => {
    const e = await asUsageError(() => store.explanations.add({ domain, testId, reason: v.reason!, until: v.until!, by: defaultBy(v.by) }));
    process.stdout.write(formatExplanation(e));
    return EXIT.ok;
  });
}

async function listCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parse(argv, { all: { type: "boolean" }, json: { type: "boolean" } });
  if (wantsHelp(v, LIST_HELP)) return EXIT.ok;
  if (positionals.length > 1) throw new UsageError("give at most one DOMAIN (meetlat explain list --help)");
  const domain = positionals[0] === undefined ? undefined : domainArgument(positionals[0]);
  const today = new Date().toISOString().slice(0, 10);
  return withStore(v.database, true, async (store) => {
    if (domain !== undefined && !(await store.register.existingDomains([domain])).has(domain)) throw new UsageError(`${domain} is not in the register`);
    const list = await store.explanations.list({
      ...(domain !== undefined ? { domain } : {}),
      ...(v.all ? { includeRevoked: true } : { activeOn: today }),
    });
    if (v.json) {
      process.stdout.write(JSON.stringify(list.map((e) => ({ ...e, state: stateOf(e, today) }))) + "\n");
      return EXIT.ok;
    }
    if (list.length === 0) {
      process.stdout.write(`no ${v.all ? "" : "current "}explanations${domain ? ` for ${domain}` : ""}${v.all ? "" : " (--all shows revoked and expired ones)"}\n`);
      return EXIT.ok;
    }
    const rows = list.map((e) => [String(e.id), e.domain, e.testId, `${e.finding.status}/${e.finding.verdict}`, e.until, e.by ?? "", ...(v.all ? [stateOf(e, today)] : []), oneLine(e.reason)]);
    const header = ["id", "domain", "test", "finding", "until", "by", ...(v.all ? ["state"] : []), "reason"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padStart(widths[i]!) : i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ") + "\n";
    process.stdout.write(line(header));
    for (const r of rows) process.stdout.write(line(r));
    return EXIT.ok;
  });
}

async function revokeCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parse(argv, { by: { type: "string" } });
  if (wantsHelp(v, REVOKE_HELP)) return EXIT.ok;
  if (positionals.length !== 1) throw new UsageError("give one explanation ID (meetlat explain list shows them)");
  const id = Number(positionals[0]);
  if (!/^\d+$/.test(positionals[0]!) || !Number.isSafeInteger(id) || id < 1) throw new UsageError(`"${positionals[0]}" is not an explanation id`);
  return withStore(v.database, true, async (store) => {
    const e = await asUsageError(() => store.explanations.revoke(id, defaultBy(v.by)));
    process.stdout.write(formatExplanation(e));
    return EXIT.ok;
  });
}

export async function explainCommand(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    process.stdout.write(HELP);
    return EXIT.usage;
  }
  if (first === "list") return listCommand(rest);
  if (first === "revoke") return revokeCommand(rest);
  return addCommand(argv);
}
