// Finds where an element of a JSON array starts, to name the line of a bad entry. JSON.parse
// gives values without positions; this walks the text once, only when an error is reported.

/**
 * The 1-based line on which element `index` of the array under the top-level key `key`
 * starts, or undefined if the text does not have one there.
 */
export function lineOfArrayElement(text: string, key: string, index: number): number | undefined {
  let line = 1;
  let depth = 0;
  let inTarget = false;
  let expectElement = false;
  let element = -1;
  let lastKey: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "\n") { line++; continue; }
    if (c === " " || c === "\t" || c === "\r") continue;
    if (inTarget && depth === 2 && expectElement && c !== "]") {
      element++;
      expectElement = false;
      if (element === index) return line;
    }
    if (c === "\"") {
      const start = i + 1;
      for (i++; i < text.length && text[i] !== "\""; i++) if (text[i] === "\\") i++;
      if (depth === 1) lastKey = text.slice(start, i);
      continue;
    }
    if (c === "{" || c === "[") {
      depth++;
      if (c === "[" && depth === 2 && lastKey === key) { inTarget = true; expectElement = true; }
    } else if (c === "}" || c === "]") {
      if (depth === 2 && inTarget) inTarget = false;
      depth--;
    } else if (c === "," && inTarget && depth === 2) {
      expectElement = true;
    } else if (c === "," && depth === 1) {
      lastKey = undefined;
    }
  }
  return undefined;
}
