// Domain names in presentation format, as meetlat keeps them everywhere: no trailing dot,
// the root is ".", case as seen on the wire, and bytes that are not plain printable ASCII (or
// are "." and "\") escaped per RFC 1035 section 5.1, so that a name survives every round trip.

export class NameError extends Error {}

const MAX_WIRE_LENGTH = 255;
const MAX_LABEL_LENGTH = 63;

/** Splits a presentation-format name into wire labels (without the root label). */
export function nameToLabels(name: string): Uint8Array[] {
  if (name === "." || name === "") return [];
  const text = name.endsWith(".") && !name.endsWith("\\.") ? name.slice(0, -1) : name;
  const labels: Uint8Array[] = [];
  let current: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x2e /* . */) {
      if (current.length === 0) throw new NameError(`empty label in name: ${name}`);
      labels.push(Uint8Array.from(current));
      current = [];
    } else if (ch === 0x5c /* \ */) {
      const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4));
      if (digits) {
        const value = Number(digits[0]);
        if (value > 255) throw new NameError(`bad escape \\${digits[0]} in name: ${name}`);
        current.push(value);
        i += 3;
      } else if (i + 1 < text.length) {
        current.push(text.charCodeAt(++i) & 0xff);
      } else {
        throw new NameError(`dangling escape in name: ${name}`);
      }
    } else if (ch > 0x7e) {
      // Non-ASCII input is taken as UTF-8 bytes; IDNA conversion is the register's job.
      current.push(...Buffer.from(text[i]!, "utf8"));
    } else {
      current.push(ch);
    }
    if (current.length > MAX_LABEL_LENGTH) throw new NameError(`label longer than 63 octets in name: ${name}`);
  }
  if (current.length === 0) throw new NameError(`empty label in name: ${name}`);
  labels.push(Uint8Array.from(current));
  const wireLength = labels.reduce((n, l) => n + l.length + 1, 1);
  if (wireLength > MAX_WIRE_LENGTH) throw new NameError(`name longer than 255 octets: ${name}`);
  return labels;
}

function escapeLabel(label: Uint8Array): string {
  let out = "";
  for (const b of label) {
    if (b === 0x2e || b === 0x5c) out += "\\" + String.fromCharCode(b);
    else if (b > 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += "\\" + b.toString().padStart(3, "0");
  }
  return out;
}

/** Joins wire labels (without the root label) into a presentation-format name. */
export function labelsToName(labels: readonly Uint8Array[]): string {
  return labels.length === 0 ? "." : labels.map(escapeLabel).join(".");
}

/** Uncompressed wire form of a name, ending in the root label. */
export function nameToWire(name: string): Uint8Array {
  const labels = nameToLabels(name);
  const out = new Uint8Array(labels.reduce((n, l) => n + l.length + 1, 1));
  let offset = 0;
  for (const label of labels) {
    out[offset++] = label.length;
    out.set(label, offset);
    offset += label.length;
  }
  out[offset] = 0;
  return out;
}

/** Lower-cases ASCII letters only (DNS case-insensitivity, RFC 4343) and drops a trailing dot. */
export function normaliseName(name: string): string {
  if (name === "." || name === "") return ".";
  const lower = name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return lower.endsWith(".") && !lower.endsWith("\\.") ? lower.slice(0, -1) : lower;
}

export function namesEqual(a: string, b: string): boolean {
  return normaliseName(a) === normaliseName(b);
}

/** Number of labels, not counting the root ("." has 0, "a.example" has 2). */
export function labelCount(name: string): number {
  return nameToLabels(name).length;
}

/** The name with its leftmost label removed; the parent of a TLD is ".". */
export function parentName(name: string): string {
  const labels = nameToLabels(name);
  if (labels.length === 0) throw new NameError("the root has no parent");
  return labelsToName(labels.slice(1));
}

/** True if `name` equals `ancestor` or lies below it. */
export function isSubdomainOf(name: string, ancestor: string): boolean {
  const a = nameToLabels(normaliseName(ancestor));
  const n = nameToLabels(normaliseName(name));
  if (a.length > n.length) return false;
  const offset = n.length - a.length;
  return a.every((label, i) => Buffer.compare(label, n[offset + i]!) === 0);
}

/** The ancestors of a name from the root down to the name itself: ".", "nl", "example.nl". */
export function ancestorsFromRoot(name: string): string[] {
  const labels = nameToLabels(name);
  const out = ["."];
  for (let i = labels.length - 1; i >= 0; i--) out.push(labelsToName(labels.slice(i)));
  return out;
}

function lowerLabel(label: Uint8Array): Uint8Array {
  return label.map((b) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b));
}

/** Canonical DNS name order (RFC 4034 section 6.1): compare label by label from the right. */
export function compareCanonical(a: string, b: string): number {
  const la = nameToLabels(a).map(lowerLabel);
  const lb = nameToLabels(b).map(lowerLabel);
  for (let i = 1; i <= Math.min(la.length, lb.length); i++) {
    const c = Buffer.compare(la[la.length - i]!, lb[lb.length - i]!);
    if (c !== 0) return c;
  }
  return la.length - lb.length;
}
