// Reads an RPKI data file once, with what identifies it: absolute path, size, modification
// time and SHA-256 of the bytes as stored. Gzip-compressed files (common for BGP table dumps
// and pfx2as files) are unpacked; the checksum stays that of the file on disk.

import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { RpkiDataError } from "./data-error.ts";

export interface DataFile {
  location: string;
  text: string;
  sha256: string;
  bytes: number;
  modifiedAt: string;
}

/** Reads `path`; `option` names the command-line option for error messages (e.g. "--rpki-vrps"). */
export async function readDataFile(path: string, option: string): Promise<DataFile> {
  const location = resolve(path);
  let bytes: Buffer;
  let modified: Date;
  try {
    [bytes, modified] = await Promise.all([readFile(location), stat(location).then((s) => s.mtime)]);
  } catch (err) {
    throw new RpkiDataError(`${option} ${path}`, undefined, `cannot read the file: ${(err as Error).message}`);
  }
  let text: string;
  try {
    text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString("utf8");
  } catch (err) {
    throw new RpkiDataError(location, undefined, `looks gzip-compressed but cannot be unpacked: ${(err as Error).message}`);
  }
  return { location, text, sha256: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length, modifiedAt: modified.toISOString() };
}

export function sha256Of(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
