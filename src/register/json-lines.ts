// JSON.parse does not say where things are. This scanner walks a JSON text once and records,
// for the top-level array, the line on which each element starts and the line of each key of
// the objects in it, so that problems in a JSON register name lines like those in a CSV.

export interface JsonElementLines {
  line: number;
  keys: Map<string, number>;
}

export function jsonElementLines(text: string): JsonElementLines[] {
  const out: JsonElementLines[] = [];
  let line = 1;
  let depth = 0;
  let i = 0;
  // In an object at depth 2 (an element of the top-level array), the next string is a key.
  let expectKey = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\n") {
      line++;
      i++;
      continue;
    }
    if (ch === "\"") {
      const start = i;
      i++;
      while (i < text.length && text[i] !== "\"") {
        if (text[i] === "\\") i++;
        else if (text[i] === "\n") line++;
        i++;
      }
      i++;
      if (depth === 2 && expectKey && out.length > 0) {
        const key = JSON.parse(text.slice(start, i)) as string;
        if (!out.at(-1)!.keys.has(key)) out.at(-1)!.keys.set(key, line);
        expectKey = false;
      } else if (depth === 1) {
        out.push({ line, keys: new Map() });
      }
      continue;
    }
    if (ch === "{" || ch === "[") {
      if (depth === 1) out.push({ line, keys: new Map() });
      depth++;
      if (depth === 2 && ch === "{") expectKey = true;
    } else if (ch === "}" || ch === "]") {
      depth--;
    } else if (ch === "," && depth === 2) {
      expectKey = true;
    } else if (depth === 1 && !/[\s,]/.test(ch)) {
      // A number, true, false or null as an element: note its line, skip the token.
      out.push({ line, keys: new Map() });
      while (i + 1 < text.length && !/[\s,\]]/.test(text[i + 1]!)) i++;
    }
    i++;
  }
  return out;
}

/**
 * The offset of the first syntax error in a JSON text, for the messages of JSON.parse that do
 * not say where (V8 gives a position for some errors only). Undefined when the text parses.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = () => { while (i < text.length && " \t\r\n".includes(text[i]!)) i++; };
  const fail = (): never => { throw i; };
  const literal = (word: string) => { if (text.startsWith(word, i)) i += word.length; else fail(); };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== "\"") {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === "\\" ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") { i++; return; }
      while (true) {
        ws();
        if (text[i] !== "\"") fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "}") { i++; return; }
        fail();
      }
    } else if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") { i++; return; }
      while (true) {
        value();
        ws();
        if (text[i] === ",") { i++; continue; }
        if (text[i] === "]") { i++; return; }
        fail();
      }
    } else if (ch === "\"") {
      string();
    } else if (ch === "t") literal("true");
    else if (ch === "f") literal("false");
    else if (ch === "n") literal("null");
    else {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (!m) fail();
      i += m![0].length;
    }
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return undefined;
  } catch (at) {
    if (typeof at === "number") return at;
    throw at;
  }
}
