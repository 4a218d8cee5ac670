// Rows in PostgreSQL's binary COPY format: a fixed header, then per row the number of fields and
// each field as a 32-bit length and its bytes in the type's binary form (-1 for null), then a
// trailer. The server's text format makes it split every line into fields character by
// character, and parse every number and moment: for the observations of 1,000 domains (3 MB of
// JSON text) that was half of what the COPY cost the server. In binary form a text is its UTF-8
// bytes and a moment eight bytes, so nothing is parsed or escaped on either side.

import type { PgType } from "../bulk-insert.ts";

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** Signature, flags (no OIDs) and the length of the header extension (none). */
const HEADER_BYTES = SIGNATURE.length + 4 + 4;
/** PostgreSQL counts time from 2000-01-01 UTC, in microseconds. */
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
/** An ISO 8601 moment with its zone, as the recorder writes them, with up to microseconds. */
const ISO_MOMENT = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?(Z|[+-]\d\d:\d\d)$/;

/** The rows' columns, in that order, as one COPY … (format binary) stream. */
export function copyBinary<R>(rows: readonly R[], columns: readonly (readonly [keyof R & string, PgType])[]): Buffer {
  const fields = columns.length;
  // Texts are measured first, so that the whole stream is one allocation.
  let size = HEADER_BYTES + 2;
  for (const row of rows) {
    size += 2;
    for (const [name, type] of columns) size += 4 + valueBytes(row[name], type, name);
  }
  const out = Buffer.allocUnsafe(size);
  let at = SIGNATURE.copy(out, 0);
  at = out.writeInt32BE(0, at);
  at = out.writeInt32BE(0, at);
  for (const row of rows) {
    at = out.writeInt16BE(fields, at);
    for (const [name, type] of columns) at = writeValue(out, at, row[name], type);
  }
  out.writeInt16BE(-1, at);
  return out;
}

/** The type OIDs of PostgreSQL's catalog (pg_type), for binary arrays. */
const TYPE_OID: Readonly<Record<PgType, number>> = { bigint: 20, integer: 23, text: 25, "double precision": 701, timestamptz: 1184 };

/**
 * One column's values as a one-dimensional array in PostgreSQL's binary form, to bind as a
 * parameter (pg sends a Buffer as binary): `unnest($1::text[], ...)` then reads a batch's rows
 * from one parameter per column, with nothing to escape, parse or plan per value.
 */
export function binaryArray(values: readonly unknown[], type: PgType, column = "value"): Buffer {
  if (values.length === 0) {
    // PostgreSQL's empty array has no dimensions.
    const empty = Buffer.alloc(12);
    empty.writeInt32BE(TYPE_OID[type], 8);
    return empty;
  }
  let size = 20;
  let nulls = 0;
  for (const v of values) {
    size += 4 + valueBytes(v, type, column);
    if (v === null || v === undefined) nulls = 1;
  }
  const out = Buffer.allocUnsafe(size);
  let at = out.writeInt32BE(1, 0); // dimensions
  at = out.writeInt32BE(nulls, at);
  at = out.writeInt32BE(TYPE_OID[type], at);
  at = out.writeInt32BE(values.length, at);
  at = out.writeInt32BE(1, at); // lower bound
  for (const v of values) at = writeValue(out, at, v, type);
  return out;
}

/** The size of each type's binary form, but for text's, which is its UTF-8 length. */
const FIXED_BYTES: Readonly<Record<Exclude<PgType, "text">, number>> = { bigint: 8, integer: 4, "double precision": 8, timestamptz: 8 };

function valueBytes(value: unknown, type: PgType, column: string): number {
  if (value === null || value === undefined) return 0;
  if (type !== "text") return FIXED_BYTES[type];
  if (typeof value !== "string") throw new TypeError(`column ${column}: expected a text, got ${typeof value}`);
  return Buffer.byteLength(value, "utf8");
}

function writeValue(out: Buffer, at: number, value: unknown, type: PgType): number {
  if (value === null || value === undefined) return out.writeInt32BE(-1, at);
  if (type === "text") {
    const written = out.write(value as string, at + 4, "utf8");
    out.writeInt32BE(written, at);
    return at + 4 + written;
  }
  at = out.writeInt32BE(FIXED_BYTES[type], at);
  switch (type) {
    case "bigint": return out.writeBigInt64BE(toBigInt(value), at);
    case "integer": return out.writeInt32BE(toInteger(value), at);
    case "double precision": return out.writeDoubleBE(Number(value), at);
    case "timestamptz": return out.writeBigInt64BE(momentMicroseconds(value), at);
  }
}

/** The last moment text converted: every row of a batch carries the batch's one moment, often several times. */
let lastMoment: { text: string; micros: bigint } | undefined;

function momentMicroseconds(value: unknown): bigint {
  if (typeof value !== "string") return pgMicroseconds(value);
  if (lastMoment?.text !== value) lastMoment = { text: value, micros: pgMicroseconds(value) };
  return lastMoment.micros;
}

function toBigInt(value: unknown): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
  throw new TypeError(`not a whole number: ${String(value)}`);
}

function toInteger(value: unknown): number {
  const n = typeof value === "string" ? Number(value) : value;
  if (typeof n === "number" && Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31) return n;
  throw new TypeError(`not a 32-bit whole number: ${String(value)}`);
}

/** A moment (ISO 8601 text with its zone, or a Date) in microseconds since PostgreSQL's epoch. */
export function pgMicroseconds(value: unknown): bigint {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new TypeError("not a moment: an invalid Date");
    return BigInt(ms - PG_EPOCH_MS) * 1000n;
  }
  const m = typeof value === "string" ? ISO_MOMENT.exec(value) : null;
  const ms = m ? Date.parse(`${m[1]}${m[3]}`) : NaN;
  if (!m || Number.isNaN(ms)) throw new TypeError(`not an ISO 8601 moment with its zone: ${String(value)}`);
  const micros = Number((m[2] ?? "").padEnd(6, "0"));
  return BigInt(ms - PG_EPOCH_MS) * 1000n + BigInt(micros);
}
