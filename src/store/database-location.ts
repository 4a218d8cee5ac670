// Where the store lives: a PostgreSQL URL or an SQLite file. The one place that reads
// --database / MEETLAT_DATABASE and knows the default (./meetlat.sqlite, beside the user's work,
// visible, and ignored by git), so the CLI, tests and a future server agree.

import { resolve } from "node:path";

export const DEFAULT_SQLITE_FILE = "meetlat.sqlite";

export type DatabaseLocation =
  | { engine: "sqlite"; /** absolute path, or ":memory:" */ path: string }
  | { engine: "postgres"; /** the URL without meetlat's own `schema` parameter */ url: string; schema: string };

export class DatabaseLocationError extends Error {}

/** `postgres://…` / `postgresql://…` (optional `?schema=NAME`), `sqlite:PATH`, `:memory:` or a file path. */
export function parseDatabaseLocation(spec: string): DatabaseLocation {
  const text = spec.trim();
  if (!text) throw new DatabaseLocationError("the database location is empty");
  if (/^postgres(ql)?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new DatabaseLocationError(`"${redactDatabaseUrl(text)}" is not a valid PostgreSQL URL`);
    }
    const schema = url.searchParams.get("schema") ?? "public";
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new DatabaseLocationError(`schema "${schema}": use lower-case letters, digits and _ only`);
    url.searchParams.delete("schema");
    return { engine: "postgres", url: url.toString(), schema };
  }
  if (text === ":memory:" || text === "sqlite::memory:") return { engine: "sqlite", path: ":memory:" };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) throw new DatabaseLocationError(`"${redactDatabaseUrl(text)}": only postgres:// URLs and SQLite file paths are supported`);
  const path = text.replace(/^(sqlite|file):/i, "");
  return { engine: "sqlite", path: resolve(path) };
}

/** The location string of `schema` in the PostgreSQL database at `url` (what parseDatabaseLocation reads back). */
export function postgresSchemaLocation(url: string, schema: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}schema=${schema}`;
}

/** --database, else MEETLAT_DATABASE, else ./meetlat.sqlite in the working directory. */
export function resolveDatabaseLocation(option: string | undefined, env: NodeJS.ProcessEnv = process.env): DatabaseLocation {
  return parseDatabaseLocation(option ?? env.MEETLAT_DATABASE ?? DEFAULT_SQLITE_FILE);
}

/** The location for messages: never shows a password. */
export function describeDatabaseLocation(location: DatabaseLocation): string {
  if (location.engine === "sqlite") return location.path === ":memory:" ? "SQLite in memory" : `SQLite ${location.path}`;
  return `PostgreSQL ${redactDatabaseUrl(location.url)}${location.schema === "public" ? "" : ` (schema ${location.schema})`}`;
}

export function redactDatabaseUrl(text: string): string {
  return text.replace(/(\/\/[^:/@]*:)[^@/]*@/, "$1***@");
}
