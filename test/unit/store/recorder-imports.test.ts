// The recorder thread starts afresh with every run, and loading kysely (about 300 modules) cost
// it as much CPU as recording 400 domains: its code must not import kysely, even indirectly.
// It judges evidence (store/hand-over.ts) with the checks, and must not load the probes' network
// code with them. Type-only imports are erased and do not count.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const WORKER = fileURLToPath(new URL("../../../src/store/recorder-worker-entry.mjs", import.meta.url));
/** Static and dynamic imports that load code (not `import type`). */
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** The packages and the project's files that `entry` loads. */
function loadedBy(entry: string): { packages: Set<string>; files: Set<string> } {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const spec = m[1] ?? m[2]!;
      if (spec.startsWith(".")) visit(resolve(dirname(file), spec));
      else if (!spec.startsWith("node:")) packages.add(spec.split("/")[0]!);
    }
  };
  visit(entry);
  return { packages, files: seen };
}

describe("the recorder thread's code", () => {
  it("loads the database drivers but not kysely", () => {
    const { packages } = loadedBy(WORKER);
    assert.ok(!packages.has("kysely"), `the recorder thread would load kysely (packages: ${[...packages].join(", ")})`);
    assert.ok(packages.has("pg"), "the scan for imports found the PostgreSQL driver, so it follows the worker's imports");
  });

  it("loads the checks but none of the probes", () => {
    const { packages, files } = loadedBy(WORKER);
    const src = resolve(dirname(WORKER), "..");
    const project = [...files].map((f) => f.slice(src.length + 1));
    assert.ok(project.includes("checks/registry.ts"), `the checks are loaded (files: ${project.join(", ")})`);
    assert.deepEqual(project.filter((f) => /^(probes|dns|dnssec|net|testnet)\//.test(f)), []);
    assert.ok(!packages.has("dns-packet"), `the recorder thread would load dns-packet (packages: ${[...packages].join(", ")})`);
  });
});
