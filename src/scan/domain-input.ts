// Domains as users type them: trimmed, IDNA-converted (node's WHATWG domainToASCII), lowercased,
// without a trailing dot, and checked for DNS name limits.

import { domainToASCII } from "node:url";
import { nameToLabels, normaliseName } from "../dns/name.ts";

export class DomainInputError extends Error {}

export function normaliseDomainInput(input: string): string {
  const trimmed = input.trim().replace(/\.$/, "");
  if (!trimmed) throw new DomainInputError("empty domain name");
  if (/[/:@\s]/.test(trimmed)) throw new DomainInputError(`"${input}" is not a domain name (give the name only, without scheme, port or path)`);
  const ascii = /^[\x21-\x7e]+$/.test(trimmed) ? trimmed : domainToASCII(trimmed);
  if (!ascii) throw new DomainInputError(`"${input}" is not a valid internationalised domain name`);
  const name = normaliseName(ascii);
  try {
    const labels = nameToLabels(name);
    if (labels.length < 1) throw new DomainInputError(`"${input}" is not a domain name`);
  } catch (err) {
    throw new DomainInputError(`"${input}": ${(err as Error).message}`);
  }
  if (!/^[a-z0-9_*]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(name)) {
    throw new DomainInputError(`"${input}" contains characters that are not allowed in a host name`);
  }
  return name;
}
