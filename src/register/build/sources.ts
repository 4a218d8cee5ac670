// Reads the public source files (../shared/data) the builtin registers are derived from. Only
// the build script and its check read these; a clone of the project needs the derived files only.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";

export interface WooBody {
  Bestuursorgaan: string;
  Website?: string;
  Emailadres?: string;
  Land: string;
}

export interface Domain2022 {
  name: string;
  type: string;
  agency: string;
}

export interface CbsMunicipality {
  code: string;
  name: string;
}

export interface DotGovRow {
  domain: string;
  domainType: string;
  organisation: string;
  suborganisation: string;
  city: string;
  state: string;
}

export interface SharedSources {
  woo: WooBody[];
  domains2022: Domain2022[];
  municipalities: CbsMunicipality[];
  dotgov: DotGovRow[];
}

type CsvRecord = Record<string, string>;

function readCsv(path: string): CsvRecord[] {
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true }) as CsvRecord[];
}

/** The municipalities of the CBS boundaries file (TopoJSON properties statcode/statnaam). */
export function municipalitiesOfTopojson(text: string): CbsMunicipality[] {
  const topo = JSON.parse(text) as { objects: Record<string, { geometries: { properties: { statcode: string; statnaam: string } }[] }> };
  const layer = Object.values(topo.objects)[0]!;
  return layer.geometries.map((g) => ({ code: g.properties.statcode, name: g.properties.statnaam }));
}

export function readSharedSources(dataDir: string): SharedSources {
  return {
    woo: JSON.parse(readFileSync(join(dataDir, "registers/nl-adreslijst-woo-2024.json"), "utf8")) as WooBody[],
    domains2022: readCsv(join(dataDir, "registers/nl-government-domains-2022.csv")).map((r) => ({ name: r["Domain Name"]!, type: r["Domain Type"]!, agency: r.Agency! })),
    municipalities: municipalitiesOfTopojson(readFileSync(join(dataDir, "geo/gemeente_2025.topojson"), "utf8")),
    dotgov: readCsv(join(dataDir, "registers/us-dotgov-current-full.csv")).map((r) => ({
      domain: r["Domain name"]!, domainType: r["Domain type"]!, organisation: r["Organization name"]!,
      suborganisation: r["Suborganization name"]!, city: r.City!, state: r.State!,
    })),
  };
}
