// Statement text for either engine, written once: node:sqlite binds `?` in order, pg wants
// numbered placeholders ($1, $2 ...). The recorder builds its statements with this instead of
// kysely, so the recorder thread need not load kysely (about 300 modules: 0.17 s of CPU at the
// start of every run, as much as recording 400 domains).

import { powerOfTwoAtMost } from "./engine.ts";
import type { Engine } from "./engine.ts";

export interface SqlStatement {
  text: string;
  params: unknown[];
}

/** A piece of a statement: a bound value, a list of them, or an identifier. */
export type SqlPiece =
  | { kind: "value"; value: unknown }
  | { kind: "in"; values: readonly unknown[]; pgType: "bigint" | "text" }
  | { kind: "identifier"; name: string };

/** A bound value. */
export function val(value: unknown): SqlPiece {
  return { kind: "value", value };
}

/**
 * Membership of a non-empty list: `in (?, ?, …)` on SQLite, `= any($n::type[])` on PostgreSQL
 * (one parameter, one statement text whatever the length: PostgreSQL parses and plans it once).
 * On SQLite the list is padded to a power of two by repeating its last value (which changes
 * nothing in a membership test), so that a statement comes in a few lengths, each prepared once
 * (see powerOfTwoChunks).
 */
export function inList(values: readonly unknown[], pgType: "bigint" | "text"): SqlPiece {
  if (values.length === 0) throw new Error("an empty list matches nothing: leave the statement out");
  return { kind: "in", values, pgType };
}

/** A table or column name (quoted; only names from the code, never input). */
export function ident(name: string): SqlPiece {
  return { kind: "identifier", name };
}

/** The placeholder of the `index`-th bound value (0-based): node:sqlite binds `?` in order, pg numbers them. */
export function placeholder(engine: Engine, index: number): string {
  return engine === "postgres" ? `$${index + 1}` : "?";
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The statement for `engine`: `sqlFor(engine)\`select … where id = ${val(x)}\``. */
export function sqlFor(engine: Engine): (strings: TemplateStringsArray, ...pieces: SqlPiece[]) => SqlStatement {
  return (strings, ...pieces) => {
    const params: unknown[] = [];
    const mark = (value: unknown) => placeholder(engine, params.push(value) - 1);
    let text = strings[0]!;
    pieces.forEach((piece, i) => {
      if (piece.kind === "value") text += mark(piece.value);
      else if (piece.kind === "identifier") text += quoteIdentifier(piece.name);
      else if (engine === "postgres") text += `= any(${mark(piece.values)}::${piece.pgType}[])`;
      else text += `in (${padToPowerOfTwo(piece.values).map(mark).join(", ")})`;
      text += strings[i + 1]!;
    });
    return { text, params };
  };
}

function padToPowerOfTwo(values: readonly unknown[]): readonly unknown[] {
  const below = powerOfTwoAtMost(values.length);
  if (below === values.length) return values;
  // Up to the next power of two, twice the largest one below the length.
  return [...values, ...new Array<unknown>(2 * below - values.length).fill(values.at(-1))];
}
