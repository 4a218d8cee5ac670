// Register domains are names that can be measured: normalised as `meetlat scan` does (IDNA,
// lower case, no trailing dot — src/scan/domain-input.ts), and in addition host names only
// (letters, digits, hyphens: no wildcards or service labels) with at least two labels.

import { DomainInputError, normaliseDomainInput } from "../scan/domain-input.ts";

export class RegisterDomainError extends Error {}

export function normaliseRegisterDomain(input: string): string {
  let name: string;
  try {
    name = normaliseDomainInput(input);
  } catch (err) {
    if (err instanceof DomainInputError) throw new RegisterDomainError(err.message);
    throw err;
  }
  if (/[*_]/.test(name)) throw new RegisterDomainError(`"${input}": only host names can be registered (letters, digits and hyphens; no * or _)`);
  if (!name.includes(".")) throw new RegisterDomainError(`"${input}" is a single label; give the full domain name (e.g. ${name}.nl)`);
  if (name.length > 253) throw new RegisterDomainError(`"${input}" is longer than 253 characters`);
  if (/(^|\.)-|-(\.|$)/.test(name)) throw new RegisterDomainError(`"${input}": a label may not start or end with a hyphen`);
  return name;
}
