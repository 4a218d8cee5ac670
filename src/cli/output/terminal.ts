// Human-readable scan output: per domain and test type, the tests grouped by category, one
// line each with status and reason.

import { CATEGORY_TITLES, testDefinition } from "../../checks/catalogue.ts";
import type { Category } from "../../checks/catalogue.ts";
import type { TestStatus } from "../../checks/result.ts";
import type { TypeScanResult } from "../../scan/engine.ts";

const STATUS_LABEL: Record<TestStatus, { mark: string; colour: number }> = {
  passed: { mark: "PASS", colour: 32 },
  failed: { mark: "FAIL", colour: 31 },
  warning: { mark: "WARN", colour: 33 },
  info: { mark: "INFO", colour: 36 },
  not_tested: { mark: "----", colour: 90 },
  error: { mark: "ERR ", colour: 35 },
};

export function formatTypeResult(r: TypeScanResult, colour: boolean): string {
  const paint = (code: number, text: string) => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);
  const lines = [paint(1, `${r.domain} — ${r.type} test`) + `  score ${r.score ?? "n/a"}`];
  const byCategory = new Map<Category, string[]>();
  for (const [id, t] of Object.entries(r.tests)) {
    const cat = testDefinition(id).category;
    const s = STATUS_LABEL[t.status];
    const line = `    ${paint(s.colour, s.mark)}  ${id.padEnd(28)} ${t.reason}`;
    byCategory.set(cat, [...(byCategory.get(cat) ?? []), line]);
  }
  for (const [cat, catLines] of byCategory) lines.push(`  ${CATEGORY_TITLES[cat]}`, ...catLines);
  return lines.join("\n");
}

/** A one-line progress display on stderr, only when stderr is a terminal. */
export function createProgress(total: number, enabled: boolean) {
  const started = Date.now();
  let done = 0;
  let errors = 0;
  const draw = () => {
    if (!enabled) return;
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? done / secs : 0;
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    process.stderr.write(`\r\x1b[K  scanned ${done}/${total}  ${rate.toFixed(1)}/s  ETA ${eta}s  errors ${errors}`);
  };
  return {
    tick(hadError: boolean) { done++; if (hadError) errors++; draw(); },
    finish() { if (enabled && total > 0) process.stderr.write("\r\x1b[K"); },
  };
}

/** The closing line of a multi-domain scan: how many tests ended in each status. */
export function formatSummary(results: readonly TypeScanResult[]): string {
  const counts = new Map<TestStatus, number>();
  for (const r of results) for (const t of Object.values(r.tests)) counts.set(t.status, (counts.get(t.status) ?? 0) + 1);
  const domains = new Set(results.map((r) => r.domain)).size;
  const parts = (Object.keys(STATUS_LABEL) as TestStatus[]).filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s.replace("_", " ")}`);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return `${domains} domains, ${total} tests: ${parts.join(", ")}`;
}
