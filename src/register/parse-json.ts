// A JSON register is an array of row objects with the same fields as the CSV columns; tags may
// be an array and codes an object ({"cbs": "GM0014"}).

import { jsonElementLines, jsonErrorOffset } from "./json-lines.ts";
import type { ProblemList } from "./import-problem.ts";
import type { RawCell, RawHeader, RawRow, RawTable } from "./raw-table.ts";

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text[i] === "\n") line++;
  return line;
}

export function parseJson(text: string, problems: ProblemList): RawTable | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const offset = jsonErrorOffset(text);
    const snippet = offset !== undefined ? text.slice(offset, offset + 20).split("\n")[0]! : "";
    const near = offset === undefined ? "" : snippet.trim() ? ` near ${JSON.stringify(snippet)}` : " at the end of the line or file";
    // V8's message repeats the text around the error; the line number says it better.
    const message = (err as Error).message.replace(/ in JSON at position \d+.*$/s, "").replace(/, (\.\.\.)?".*$/s, "");
    problems.add(offset !== undefined ? lineAt(text, offset) : 0, undefined, `not valid JSON: ${message}${near}`);
    return undefined;
  }
  if (!Array.isArray(data)) {
    problems.add(1, undefined, "expected a JSON array of rows ([{\"domain\": \"…\", \"organisation\": \"…\"}, …])");
    return undefined;
  }
  const lines = jsonElementLines(text);
  const headers = new Map<string, RawHeader>();
  const rows: RawRow[] = [];
  data.forEach((element, index) => {
    const where = lines[index] ?? { line: 0, keys: new Map<string, number>() };
    if (element === null || typeof element !== "object" || Array.isArray(element)) {
      problems.add(where.line, undefined, `row ${index + 1} is not an object`);
      return;
    }
    const cells = new Map<string, RawCell>();
    for (const [key, value] of Object.entries(element as Record<string, unknown>)) {
      if (!headers.has(key)) headers.set(key, { text: key, line: where.keys.get(key) ?? where.line });
      const line = where.keys.get(key);
      cells.set(key, line !== undefined && line !== where.line ? { value, line } : { value });
    }
    rows.push({ line: where.line, cells });
  });
  return { format: "json", headers: [...headers.values()], rows };
}
