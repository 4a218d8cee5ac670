// `meetlat register import|list|add|remove|tag`: the organisations and domains meetlat
// measures, kept in the store (--database URL, else MEETLAT_DATABASE, else ./meetlat.sqlite).

import { existsSync } from "node:fs";
import type { ParseArgsConfig } from "node:util";
import { isBuiltinRegister, builtinRegisterPath, BUILTIN_REGISTERS } from "../../register/builtin-registers.ts";
import { TEXT_ENCODINGS } from "../../register/decode-text.ts";
import type { TextEncoding } from "../../register/decode-text.ts";
import { formatProblem, ProblemList } from "../../register/import-problem.ts";
import { DEFAULT_MAX_IMPORT_BYTES, importRegisterFile, importTable } from "../../register/import-register.ts";
import type { ImportOutcome } from "../../register/import-register.ts";
import { LINK_ROLES, ORGANISATION_TYPES, PURPOSES } from "../../register/model.ts";
import type { Purpose } from "../../register/model.ts";
import { IMPORT_FORMATS } from "../../register/raw-table.ts";
import type { ImportFormat, RawRow } from "../../register/raw-table.ts";
import { normaliseRegisterDomain } from "../../register/domain-name.ts";
import { formatCounts, formatSummary } from "../../register/report-text.ts";
import { UnknownOrganisationError } from "../../store/register-edits.ts";
import { DATABASE_HELP, DATABASE_OPTION_SPEC, withStore } from "../store-access.ts";
import { parseCommand } from "../parse-command.ts";
import { EXIT, UsageError } from "../usage-error.ts";

/** An import refused because of problems in the file: nothing was changed. */
export const EXIT_IMPORT_REJECTED = 3;


const HELP = `usage: meetlat register <import|list|add|remove|tag> [options]

The register: organisations (with type, official codes, parent, validity) and their domains.

  meetlat register import FILE [--format csv|json|xlsx] [--dry-run]
  meetlat register import --builtin nl|us [--dry-run]
  meetlat register list [--domains | --summary] [--type T] [--tag T] [--organisation ID] [--json]
  meetlat register add DOMAIN... [--organisation ID] [--purpose web|mail|both] [--tag T]... [--role owner|related]
  meetlat register remove DOMAIN... [--organisation ID]
  meetlat register tag DOMAIN... [--add T]... [--remove T]...

meetlat register <subcommand> --help shows its options; docs/register.md describes the file
format, the validation report and the storage model.
`;

const IMPORT_HELP = `usage: meetlat register import FILE [options]
       meetlat register import --builtin nl|us [options]

Imports organisations and domains from a CSV, JSON or XLSX file (columns: docs/register.md).
All or nothing: if anything in the file is wrong, every problem is listed as FILE:LINE: FIELD:
message and nothing changes (exit code ${EXIT_IMPORT_REJECTED}).

options:
  --builtin NAME           a register shipped with meetlat: ${Object.entries(BUILTIN_REGISTERS).map(([n, r]) => `${n} (${r.description})`).join("; ")}
  --format FORMAT          csv, json or xlsx (default: from the file name, else from its content)
  --encoding ENCODING      utf-8 (default) or windows-1252, for CSV/JSON
  --source LABEL           where the data comes from, stored with the import (default: the file name)
  --max-size MB            refuse larger files (default ${DEFAULT_MAX_IMPORT_BYTES / (1024 * 1024)})
  --dry-run                validate and report what would change; write nothing
  --json                   print the outcome as one JSON document
${DATABASE_HELP}
`;

const LIST_HELP = `usage: meetlat register list [options]

Lists organisations (default), domains (--domains) or the register's counts (--summary).

options:
  --domains                list domains with their organisations and tags
  --summary                counts per organisation type and of domains
  --type TYPE              only organisations of this type (${ORGANISATION_TYPES.join(", ")})
  --tag TAG                only domains with this tag (implies --domains)
  --organisation ID        only domains of this organisation (implies --domains)
  --all                    include removed domains
  --json                   one JSON object per line (streamed)
${DATABASE_HELP}
`;

