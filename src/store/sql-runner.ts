// What the recorder needs of a database connection: run one statement inside the transaction it
// is in, and get its rows. The recorder's own plain connection provides it (recorder-connection.ts),
// and on SQLite so does the store's kysely connection (kysely-runner.ts).

import type { Engine } from "./engine.ts";
import type { SqlStatement } from "./sql-text.ts";

export interface SqlRunner {
  readonly engine: Engine;
  /** The statement's rows (none for a statement that returns none). */
  query<Row = Record<string, unknown>>(statement: SqlStatement): Promise<Row[]>;
  /**
   * PostgreSQL's bulk path, where the connection offers it: runs `copy … from stdin` (the
   * statement) with `data` in COPY's binary format (postgres/binary-format.ts).
   */
  copyIn?(statement: string, data: Buffer): Promise<void>;
}
