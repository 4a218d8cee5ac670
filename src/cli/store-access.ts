// Opening the store from the command line: --database URL, else $MEETLAT_DATABASE, else
// ./meetlat.sqlite. Shared by every command that reads or writes the store.

import { existsSync } from "node:fs";
import { describeDatabaseLocation, DatabaseLocationError, resolveDatabaseLocation } from "../store/database-location.ts";
import type { DatabaseLocation } from "../store/database-location.ts";
import { openStore } from "../store/open-store.ts";
import type { Store } from "../store/store.ts";
import { UsageError } from "./usage-error.ts";

export const DATABASE_HELP = `  --database URL           the store: postgres://user:pass@host/db[?schema=NAME], or an SQLite
                           file (default: $MEETLAT_DATABASE, else ./meetlat.sqlite)`;

export const DATABASE_OPTION_SPEC = { database: { type: "string" } } as const;

function location(option: string | undefined): DatabaseLocation {
  try {
    return resolveDatabaseLocation(option);
  } catch (err) {
    if (err instanceof DatabaseLocationError) throw new UsageError(err.message);
    throw err;
  }
}

/** Opens the store; read-only commands refuse to create an empty SQLite file by accident. */
export async function withStore<T>(option: string | undefined, mustExist: boolean, body: (store: Store) => Promise<T>): Promise<T> {
  const where = location(option);
  if (mustExist && where.engine === "sqlite" && where.path !== ":memory:" && !existsSync(where.path)) {
    throw new UsageError(`no register at ${where.path}: import one first (meetlat register import --builtin nl), or give --database`);
  }
  let store: Store;
  try {
    store = await openStore(where, { recordOnOwnThread: true });
  } catch (err) {
    throw new UsageError(`cannot open the store (${describeDatabaseLocation(where)}): ${(err as Error).message}`);
  }
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