const ADD_HELP = `usage: meetlat register add DOMAIN... [options]

Adds domains (validated as an import is), optionally linked to an organisation.

options:
  --organisation ID        link to this organisation (it must exist, or give --name)
  --name NAME              the organisation's name, to create it
  --type TYPE              the new organisation's type (${ORGANISATION_TYPES.join(", ")})
  --purpose PURPOSE        web, mail or both (default both)
  --tag TAG                tag the domains (repeatable)
  --role ROLE              owner (default) or related
${DATABASE_HELP}
`;

const REMOVE_HELP = `usage: meetlat register remove DOMAIN... [--organisation ID]

Without --organisation, marks the domains removed (kept for the runs that measured them);
with it, ends only their link to that organisation.

${DATABASE_HELP}
`;

const TAG_HELP = `usage: meetlat register tag DOMAIN... [--add TAG]... [--remove TAG]...

${DATABASE_HELP}
`;

function parse<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T) {
  return parseCommand(argv, { ...DATABASE_OPTION_SPEC, ...options });
}

function oneOf<T extends string>(value: string | undefined, values: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) throw new UsageError(`--${option} must be one of ${values.join(", ")}`);
  return value as T;
}

/** A domain as typed, in the form the register keeps (Unicode → IDNA, lower case, no dot). */
function lookupName(input: string): string {
  try {
    return normaliseRegisterDomain(input);
  } catch {
    return input.trim().toLowerCase().replace(/\.$/, "");
  }
}

function printProblems(outcome: ImportOutcome): void {
  for (const p of outcome.problems) process.stderr.write(formatProblem(p) + "\n");
  const shown = outcome.problems.length < outcome.totalProblems ? ` (the first ${outcome.problems.length} are listed)` : "";
  process.stderr.write(`${outcome.totalProblems} problem${outcome.totalProblems === 1 ? "" : "s"}${shown}; nothing was imported\n`);
}

async function importCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    builtin: { type: "string" }, format: { type: "string" }, encoding: { type: "string" }, source: { type: "string" },
    "max-size": { type: "string" }, "dry-run": { type: "boolean" }, json: { type: "boolean" },
  });
  if (v.help) {
    process.stdout.write(IMPORT_HELP);
    return EXIT.ok;
  }
  if (v.builtin !== undefined && !isBuiltinRegister(v.builtin)) throw new UsageError(`--builtin must be one of ${Object.keys(BUILTIN_REGISTERS).join(", ")}`);
  if ((v.builtin === undefined) === (positionals.length !== 1)) throw new UsageError("give one FILE, or --builtin NAME (meetlat register import --help)");
  const format = oneOf<ImportFormat>(v.format, IMPORT_FORMATS, "format");
  const encoding = oneOf<TextEncoding>(v.encoding, TEXT_ENCODINGS, "encoding");
  const maxMb = v["max-size"] === undefined ? undefined : Number(v["max-size"]);
  if (maxMb !== undefined && !(maxMb > 0)) throw new UsageError("--max-size must be a positive number of megabytes");
  const builtin = v.builtin !== undefined && isBuiltinRegister(v.builtin) ? v.builtin : undefined;
  const path = builtin ? builtinRegisterPath(builtin) : positionals[0]!;
  const shownAs = builtin ? `data/registers/${BUILTIN_REGISTERS[builtin].file}` : path;
  if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);

  return withStore(v.database, false, async (store) => {
    const outcome = await importRegisterFile(store.register, path, {
      ...(format ? { format } : {}), ...(encoding ? { encoding } : {}),
      ...(maxMb !== undefined ? { maxBytes: Math.floor(maxMb * 1024 * 1024) } : {}),
      ...(v.source ?? builtin ? { source: v.source ?? `builtin ${builtin}` } : {}),
      displayName: shownAs,
      dryRun: v["dry-run"] === true,
    });
    const counts = outcome.ok && !v["dry-run"] ? await store.register.counts() : undefined;
    if (v.json) {
      process.stdout.write(JSON.stringify({ ...outcome, changes: undefined, dryRun: v["dry-run"] === true, store: store.location, counts }) + "\n");
    } else if (!outcome.ok) {
      printProblems(outcome);
    } else {
      const what = v["dry-run"] ? "dry run, nothing written; importing would change" : "imported into";
      process.stdout.write(`${shownAs}: ${outcome.rowCount} rows (${outcome.format}) — ${what} ${store.location}:\n${formatSummary(outcome.summary!)}\n`);
      if (counts) process.stdout.write(`\nthe register now holds:\n${formatCounts(counts)}\n`);
    }
    return outcome.ok ? EXIT.ok : EXIT_IMPORT_REJECTED;
  });
}

