// Derives the builtin registers (data/registers/*/register.csv and their build reports) from the
// public source files in ../shared/data. The output is committed, so a fresh clone needs nothing
// else; run this after changing a source or a mapping file in data/registers/*/mapping*.
//
//   node scripts/build-register-data.ts [--data DIR] [--check]
//
// --check writes nothing and exits 1 if a committed file differs from what the sources give.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildAll } from "../src/register/build/build-all.ts";
import { readSharedSources } from "../src/register/build/sources.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { data: { type: "string" }, check: { type: "boolean" } } });
const dataDir = resolve(values.data ?? join(root, "../shared/data"));
const outDir = join(root, "data/registers");

const files = buildAll(readSharedSources(dataDir));
let stale = 0;
for (const [path, content] of files) {
  const target = join(outDir, path);
  if (values.check) {
    let current = "";
    try {
      current = readFileSync(target, "utf8");
    } catch { /* missing counts as different */ }
    if (current !== content) {
      stale++;
      process.stderr.write(`build-register-data: ${path} differs from what the sources give\n`);
    }
  } else {
    writeFileSync(target, content);
    process.stderr.write(`build-register-data: wrote data/registers/${path}\n`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
