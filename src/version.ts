// The meetlat version, read once from package.json (the single source of truth).

import { readFileSync } from "node:fs";

export const MEETLAT_VERSION: string = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
