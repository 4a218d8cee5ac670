// One register row, cell by cell: a zod schema turns the text of each cell into a typed value or
// a problem for that cell, so a row with three bad cells yields three problems. An empty cell
// means "not stated on this row".

import { z } from "zod";
import codeSchemes from "./code-schemes.json" with { type: "json" };
import { normaliseRegisterDomain, RegisterDomainError } from "./domain-name.ts";
import type { ProblemList } from "./import-problem.ts";
import type { ColumnName } from "./map-columns.ts";
import { isCalendarDate } from "./calendar-date.ts";
import { isOrganisationType, LINK_ROLES, ORGANISATION_TYPES, PURPOSES } from "./model.ts";
import type { LinkRole, Purpose } from "./model.ts";
import type { RawRow } from "./raw-table.ts";

export interface ParsedRow {
  line: number;
  domain?: string;
  purpose?: Purpose;
  tags: string[];
  source?: string;
  organisationKey?: string;
  organisation?: string;
  organisationType?: string;
  codes?: Record<string, string>;
  parent?: string;
  validFrom?: string;
  validTo?: string;
  mergedInto?: string;
  role?: LinkRole;
  /** The row's columns with their workbook cell references, so later checks can point at a cell. */
  cells: Map<ColumnName, string | undefined>;
  /** Columns whose cell was reported as invalid (their value is left out above). */
  invalid: Set<ColumnName>;
}

const KEY = /^[a-z0-9][a-z0-9._:/-]{0,199}$/;
const TAG = /^[a-z0-9][a-z0-9._:-]{0,63}$/;
const SCHEME = /^[a-z][a-z0-9-]{0,31}$/;
const ANY_CODE = /^[^\s;]{1,64}$/;
const SCHEMES: Record<string, { pattern: string }> = codeSchemes.schemes;

/** Organisation keys derived from names: "Gemeente 's-Hertogenbosch" → "gemeente-s-hertogenbosch". */
export function keyFromName(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 100);
}

type Ctx = z.RefinementCtx;

function fail(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER as never;
}

const text = (max: number) => z.string().transform((v, ctx) => (v.length > max ? fail(ctx, `longer than ${max} characters`) : v));

const key = z.string().transform((v, ctx) => {
  const k = v.toLowerCase();
  return KEY.test(k) ? k : fail(ctx, `"${v}" is not a valid organisation id (letters, digits and . _ : / -, at most 200)`);
});

const date = z.string().transform((v, ctx) => {
  return isCalendarDate(v) ? v : fail(ctx, `"${v}" is not a date (YYYY-MM-DD)`);
});

function lowerEnum<T extends string>(values: readonly T[], what: string) {
  return z.string().transform((v, ctx) => {
    const lower = v.toLowerCase().replace(/_/g, " ");
    return (values as readonly string[]).includes(lower) ? (lower as T) : fail(ctx, `"${v}" is not a ${what}; use ${values.map((x) => `"${x}"`).join(", ")}`);
  });
}

const rowSchema = z.object({
  domain: z.string().transform((v, ctx) => {
    try {
      return normaliseRegisterDomain(v);
    } catch (err) {
      if (err instanceof RegisterDomainError) return fail(ctx, `invalid domain name: ${err.message}`);
      throw err;
    }
  }).optional(),
  purpose: lowerEnum(PURPOSES, "purpose").optional(),
  tags: z.union([z.string().transform((v) => v.split(/[;,]/)), z.array(z.string())]).transform((list, ctx) => {
    const tags = [...new Set(list.map((t) => t.trim().toLowerCase()).filter((t) => t !== ""))];
    const bad = tags.filter((t) => !TAG.test(t));
    return bad.length > 0 ? fail(ctx, `${bad.map((t) => `"${t}"`).join(", ")}: tags are letters, digits and . _ : - (at most 64)`) : tags;
  }).optional(),
  source: text(200).optional(),
  organisation_id: key.optional(),
  organisation: text(300).optional(),
  organisation_type: z.string().transform((v, ctx) => {
    const lower = v.toLowerCase().replace(/_/g, " ").trim();
    return isOrganisationType(lower) ? lower : fail(ctx, `"${v}" is not an organisation type; use ${ORGANISATION_TYPES.map((t) => `"${t}"`).join(", ")}`);
  }).optional(),
  codes: z.union([z.string().transform((v) => v.split(";").map((p) => p.trim()).filter((p) => p !== "").map((p) => {
    const i = p.indexOf(":");
    return i < 0 ? [p, ""] : [p.slice(0, i).trim(), p.slice(i + 1).trim()];
  })), z.record(z.string(), z.string()).transform((o) => Object.entries(o))]).transform((pairs, ctx) => {
    const codes: Record<string, string> = {};
    for (const [rawScheme, code] of pairs as [string, string][]) {
      const scheme = rawScheme.toLowerCase();
      if (!code) return fail(ctx, `"${rawScheme}": write codes as scheme:value, e.g. cbs:GM0014`);
      if (!SCHEME.test(scheme)) return fail(ctx, `"${rawScheme}" is not a code scheme name (letters, digits and -)`);
      if (codes[scheme] !== undefined) return fail(ctx, `two ${scheme} codes`);
      const pattern = SCHEMES[scheme]?.pattern;
      if (pattern ? !new RegExp(pattern).test(code) : !ANY_CODE.test(code)) return fail(ctx, `"${code}" is not a valid ${scheme} code${pattern ? ` (${pattern})` : ""}`);
      codes[scheme] = code;
    }
    return codes;
  }).optional(),
  parent: key.optional(),
  valid_from: date.optional(),
  valid_to: date.optional(),
  merged_into: key.optional(),
  role: lowerEnum(LINK_ROLES, "role").optional(),
});

