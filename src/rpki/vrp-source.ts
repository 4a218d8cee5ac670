// Loads the VRPs of a run from a file or a validator's HTTP endpoint into a VrpTable, with the
// provenance that every RPKI result records. JSON or CSV is told from the first character.
// (Imports of http-get.ts load undici only when a URL is fetched.)

import { readDataFile, sha256Of } from "./data-file.ts";
import { httpGetText } from "./http-get.ts";
import type { HttpGetOptions } from "./http-get.ts";
import type { SourceProvenance } from "./types.ts";
import { parseVrpCsv } from "./vrp-csv.ts";
import { parseVrpJson } from "./vrp-json.ts";
import type { ParsedVrpFile } from "./vrp-json.ts";
import { VrpTableBuilder } from "./vrp-table.ts";
import type { VrpTable } from "./vrp-table.ts";

export interface LoadedVrps {
  table: VrpTable;
  provenance: SourceProvenance;
}

type Origin = Omit<SourceProvenance, "role" | "format" | "loadedAt" | "counts" | "generatedAt">;

/** Parses VRP text (JSON or CSV) from `origin` (where it came from, for errors and provenance). */
export function vrpsFromText(text: string, origin: Origin): LoadedVrps {
  const builder = new VrpTableBuilder();
  const first = text.trimStart()[0];
  const parsed: ParsedVrpFile = first === "{" || first === "[" ? parseVrpJson(text, origin.location, builder) : parseVrpCsv(text, origin.location, builder);
  const table = builder.build();
  return {
    table,
    provenance: {
      role: "vrps",
      ...origin,
      format: parsed.format,
      ...(parsed.generatedAt ? { generatedAt: parsed.generatedAt } : {}),
      loadedAt: new Date().toISOString(),
      counts: table.counts,
    },
  };
}

export async function loadVrpFile(path: string): Promise<LoadedVrps> {
  const f = await readDataFile(path, "--rpki-vrps");
  return vrpsFromText(f.text, { kind: "file", location: f.location, sha256: f.sha256, bytes: f.bytes, modifiedAt: f.modifiedAt });
}

/** VRPs given as text by the program itself (the built-in testnet, tests). */
export function inlineVrps(name: string, text: string): LoadedVrps {
  return vrpsFromText(text, { kind: "inline", location: name, sha256: sha256Of(text), bytes: Buffer.byteLength(text) });
}

/** Fetches the VRPs from a validator's HTTP endpoint (Routinator: http://HOST:8323/json or /csv). */
export async function fetchVrps(url: string, o: HttpGetOptions): Promise<LoadedVrps> {
  const fetchedAt = new Date().toISOString();
  const got = await httpGetText(url, o);
  return vrpsFromText(got.text, { kind: "url", location: url, sha256: sha256Of(got.text), bytes: Buffer.byteLength(got.text), fetchedAt });
}
