// Splits zone-file text (RFC 1035 section 5.1) into entries: one entry per logical line, with
// parentheses joining physical lines, comments removed and quoted strings kept whole. Escapes
// are left in the token text ("\.", "\032"): names and character-strings decode them
// differently, so that is the job of whoever consumes the token.

export class ZoneParseError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

export interface ZoneToken {
  /** Raw text, escapes kept; for a quoted string, what was between the quotes. */
  text: string;
  quoted: boolean;
  line: number;
}

export interface ZoneEntry {
  /** Line on which the entry starts. */
  line: number;
  /** The line began with a blank, so the owner name is omitted (the previous owner applies). */
  ownerOmitted: boolean;
  tokens: ZoneToken[];
}

function isBlank(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\r";
}

function isDelimiter(ch: string): boolean {
  return isBlank(ch) || ch === "\n" || ch === "(" || ch === ")" || ch === ";" || ch === '"';
}

export function tokenizeZone(text: string): ZoneEntry[] {
  const entries: ZoneEntry[] = [];
  let line = 1;
  let depth = 0;
  let openParenLine = 0;
  let entry: ZoneEntry | undefined;
  let lineStartsBlank = isBlank(text[0] ?? "");

  const push = (token: ZoneToken) => {
    entry ??= { line: token.line, ownerOmitted: lineStartsBlank, tokens: [] };
    entry.tokens.push(token);
  };
  const endEntry = () => {
    if (entry) entries.push(entry);
    entry = undefined;
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "\n") {
      line++;
      i++;
      if (depth === 0) {
        endEntry();
        lineStartsBlank = isBlank(text[i] ?? "");
      }
    } else if (isBlank(ch)) {
      i++;
    } else if (ch === ";") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (ch === "(") {
      if (depth === 0) openParenLine = line;
      depth++;
      i++;
      // A "(" opening an entry still belongs to it: an owner-less line may start with one.
      entry ??= { line, ownerOmitted: lineStartsBlank, tokens: [] };
    } else if (ch === ")") {
      if (depth === 0) throw new ZoneParseError(line, "')' without matching '('");
      depth--;
      i++;
    } else if (ch === '"') {
      const start = line;
      let raw = "";
      i++;
      for (;;) {
        if (i >= text.length || text[i] === "\n") throw new ZoneParseError(start, "unterminated quoted string");
        const c = text[i]!;
        if (c === '"') break;
        if (c === "\\" && i + 1 < text.length && text[i + 1] !== "\n") {
          raw += c + text[i + 1]!;
          i += 2;
        } else {
          raw += c;
          i++;
        }
      }
      i++;
      push({ text: raw, quoted: true, line: start });
    } else {
      let raw = "";
      while (i < text.length && !isDelimiter(text[i]!)) {
        if (text[i] === "\\" && i + 1 < text.length && text[i + 1] !== "\n") {
          raw += text.slice(i, i + 2);
          i += 2;
        } else {
          raw += text[i]!;
          i++;
        }
      }
      push({ text: raw, quoted: false, line });
    }
  }
  if (depth > 0) throw new ZoneParseError(openParenLine, "'(' never closed");
  endEntry();
  return entries.filter((e) => e.tokens.length > 0);
}

/**
 * Decodes the escapes of a character-string token (RFC 1035 5.1: "\X" is X, "\DDD" is the
 * octet DDD) into octets; characters beyond ASCII become their UTF-8 octets.
 */
export function decodeCharacterString(token: ZoneToken): Uint8Array {
  const out: number[] = [];
  const t = token.text;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === "\\") {
      const digits = /^\d{3}/.exec(t.slice(i + 1, i + 4));
      if (digits) {
        const value = Number(digits[0]);
        if (value > 255) throw new ZoneParseError(token.line, `bad escape \\${digits[0]}`);
        out.push(value);
        i += 3;
      } else if (i + 1 < t.length) {
        out.push(...Buffer.from(t[++i]!, "utf8"));
      } else {
        throw new ZoneParseError(token.line, "dangling escape");
      }
    } else {
      const char = String.fromCodePoint(t.codePointAt(i)!); // keep surrogate pairs together
      out.push(...Buffer.from(char, "utf8"));
      i += char.length - 1;
    }
  }
  return Uint8Array.from(out);
}

/** Presentation form of octets as a quoted character-string, escaping what must be. */
export function quoteCharacterString(bytes: Uint8Array): string {
  let out = '"';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) out += "\\" + String.fromCharCode(b);
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += "\\" + b.toString().padStart(3, "0");
  }
  return out + '"';
}
