// An SQLite file opened the way the store uses it, without kysely: the store's kysely dialect
// (open-sqlite.ts) and the recorder thread's own connection (recorder-connection.ts) both open
// their files here. WAL lets readers (a report, the future HTTP API) work while a run writes;
// the busy timeout lets a second connection or meetlat process wait for the lock instead of
// failing.

import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { DatabaseSync } from "node:sqlite";

const BUSY_TIMEOUT_MS = 15_000;
const SQLITE_BUSY = 5;
const WAL_CHECKPOINT_PAGES = 16_384;

/**
 * Switches the file to WAL (a setting kept in the file). Changing the journal mode does not wait
 * for the busy timeout, so when another process is just creating the same file, retry briefly.
 */
function useWal(raw: DatabaseSync): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (true) {
    try {
      const mode = (raw.prepare("PRAGMA journal_mode").get() as { journal_mode: string }).journal_mode;
      if (mode !== "wal") raw.exec("PRAGMA journal_mode = WAL");
      return;
    } catch (err) {
      if ((err as { errcode?: number }).errcode !== SQLITE_BUSY || Date.now() > deadline) throw err;
      Atomics.wait(pause, 0, 0, 25);
    }
  }
}

/** Opens (creating if need be) the file at `path`, or an in-memory database for ":memory:". */
export function openSqliteFile(path: string): DatabaseSync {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const raw = new DatabaseSync(path, { timeout: BUSY_TIMEOUT_MS, enableForeignKeyConstraints: true });
  if (path !== ":memory:") useWal(raw);
  raw.exec("PRAGMA synchronous = NORMAL");
  // A run commits a batch every few hundred ms; checkpointing the WAL back into the file every
  // 1,000 pages (the default) made those commits wait on the disk. 16,384 pages (64 MiB) lets
  // checkpoints come rarely, and in larger, sequential writes.
  raw.exec(`PRAGMA wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  return raw;
}
