// The municipal boundaries as SVG path data, computed once per process from CBS/PDOK's topojson
// (data/geo/gemeente_2025.topojson) with topojson-client and d3-geo. Coordinates are rounded to
// one decimal of the map's units: invisible at any print size, and it halves the file.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { geoPath, geoStereographic } from "d3-geo";
import { feature } from "topojson-client";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { GeometryCollection, Topology } from "topojson-specification";

export const MUNICIPALITY_TOPOJSON = fileURLToPath(new URL("../../../data/geo/gemeente_2025.topojson", import.meta.url));
const OBJECT_NAME = "gemeente_2025";

/** Map units: the SVG's viewBox width; the height follows the country's shape. */
const MAP_WIDTH = 560;
const MAP_MARGIN = 4;

export interface MunicipalityShape {
  /** CBS code, e.g. "GM0014" (`statcode`). */
  code: string;
  name: string;
  path: string;
}

export interface MunicipalityMap {
  width: number;
  height: number;
  shapes: MunicipalityShape[];
}

interface MunicipalityProperties {
  statcode: string;
  statnaam: string;
}

let cached: MunicipalityMap | undefined;

/** Reads and projects the boundaries (once; the result is shared and must not be changed). */
export function municipalityMap(): MunicipalityMap {
  cached ??= projectMunicipalities(readFileSync(MUNICIPALITY_TOPOJSON, "utf8"));
  return cached;
}

export function projectMunicipalities(topojsonText: string): MunicipalityMap {
  const topology = JSON.parse(topojsonText) as Topology<{ [OBJECT_NAME]: GeometryCollection<MunicipalityProperties> }>;
  const object = topology.objects[OBJECT_NAME];
  if (!object || object.type !== "GeometryCollection") throw new Error(`${MUNICIPALITY_TOPOJSON}: no "${OBJECT_NAME}" geometry collection`);
  const collection = feature(topology, object) as FeatureCollection<Geometry, MunicipalityProperties>;

  // An oblique stereographic projection centred on Amersfoort, as the Dutch national grid
  // (RD New, EPSG:28992) is: the map looks as Dutch readers know it.
  const projection = geoStereographic().rotate([-5.3876, -52.1562]).fitWidth(MAP_WIDTH - 2 * MAP_MARGIN, collection);
  const path = geoPath(projection).digits(1);
  const [[, y0], [, y1]] = path.bounds(collection);
  projection.translate([projection.translate()[0] + MAP_MARGIN, projection.translate()[1] + MAP_MARGIN - y0]);
  const height = Math.ceil(y1 - y0 + 2 * MAP_MARGIN);

  const shapes = collection.features.map((f: Feature<Geometry, MunicipalityProperties>) => {
    const { statcode, statnaam } = f.properties;
    if (typeof statcode !== "string" || typeof statnaam !== "string") throw new Error(`${MUNICIPALITY_TOPOJSON}: a municipality without statcode/statnaam`);
    return { code: statcode, name: statnaam, path: path(f) ?? "" };
  });
  return { width: MAP_WIDTH, height, shapes };
}