/** Lines to stdout that wait when the reader is slow and stop quietly when it goes away (| head). */
function streamedLines(): { write(line: string): Promise<void>; readonly closed: boolean } {
  let closed = false;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    closed = true;
  });
  return {
    get closed() {
      return closed;
    },
    async write(line) {
      if (closed) return;
      if (!process.stdout.write(line + "\n")) await new Promise<void>((resolve) => { process.stdout.once("drain", resolve); process.stdout.once("error", () => resolve()); });
    },
  };
}

async function listCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    domains: { type: "boolean" }, summary: { type: "boolean" }, type: { type: "string" }, tag: { type: "string" },
    organisation: { type: "string" }, all: { type: "boolean" }, json: { type: "boolean" },
  });
  if (v.help) {
    process.stdout.write(LIST_HELP);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}" (meetlat register list --help)`);
  const type = oneOf(v.type, ORGANISATION_TYPES, "type");
  const out = streamedLines();
  return withStore(v.database, true, async (store) => {
    if (v.summary) {
      const counts = await store.register.counts();
      await out.write(v.json ? JSON.stringify(counts) : formatCounts(counts));
      return EXIT.ok;
    }
    if (v.domains || v.tag !== undefined || v.organisation !== undefined) {
      const filter = {
        ...(v.tag !== undefined ? { tag: v.tag.toLowerCase() } : {}), ...(v.organisation !== undefined ? { organisationKey: v.organisation } : {}),
        ...(type ? { organisationType: type } : {}), includeRemoved: v.all === true,
      };
      for await (const d of store.register.domains(filter)) {
        if (out.closed) break;
        await out.write(v.json ? JSON.stringify(d) : [d.name, d.purpose, d.organisations.map((o) => `${o.key}${o.role === "owner" ? "" : `(${o.role})`}`).join(",") || "-", d.tags.join(";") || "-", ...(d.removedAt ? [`removed ${d.removedAt}`] : [])].join("\t"));
      }
      return EXIT.ok;
    }
    for await (const o of store.register.organisations(type ? { type } : {})) {
      if (out.closed) break;
      await out.write(v.json ? JSON.stringify(o) : [o.key, o.type, o.name, `${o.domainCount} domains`, Object.entries(o.codes).map(([s, c]) => `${s}:${c}`).join(";") || "-", ...(o.validTo ? [`until ${o.validTo}${o.mergedIntoKey ? ` → ${o.mergedIntoKey}` : ""}`] : [])].join("\t"));
    }
    return EXIT.ok;
  });
}

