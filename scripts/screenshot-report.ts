// Takes the README's picture of an HTML report (e.g. the one `meetlat demo` writes) with headless
// chromium, started offline exactly as the browser test starts it (test/helpers/chromium.ts).
//
//   node scripts/screenshot-report.ts REPORT.html [--out docs/images/report.png]
//        [--section map | --full] [--width 1280] [--height 1300]
//
// By default the picture shows the report's header and its municipality map (the other
// sections hidden, since a headless screenshot cannot scroll); --full shows the top of the page.

import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { findChromium } from "../test/helpers/chromium.ts";
import { screenshotReport } from "../test/helpers/report-screenshot.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const USAGE = "usage: node scripts/screenshot-report.ts REPORT.html [--out FILE.png] [--section ID | --full] [--width N] [--height N]";

function fail(message: string): never {
  process.stderr.write(`screenshot-report: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function pixels(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 200 || n > 10_000) fail(`--${name} must be a whole number of pixels from 200 to 10000, not "${value}"`);
  return n;
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { out: { type: "string" }, section: { type: "string" }, full: { type: "boolean" }, width: { type: "string" }, height: { type: "string" } },
  });
} catch (err) {
  fail((err as Error).message);
}
const { values, positionals } = parsed;
if (positionals.length !== 1) fail("name one HTML report");
if (values.full && values.section) fail("--full and --section exclude each other");
const report = resolve(positionals[0]!);
if (!existsSync(report)) fail(`${report} does not exist`);
if (!findChromium()) fail("chromium is not installed (Debian: apt-get install chromium)");

const out = resolve(values.out ?? join(root, "docs/images/report.png"));
mkdirSync(dirname(out), { recursive: true });
const section = values.full ? undefined : (values.section ?? "map");
try {
  await screenshotReport(report, out, { section, width: pixels(values.width, 1280, "width"), height: pixels(values.height, 1300, "height"), timeoutMs: 120_000 });
} catch (err) {
  fail((err as Error).message);
}
process.stderr.write(`screenshot-report: wrote ${out} (${Math.round(statSync(out).size / 1024)} KiB${section ? `, header and section "${section}"` : ", top of the page"})\n`);