/** A cell's value as text (JSON may also give a tags array or a codes object), "" when empty. */
function cellValue(column: ColumnName, value: unknown): { value: unknown; error?: string } {
  if (value === null || value === undefined) return { value: "" };
  if (typeof value === "string") return { value: value.trim() };
  if (typeof value === "number" || typeof value === "boolean") return { value: String(value) };
  if (column === "tags" && Array.isArray(value) && value.every((t) => typeof t === "string")) return { value };
  if (column === "codes" && typeof value === "object" && !Array.isArray(value) && Object.values(value).every((c) => typeof c === "string")) return { value };
  return { value: "", error: `expected text${column === "tags" ? " or a list of texts" : column === "codes" ? " or an object of scheme: code" : ""}` };
}

function isEmpty(value: unknown): boolean {
  return value === "" || (Array.isArray(value) && value.length === 0) || (typeof value === "object" && value !== null && Object.keys(value).length === 0);
}

export function parseRow(row: RawRow, columns: Map<ColumnName, string>, problems: ProblemList): ParsedRow {
  const input: Record<string, unknown> = {};
  const cells = new Map<ColumnName, string | undefined>();
  const badCells = new Set<ColumnName>();
  for (const [column, header] of columns) {
    const raw = row.cells.get(header);
    if (!raw) continue;
    cells.set(column, raw.cell);
    if (raw.unusable) {
      problems.add(raw.line ?? row.line, column, raw.unusable, raw.cell);
      badCells.add(column);
      continue;
    }
    const { value, error } = cellValue(column, raw.value);
    if (error) {
      problems.add(raw.line ?? row.line, column, error, raw.cell);
      badCells.add(column);
    } else if (!isEmpty(value)) {
      input[column] = value;
    }
  }
  // Each bad cell is reported; the row goes on without it, so that the checks across rows
  // (duplicates, owners, codes) still see its good cells.
  const invalid = new Set<ColumnName>([...cells.keys()].filter((c) => row.cells.get(columns.get(c)!)?.unusable || badCells.has(c)));
  let parsed = rowSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = String(issue.path[0]) as ColumnName;
      problems.add(row.cells.get(columns.get(column)!)?.line ?? row.line, column, issue.message, cells.get(column));
      invalid.add(column);
      delete input[column];
    }
    parsed = rowSchema.safeParse(input);
    if (!parsed.success) throw new Error(`internal error: row ${row.line} still invalid after dropping its bad cells`);
  }
  const v = parsed.data;
  const organisationKey = v.organisation_id ?? (v.organisation !== undefined ? keyFromName(v.organisation) : undefined);
  if (organisationKey === "") {
    problems.add(row.line, "organisation", "no id can be derived from this name; give an organisation_id", cells.get("organisation"));
    invalid.add("organisation");
  }
  return {
    line: row.line,
    ...(v.domain !== undefined ? { domain: v.domain } : {}),
    ...(v.purpose !== undefined ? { purpose: v.purpose } : {}),
    tags: v.tags ?? [],
    ...(v.source !== undefined ? { source: v.source } : {}),
    ...(organisationKey ? { organisationKey } : {}),
    invalid,
    ...(v.organisation !== undefined ? { organisation: v.organisation } : {}),
    ...(v.organisation_type !== undefined ? { organisationType: v.organisation_type } : {}),
    ...(v.codes !== undefined ? { codes: v.codes } : {}),
    ...(v.parent !== undefined ? { parent: v.parent } : {}),
    ...(v.valid_from !== undefined ? { validFrom: v.valid_from } : {}),
    ...(v.valid_to !== undefined ? { validTo: v.valid_to } : {}),
    ...(v.merged_into !== undefined ? { mergedInto: v.merged_into } : {}),
    ...(v.role !== undefined ? { role: v.role } : {}),
    cells,
  };
}
