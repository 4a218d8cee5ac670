// Writing a command's output file so that a failure never leaves a half file under the asked
// name: written to FILE.partial-PID next to it, renamed into place when complete, removed on error.

import { createWriteStream } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";

function partialName(path: string): string {
  return `${path}.partial-${process.pid}`;
}

export async function writeFileAtomically(path: string, content: string): Promise<void> {
  const partial = partialName(path);
  try {
    await writeFile(partial, content, "utf8");
    await rename(partial, path);
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

/** Streams `body`'s output to `path`; the file appears only when body and the stream both finished. */
export async function streamToFileAtomically<T>(path: string, body: (out: Writable) => Promise<T>): Promise<T> {
  const partial = partialName(path);
  const out = createWriteStream(partial);
  try {
    // An open error (missing directory) surfaces here, not as an unhandled 'error' event.
    const opened = new Promise<void>((resolve, reject) => { out.once("open", () => resolve()); out.once("error", reject); });
    await opened;
    const result = await body(out);
    out.end();
    await finished(out);
    await rename(partial, path);
    return result;
  } catch (err) {
    out.destroy();
    await rm(partial, { force: true });
    throw err;
  }
}