async function addCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parse(argv, {
    organisation: { type: "string" }, name: { type: "string" }, type: { type: "string" }, purpose: { type: "string" },
    tag: { type: "string", multiple: true }, role: { type: "string" },
  });
  if (v.help) {
    process.stdout.write(ADD_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError("give at least one DOMAIN (meetlat register add --help)");
  const purpose = oneOf<Purpose>(v.purpose, PURPOSES, "purpose");
  const role = oneOf(v.role, LINK_ROLES, "role");
  if ((v.name !== undefined || v.type !== undefined || role !== undefined) && v.organisation === undefined) throw new UsageError("--name, --type and --role need --organisation ID");
  // The arguments become rows of an import, so they are validated exactly as a file is.
  const cell = (value: string | undefined) => ({ value: value ?? "" });
  const rows: RawRow[] = positionals.map((domain, i) => ({
    line: i + 1,
    cells: new Map([
      ["domain", cell(domain)], ["purpose", cell(purpose)], ["tags", cell(v.tag?.join(";"))], ["organisation_id", cell(v.organisation)],
      ["organisation", cell(v.name)], ["organisation_type", cell(v.type)], ["role", cell(role)],
    ]),
  }));
  const headers = ["domain", "purpose", "tags", "organisation_id", "organisation", "organisation_type", "role"].map((text) => ({ text, line: 0 }));
  return withStore(v.database, false, async (store) => {
    const problems = new ProblemList("argument");
    const outcome = await importTable(store.register, { format: "csv", headers, rows }, problems, { source: "meetlat register add", fileName: null, fileSha256: null });
    if (!outcome.ok) {
      for (const p of outcome.problems) process.stderr.write(formatProblem(p) + "\n");
      return EXIT_IMPORT_REJECTED;
    }
    process.stdout.write(`${store.location}:\n${formatSummary(outcome.summary!)}\n`);
    return EXIT.ok;
  });
}

async function removeCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parse(argv, { organisation: { type: "string" } });
  if (v.help) {
    process.stdout.write(REMOVE_HELP);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError("give at least one DOMAIN (meetlat register remove --help)");
  const names = positionals.map(lookupName);
  return withStore(v.database, true, async (store) => {
    const { changed, notFound } = await store.register.remove(names, v.organisation);
    const what = v.organisation ? `unlinked from ${v.organisation}` : "removed";
    if (changed.length > 0) process.stdout.write(`${what}: ${changed.join(", ")}\n`);
    if (notFound.length > 0) process.stderr.write(`not ${v.organisation ? `linked to ${v.organisation}` : "in the register"}: ${notFound.join(", ")}\n`);
    return notFound.length > 0 ? EXIT_IMPORT_REJECTED : EXIT.ok;
  }).catch((err: unknown) => {
    if (err instanceof UnknownOrganisationError) throw new UsageError(err.message);
    throw err;
  });
}

async function tagCommand(argv: string[]): Promise<number> {
  const { values: v, positionals } = parse(argv, { add: { type: "string", multiple: true }, remove: { type: "string", multiple: true } });
  if (v.help) {
    process.stdout.write(TAG_HELP);
    return EXIT.ok;
  }
  const add = (v.add ?? []).map((t) => t.trim().toLowerCase());
  const remove = (v.remove ?? []).map((t) => t.trim().toLowerCase());
  if (positionals.length === 0 || add.length + remove.length === 0) throw new UsageError("give DOMAINs and --add or --remove TAG (meetlat register tag --help)");
  const bad = [...add, ...remove].find((t) => !/^[a-z0-9][a-z0-9._:-]{0,63}$/.test(t));
  if (bad !== undefined) throw new UsageError(`"${bad}" is not a tag (letters, digits and . _ : -)`);
  const names = positionals.map(lookupName);
  return withStore(v.database, true, async (store) => {
    const { changed, notFound } = await store.register.tag(names, add, remove);
    if (changed.length > 0) process.stdout.write(`tags changed: ${changed.join(", ")}\n`);
    if (notFound.length > 0) process.stderr.write(`not in the register: ${notFound.join(", ")}\n`);
    return notFound.length > 0 ? EXIT_IMPORT_REJECTED : EXIT.ok;
  });
}

const SUBCOMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  import: importCommand, list: listCommand, add: addCommand, remove: removeCommand, tag: tagCommand,
};

export async function registerCommand(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(HELP);
    return name ? EXIT.ok : EXIT.usage;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) throw new UsageError(`unknown subcommand "${name}" (meetlat register --help)`);
  return sub(rest);
}
