// The few column types that differ between the engines, so each migration is written once.
// SQLite keeps timestamps as ISO text (which sorts correctly); PostgreSQL gets real
// timestamptz/date columns that its own tools and indexes understand.

import { sql } from "kysely";
import type { ColumnDataType, ColumnDefinitionBuilder, CreateTableBuilder, Expression } from "kysely";
import type { Engine } from "../engine.ts";

type DataTypeExpression = ColumnDataType | Expression<unknown>;

export interface ColumnTypes {
  /** A foreign key to an id column. */
  ref: DataTypeExpression;
  timestamp: DataTypeExpression;
  date: DataTypeExpression;
  real: DataTypeExpression;
  /**
   * Text that sorts byte by byte on both engines (SQLite's default; "C" on PostgreSQL, whose
   * default follows the server's locale): domain names are paged and merged in this order.
   */
  byteText: DataTypeExpression;
  /** Adds an auto-numbered primary key `id`. */
  addId<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, "id">;
}

export function columnTypes(engine: Engine): ColumnTypes {
  if (engine === "postgres") {
    return {
      ref: "bigint",
      timestamp: "timestamptz",
      date: "date",
      real: sql`double precision`,
      byteText: sql`text collate "C"`,
      addId: (t) => t.addColumn("id", "bigint", (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity()),
    };
  }
  return {
    ref: "integer",
    timestamp: "text",
    date: "text",
    real: "real",
    byteText: "text",
    addId: (t) => t.addColumn("id", "integer", (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement()),
  };
}
