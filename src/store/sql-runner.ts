// What the recorder needs of a database connection: run one statement inside the transaction it
// is in, and get its rows. The store's kysely connection provides it (kysely-runner.ts), and so
// does the recorder's own plain connection (recorder-connection.ts).

import type { Engine } from "./engine.ts";
import type { SqlStatement } from "./sql-text.ts";

export interface SqlRunner {
  readonly engine: Engine;
  /** The statement's rows (none for a statement that returns none). */
  query<Row = Record<string, unknown>>(statement: SqlStatement): Promise<Row[]>;
  /**
   * PostgreSQL's bulk path, where the connection offers it: runs `copy … from stdin` (the
   * statement) with `data` in COPY text format (postgres/copy-text.ts).
   */
  copyIn?(statement: string, data: string): Promise<void>;
}
