// Every derived file under data/registers/, as path → content, so that the build script writes
// them and a test can check that the committed files are what the sources give today.

import { buildNl } from "./build-nl.ts";
import type { BuildReport } from "./build-nl.ts";
import { buildUs } from "./build-us.ts";
import { rowsToCsv } from "./register-rows.ts";
import type { SharedSources } from "./sources.ts";

function reportMarkdown(title: string, report: BuildReport): string {
  const lines = [`# ${title}`, "", "Written by `scripts/build-register-data.ts`; do not edit.", "", "| | count |", "|---|---:|"];
  for (const [k, v] of Object.entries(report.counts)) lines.push(`| ${k} | ${v} |`);
  for (const [topic, items] of Object.entries(report.notes)) {
    if (items.length === 0) continue;
    lines.push("", `## ${topic} (${items.length})`, "", ...items.map((i) => `- ${i}`));
  }
  return lines.join("\n") + "\n";
}

export function buildAll(src: SharedSources): Map<string, string> {
  const nl = buildNl(src);
  const us = buildUs(src);
  const cbs = ["code,name", ...[...src.municipalities].sort((a, b) => a.code.localeCompare(b.code)).map((m) => `${m.code},${/[",]/.test(m.name) ? `"${m.name.replace(/"/g, "\"\"")}"` : m.name}`)].join("\n") + "\n";
  return new Map([
    ["nl/register.csv", rowsToCsv(nl.rows)],
    ["nl/BUILD-REPORT.md", reportMarkdown("The Dutch register: what the build did", nl.report)],
    ["nl/cbs-gemeenten-2025.csv", cbs],
    ["us/register.csv", rowsToCsv(us.rows)],
    ["us/BUILD-REPORT.md", reportMarkdown("The US .gov register: what the build did", us.report)],
  ]);
}
