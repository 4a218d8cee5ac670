// Where the announced routes come from, behind one interface: a table loaded from a file, or a
// DNS-based IP-to-ASN service asked per address (ip-to-asn.ts).

import type { IpAddress } from "../net/ip.ts";
import { readDataFile, sha256Of } from "./data-file.ts";
import { addressWords } from "./prefix-words.ts";
import { parseRouteFile } from "./route-file.ts";
import { RouteTableBuilder } from "./route-table.ts";
import type { AnnouncedPrefix, RouteTable } from "./route-table.ts";
import type { SourceProvenance } from "./types.ts";

export type RouteLookup = { ok: true; prefixes: AnnouncedPrefix[] } | { ok: false; error: string };

export interface RouteSource {
  readonly provenance: SourceProvenance;
  /** The announced prefixes containing the address, most specific first, with their origins. */
  covering(ip: IpAddress): Promise<RouteLookup>;
}

export class TableRouteSource implements RouteSource {
  readonly provenance: SourceProvenance;
  readonly table: RouteTable;

  constructor(table: RouteTable, provenance: SourceProvenance) {
    this.table = table;
    this.provenance = provenance;
  }

  async covering(ip: IpAddress): Promise<RouteLookup> {
    return { ok: true, prefixes: this.table.covering(ip.family, addressWords(ip)) };
  }
}

type Origin = Omit<SourceProvenance, "role" | "format" | "loadedAt" | "counts" | "generatedAt">;

export function routesFromText(text: string, origin: Origin): TableRouteSource {
  const builder = new RouteTableBuilder();
  const parsed = parseRouteFile(text, origin.location, builder);
  const table = builder.build();
  return new TableRouteSource(table, {
    role: "routes",
    ...origin,
    format: parsed.format,
    ...(parsed.generatedAt ? { generatedAt: parsed.generatedAt } : {}),
    loadedAt: new Date().toISOString(),
    counts: { ...table.counts, lines: parsed.lines },
  });
}

export async function loadRouteFile(path: string): Promise<TableRouteSource> {
  const f = await readDataFile(path, "--rpki-routes");
  return routesFromText(f.text, { kind: "file", location: f.location, sha256: f.sha256, bytes: f.bytes, modifiedAt: f.modifiedAt });
}

export function inlineRoutes(name: string, text: string): TableRouteSource {
  return routesFromText(text, { kind: "inline", location: name, sha256: sha256Of(text), bytes: Buffer.byteLength(text) });
}
