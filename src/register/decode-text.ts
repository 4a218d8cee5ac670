// Text files must be UTF-8. A file that is not — most often a CSV saved by Excel on Windows,
// which writes Windows-1252 — is reported line by line, with the bytes that are wrong and what
// they would mean in Windows-1252, unless the user says that is the encoding (--encoding).

import type { ProblemList } from "./import-problem.ts";

export const TEXT_ENCODINGS = ["utf-8", "windows-1252"] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

const utf8 = new TextDecoder("utf-8", { fatal: true });
const cp1252 = new TextDecoder("windows-1252");
// Bytes Windows-1252 leaves undefined: a file with these is not Windows-1252 either.
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/** The decoded text (without a byte-order mark), or undefined after adding problems. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding, problems: ProblemList): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    problems.add(0, undefined, "the file is UTF-16; save it as UTF-8 (in Excel: \"CSV UTF-8\")");
    return undefined;
  }
  if (encoding === "windows-1252") return cp1252.decode(bytes);
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return utf8.decode(body);
  } catch {
    reportInvalidUtf8(body, problems);
    return undefined;
  }
}

function reportInvalidUtf8(bytes: Uint8Array, problems: ProblemList): void {
  let looksCp1252 = true;
  let line = 1;
  let start = 0;
  const badLines: { line: number; column: number; byte: number }[] = [];
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const lineBytes = bytes.subarray(start, i);
    const bad = firstInvalidUtf8(lineBytes);
    if (bad >= 0) {
      badLines.push({ line, column: bad + 1, byte: lineBytes[bad]! });
      for (const b of lineBytes) if (CP1252_UNDEFINED.has(b)) looksCp1252 = false;
    }
    line++;
    start = i + 1;
  }
  const hint = looksCp1252
    ? "the file looks like Windows-1252 (Excel's \"CSV\" on Windows): save it as \"CSV UTF-8\", or import it with --encoding windows-1252"
    : "save the file as UTF-8";
  problems.add(0, undefined, `the file is not valid UTF-8 (${badLines.length} line${badLines.length === 1 ? "" : "s"}); ${hint}`);
  for (const b of badLines) {
    const meaning = looksCp1252 ? ` ("${cp1252.decode(Uint8Array.of(b.byte))}" in Windows-1252)` : "";
    problems.add(b.line, undefined, `not valid UTF-8: byte 0x${b.byte.toString(16).toUpperCase().padStart(2, "0")}${meaning} at byte ${b.column} of the line`);
  }
}

/** Index of the first byte that starts an invalid UTF-8 sequence, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (need > 0) {
      try {
        utf8.decode(bytes.subarray(i, i + need + 1));
      } catch {
        return i;
      }
    }
    i += need + 1;
  }
  return -1;
}
